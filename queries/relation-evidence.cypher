// name: relation-evidence
// description: The sources behind a relation between two entities: each evidence sentence ("article_id:start:end") with its article, and the claim and speaker it came from.
// param: source = Ukraine  (name of the relation's source entity, case-insensitive substring)
// param: target = mercenaries  (name of the relation's target entity, case-insensitive substring)
// dialect: both
MATCH (s:Entity)-[r]->(t:Entity)
WHERE r.evidence IS NOT NULL
  AND (toLower(s.name) CONTAINS toLower($source)
       OR any(al IN coalesce(s.aliases, []) WHERE toLower(al) CONTAINS toLower($source)))
  AND (toLower(t.name) CONTAINS toLower($target)
       OR any(al IN coalesce(t.aliases, []) WHERE toLower(al) CONTAINS toLower($target)))
UNWIND r.evidence AS ev
WITH s, r, t, ev, split(ev, ':') AS parts
WITH s, r, t, ev, toInteger(parts[size(parts) - 2]) AS start, toInteger(parts[size(parts) - 1]) AS stop,
     substring(ev, 0, size(ev) - size(parts[size(parts) - 1]) - size(parts[size(parts) - 2]) - 2) AS article_id
MATCH (a:Article {id: article_id})
OPTIONAL MATCH (c:Claim)-[:IN_ARTICLE]->(a)
WHERE c.id IN coalesce(r.claims, [])
RETURN s.name AS source, type(r) AS relation, r.status AS status, t.name AS target,
       substring(a.text, start, stop - start) AS sentence, a.title AS article, a.source AS publisher,
       a.published AS published, c.speaker_text AS speaker, c.cue AS cue
ORDER BY relation, published

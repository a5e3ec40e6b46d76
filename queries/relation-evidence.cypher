// name: relation-evidence
// description: The sources behind a relation between two entities: each evidence sentence ("article_id:start:end") with its article, and the claim and speaker it came from.
// param: source = Ukraine  (the relation's source entity: name, alias or whole words of one; case-insensitive)
// param: target = mercenaries  (the relation's target entity: name, alias or whole words of one; case-insensitive)
// dialect: both
MATCH (s:Entity)
WHERE toLower(trim($source)) IN s.keys
MATCH (t:Entity)
WHERE toLower(trim($target)) IN t.keys
MATCH (s)-[r]->(t)
WHERE r.evidence IS NOT NULL
UNWIND r.evidence AS ev
WITH s, r, t, ev, split(ev, ':') AS parts
WITH s, r, t, ev, toInteger(parts[size(parts) - 2]) AS start, toInteger(parts[size(parts) - 1]) AS stop,
     substring(ev, 0, size(ev) - size(parts[size(parts) - 1]) - size(parts[size(parts) - 2]) - 2) AS article_id
MATCH (a:Article {id: article_id})
OPTIONAL MATCH (c:Claim)-[:IN_ARTICLE]->(a)
WHERE c.id IN coalesce(r.claims, [])
RETURN s.name AS source, type(r) AS relation, r.event_type AS event_type, r.status AS status,
       r.mode AS mode, t.name AS target,
       substring(a.text, start, stop - start) AS sentence, a.title AS article, a.source AS publisher,
       a.published AS published, c.speaker_text AS speaker, c.cue AS cue
ORDER BY relation, published
LIMIT 100

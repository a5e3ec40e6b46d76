// name: allegations-about
// description: Alleged (hedged or unproven) claims whose content names the entity, with who alleged it and where.
// param: name = Ukraine  (entity name or alias, case-insensitive substring)
// dialect: both
MATCH (c:Claim)-[:ABOUT]->(e:Entity)
WHERE c.status = 'alleged'
  AND (toLower(e.name) CONTAINS toLower($name)
       OR any(al IN coalesce(e.aliases, []) WHERE toLower(al) CONTAINS toLower($name)))
OPTIONAL MATCH (s:Entity)-[:ASSERTS]->(c)
OPTIONAL MATCH (c)-[:IN_ARTICLE]->(a:Article)
RETURN e.name AS about, coalesce(s.name, c.speaker_text) AS alleged_by, c.cue AS cue, c.text AS claim,
       a.title AS article, a.published AS published
ORDER BY published, claim

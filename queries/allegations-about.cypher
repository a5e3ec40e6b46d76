// name: allegations-about
// description: Alleged (hedged or unproven) claims whose content names the entity, with who alleged it and where; the newest 100.
// param: name = Ukraine  (entity name or alias, or whole words of one; case-insensitive)
// dialect: both
MATCH (e:Entity)
WHERE toLower(trim($name)) IN e.keys
MATCH (c)-[:ABOUT]->(e)
WHERE c.status = 'alleged'
WITH e, c
ORDER BY c.published DESC
LIMIT 100
OPTIONAL MATCH (s:Entity)-[:ASSERTS]->(c)
OPTIONAL MATCH (c)-[:IN_ARTICLE]->(a:Article)
RETURN e.name AS about, coalesce(s.name, c.speaker_text) AS alleged_by, c.cue AS cue, c.text AS claim,
       a.title AS article, a.published AS published
ORDER BY published, claim

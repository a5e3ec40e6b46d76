// name: claims-by-speaker
// description: Every attributed claim a speaker made (resolved speaker entity or the quoted speaker text), with cue, status, what it is about and the source article.
// param: speaker = Patrushev  (speaker name or alias, case-insensitive substring)
// dialect: both
MATCH (c:Claim)
OPTIONAL MATCH (s:Entity)-[:ASSERTS]->(c)
WITH c, s
WHERE toLower(coalesce(c.speaker_text, '')) CONTAINS toLower($speaker)
   OR (s IS NOT NULL AND (toLower(s.name) CONTAINS toLower($speaker)
       OR any(al IN coalesce(s.aliases, []) WHERE toLower(al) CONTAINS toLower($speaker))))
OPTIONAL MATCH (c)-[:IN_ARTICLE]->(a:Article)
OPTIONAL MATCH (c)-[:ABOUT]->(e:Entity)
RETURN coalesce(s.name, c.speaker_text) AS speaker, c.cue AS cue, c.status AS status, c.text AS claim,
       collect(DISTINCT e.name) AS about, a.title AS article, a.published AS published
ORDER BY published, claim

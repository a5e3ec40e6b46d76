// name: claims-by-speaker
// description: Attributed claims a speaker made (the resolved speaker entity, or words of the speaker as quoted), with cue, status, what they are about and the source article; the newest 100.
// param: speaker = Patrushev  (speaker name or alias, or whole words of one; case-insensitive)
// param: since = 2026-01-01  (optional: published on or after this date; YYYY, YYYY-MM or YYYY-MM-DD)
// param: until = 2026-12-31  (optional: published on or before this date, inclusive to the precision given)
// param: publisher = Reuters  (optional: only articles from this source (publisher), case-insensitive)
// dialect: both
CALL {
  MATCH (s:Entity)
  WHERE toLower(trim($speaker)) IN s.keys
  MATCH (s)-[:ASSERTS]->(c:Claim)
  RETURN c
  UNION
  MATCH (c:Claim)
  WHERE toLower(trim($speaker)) IN c.speaker_keys
  RETURN c
}
WITH DISTINCT c
OPTIONAL MATCH (c)-[:IN_ARTICLE]->(a:Article)
WITH c, a
WHERE ($since IS NULL OR a.published >= $since)
  AND ($until IS NULL OR substring(a.published, 0, size($until)) <= $until)
  AND ($publisher IS NULL OR toLower(a.source) = toLower(trim($publisher)))
WITH c, a
ORDER BY c.published DESC
LIMIT 100
OPTIONAL MATCH (s:Entity)-[:ASSERTS]->(c)
OPTIONAL MATCH (c)-[:ABOUT]->(e:Entity)
RETURN coalesce(s.name, c.speaker_text) AS speaker, c.cue AS cue, c.status AS status, c.text AS claim,
       collect(DISTINCT e.name) AS about, a.title AS article, a.published AS published
ORDER BY published, claim

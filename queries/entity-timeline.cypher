// name: entity-timeline
// description: The articles that mention an entity in date order (the newest 50), with the claims made by or about it in each.
// param: name = Patrushev  (entity name or alias, or whole words of one; case-insensitive)
// param: since = 2026-01-01  (optional: published on or after this date; YYYY, YYYY-MM or YYYY-MM-DD)
// param: until = 2026-12-31  (optional: published on or before this date, inclusive to the precision given)
// param: publisher = Reuters  (optional: only articles from this source (publisher), case-insensitive)
// dialect: both
MATCH (e:Entity)
WHERE toLower(trim($name)) IN e.keys
MATCH (a:Article)-[m:MENTIONS]->(e)
WITH e, a, m
WHERE ($since IS NULL OR a.published >= $since)
  AND ($until IS NULL OR substring(a.published, 0, size($until)) <= $until)
  AND ($publisher IS NULL OR toLower(a.source) = toLower(trim($publisher)))
WITH e, a, m
ORDER BY a.published DESC
LIMIT 50
OPTIONAL MATCH (c:Claim)-[:IN_ARTICLE]->(a)
WHERE (c)-[:ABOUT]->(e) OR (e)-[:ASSERTS]->(c)
RETURN e.name AS entity, a.published AS published, a.title AS article, a.source AS source, m.count AS mentions,
       collect(DISTINCT c.text) AS claims
ORDER BY published, article

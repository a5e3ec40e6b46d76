// name: articles-mentioning
// description: Articles that mention an entity, newest first (at most 100), with how often.
// param: name = Ukraine  (entity name or alias, or whole words of one; case-insensitive)
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
RETURN e.name AS entity, a.title AS article, a.published AS published, a.source AS source, a.url AS url,
       m.count AS mentions
ORDER BY published DESC, article
LIMIT 100

// name: articles-mentioning
// description: Articles that mention an entity, newest first (at most 100), with how often.
// param: name = Ukraine  (entity name or alias, or whole words of one; case-insensitive)
// dialect: both
MATCH (e:Entity)
WHERE toLower(trim($name)) IN e.keys
MATCH (a:Article)-[m:MENTIONS]->(e)
RETURN e.name AS entity, a.title AS article, a.published AS published, a.source AS source, a.url AS url,
       m.count AS mentions
ORDER BY published DESC, article
LIMIT 100

// name: articles-mentioning
// description: Articles that mention an entity, newest first, with how often.
// param: name = Ukraine  (entity name or alias, case-insensitive substring)
// dialect: both
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
WHERE toLower(e.name) CONTAINS toLower($name)
   OR any(al IN coalesce(e.aliases, []) WHERE toLower(al) CONTAINS toLower($name))
RETURN e.name AS entity, a.title AS article, a.published AS published, a.source AS source, a.url AS url,
       m.count AS mentions
ORDER BY published DESC, article

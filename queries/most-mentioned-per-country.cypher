// name: most-mentioned-per-country
// description: For each country, the three entities that belong there (places, the country, its nationals, organisations affiliated with it) that the most articles mention.
// dialect: both
// Reads what kg keeps on every entity (country_code, article_count), not every MENTIONS edge.
MATCH (e:Entity)
WHERE e.country_code IS NOT NULL AND e.article_count > 0
WITH e.country_code AS country, e
ORDER BY country, e.article_count DESC, e.name
WITH country, collect({entity: e.name, label: [l IN labels(e) WHERE l <> 'Entity'][0], articles: e.article_count}) AS ranked
UNWIND ranked[0..3] AS top
RETURN country, top.entity AS entity, top.label AS label, top.articles AS articles
ORDER BY country, articles DESC, entity

// name: most-mentioned-per-country
// description: For each country, the three entities that belong there (places, the country, its nationals, organisations affiliated with it) that articles mention most.
// dialect: both
// Reads what kg keeps on every entity (country_code, mention_count, article_count), not every MENTIONS edge.
MATCH (e:Entity)
WHERE e.country_code IS NOT NULL AND e.mention_count > 0
WITH e.country_code AS country, e
ORDER BY country, e.mention_count DESC, e.name
WITH country, collect({entity: e.name, label: [l IN labels(e) WHERE l <> 'Entity'][0], mentions: e.mention_count,
                       articles: e.article_count}) AS ranked
UNWIND ranked[0..3] AS top
RETURN country, top.entity AS entity, top.label AS label, top.mentions AS mentions, top.articles AS articles
ORDER BY country, mentions DESC, entity

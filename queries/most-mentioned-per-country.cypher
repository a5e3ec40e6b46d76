// name: most-mentioned-per-country
// description: For each country, the three entities located or affiliated there that articles mention most.
// dialect: both
MATCH (e:Entity)
OPTIONAL MATCH (e)-[:IN_COUNTRY|AFFILIATED_WITH]->(c:Country)
WITH e, coalesce(e.country_code, head(collect(c.country_code))) AS country
WHERE country IS NOT NULL
MATCH (a:Article)-[m:MENTIONS]->(e)
WITH country, e, toInteger(sum(m.count)) AS mentions, count(DISTINCT a) AS articles
ORDER BY country, mentions DESC, e.name
WITH country, collect({entity: e.name, label: [l IN labels(e) WHERE l <> 'Entity'][0], mentions: mentions,
                       articles: articles}) AS ranked
UNWIND ranked[0..3] AS top
RETURN country, top.entity AS entity, top.label AS label, top.mentions AS mentions, top.articles AS articles
ORDER BY country, mentions DESC, entity

// name: most-mentioned-per-country
// description: For each country, the three entities that belong there (places, the country, its nationals, organisations affiliated with it) that the most articles mention.
// param: since = 2026-01-01  (optional: published on or after this date; YYYY, YYYY-MM or YYYY-MM-DD)
// param: until = 2026-12-31  (optional: published on or before this date, inclusive to the precision given)
// param: publisher = Reuters  (optional: only articles from this source (publisher), case-insensitive)
// dialect: both
// Unscoped, it reads what kg keeps on every entity (country_code, article_count), not every MENTIONS
// edge; with since/until/source it counts the articles in scope instead.
CALL {
  MATCH (e:Entity)
  WHERE $since IS NULL AND $until IS NULL AND $publisher IS NULL AND e.country_code IS NOT NULL AND e.article_count > 0
  RETURN e, e.article_count AS articles
  UNION ALL
  UNWIND CASE WHEN ($since IS NOT NULL OR $until IS NOT NULL OR $publisher IS NOT NULL) THEN [1] ELSE [] END AS scoped
  MATCH (a:Article)
  WHERE ($since IS NULL OR a.published >= $since)
  AND ($until IS NULL OR substring(a.published, 0, size($until)) <= $until)
  AND ($publisher IS NULL OR toLower(a.source) = toLower(trim($publisher)))
  MATCH (a)-[:MENTIONS]->(e:Entity)
  WHERE e.country_code IS NOT NULL
  RETURN e, count(a) AS articles
}
WITH e.country_code AS country, e, articles
ORDER BY country, articles DESC, e.name
WITH country, collect({entity: e.name, label: [l IN labels(e) WHERE l <> 'Entity'][0], articles: articles}) AS ranked
UNWIND ranked[0..3] AS top
RETURN country, top.entity AS entity, top.label AS label, top.articles AS articles
ORDER BY country, articles DESC, entity

// name: near-place
// description: Places within a radius of a named place, nearest first (at most 200), with how many articles mention them.
// param: place = Kyiv  (place name or alias, or whole words of one; case-insensitive)
// param: km = 100  (radius in kilometres)
// dialect: falkordb
MATCH (c:Entity)
WHERE toLower(trim($place)) IN c.keys AND c.location IS NOT NULL
WITH c, c.location AS center
MATCH (p:Place)
WHERE distance(p.location, center) <= $km * 1000.0 AND p.id <> c.id
RETURN c.name AS center, p.name AS place, p.country_code AS country,
       toInteger(round(distance(p.location, center) / 1000.0)) AS km, coalesce(p.article_count, 0) AS articles
ORDER BY km, place
LIMIT 200

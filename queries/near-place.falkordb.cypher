// name: near-place
// description: Places within a radius of a named place, nearest first, with how often articles mention them.
// param: place = Kyiv  (place name or alias, case-insensitive substring)
// param: km = 100  (radius in kilometres)
// dialect: falkordb
MATCH (c:Entity)
WHERE (c:Place OR c:Country) AND c.lat IS NOT NULL
  AND (toLower(c.name) CONTAINS toLower($place)
       OR any(al IN coalesce(c.aliases, []) WHERE toLower(al) CONTAINS toLower($place)))
MATCH (p:Place)
WHERE p.lat IS NOT NULL AND p.id <> c.id
WITH c, p, distance(point({latitude: c.lat, longitude: c.lon}), point({latitude: p.lat, longitude: p.lon})) / 1000.0 AS km
WHERE km <= $km
OPTIONAL MATCH (:Article)-[m:MENTIONS]->(p)
RETURN c.name AS center, p.name AS place, p.country_code AS country, toInteger(round(km)) AS km, toInteger(coalesce(sum(m.count), 0)) AS mentions
ORDER BY km, place

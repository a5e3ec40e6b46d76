// name: denials
// description: Relations that someone denied, with who denied them and in which articles.
// dialect: both
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.status = 'denied'
OPTIONAL MATCH (s:Entity) WHERE s.id IN coalesce(r.asserted_by, [])
RETURN a.name AS source, type(r) AS relation, b.name AS target, collect(DISTINCT s.name) AS denied_by,
       r.articles AS articles, size(coalesce(r.evidence, [])) AS count
ORDER BY count DESC, source

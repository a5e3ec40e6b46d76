// name: recruitment-training-support-network
// description: Who recruits for, trains or supports whom, with status and how many sentences say so; returns graph elements for `kg viz`.
// dialect: both
MATCH (a:Entity)-[r:RECRUITS_FOR|TRAINS|SUPPORTS]->(b:Entity)
RETURN a.name AS source_name, type(r) AS relation, r.status AS status, b.name AS target_name, size(coalesce(r.evidence, [])) AS count,
       a AS source, r AS rel, b AS target
ORDER BY count DESC, source_name, target_name

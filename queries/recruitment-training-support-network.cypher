// name: recruitment-training-support-network
// description: Who recruits for, trains, supports or aids whom, with status and how many sentences say so (the 60 most evidenced); returns graph elements for `kg viz`.
// dialect: both
// `r.status IN [every status]` is always true; it lets each branch be an index scan on the type's status.
CALL {
  // for each domain type (RECRUITS_FOR, TRAINS, SUPPORT, AID): MATCH (a)-[r:{type}]->(b) WHERE r.status IN ['asserted', 'alleged', 'denied', 'confirmed'] RETURN a, r, b
  MATCH (a)-[r:SUPPORTS]->(b) WHERE r.status IN ['asserted', 'alleged', 'denied', 'confirmed'] RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:AIDS]->(b) WHERE r.status IN ['asserted', 'alleged', 'denied', 'confirmed'] RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:RECRUITS_FOR]->(b) WHERE r.status IN ['asserted', 'alleged', 'denied', 'confirmed'] RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:TRAINS]->(b) WHERE r.status IN ['asserted', 'alleged', 'denied', 'confirmed'] RETURN a, r, b
}
WITH a, r, b
ORDER BY size(coalesce(r.evidence, [])) DESC, a.name, b.name
LIMIT 60
RETURN a.name AS source_name, type(r) AS relation, r.status AS status, r.mode AS mode, b.name AS target_name,
       size(coalesce(r.evidence, [])) AS count, a AS source, r AS rel, b AS target
ORDER BY count DESC, source_name, target_name

// name: contradictions
// description: The same domain relation between the same two entities asserted (or alleged, confirmed) by one source and denied by another.
// dialect: both
// Starts from the denied relations (an index scan per type), then looks for the same type between
// the same two entities with another status.
CALL {
  // for each domain type: MATCH (a)-[r:{type}]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  MATCH (a)-[r:ATTACKS]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:COERCES]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:SANCTIONS]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:THREATENS]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:ACCUSES]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:CONDEMNS]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:REJECTS]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:MEETS_WITH]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:SUPPORTS]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:AIDS]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:COOPERATES_WITH]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:AGREES_WITH]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:REQUESTS]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:PROTESTS]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:MOBILIZES_AGAINST]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:WITHDRAWS_FROM]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:CONCEDES_TO]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:RECRUITS_FOR]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
  UNION ALL
  MATCH (a)-[r:TRAINS]->(b) WHERE r.status = 'denied' RETURN a, r AS r2, b
}
WITH a, b, r2
MATCH (a)-[r1]->(b)
WHERE type(r1) = type(r2) AND r1.status IN ['asserted', 'alleged', 'confirmed']
UNWIND CASE WHEN size(coalesce(r1.asserted_by, [])) = 0 THEN [null] ELSE r1.asserted_by END AS sid1
OPTIONAL MATCH (s1:Entity {id: sid1})
WITH a, b, r1, r2, collect(DISTINCT s1.name) AS claimed_by
UNWIND CASE WHEN size(coalesce(r2.asserted_by, [])) = 0 THEN [null] ELSE r2.asserted_by END AS sid2
OPTIONAL MATCH (s2:Entity {id: sid2})
WITH a, b, r1, r2, claimed_by, collect(DISTINCT s2.name) AS denied_by
RETURN a.name AS source, type(r1) AS relation, b.name AS target, r1.status AS claimed_status,
       claimed_by, denied_by, r1.articles AS claimed_in, r2.articles AS denied_in
ORDER BY relation, source, target
LIMIT 100

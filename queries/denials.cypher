// name: denials
// description: Relations that someone denied, with who denied them and in which articles; the 100 most evidenced.
// dialect: both
// One branch per domain relation type, endpoints unlabelled: each branch is then an index scan on
// that type's `status` (a typeless pattern, or labelled ends, would read far more of the graph).
CALL {
  // for each domain type: MATCH (a)-[r:{type}]->(b) WHERE r.status = 'denied' RETURN a, r, b
  MATCH (a)-[r:ATTACKS]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:COERCES]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:SANCTIONS]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:THREATENS]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:ACCUSES]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:CONDEMNS]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:REJECTS]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:MEETS_WITH]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:SUPPORTS]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:AIDS]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:COOPERATES_WITH]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:AGREES_WITH]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:REQUESTS]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:PROTESTS]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:MOBILIZES_AGAINST]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:WITHDRAWS_FROM]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:CONCEDES_TO]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:RECRUITS_FOR]->(b) WHERE r.status = 'denied' RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:TRAINS]->(b) WHERE r.status = 'denied' RETURN a, r, b
}
WITH a, r, b
ORDER BY size(coalesce(r.evidence, [])) DESC, a.name
LIMIT 100
// one index seek per asserting id (`s.id IN r.asserted_by` would test every entity for each row)
UNWIND CASE WHEN size(coalesce(r.asserted_by, [])) = 0 THEN [null] ELSE r.asserted_by END AS sid
OPTIONAL MATCH (s:Entity {id: sid})
RETURN a.name AS source, type(r) AS relation, r.event_type AS event_type, b.name AS target,
       collect(DISTINCT s.name) AS denied_by,
       r.articles AS articles, size(coalesce(r.evidence, [])) AS count
ORDER BY count DESC, source

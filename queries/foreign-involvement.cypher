// name: foreign-involvement
// description: Domain relations whose two ends belong to different countries (as the articles place them: places, countries, nationalities, organisations affiliated with a state); the 100 most evidenced.
// dialect: both
// kg marks such relations when it writes them (cross_border, source_country, target_country), and
// indexes the mark per relation type, so each branch is an index scan.
CALL {
  // for each domain type: MATCH (a)-[r:{type}]->(b) WHERE r.cross_border = true RETURN a, r, b
  MATCH (a)-[r:ATTACKS]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:COERCES]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:SANCTIONS]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:THREATENS]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:ACCUSES]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:CONDEMNS]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:REJECTS]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:MEETS_WITH]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:SUPPORTS]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:AIDS]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:COOPERATES_WITH]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:AGREES_WITH]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:REQUESTS]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:PROTESTS]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:MOBILIZES_AGAINST]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:WITHDRAWS_FROM]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:CONCEDES_TO]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:RECRUITS_FOR]->(b) WHERE r.cross_border = true RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:TRAINS]->(b) WHERE r.cross_border = true RETURN a, r, b
}
WITH a, r, b
ORDER BY size(coalesce(r.evidence, [])) DESC, a.name, b.name
LIMIT 100
RETURN a.name AS source, r.source_country AS source_country, type(r) AS relation, r.event_type AS event_type,
       r.status AS status,
       b.name AS target, r.target_country AS target_country, size(coalesce(r.evidence, [])) AS count
ORDER BY count DESC, source, target

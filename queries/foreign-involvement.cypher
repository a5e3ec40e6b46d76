// name: foreign-involvement
// description: Domain relations whose two ends belong to different countries (own country_code, IN_COUNTRY or AFFILIATED_WITH a Country).
// dialect: both
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN ['RECRUITS_FOR', 'TRAINS', 'SUPPORTS', 'ATTACKS', 'ACCUSES', 'MEETS_WITH', 'SANCTIONS', 'THREATENS', 'CONDEMNS']
OPTIONAL MATCH (a)-[:IN_COUNTRY|AFFILIATED_WITH]->(ac:Country)
WITH a, r, b, coalesce(a.country_code, head(collect(ac.country_code))) AS source_country
OPTIONAL MATCH (b)-[:IN_COUNTRY|AFFILIATED_WITH]->(bc:Country)
WITH a, r, b, source_country, coalesce(b.country_code, head(collect(bc.country_code))) AS target_country
WHERE source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country
RETURN a.name AS source, source_country, type(r) AS relation, r.status AS status, b.name AS target,
       target_country, size(coalesce(r.evidence, [])) AS count
ORDER BY count DESC, source, target

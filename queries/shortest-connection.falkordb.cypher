// name: shortest-connection
// description: The shortest chain of relations (not mere co-mentions) between two entities (the two most mentioned of each name, at most 5 steps), either direction, as names and types; returns graph elements for `kg viz`.
// param: from = Sweden  (the first entity: name, alias or whole words of one; case-insensitive)
// param: to = Swedish mercenaries  (the second entity: name, alias or whole words of one; case-insensitive)
// dialect: falkordb
// FalkorDB: shortestPath only in WITH/RETURN and directed, so both directions are tried.
MATCH (a:Entity)
WHERE toLower(trim($from)) IN a.keys
WITH a
ORDER BY a.article_count DESC
LIMIT 2
MATCH (b:Entity)
WHERE toLower(trim($to)) IN b.keys AND a.id <> b.id
WITH a, b
ORDER BY b.article_count DESC
LIMIT 4
WITH a, b, shortestPath((a)-[:RECRUITS_FOR|TRAINS|SUPPORTS|ATTACKS|ACCUSES|MEETS_WITH|SANCTIONS|THREATENS|CONDEMNS|AFFILIATED_WITH|HOLDS_ROLE|MEMBER_OF|PARTICIPATED_IN|TOOK_PLACE_IN|LOCATED_IN|IN_COUNTRY|METONYM_OF*1..5]->(b)) AS forward,
     shortestPath((b)-[:RECRUITS_FOR|TRAINS|SUPPORTS|ATTACKS|ACCUSES|MEETS_WITH|SANCTIONS|THREATENS|CONDEMNS|AFFILIATED_WITH|HOLDS_ROLE|MEMBER_OF|PARTICIPATED_IN|TOOK_PLACE_IN|LOCATED_IN|IN_COUNTRY|METONYM_OF*1..5]->(a)) AS backward
WITH a, b, CASE WHEN forward IS NULL THEN backward
                WHEN backward IS NULL THEN forward
                WHEN length(backward) < length(forward) THEN backward ELSE forward END AS p
WHERE p IS NOT NULL
RETURN a.name AS from_name, b.name AS to_name, length(p) AS hops, [n IN nodes(p) | coalesce(n.name, n.text)] AS chain,
       [r IN relationships(p) | type(r)] AS relations, nodes(p) AS nodes, relationships(p) AS rels
ORDER BY hops
LIMIT 5

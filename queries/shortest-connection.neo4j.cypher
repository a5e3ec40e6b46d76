// name: shortest-connection
// description: The shortest chain of relations (not mere co-mentions) between two entities (the two most mentioned of each name, at most 5 steps), either direction, as names and types; returns graph elements for `kg viz`.
// param: from = Sweden  (the first entity: name, alias or whole words of one; case-insensitive)
// param: to = Swedish mercenaries  (the second entity: name, alias or whole words of one; case-insensitive)
// dialect: neo4j
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
MATCH p = shortestPath((a)-[:RECRUITS_FOR|TRAINS|SUPPORTS|ATTACKS|ACCUSES|MEETS_WITH|SANCTIONS|THREATENS|CONDEMNS|AFFILIATED_WITH|HOLDS_ROLE|MEMBER_OF|PARTICIPATED_IN|TOOK_PLACE_IN|LOCATED_IN|IN_COUNTRY|METONYM_OF*1..5]-(b))
RETURN a.name AS from_name, b.name AS to_name, length(p) AS hops, [n IN nodes(p) | coalesce(n.name, n.text)] AS chain,
       [r IN relationships(p) | type(r)] AS relations, nodes(p) AS nodes, relationships(p) AS rels
ORDER BY hops
LIMIT 5

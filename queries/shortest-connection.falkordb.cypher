// name: shortest-connection
// description: The shortest chain of relationships between two entities (either direction), as names and types; returns graph elements for `kg viz`.
// param: from = Sweden  (name of the first entity, case-insensitive substring)
// param: to = Swedish mercenaries  (name of the second entity, case-insensitive substring)
// dialect: falkordb
MATCH (a:Entity), (b:Entity)
WHERE a.id <> b.id AND toLower(a.name) CONTAINS toLower($from) AND toLower(b.name) CONTAINS toLower($to)
WITH a, b, shortestPath((a)-[*1..6]->(b)) AS forward, shortestPath((b)-[*1..6]->(a)) AS backward
WITH a, b, CASE WHEN forward IS NULL THEN backward
                WHEN backward IS NULL THEN forward
                WHEN length(backward) < length(forward) THEN backward ELSE forward END AS p
WHERE p IS NOT NULL
RETURN a.name AS from_name, b.name AS to_name, length(p) AS hops, [n IN nodes(p) | n.name] AS chain,
       [r IN relationships(p) | type(r)] AS relations, nodes(p) AS nodes, relationships(p) AS rels
ORDER BY hops
LIMIT 5

// name: shortest-connection
// description: The shortest chain of relationships between two entities (either direction), as names and types; returns graph elements for `kg viz`.
// param: from = Sweden  (name of the first entity, case-insensitive substring)
// param: to = Swedish mercenaries  (name of the second entity, case-insensitive substring)
// dialect: neo4j
MATCH (a:Entity), (b:Entity)
WHERE a.id <> b.id AND toLower(a.name) CONTAINS toLower($from) AND toLower(b.name) CONTAINS toLower($to)
MATCH p = shortestPath((a)-[*1..6]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity)
RETURN a.name AS from_name, b.name AS to_name, length(p) AS hops, [n IN nodes(p) | n.name] AS chain,
       [r IN relationships(p) | type(r)] AS relations, nodes(p) AS nodes, relationships(p) AS rels
ORDER BY hops
LIMIT 5

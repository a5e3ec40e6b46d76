// name: entity-timeline
// description: The articles that mention an entity in date order, with the claims made by or about it in each.
// param: name = Patrushev  (entity name or alias, case-insensitive substring)
// dialect: both
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
WHERE toLower(e.name) CONTAINS toLower($name)
   OR any(al IN coalesce(e.aliases, []) WHERE toLower(al) CONTAINS toLower($name))
OPTIONAL MATCH (c:Claim)-[:IN_ARTICLE]->(a)
WHERE (c)-[:ABOUT]->(e) OR (e)-[:ASSERTS]->(c)
RETURN e.name AS entity, a.published AS published, a.title AS article, a.source AS source, m.count AS mentions,
       collect(DISTINCT c.text) AS claims
ORDER BY published, article

// name: co-mention-network
// description: Entities named in the same sentence as the entity, strongest first; returns graph elements for `kg viz`.
// param: name = Patrushev  (entity name or alias, case-insensitive substring)
// dialect: both
MATCH (e:Entity)-[r:CO_MENTIONED]-(o:Entity)
WHERE toLower(e.name) CONTAINS toLower($name)
   OR any(al IN coalesce(e.aliases, []) WHERE toLower(al) CONTAINS toLower($name))
RETURN e.name AS entity_name, o.name AS co_mentioned, [l IN labels(o) WHERE l <> 'Entity'][0] AS label,
       size(coalesce(r.articles, [])) AS sentences, e AS entity, r AS rel, o AS other
ORDER BY sentences DESC, co_mentioned

// name: co-mention-network
// description: Entities named in the same sentence as the entity, the 50 strongest; returns graph elements for `kg viz`.
// param: name = Patrushev  (entity name or alias, or whole words of one; case-insensitive)
// dialect: both
MATCH (e:Entity)
WHERE toLower(trim($name)) IN e.keys
MATCH (e)-[r:CO_MENTIONED]-(o)
WITH e, r, o
ORDER BY coalesce(r.count, 0) DESC, o.name
LIMIT 50
RETURN e.name AS entity_name, o.name AS co_mentioned, [l IN labels(o) WHERE l <> 'Entity'][0] AS label,
       coalesce(r.count, size(coalesce(r.evidence, []))) AS sentences, e AS entity, r AS rel, o AS other
ORDER BY sentences DESC, co_mentioned

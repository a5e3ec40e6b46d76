// name: co-mention-network
// description: Entities named in the same sentence as the entity, the 50 strongest; returns graph elements for `kg viz`.
// param: name = Patrushev  (entity name or alias, or whole words of one; case-insensitive)
// param: since = 2026-01-01  (optional: published on or after this date; YYYY, YYYY-MM or YYYY-MM-DD)
// param: until = 2026-12-31  (optional: published on or before this date, inclusive to the precision given)
// param: publisher = Reuters  (optional: only articles from this source (publisher), case-insensitive)
// dialect: both
// With since/until/source, only co-mentions in articles in scope count (sentences are theirs).
MATCH (e:Entity)
WHERE toLower(trim($name)) IN e.keys
CALL {
  WITH e
  UNWIND CASE WHEN ($since IS NOT NULL OR $until IS NOT NULL OR $publisher IS NOT NULL) THEN [1] ELSE [] END AS scoped
  MATCH (a:Article)-[:MENTIONS]->(e)
  WHERE ($since IS NULL OR a.published >= $since)
    AND ($until IS NULL OR substring(a.published, 0, size($until)) <= $until)
    AND ($publisher IS NULL OR toLower(a.source) = toLower(trim($publisher)))
  RETURN collect(a.id) AS in_scope
}
MATCH (e)-[r:CO_MENTIONED]-(o)
WITH e, r, o, CASE WHEN $since IS NULL AND $until IS NULL AND $publisher IS NULL THEN coalesce(r.count, size(coalesce(r.evidence, [])))
     ELSE size([x IN coalesce(r.evidence, []) WHERE any(i IN in_scope WHERE x STARTS WITH (i + ':'))]) END AS sentences
WHERE sentences > 0
WITH e, r, o, sentences
ORDER BY sentences DESC, o.name
LIMIT 50
RETURN e.name AS entity_name, o.name AS co_mentioned, [l IN labels(o) WHERE l <> 'Entity'][0] AS label,
       sentences, e AS entity, r AS rel, o AS other
ORDER BY sentences DESC, co_mentioned

// name: top-speakers
// description: Who makes the most attributed claims, and how many of them are allegations or denials.
// param: since = 2026-01-01  (optional: published on or after this date; YYYY, YYYY-MM or YYYY-MM-DD)
// param: until = 2026-12-31  (optional: published on or before this date, inclusive to the precision given)
// param: publisher = Reuters  (optional: only articles from this source (publisher), case-insensitive)
// dialect: both
// Unscoped, it reads the counts kg keeps on every entity (claim_count, alleged_count, denied_count);
// with since/until/source it counts the claims of the articles in scope instead.
CALL {
  MATCH (s:Entity)
  WHERE $since IS NULL AND $until IS NULL AND $publisher IS NULL AND s.claim_count > 0
  RETURN s.name AS speaker, s.claim_count AS claims, s.alleged_count AS alleged, s.denied_count AS denied
  UNION ALL
  UNWIND CASE WHEN ($since IS NOT NULL OR $until IS NOT NULL OR $publisher IS NOT NULL) THEN [1] ELSE [] END AS scoped
  MATCH (a:Article)
  WHERE ($since IS NULL OR a.published >= $since)
  AND ($until IS NULL OR substring(a.published, 0, size($until)) <= $until)
  AND ($publisher IS NULL OR toLower(a.source) = toLower(trim($publisher)))
  MATCH (s:Entity)-[:ASSERTS]->(c:Claim)-[:IN_ARTICLE]->(a)
  WITH s, collect(c.status) AS statuses
  RETURN s.name AS speaker, size(statuses) AS claims, size([x IN statuses WHERE x = 'alleged']) AS alleged,
         size([x IN statuses WHERE x = 'denied']) AS denied
}
RETURN speaker, claims, alleged, denied
ORDER BY claims DESC, speaker
LIMIT 25

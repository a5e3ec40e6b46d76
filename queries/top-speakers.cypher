// name: top-speakers
// description: Who makes the most attributed claims, and how many of them are allegations or denials.
// dialect: both
// Reads the counts kg keeps on every entity (claim_count, alleged_count, denied_count).
MATCH (s:Entity)
WHERE s.claim_count > 0
RETURN s.name AS speaker, s.claim_count AS claims, s.alleged_count AS alleged, s.denied_count AS denied
ORDER BY claims DESC, speaker
LIMIT 25

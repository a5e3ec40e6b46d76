// name: top-speakers
// description: Who makes the most attributed claims, and how many of them are allegations or denials.
// dialect: both
MATCH (s:Entity)-[:ASSERTS]->(c:Claim)
RETURN s.name AS speaker, count(c) AS claims,
       toInteger(sum(CASE WHEN c.status = 'alleged' THEN 1 ELSE 0 END)) AS alleged,
       toInteger(sum(CASE WHEN c.status = 'denied' THEN 1 ELSE 0 END)) AS denied
ORDER BY claims DESC, speaker
LIMIT 25

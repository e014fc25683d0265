-- id = "DQ-07"
-- title = "Failure reasons that no category covers"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Reasons given for failed repayment attempts that resources/failure_reasons.toml (or the
-- case's failure_reason_map table) does not classify as technical or borrower. Outage checks
-- treat them as neither, so each should be classified before those results are relied on."""
-- basis = "DOMAIN.md: unmapped failure reasons are listed, never guessed"
-- requires = { repayment_attempts = ["attempt_id", "status", "failure_reason"] }
-- [finding]
-- rows = "all"
-- [chart]
-- kind = "bar"
-- x = "failure_reason"
-- y = "attempts"
SELECT a.failure_reason, count(*) AS attempts, min(a.attempt_at) AS first_seen,
       max(a.attempt_at) AS last_seen
FROM repayment_attempts a
LEFT JOIN base.failure_reasons r ON r.reason = lower(trim(a.failure_reason))
WHERE a.status = 'failed' AND a.failure_reason IS NOT NULL AND r.reason IS NULL
GROUP BY a.failure_reason
ORDER BY attempts DESC, a.failure_reason

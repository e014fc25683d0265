-- id = "OUT-01"
-- title = "Repayment attempts that failed inside incident windows"
-- family = "outage"
-- severity = "high"
-- period = { on = "repayment_attempts.attempt_at", column = "attempt_at" }
-- description = """
-- Every failed repayment attempt inside an incident window the platform logged, widened by the
-- incident buffer, with the reason it failed and whether that reason is technical (the
-- platform's or its payment chain's fault), the borrower's, or unmapped. The inventory the
-- harm checks start from. Attempts made in the review period."""
-- basis = "CBRC Business Continuity Guidelines 2011 [P]; FFIEC BCM; FCA SYSC 15A operational resilience [C]"
-- requires = { repayment_attempts = ["attempt_id", "loan_id", "attempt_at", "status"], incidents = ["incident_id", "start_at", "end_at"] }
-- [params.incident_buffer_min]
-- type = "int"
-- default = 30
-- label = "Incident buffer (minutes)"
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [params.as_of]
-- type = "date"
-- default = "auto"
-- label = "As of"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- amount = "amount_requested"
-- [chart]
-- kind = "bar"
-- x = "incident_id"
-- y = "attempts"
-- [labels]
-- amount = "Amount the failed attempts asked for"
WITH windows AS (
  SELECT incident_id, kind, planned, start_at, end_at,
         start_at - to_minutes(CAST($incident_buffer_min AS BIGINT)) AS lo,
         end_at + to_minutes(CAST($incident_buffer_min AS BIGINT)) AS hi
  FROM incidents
)
SELECT w.incident_id, w.kind, w.start_at, w.end_at, a.attempt_id, a.loan_id, a.inst_no,
       a.attempt_at, a.initiated_by, a.channel, a.failure_reason,
       COALESCE(r.category, 'unmapped') AS reason_category, a.amount_requested, 1 AS attempts
FROM repayment_attempts a
JOIN windows w ON a.attempt_at >= w.lo AND a.attempt_at <= w.hi
LEFT JOIN base.failure_reasons r ON r.reason = lower(trim(a.failure_reason))
WHERE a.status = 'failed' AND CAST(a.attempt_at AS DATE) BETWEEN $from_date AND $as_of
ORDER BY w.incident_id, a.attempt_at, a.attempt_id

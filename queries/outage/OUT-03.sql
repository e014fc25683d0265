-- id = "OUT-03"
-- title = "Borrower tried to pay before the cut-off but was marked late"
-- family = "outage"
-- severity = "high"
-- period = { on = "repayment_attempts.attempt_at", column = "attempt_at" }
-- description = """
-- Repayments the borrower started themselves, for the full amount, on or before the due date,
-- that failed for a reason that is not the borrower's, after which the installment went
-- overdue. The borrower did what was asked in time; the platform did not take the money.
-- Attempts made in the review period."""
-- basis = "Reg Z 1026.10 / date-of-receipt crediting [C]; FCA Consumer Duty PRIN 2A.2.8 [C]"
-- requires = { repayment_attempts = ["attempt_id", "loan_id", "inst_no", "attempt_at", "status", "initiated_by", "amount_requested"], loans = ["loan_id", "borrower_id", "contract_principal"], installments = ["due_date", "principal_due"] }
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
-- borrower = "borrower_id"
-- amount = "amount_requested"
-- [chart]
-- kind = "bar"
-- x = "due_date"
-- y = "attempts"
-- [labels]
-- amount = "Amount the attempts asked for"
SELECT a.attempt_id, a.loan_id, l.borrower_id, a.inst_no, a.attempt_at, a.channel,
       a.failure_reason, COALESCE(r.category, 'unmapped') AS reason_category, a.amount_requested,
       s.amount_due, s.due_date, s.cleared_date, 1 AS attempts
FROM repayment_attempts a
JOIN base.installment_status s ON s.loan_id = a.loan_id AND s.inst_no = a.inst_no
LEFT JOIN base.failure_reasons r ON r.reason = lower(trim(a.failure_reason))
LEFT JOIN loans l ON l.loan_id = a.loan_id
WHERE a.status = 'failed' AND a.initiated_by = 'borrower'
  AND r.category IS DISTINCT FROM 'borrower'
  AND CAST(a.attempt_at AS DATE) <= s.due_date
  AND a.amount_requested >= s.amount_due
  AND (s.cleared_date IS NULL OR s.cleared_date > s.due_date + s.grace_days)
  AND CAST(a.attempt_at AS DATE) BETWEEN $from_date AND $as_of
ORDER BY a.attempt_at, a.attempt_id

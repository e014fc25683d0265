-- id = "DQ-04"
-- title = "Dates out of order"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Events dated before the loan existed or ending before they began: installments due on or
-- before disbursement, payments and attempts before disbursement, loans closed before
-- disbursement, incidents that end before they start."""
-- basis = "Consistency of the export's dates; DOMAIN.md data-quality catalogue"
-- requires = { loans = ["loan_id", "disbursed_at"], installments = ["loan_id", "due_date"], payments = ["payment_id", "loan_id", "value_date"], repayment_attempts = ["attempt_id", "loan_id", "attempt_at"], incidents = ["incident_id", "start_at", "end_at"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- [chart]
-- kind = "bar"
-- x = "problem"
-- y = "rows"
WITH l AS (SELECT loan_id, CAST(disbursed_at AS DATE) AS disbursed, closed_at FROM loans)
SELECT 'installment due on or before disbursement' AS problem,
       i.loan_id || '#' || CAST(i.inst_no AS VARCHAR) AS ref, i.loan_id,
       CAST(i.due_date AS TIMESTAMP) AS at, 1 AS rows
FROM installments i JOIN l USING (loan_id) WHERE i.due_date <= l.disbursed
UNION ALL
SELECT 'payment before disbursement', p.payment_id, p.loan_id, CAST(p.value_date AS TIMESTAMP), 1
FROM payments p JOIN l USING (loan_id) WHERE p.value_date < l.disbursed
UNION ALL
SELECT 'attempt before disbursement', a.attempt_id, a.loan_id, a.attempt_at, 1
FROM repayment_attempts a JOIN l USING (loan_id) WHERE CAST(a.attempt_at AS DATE) < l.disbursed
UNION ALL
SELECT 'loan closed before disbursement', l.loan_id, l.loan_id, CAST(l.closed_at AS TIMESTAMP), 1
FROM l WHERE l.closed_at < l.disbursed
UNION ALL
SELECT 'incident ends before it starts', incident_id, NULL, start_at, 1
FROM incidents WHERE end_at < start_at
ORDER BY problem, loan_id, ref

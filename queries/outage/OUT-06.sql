-- id = "OUT-06"
-- title = "Technical overdue treated as delinquency"
-- family = "outage"
-- severity = "medium"
-- period = { on = "installments.due_date", column = "due_date" }
-- description = """
-- Installments the outage harm chain covers (late only because the platform failed, cleared
-- within the remedy window) that were nonetheless handled as delinquent: the borrower was sent
-- overdue notices. A short overdue caused by a payment-system failure is technical, not the
-- borrower's default, and should not start collection. Installments due in the review period;
-- a notice counts once delivered (when the export records no delivery times, once sent)."""
-- basis = "EBA GL/2016/07 technical past due [P]; CN Risk Classification Measures 2023 technical-overdue carve-out [U]; CONC 7.3.3G [P]"
-- requires = { notices = ["notice_id", "loan_id", "inst_no", "notice_type", "sent_at"], repayment_attempts = ["attempt_id", "loan_id", "inst_no", "attempt_at", "status", "failure_reason"], incidents = ["incident_id", "start_at", "end_at"], loans = ["loan_id", "borrower_id", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.technical_overdue_max_days]
-- type = "int"
-- default = 7
-- label = "Technical overdue up to (days)"
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
-- [chart]
-- kind = "bar"
-- x = "incident_id"
-- y = "overdue_notices"
-- [labels]
-- [labels.columns]
-- days_late = "Days late"
SELECT o.incident_id, o.loan_id, l.borrower_id, o.inst_no, o.due_date, o.cleared_date,
       date_diff('day', o.due_date, o.cleared_date) AS days_late,
       count(n.notice_id) AS overdue_notices, min(n.counted_at) AS first_notice
FROM base.outage_installments o
JOIN base.notices n ON n.loan_id = o.loan_id AND n.inst_no = o.inst_no
LEFT JOIN loans l ON l.loan_id = o.loan_id
WHERE o.harmed AND n.notice_type = 'overdue_notice' AND n.counted_at IS NOT NULL
  AND o.due_date BETWEEN $from_date AND $as_of
  AND date_diff('day', o.due_date, o.cleared_date) <= $technical_overdue_max_days
GROUP BY o.incident_id, o.loan_id, l.borrower_id, o.inst_no, o.due_date, o.cleared_date
ORDER BY o.incident_id, o.loan_id, o.inst_no

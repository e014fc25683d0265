-- id = "DSC-09"
-- title = "Installments that fell due without a reminder"
-- family = "disclosure"
-- severity = "medium"
-- description = """
-- Installments due by the as-of date for which no due reminder was sent in the days before the
-- due date. Borrowers auto-debited or expected to pay without a reminder fall overdue more
-- often; the reminder is an industry convention and a Consumer Duty support expectation."""
-- basis = "Bank-card self-discipline convention, reminder before due [P]; Reg E 1005.10(d) notice of varying debits [C]; FCA Consumer Duty consumer support [C]"
-- requires = { installments = ["loan_id", "inst_no", "due_date"], notices = ["notice_id", "loan_id", "inst_no", "notice_type", "sent_at"] }
-- [params.as_of]
-- type = "date"
-- default = "auto"
-- label = "As of"
-- [params.reminder_days_before]
-- type = "int"
-- default = 7
-- label = "Reminder window (days before due)"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- amount = "amount_due"
-- [chart]
-- kind = "line"
-- x = "due_date"
-- y = "installments"
-- [labels]
-- amount = "Amount due on the installments without a reminder"
SELECT i.loan_id, i.inst_no, i.due_date,
       i.principal_due + COALESCE(i.interest_due, 0) + COALESCE(i.fee_due, 0) AS amount_due,
       1 AS installments
FROM installments i
WHERE i.due_date <= $as_of
  AND NOT EXISTS (
    SELECT 1 FROM notices n
    WHERE n.loan_id = i.loan_id AND n.inst_no = i.inst_no AND n.notice_type = 'due_reminder'
      AND CAST(n.sent_at AS DATE) >= i.due_date - CAST($reminder_days_before AS INTEGER)
      AND CAST(n.sent_at AS DATE) < i.due_date)
ORDER BY i.due_date, i.loan_id, i.inst_no

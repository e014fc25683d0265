-- id = "DSC-09"
-- title = "Installments that fell due without a reminder"
-- family = "disclosure"
-- severity = "medium"
-- period = { on = "installments.due_date", column = "due_date" }
-- description = """
-- Installments due in the review period for which no due reminder reached the borrower in the
-- days before the due date. A reminder counts once delivered (delivered_at): one sent but never
-- delivered, or delivered on the due date or later, does not; when the export records no
-- delivery times at all, reminders count when sent and the run says so. Borrowers auto-debited
-- or expected to pay without a reminder fall overdue more often; the reminder is an industry
-- convention and a Consumer Duty support expectation."""
-- basis = "Bank-card self-discipline convention, reminder before due [P]; Reg E 1005.10(d) notice of varying debits [C]; FCA Consumer Duty consumer support [C]"
-- requires = { installments = ["loan_id", "inst_no", "due_date"], notices = ["notice_id", "loan_id", "inst_no", "notice_type", "sent_at"] }
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
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
WITH reminders AS (
  SELECT loan_id, inst_no, CAST(sent_at AS DATE) AS sent_day, CAST(counted_at AS DATE) AS counted_day
  FROM base.notices WHERE notice_type = 'due_reminder'
)
SELECT i.loan_id, i.inst_no, i.due_date,
       i.principal_due + COALESCE(i.interest_due, 0) + COALESCE(i.fee_due, 0) AS amount_due,
       CASE WHEN EXISTS (
              SELECT 1 FROM reminders r
              WHERE r.loan_id = i.loan_id AND r.inst_no = i.inst_no
                AND r.sent_day >= i.due_date - CAST($reminder_days_before AS INTEGER)
                AND r.sent_day < i.due_date)
            THEN 'sent, not delivered before the due date'
            ELSE 'none sent' END AS reminder,
       1 AS installments
FROM installments i
WHERE i.due_date BETWEEN $from_date AND $as_of
  AND NOT EXISTS (
    SELECT 1 FROM reminders r
    WHERE r.loan_id = i.loan_id AND r.inst_no = i.inst_no
      AND r.counted_day >= i.due_date - CAST($reminder_days_before AS INTEGER)
      AND r.counted_day < i.due_date)
ORDER BY i.due_date, i.loan_id, i.inst_no

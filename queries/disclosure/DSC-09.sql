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
-- [zh]
-- title = "到期前未获还款提醒的期次"
-- description = """
-- 检查期间内到期、在应还款日前的若干天内没有任何还款提醒送达借款人的期次。提醒以送达为准（delivered_at）
-- ：已发送但未送达的，或在应还款日当天及以后才送达的，不算；导出数据完全没有送达时间时，以发送
-- 为准，运行结果会注明。被自动代扣或在无提醒的情况下须自行还款的借款人更容易逾期；还款提醒是行
-- 业惯例，也是英国消费者责任原则对客户支持的要求。"""
-- basis = """
-- 银行卡行业自律公约，到期前提醒 [P]；美国《E条例》1005.10(d) 扣款金额变动通知 [C]；英国 FCA 消
-- 费者责任原则（Consumer Duty）客户支持 [C]"""
-- finding = "每一行均为问题：一个到期前未获提醒的期次"
-- amount = "未获提醒期次的应还金额"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.params.reminder_days_before]
-- label = "提醒窗口（到期前天数）"
-- [zh.columns]
-- reminder = "还款提醒"
-- [zh.values.reminder]
-- "none sent" = "未发送"
-- "sent, not delivered before the due date" = "已发送，但未在应还款日前送达"
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

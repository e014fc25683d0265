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
-- [zh]
-- title = "技术性逾期被当作逾期处理"
-- description = """
-- 损害链条所涵盖的期次（仅因平台故障而逾期，并在补救期内结清）仍被按逾期处理：借款人收到了逾期
-- 通知。因支付系统故障造成的短期逾期属于技术性逾期，不是借款人违约，不应启动催收。统计检查期间
-- 内到期的期次；通知以送达为准（导出数据没有送达时间时，以发送为准）。"""
-- basis = """
-- 欧洲银行管理局违约定义指引（EBA GL/2016/07）技术性逾期 [P]；《商业银行金融资产风险分类办法》
-- （2023年）技术性逾期例外 [U]；英国 FCA CONC 7.3.3G [P]"""
-- finding = "每一行均为问题：一个被发送逾期通知的技术性逾期期次"
-- [zh.params.technical_overdue_max_days]
-- label = "技术性逾期上限（天）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.columns]
-- days_late = "逾期天数"
-- overdue_notices = "逾期通知数"
-- first_notice = "首次逾期通知"
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

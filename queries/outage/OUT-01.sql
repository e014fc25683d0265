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
-- [zh]
-- title = "故障事件窗口内失败的还款请求"
-- description = """
-- 平台记录的每个故障事件窗口（前后加上故障缓冲时间）内失败的每一笔还款请求，列出失败原因，以及
-- 该原因属于技术原因（平台或其支付链路的责任）、借款人原因还是未归类。这是各项损害检查的起点清
-- 单。统计检查期间内发起的还款请求。"""
-- basis = """
-- 《商业银行业务连续性监管指引》（2011年）[P]；美国联邦金融机构检查委员会（FFIEC）业务连续性管
-- 理手册；英国 FCA SYSC 15A 运营韧性规则 [C]"""
-- finding = "每一行均为问题：一笔故障窗口内失败的还款请求"
-- amount = "失败还款请求的请求金额"
-- [zh.params.incident_buffer_min]
-- label = "故障缓冲时间（分钟）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
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

-- id = "OUT-11"
-- title = "Incident scorecard: who was harmed, what is owed, what was remediated"
-- family = "outage"
-- severity = "high"
-- period = { on = ["incidents.start_at", "installments.due_date"], column = "start_at" }
-- description = """
-- The harm chain as one answer, per logged incident: its length and notice, the failed attempts
-- inside its window, the installments whose repayment it made fail, those then cleared late
-- within the remedy window (harmed) and their borrowers, the penalties and fees charged on them
-- and not waived or refunded (the refund due), and the negative credit reports still
-- uncorrected. An incident is a finding when money is still owed or a report still stands, or
-- when it lasted long without a notice to customers. Incidents starting in the review period;
-- the total row covers the harm chain of installments due in it."""
-- basis = "Consumer Duty PRIN 2A.2.5R redress [C]; US computer-security incident notification rule (36 h) [C]; CBRC BCM guidelines [P]"
-- requires = { incidents = ["incident_id", "start_at", "end_at"], repayment_attempts = ["attempt_id", "loan_id", "inst_no", "attempt_at", "status", "failure_reason"], loans = ["loan_id", "borrower_id", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [tests.harm]
-- title = "Failed attempts, linked and harmed installments and borrowers per incident"
-- requires = {}
-- [tests.refunds]
-- title = "Penalties and fees on harmed installments still to refund"
-- requires = { charges = ["charge_id", "loan_id", "inst_no", "charge_type", "amount", "assessed_at"] }
-- [tests.reports]
-- title = "Negative credit reports on harmed installments still to correct"
-- requires = { bureau_reports = ["report_id", "loan_id", "submitted_at", "is_negative"] }
-- [tests.notice]
-- title = "Long incidents with no notice to customers"
-- requires = { incidents = ["notified_at"] }
-- [params.incident_buffer_min]
-- type = "int"
-- default = 30
-- label = "Incident buffer (minutes)"
-- [params.long_incident_min]
-- type = "int"
-- default = 240
-- label = "Long incident (minutes)"
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
-- rows = "finding"
-- amount = "refund_due"
-- [chart]
-- kind = "bar"
-- x = "incident_id"
-- y = ["harmed_installments", "reports_to_correct"]
-- [labels]
-- amount = "Refund due (penalties and fees charged, not waived or refunded)"
-- [labels.columns]
-- minutes = "Length (minutes)"
-- failed_in_window = "Failed attempts in the window"
-- linked_installments = "Outage-linked installments"
-- harmed_installments = "Harmed installments"
-- harmed_borrowers = "Harmed borrowers"
-- refund_due = "Refund due"
-- reports_to_correct = "Reports to correct"
-- [zh]
-- title = "故障事件汇总：受损对象、应退金额与补救情况"
-- description = """
-- 以一张表回答损害链条，每个已记录的故障事件一行：持续时长和通知情况，窗口内失败的还款请求，因
-- 其导致还款失败的期次，其中随后在补救期内逾期结清的（受损）期次及其借款人，对其收取且未减免、
-- 未退款的罚息和费用（应退金额），以及仍未更正的不良信息报送。若仍有欠款未退、仍有不良记录未更
-- 正，或故障持续很久却未通知客户，该故障事件即为问题。统计检查期间内开始的故障事件；合计行涵盖
-- 检查期间内到期期次的损害链条。"""
-- basis = """
-- 英国 FCA 消费者责任原则 PRIN 2A.2.5R 补救 [C]；美国计算机安全事件通知规则（36小时）[C]；《商
-- 业银行业务连续性监管指引》[P]"""
-- finding = "“是否为问题”为“是”的行即为问题：仍有应退金额或待更正的征信报告，或长时间故障未通知客户"
-- amount = "应退金额（已收取且未减免、未退款的罚息和费用）"
-- [zh.params.incident_buffer_min]
-- label = "故障缓冲时间（分钟）"
-- [zh.params.long_incident_min]
-- label = "长时间故障（分钟）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.tests.harm]
-- title = "每个故障事件的失败请求、相关及受损期次和借款人"
-- [zh.tests.refunds]
-- title = "受损期次上仍待退还的罚息和费用"
-- [zh.tests.reports]
-- title = "受损期次上仍待更正的不良信息报送"
-- [zh.tests.notice]
-- title = "未通知客户的长时间故障"
-- [zh.columns]
-- minutes = "持续时长（分钟）"
-- failed_in_window = "窗口内失败的还款请求数"
-- linked_installments = "与故障相关的期次数"
-- harmed_installments = "受损期次数"
-- harmed_borrowers = "受损借款人数"
-- refund_due = "应退金额"
-- reports_to_correct = "待更正的征信报告数"
-- [zh.values.incident_id]
-- "ALL" = "合计"
WITH inc AS (
  SELECT * FROM incidents WHERE CAST(start_at AS DATE) BETWEEN $from_date AND $as_of
), harmed AS (
  SELECT o.*, l.borrower_id FROM base.outage_installments o LEFT JOIN loans l USING (loan_id)
  WHERE o.harmed
), chain AS (
  -- The total row: the harm chain of the installments due in the review period.
  SELECT * FROM base.outage_installments WHERE due_date BETWEEN $from_date AND $as_of
), chain_harmed AS (
  SELECT * FROM harmed WHERE due_date BETWEEN $from_date AND $as_of
), refunds AS (
  SELECT h.incident_id, sum(c.amount) AS refund_due, count(*) AS charges
  FROM harmed h JOIN base.charges c ON c.loan_id = h.loan_id AND c.inst_no = h.inst_no
  WHERE $test_refunds
    AND c.charge_type IN ('penalty_interest', 'late_fee', 'default_fee', 'failed_payment_fee')
    AND c.waived_at IS NULL AND c.refunded_at IS NULL
    AND CAST(c.assessed_at AS DATE) >= h.due_date
  GROUP BY h.incident_id
), reports AS (
  SELECT h.incident_id, count(*) AS reports_to_correct
  FROM harmed h JOIN base.bureau_reports b ON b.loan_id = h.loan_id
  WHERE $test_reports AND b.is_negative AND CAST(b.submitted_at AS DATE) > h.due_date
    AND CAST(b.submitted_at AS DATE) <= h.cleared_date + 1
    AND NOT EXISTS (SELECT 1 FROM base.bureau_reports c
                    WHERE c.supersedes_report_id = b.report_id)
  GROUP BY h.incident_id
), failed AS (
  SELECT w.incident_id, count(*) AS failed_in_window
  FROM repayment_attempts a
  JOIN (SELECT incident_id,
               start_at - to_minutes(CAST($incident_buffer_min AS BIGINT)) AS lo,
               end_at + to_minutes(CAST($incident_buffer_min AS BIGINT)) AS hi
        FROM inc) w ON a.attempt_at >= w.lo AND a.attempt_at <= w.hi
  WHERE a.status = 'failed'
  GROUP BY w.incident_id
), hit AS (
  SELECT incident_id, count(*) AS linked_installments,
         count(*) FILTER (WHERE harmed) AS harmed_installments,
         count(DISTINCT borrower_id) FILTER (WHERE harmed) AS harmed_borrowers
  FROM base.outage_installments o LEFT JOIN loans l USING (loan_id)
  WHERE $test_harm AND incident_id IS NOT NULL GROUP BY incident_id
), per_incident AS (
  SELECT i.incident_id, i.kind, i.start_at, i.end_at,
         date_diff('minute', i.start_at, i.end_at) AS minutes, i.notified_at,
         COALESCE(f.failed_in_window, 0) AS failed_in_window,
         COALESCE(h.linked_installments, 0) AS linked_installments,
         COALESCE(h.harmed_installments, 0) AS harmed_installments,
         COALESCE(h.harmed_borrowers, 0) AS harmed_borrowers,
         CASE WHEN $test_refunds THEN COALESCE(r.refund_due, 0) END AS refund_due,
         CASE WHEN $test_reports THEN COALESCE(p.reports_to_correct, 0) END
           AS reports_to_correct,
         COALESCE(r.refund_due, 0) > 0 OR COALESCE(p.reports_to_correct, 0) > 0
           OR ($test_notice AND date_diff('minute', i.start_at, i.end_at) >= $long_incident_min
               AND i.notified_at IS NULL) AS finding
  FROM inc i
  LEFT JOIN failed f USING (incident_id)
  LEFT JOIN hit h USING (incident_id)
  LEFT JOIN refunds r USING (incident_id)
  LEFT JOIN reports p USING (incident_id)
), total AS (
  -- Everything the harm chain holds, logged incidents or not (technical failures outside any
  -- window included); borrowers counted once. Not itself a finding row, so that the finding
  -- totals are not counted twice.
  SELECT 'ALL' AS incident_id, 'total' AS kind, min(start_at) AS start_at, max(end_at) AS end_at,
         sum(minutes) AS minutes, NULL::TIMESTAMP AS notified_at,
         (SELECT count(DISTINCT a.attempt_id) FROM repayment_attempts a JOIN inc w
            ON a.attempt_at >= w.start_at - to_minutes(CAST($incident_buffer_min AS BIGINT))
           AND a.attempt_at <= w.end_at + to_minutes(CAST($incident_buffer_min AS BIGINT))
          WHERE a.status = 'failed') AS failed_in_window,
         (SELECT count(*) FROM chain) AS linked_installments,
         (SELECT count(*) FROM chain_harmed) AS harmed_installments,
         (SELECT count(DISTINCT borrower_id) FROM chain_harmed) AS harmed_borrowers,
         CASE WHEN $test_refunds THEN
         (SELECT COALESCE(sum(c.amount), 0)
            FROM chain_harmed h
            JOIN base.charges c ON c.loan_id = h.loan_id AND c.inst_no = h.inst_no
           WHERE c.charge_type IN ('penalty_interest', 'late_fee', 'default_fee',
                                   'failed_payment_fee')
             AND c.waived_at IS NULL AND c.refunded_at IS NULL
             AND CAST(c.assessed_at AS DATE) >= h.due_date) END AS refund_due,
         CASE WHEN $test_reports THEN
         (SELECT count(DISTINCT b.report_id)
            FROM chain_harmed h JOIN base.bureau_reports b ON b.loan_id = h.loan_id
           WHERE b.is_negative AND CAST(b.submitted_at AS DATE) > h.due_date
             AND CAST(b.submitted_at AS DATE) <= h.cleared_date + 1
             AND NOT EXISTS (SELECT 1 FROM base.bureau_reports c
                             WHERE c.supersedes_report_id = b.report_id)) END
           AS reports_to_correct,
         FALSE AS finding
  FROM per_incident
)
SELECT * FROM (SELECT * FROM per_incident ORDER BY start_at, incident_id)
UNION ALL
SELECT * FROM total

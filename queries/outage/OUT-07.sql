-- id = "OUT-07"
-- title = "Duplicate debits and over-collections not refunded in time"
-- family = "outage"
-- severity = "high"
-- period = { on = "repayment_attempts.attempt_at", column = "over_collected_at" }
-- description = """
-- Installments on which the successful collections add up to more than was owed (the amount due
-- plus any charges not waived or refunded): a duplicate debit, or a debit for more than was due.
-- Each such over-collection must be refunded in full, and promptly. Rows are over-collections not
-- refunded, refunded in part, or refunded later than the allowed number of days after the money
-- was taken. Refunds are read from the refunds export (refunds tied to a charge are left out:
-- those are fee refunds); without a refunds export every over-collection counts as unrefunded.
-- Over-collections made in the review period."""
-- basis = "Reg E 12 CFR 1005.11 error resolution [C/P]; Internet Loan notice 2022 (bank keeps full repayment flows) [C]; FCA PRIN 2A.2.3G(d) collecting fast, refunding slowly [C]"
-- requires = { repayment_attempts = ["attempt_id", "loan_id", "inst_no", "attempt_at", "status", "amount_collected"], loans = ["loan_id", "borrower_id"], installments = ["due_date", "principal_due"], charges = ["charge_id", "loan_id", "amount"] }
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [params.as_of]
-- type = "date"
-- default = "auto"
-- label = "As of"
-- [params.amt_tolerance]
-- type = "decimal"
-- default = "0"
-- label = "Amount tolerance"
-- [params.refund_max_days]
-- type = "int"
-- default = 10
-- label = "Refund within (days)"
-- help = "Days from the over-collection to the refund; analyst default [U]"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "unrefunded_or_late"
-- [chart]
-- kind = "bar"
-- x = "status"
-- y = "excess"
-- [labels]
-- amount = "Over-collected and not refunded in time"
-- [zh]
-- title = "未及时退还的重复代扣和多扣款"
-- description = """
-- 成功扣款合计超过应还金额（应还款项加上未减免、未退款的费用）的期次：重复代扣，或代扣金额超过
-- 应还金额。每一笔多扣款都必须全额、及时退还。列出的是未退款、部分退款，或在扣款后超过容许天数
-- 才退款的多扣款。退款取自退款导出数据（与某项费用相关的退款不计：那是费用退款）；没有退款导出
-- 数据时，所有多扣款均按未退款计。统计检查期间内发生的多扣款。"""
-- basis = """
-- 美国《E条例》12 CFR 1005.11 差错处理 [C/P]；《关于加强商业银行互联网贷款业务管理 提升金融服务
-- 质效的通知》（银保监办发〔2022〕14号）（银行掌握完整还款流水）[C]；英国 FCA PRIN 2A.2.3G(d) 收
-- 款快、退款慢 [C]"""
-- finding = "每一行均为问题：一笔未退款、部分退款或退款超期的多扣款"
-- amount = "未及时退还的多扣款"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.params.amt_tolerance]
-- label = "金额容差"
-- [zh.params.refund_max_days]
-- label = "退款时限（天）"
-- help = "自多扣款之日至退款之日的天数；分析默认值 [U]"
-- [zh.columns]
-- successful_debits = "成功代扣笔数"
-- total_due = "应还合计"
-- collected = "已扣款"
-- excess = "多扣金额"
-- refunded = "已退款"
-- over_collected_at = "多扣款时间"
-- last_refund_at = "最近退款时间"
-- days_open = "未退天数"
-- status = "退款状态"
-- unrefunded_or_late = "未及时退还金额"
-- [zh.values.status]
-- "not refunded" = "未退款"
-- "partly refunded" = "部分退款"
-- "refunded late" = "退款超期"
WITH owed AS (
  SELECT s.loan_id, s.inst_no, s.amount_due + COALESCE(ch.extra, 0) AS total_due
  FROM base.installment_status s
  LEFT JOIN (SELECT loan_id, inst_no, sum(amount) AS extra FROM charges
             WHERE waived_at IS NULL AND refunded_at IS NULL GROUP BY ALL) ch
    USING (loan_id, inst_no)
), cum AS (
  SELECT a.loan_id, a.inst_no, a.attempt_at, a.amount_collected,
         sum(a.amount_collected) OVER (PARTITION BY a.loan_id, a.inst_no
                                       ORDER BY a.attempt_at, a.attempt_id
                                       ROWS UNBOUNDED PRECEDING) AS collected_so_far
  FROM repayment_attempts a
  WHERE a.status = 'success' AND a.inst_no IS NOT NULL AND a.amount_collected > 0
    AND CAST(a.attempt_at AS DATE) <= $as_of
), over AS (
  SELECT c.loan_id, c.inst_no, count(*) AS successful_debits, any_value(o.total_due) AS total_due,
         sum(c.amount_collected) AS collected,
         sum(c.amount_collected) - any_value(o.total_due) AS excess,
         min(c.attempt_at) FILTER (WHERE c.collected_so_far > o.total_due + $amt_tolerance)
           AS over_collected_at
  FROM cum c JOIN owed o USING (loan_id, inst_no)
  GROUP BY ALL
  HAVING sum(c.amount_collected) > any_value(o.total_due) + $amt_tolerance
), refunded AS (
  SELECT r.loan_id, COALESCE(r.inst_no, a.inst_no) AS inst_no, sum(r.amount) AS refunded,
         max(r.refunded_at) AS last_refund_at
  FROM base.refunds r LEFT JOIN repayment_attempts a ON a.attempt_id = r.attempt_id
  WHERE r.charge_id IS NULL AND r.refunded_at IS NOT NULL AND CAST(r.refunded_at AS DATE) <= $as_of
  GROUP BY ALL
), judged AS (
  SELECT o.*, COALESCE(f.refunded, 0) AS refunded, f.last_refund_at,
         date_diff('day', o.over_collected_at,
                   COALESCE(f.last_refund_at, CAST($as_of AS TIMESTAMP))) AS days_open,
         CASE WHEN f.refunded IS NULL THEN 'not refunded'
              WHEN f.refunded < o.excess - $amt_tolerance THEN 'partly refunded'
              WHEN date_diff('day', o.over_collected_at, f.last_refund_at) > $refund_max_days
                THEN 'refunded late' END AS status
  FROM over o LEFT JOIN refunded f USING (loan_id, inst_no)
)
SELECT j.loan_id, l.borrower_id, j.inst_no, j.successful_debits, j.total_due, j.collected,
       j.excess, j.refunded, j.over_collected_at, j.last_refund_at, j.days_open, j.status,
       CASE WHEN j.status = 'refunded late' THEN j.excess ELSE j.excess - j.refunded END
         AS unrefunded_or_late
FROM judged j LEFT JOIN loans l USING (loan_id)
WHERE j.status IS NOT NULL AND CAST(j.over_collected_at AS DATE) >= $from_date
ORDER BY j.status, j.loan_id, j.inst_no

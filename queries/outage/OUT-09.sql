-- id = "OUT-09"
-- title = "Failed-payment fees charged when the debit failed for a technical reason"
-- family = "outage"
-- severity = "high"
-- period = { on = "charges.assessed_at", column = "assessed_at" }
-- description = """
-- Fees for a failed payment charged on an installment on a day its debit failed for a technical
-- reason (the platform's or its payment chain's fault), and installments charged more than one
-- failed-payment fee. The borrower should pay for neither. Fees assessed in the review period."""
-- basis = "CFPB supervisory highlights on failed-payment fees [C]; FDIC FIL 2022 on re-presentment fees [C]; CONC 7.7.5R [P]"
-- requires = { charges = ["charge_id", "loan_id", "inst_no", "charge_type", "amount", "assessed_at"] }
-- [tests.technical]
-- title = "Failed-payment fees charged on a technical failure"
-- requires = { repayment_attempts = ["attempt_id", "loan_id", "inst_no", "attempt_at", "status", "failure_reason"] }
-- [tests.repeated]
-- title = "More than one failed-payment fee on an installment"
-- requires = {}
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
-- amount = "amount"
-- [chart]
-- kind = "bar"
-- x = "problem"
-- y = "amount"
-- [labels]
-- amount = "Failed-payment fees to refund"
-- [zh]
-- title = "因技术原因扣款失败仍收取扣款失败手续费"
-- description = """
-- 在某期次代扣因技术原因（平台或其支付链路的责任）失败的当天，对该期次收取的扣款失败手续费；以
-- 及被收取不止一笔扣款失败手续费的期次。这两种费用都不应由借款人承担。统计检查期间内计收的费用
-- 。"""
-- basis = """
-- 美国消费者金融保护局（CFPB）关于扣款失败费用的监管要点 [C]；美国联邦存款保险公司（FDIC）2022年
-- 关于重复提交扣款费用的金融机构函 [C]；英国 FCA CONC 7.7.5R [P]"""
-- finding = "每一行均为问题：一笔应退还的扣款失败手续费"
-- amount = "应退还的扣款失败手续费"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.tests.technical]
-- title = "技术性失败时收取的扣款失败手续费"
-- [zh.tests.repeated]
-- title = "同一期次收取多笔扣款失败手续费"
-- [zh.values.problem]
-- "fee on a technical failure" = "技术性失败时收取的费用"
-- "more than one failed-payment fee" = "多笔扣款失败手续费"
WITH fees AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.loan_id, c.inst_no ORDER BY c.assessed_at,
                                 c.charge_id) AS fee_no
  FROM charges c WHERE c.charge_type = 'failed_payment_fee'
), technical_days AS (
  SELECT DISTINCT a.loan_id, a.inst_no, CAST(a.attempt_at AS DATE) AS day
  FROM base.repayment_attempts a
  JOIN base.failure_reasons r ON r.reason = lower(trim(a.failure_reason))
  WHERE $test_technical AND a.status = 'failed' AND r.category = 'technical'
)
SELECT f.charge_id, f.loan_id, l.borrower_id, f.inst_no, f.assessed_at, f.amount,
       CASE WHEN t.day IS NOT NULL THEN 'fee on a technical failure'
            ELSE 'more than one failed-payment fee' END AS problem
FROM fees f
LEFT JOIN technical_days t
  ON t.loan_id = f.loan_id AND t.inst_no = f.inst_no AND t.day = CAST(f.assessed_at AS DATE)
LEFT JOIN base.loans l ON l.loan_id = f.loan_id
WHERE (t.day IS NOT NULL OR ($test_repeated AND f.fee_no > 1))
  AND f.waived_at IS NULL AND f.refunded_at IS NULL
  AND CAST(f.assessed_at AS DATE) BETWEEN $from_date AND $as_of
ORDER BY f.loan_id, f.inst_no, f.charge_id

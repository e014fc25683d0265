-- id = "OUT-04"
-- title = "Penalties and fees charged on outage-harmed installments, not waived or refunded"
-- family = "outage"
-- severity = "high"
-- period = { on = "charges.assessed_at", column = "assessed_at" }
-- description = """
-- The harm chain in money: installments whose repayment failed because of the platform (an
-- outage-linked failure from the day before the due date to the end of grace), that the
-- borrower then cleared late but within the remedy window after the disruption ended, and the
-- penalty interest and fees charged on them from the due date on that were neither waived
-- nor refunded. The amount is the refund due; each row names the borrower. Charges assessed in
-- the review period."""
-- basis = "Consumer Duty PRIN 2A.2 foreseeable harm and redress [C]; CFPB supervisory findings on servicer-caused late fees [C]; CONC 7.3 [P]"
-- requires = { repayment_attempts = ["attempt_id", "loan_id", "inst_no", "attempt_at", "status", "failure_reason"], charges = ["charge_id", "loan_id", "inst_no", "charge_type", "amount", "assessed_at"], incidents = ["incident_id", "start_at", "end_at"], loans = ["loan_id", "borrower_id", "contract_principal"], installments = ["due_date", "principal_due"] }
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
-- x = "incident_id"
-- y = "amount"
-- series = "charge_type"
-- [labels]
-- amount = "Refund due (penalties and fees charged, not waived or refunded)"
-- [zh]
-- title = "对受系统故障影响的期次收取且未减免、未退还的罚息和费用"
-- description = """
-- 以金额计的损害链条：因平台原因还款失败的期次（应还款日前一天至宽限期结束之间发生与系统故障相
-- 关的失败），借款人随后在故障结束后的补救期内逾期结清，自应还款日起对其收取、既未减免也未退款
-- 的罚息和费用。金额即应退金额；每一行列明借款人。统计检查期间内计收的费用。"""
-- basis = """
-- 英国 FCA 消费者责任原则 PRIN 2A.2 可预见的损害与补救 [C]；美国消费者金融保护局（CFPB）关于服
-- 务机构原因导致滞纳金的监管发现 [C]；CONC 7.3 [P]"""
-- finding = "每一行均为问题：一笔应退还的罚息或费用"
-- amount = "应退金额（已收取且未减免、未退款的罚息和费用）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.columns]
-- disruption_end = "故障结束时间"
SELECT o.incident_id, c.charge_id, c.charge_type, c.loan_id, l.borrower_id, c.inst_no,
       o.due_date, o.cleared_date, o.disruption_end, c.assessed_at, c.amount
FROM base.outage_installments o
JOIN charges c ON c.loan_id = o.loan_id AND c.inst_no = o.inst_no
LEFT JOIN loans l ON l.loan_id = o.loan_id
WHERE o.harmed
  AND c.charge_type IN ('penalty_interest', 'late_fee', 'default_fee', 'failed_payment_fee')
  AND c.waived_at IS NULL AND c.refunded_at IS NULL
  AND CAST(c.assessed_at AS DATE) >= o.due_date
  AND CAST(c.assessed_at AS DATE) BETWEEN $from_date AND $as_of
ORDER BY o.incident_id, c.loan_id, c.inst_no, c.charge_id

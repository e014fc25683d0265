-- id = "DSC-08"
-- title = "Penalty interest above the contract, or overdue cost above the cap"
-- family = "disclosure"
-- severity = "high"
-- period = { on = ["charges.assessed_at", "installments.due_date"], column = "event_date" }
-- description = """
-- (1) Penalty interest charged at a rate the contract does not state, above the contracted penalty
-- rate, or above the allowed multiple of the loan's rate. The loan's rate here is the larger of the
-- contract rate and the loan's annualised cost recomputed from its cash flows: a flat-fee product
-- with a 0% contract rate still costs the borrower its fee, and the penalty benchmark follows the
-- price actually agreed. (2) Installments whose overdue cost, annualised (the contract rate plus
-- penalty interest, late, default and failed-payment fees not waived or refunded, over the amount
-- due and the days overdue), exceeds the cap for the lender: 24% for licensed lenders, four
-- times the one-year LPR for private lending. Flat fees on short delays annualise high: that is
-- the point of the rule, which courts apply to the total of overdue charges. Penalty charges
-- assessed, and installments due, in the review period (event_date)."""
-- basis = "PBOC Yin Fa [2003] No. 251, penalty = contract rate + 30-50% [C, benchmark for non-banks U]; SPC private-lending provisions 2020 Arts. 28-29 (4 x LPR overdue total) [C]; SPC Fa Fa [2017] No. 22 (24% financial loans) [P]; FCA CONC 7.7.5R [C]"
-- percent_columns = ["rate_applied", "contracted_penalty", "reference_rate", "overdue_all_in", "cap"]
-- requires = { charges = ["charge_id", "loan_id", "inst_no", "charge_type", "amount", "assessed_at"], loans = ["loan_id", "borrower_id", "disbursed_at", "contract_principal"], installments = ["due_date", "principal_due"] }
-- optional = { loans = ["contract_rate_annual"] }
-- [tests.penalty_rate]
-- title = "Penalty interest not in the contract, above it, or above a multiple of the loan rate"
-- requires = { loans = ["penalty_rate_annual"] }
-- [tests.overdue_cost]
-- title = "Overdue cost above the cap"
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
-- [params.penalty_multiple]
-- type = "decimal"
-- default = "1.5"
-- label = "Penalty rate at most (x loan rate)"
-- [params.rate_tolerance]
-- type = "decimal"
-- default = "0.0001"
-- label = "Rate tolerance"
-- [params.cap_licensed]
-- type = "decimal"
-- default = "0.24"
-- label = "Cap, licensed lenders"
-- [params.lpr_1y]
-- type = "decimal"
-- default = "0.031"
-- label = "One-year LPR (private lending cap is four times it)"
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
-- amount = "Penalties and fees charged"
-- units = { rate_tolerance = "pp", cap_licensed = "%", lpr_1y = "%" }
-- [zh]
-- title = "罚息超出合同约定，或逾期成本超过上限"
-- description = """
-- （1）罚息的利率合同未约定、高于合同约定的罚息利率，或超过借据利率的容许倍数。此处借据利率取合
-- 同利率与按现金流重算的综合年化成本两者中的较高者：合同利率为0%的纯费用型产品，借款人照样要付
-- 费用，罚息基准应以实际约定的价格为准。（2）逾期成本年化后（合同利率加上未减免、未退款的罚息、
-- 滞纳金、违约金和扣款失败手续费，以应还金额和逾期天数折算）超过放贷机构所适用上限的期次：持牌
-- 放贷机构为24%，民间借贷为一年期LPR的4倍。逾期时间短而按笔收取的费用，年化后会很高：这正是这条
-- 规则的用意，法院以逾期费用的总和来适用上限。统计检查期间内计收的罚息和到期的期次（event_date）
-- 。"""
-- basis = """
-- 《中国人民银行关于人民币贷款利率有关问题的通知》（银发〔2003〕251号），罚息利率为合同利率上浮30%-50% [C，
-- 对非银行机构的参照性 U]；《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》（2020年）
-- 第二十八条、第二十九条（逾期费用总额4倍LPR）[C]；法发〔2017〕22号（金融借款24%）[P]；英国 FCA CONC 7.7.5R [C]"""
-- finding = "每一行均为问题：一笔超出约定的罚息，或一个逾期成本超限的期次"
-- amount = "已收取的罚息和费用"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.params.penalty_multiple]
-- label = "罚息利率上限（借据利率的倍数）"
-- [zh.params.rate_tolerance]
-- label = "利率容差"
-- [zh.params.cap_licensed]
-- label = "利率上限（持牌放贷机构）"
-- [zh.params.lpr_1y]
-- label = "一年期LPR（民间借贷上限为其4倍）"
-- [zh.tests.penalty_rate]
-- title = "罚息未约定、高于约定或超过借据利率的倍数"
-- [zh.tests.overdue_cost]
-- title = "逾期成本超过上限"
-- [zh.columns]
-- rate_applied = "适用利率"
-- contracted_penalty = "合同约定罚息利率"
-- reference_rate = "借据利率基准"
-- overdue_all_in = "逾期综合成本（年化）"
-- [zh.values.problem]
-- "penalty rate not in the contract" = "合同未约定罚息利率"
-- "charged above the contracted penalty rate" = "高于合同约定的罚息利率"
-- "penalty rate above {} x the loan rate" = "罚息利率超过借据利率的 {} 倍"
-- "overdue cost above the cap" = "逾期成本超过上限"
WITH pen AS (
  SELECT c.charge_id, c.loan_id, l.borrower_id, c.inst_no,
         CAST(c.assessed_at AS DATE) AS event_date, c.rate_applied, c.amount,
         l.penalty_rate_annual AS contracted_penalty,
         greatest(COALESCE(l.contract_rate_annual, 0), COALESCE(a.apr_nominal, 0)) AS reference_rate
  FROM charges c JOIN loans l USING (loan_id) LEFT JOIN base.apr a USING (loan_id)
  WHERE c.charge_type = 'penalty_interest' AND c.waived_at IS NULL AND c.refunded_at IS NULL
    AND CAST(c.assessed_at AS DATE) BETWEEN $from_date AND $as_of
), rate_rows AS (
  SELECT CASE WHEN contracted_penalty IS NULL THEN 'penalty rate not in the contract'
              WHEN rate_applied > contracted_penalty + $rate_tolerance
                THEN 'charged above the contracted penalty rate'
              WHEN rate_applied > $penalty_multiple * reference_rate + $rate_tolerance
                THEN 'penalty rate above ' || $penalty_multiple || ' x the loan rate' END AS problem,
         *
  FROM pen
), overdue AS (
  SELECT c.loan_id, c.inst_no, any_value(s.due_date) AS event_date, sum(c.amount) AS amount,
         any_value(s.amount_due) AS amount_due,
         greatest(1, date_diff('day', any_value(s.due_date),
                               least(COALESCE(any_value(s.cleared_date), $as_of), $as_of))) AS days
  FROM charges c JOIN base.installment_status s USING (loan_id, inst_no)
  WHERE c.charge_type IN ('penalty_interest', 'late_fee', 'default_fee', 'failed_payment_fee')
    AND c.waived_at IS NULL AND c.refunded_at IS NULL AND c.amount > 0
    AND s.due_date BETWEEN $from_date AND $as_of
  GROUP BY c.loan_id, c.inst_no
), cost AS (
  SELECT o.*, l.borrower_id, l.contract_rate_annual,
         COALESCE(l.contract_rate_annual, 0) + o.amount / (o.amount_due * o.days / 365.0)
           AS overdue_all_in,
         CASE WHEN l.lender_type = 'private' THEN 4 * $lpr_1y ELSE $cap_licensed END AS cap
  FROM overdue o JOIN loans l USING (loan_id)
  WHERE o.amount_due > 0
)
SELECT problem, loan_id, borrower_id, inst_no, event_date, charge_id, rate_applied,
       contracted_penalty,
       reference_rate, NULL::DOUBLE AS overdue_all_in, NULL::DOUBLE AS cap, NULL::INTEGER AS days,
       amount
FROM rate_rows WHERE $test_penalty_rate AND problem IS NOT NULL
UNION ALL
SELECT 'overdue cost above the cap', loan_id, borrower_id, inst_no, event_date, NULL, NULL, NULL,
       contract_rate_annual, overdue_all_in, cap, days, amount
FROM cost WHERE $test_overdue_cost AND overdue_all_in > cap
ORDER BY 1, 2, 4, 6

-- id = "DSC-12"
-- title = "UK high-cost short-term credit above the price caps"
-- family = "disclosure"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "disbursed" }
-- description = """
-- Loans that are high-cost short-term credit by the FCA's definition, recomputed here: an APR
-- (the annual percentage rate of charge, effective, from the cash flows) of at least 100% and
-- repayable within 12 months. For each, the three caps of CONC 5A: interest and fees at most
-- 0.8% of the amount borrowed per day of the loan (screened on the whole contract term, an upper
-- bound of the rule's outstanding-principal test), default fees at most GBP 15 in total, and all
-- interest and charges together at most 100% of the amount borrowed. Charges waived or refunded
-- do not count. Outside the UK profile few loans meet the definition; those that do are shown
-- against the UK caps for comparison. Loans disbursed in the review period."""
-- basis = "FCA CONC 5A (PS14/16, in force 2 Jan 2015): 0.8% a day, GBP 15 default fees, 100% total cost [C]; CONC 5A.5.2R refunds of charges above the cap [C]"
-- percent_columns = ["apr_effective"]
-- requires = { loans = ["loan_id", "borrower_id", "disbursed_at", "contract_principal"], installments = ["due_date", "principal_due"], charges = ["charge_id", "loan_id", "charge_type", "amount"] }
-- [params.hcstc_min_apr]
-- type = "decimal"
-- default = "1.0"
-- label = "HCSTC: APR at least"
-- [params.hcstc_max_months]
-- type = "int"
-- default = 12
-- label = "HCSTC: repayable within (months)"
-- [params.daily_cap]
-- type = "decimal"
-- default = "0.008"
-- label = "Initial cost cap per day (of principal)"
-- [params.default_fee_cap]
-- type = "decimal"
-- default = "15"
-- label = "Default fees cap (total)"
-- [params.total_cost_cap]
-- type = "decimal"
-- default = "1.0"
-- label = "Total cost cap (of principal)"
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
-- amount = "over_cap"
-- [chart]
-- kind = "bar"
-- x = "cap"
-- y = "over_cap"
-- [labels]
-- amount = "Cost charged above the cap"
-- units = { hcstc_min_apr = "%", daily_cap = "%", total_cost_cap = "%" }
-- [zh]
-- title = "英国高成本短期信贷超过价格上限"
-- description = """
-- 按 FCA 定义（本系统重算）属于高成本短期信贷的借据：年化总费率（按现金流计算的实际年化利率）不
-- 低于100%，且须在12个月内偿还。对每笔借据检查 CONC 5A 的三项上限：利息和费用每天不超过借款金额
-- 的0.8%（按整个合同期限筛查，是该规则按未偿本金计算的上限的上界）；违约费用合计不超过15英镑；
-- 全部利息和费用合计不超过借款金额的100%。已减免或已退款的费用不计。英国以外的配置下很少有借据
-- 符合该定义；符合的，按英国上限列示以资比较。统计检查期间内放款的借据。"""
-- basis = """
-- 英国 FCA CONC 5A（PS14/16，2015年1月2日起施行）：每日0.8%、违约费用15英镑、总成本100% [C]；CONC 5A.5.2R 超
-- 过上限的费用应予退还 [C]"""
-- finding = "每一行均为问题：一笔高成本短期信贷超过某项上限"
-- amount = "超过上限收取的成本"
-- [zh.params.hcstc_min_apr]
-- label = "高成本短期信贷：年化利率不低于"
-- [zh.params.hcstc_max_months]
-- label = "高成本短期信贷：偿还期限不超过（月）"
-- [zh.params.daily_cap]
-- label = "初始成本每日上限（占本金）"
-- [zh.params.default_fee_cap]
-- label = "违约费用上限（合计）"
-- [zh.params.total_cost_cap]
-- label = "总成本上限（占本金）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.columns]
-- charged = "已收取"
-- allowed = "上限允许"
-- over_cap = "超过上限"
-- [zh.values.cap]
-- "initial cost: 0.8% a day" = "初始成本：每日0.8%"
-- "default fees: GBP 15" = "违约费用：15英镑"
-- "total cost: 100% of principal" = "总成本：本金的100%"
WITH sched AS (
  SELECT loan_id, sum(COALESCE(interest_due, 0) + COALESCE(fee_due, 0)) AS scheduled_cost,
         max(due_date) AS last_due
  FROM installments GROUP BY loan_id
), ch AS (
  SELECT loan_id,
         sum(amount) FILTER (WHERE charge_type NOT IN ('interest', 'late_fee', 'default_fee',
                                                       'failed_payment_fee')) AS other_charges,
         sum(amount) FILTER (WHERE charge_type IN ('late_fee', 'default_fee', 'failed_payment_fee'))
           AS default_fees
  FROM charges WHERE waived_at IS NULL AND refunded_at IS NULL GROUP BY loan_id
), hcstc AS (
  SELECT l.loan_id, l.borrower_id, CAST(l.disbursed_at AS DATE) AS disbursed,
         l.contract_principal, a.apr_effective,
         date_diff('day', CAST(l.disbursed_at AS DATE), s.last_due) AS term_days,
         s.scheduled_cost + COALESCE(c.other_charges, 0) AS cost_ex_default,
         COALESCE(c.default_fees, 0) AS default_fees
  FROM loans l JOIN base.apr a USING (loan_id) JOIN sched s USING (loan_id)
  LEFT JOIN ch c USING (loan_id)
  WHERE a.apr_effective >= $hcstc_min_apr
    AND CAST(l.disbursed_at AS DATE) BETWEEN $from_date AND $as_of
    AND s.last_due <= CAST(l.disbursed_at AS DATE) + to_months(CAST($hcstc_max_months AS INTEGER))
), tested AS (
  SELECT *, 'initial cost: 0.8% a day' AS cap, cost_ex_default AS charged,
         $daily_cap * contract_principal * term_days AS allowed FROM hcstc
  UNION ALL
  SELECT *, 'default fees: GBP 15', default_fees, $default_fee_cap FROM hcstc
  UNION ALL
  SELECT *, 'total cost: 100% of principal', cost_ex_default + default_fees,
         $total_cost_cap * contract_principal FROM hcstc
)
SELECT cap, loan_id, borrower_id, disbursed, contract_principal, apr_effective, term_days, charged,
       CAST(allowed AS DECIMAL(18,2)) AS allowed,
       CAST(charged - allowed AS DECIMAL(18,2)) AS over_cap
FROM tested WHERE charged > allowed
ORDER BY cap, loan_id

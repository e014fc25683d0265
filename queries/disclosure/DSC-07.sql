-- id = "DSC-07"
-- title = "Interest or fees deducted up front from the loan paid out"
-- family = "disclosure"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "disbursed" }
-- description = """
-- Loans that paid out less cash than the contracted principal (砍头息): the borrower repays,
-- and pays interest on, money never received. The rate must be computed on the cash actually
-- received, and courts count only that as the principal. Loans disbursed in the review
-- period."""
-- basis = "Civil Code Art. 670 and SPC private-lending provisions: interest may not be deducted from the principal up front [C]; PBOC Announcement [2021] No. 3 (principal actually used) [C]"
-- percent_columns = ["deducted_share"]
-- requires = { loans = ["loan_id", "borrower_id", "contract_principal", "disbursed_amount", "disbursed_at"] }
-- [params.money_tolerance]
-- type = "decimal"
-- default = "0.01"
-- label = "Tolerance (money)"
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
-- amount = "deducted"
-- [chart]
-- kind = "histogram"
-- x = "deducted_share"
-- y = "loans"
-- [labels]
-- amount = "Amount deducted up front"
-- [zh]
-- title = "从放款中预先扣除利息或费用（砍头息）"
-- description = """
-- 实际放款金额低于合同本金的借据（砍头息）：借款人要偿还从未收到的钱，还要为之付息。年化利率必
-- 须按实际到手的资金计算，法院也只认定实际出借的金额为本金。统计检查期间内放款的借据。"""
-- basis = """
-- 《中华人民共和国民法典》第六百七十条及《最高人民法院关于审理民间借贷案件适用法律若干问题的规
-- 定》：借款的利息不得预先在本金中扣除 [C]；中国人民银行公告〔2021〕第3号（按借款人实际使用的本
-- 金计算）[C]"""
-- finding = "每一行均为问题：一笔预扣了利息或费用的借据"
-- amount = "预先扣除的金额"
-- [zh.params.money_tolerance]
-- label = "容差（金额）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.columns]
-- deducted = "预扣金额"
-- deducted_share = "预扣比例"
SELECT loan_id, borrower_id, product_id, CAST(disbursed_at AS DATE) AS disbursed,
       contract_principal, disbursed_amount,
       contract_principal - disbursed_amount AS deducted,
       (contract_principal - disbursed_amount) / contract_principal AS deducted_share, 1 AS loans
FROM loans
WHERE disbursed_amount IS NOT NULL
  AND CAST(disbursed_at AS DATE) BETWEEN $from_date AND $as_of
  AND contract_principal - disbursed_amount > $money_tolerance
ORDER BY deducted DESC, loan_id

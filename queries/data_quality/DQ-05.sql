-- id = "DQ-05"
-- title = "Schedule principal that does not add up to the contract principal"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Loans whose installments' principal does not sum to the contracted principal, and loans with
-- no schedule at all. Outstanding balances, and every delinquency rate built on them, are wrong
-- for these loans."""
-- basis = "Consistency of the loan file and the schedule; DOMAIN.md data-quality catalogue"
-- requires = { loans = ["loan_id", "borrower_id", "contract_principal"], installments = ["loan_id", "inst_no", "principal_due"] }
-- [params.money_tolerance]
-- type = "decimal"
-- default = "0.01"
-- label = "Tolerance (money)"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "difference"
-- [chart]
-- kind = "histogram"
-- x = "difference"
-- y = "loans"
-- [labels]
-- amount = "Difference between the schedule's and the contract's principal"
-- [zh]
-- title = "还款计划本金合计与合同本金不符"
-- description = """
-- 各期应还本金合计不等于合同本金的借据，以及完全没有还款计划的借据。这些借据的未偿本金，以及据
-- 此计算的各项逾期率，都是错的。"""
-- basis = "借据文件与还款计划的一致性；DOMAIN.md 数据质量检查目录"
-- finding = "每一行均为问题：一笔计划本金与合同本金不符或没有还款计划的借据"
-- amount = "还款计划本金合计与合同本金之差"
-- [zh.params.money_tolerance]
-- label = "容差（金额）"
-- [zh.columns]
-- installments = "期次数"
-- schedule_principal = "还款计划本金合计"
-- [zh.values.problem]
-- "no schedule" = "没有还款计划"
-- "principal differs" = "计划本金与合同本金不符"
WITH sched AS (
  SELECT loan_id, count(*) AS installments, sum(principal_due) AS schedule_principal
  FROM installments GROUP BY loan_id
)
SELECT l.loan_id, l.borrower_id, l.contract_principal, COALESCE(s.installments, 0) AS installments,
       s.schedule_principal,
       l.contract_principal - COALESCE(s.schedule_principal, 0) AS difference,
       CASE WHEN s.loan_id IS NULL THEN 'no schedule' ELSE 'principal differs' END AS problem
FROM loans l LEFT JOIN sched s USING (loan_id)
WHERE s.loan_id IS NULL
   OR abs(l.contract_principal - s.schedule_principal) > $money_tolerance
ORDER BY l.loan_id

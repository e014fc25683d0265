-- id = "DQ-03"
-- title = "Zero-amount schedule rows and charges"
-- family = "data_quality"
-- severity = "info"
-- period = "export"
-- description = """
-- Installments that ask for nothing (principal, interest and fees all zero) and charges of
-- zero. Negative amounts never load (import rejects them with their rows); zeros load but
-- usually mean a broken schedule export or a placeholder row."""
-- basis = "Accuracy of the repayment schedule; DOMAIN.md data-quality catalogue"
-- requires = {}
-- [tests.installments]
-- title = "Installments that ask for nothing"
-- requires = { installments = ["loan_id", "inst_no", "principal_due"] }
-- [tests.charges]
-- title = "Charges of zero"
-- requires = { charges = ["charge_id", "loan_id", "amount"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- [chart]
-- kind = "bar"
-- x = "source_table"
-- y = "rows"
-- [zh]
-- title = "金额为零的还款计划期次和费用"
-- description = """
-- 本金、利息、费用均为零、不要求借款人偿还任何款项的期次，以及金额为零的费用。负数金额在导入时
-- 已被拒绝（连同行号一并记录）；金额为零的记录可以导入，但通常说明还款计划导出有误，或是占位行
-- 。"""
-- basis = "还款计划的准确性；DOMAIN.md 数据质量检查目录"
-- finding = "每一行均为问题：一类金额为零的记录及其条数"
-- [zh.tests.installments]
-- title = "应还金额为零的期次"
-- [zh.tests.charges]
-- title = "金额为零的费用"
SELECT 'installments' AS source_table, loan_id || '#' || CAST(inst_no AS VARCHAR) AS ref,
       loan_id, 1 AS rows
FROM base.installments
WHERE $test_installments AND principal_due + COALESCE(interest_due, 0) + COALESCE(fee_due, 0) = 0
UNION ALL
SELECT 'charges', charge_id, loan_id, 1 FROM base.charges WHERE $test_charges AND amount = 0
ORDER BY source_table, loan_id, ref

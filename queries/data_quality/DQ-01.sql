-- id = "DQ-01"
-- title = "Orphan rows: installments, payments, attempts and charges of loans not in the loan file"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Rows that name a loan the loan export does not hold. They cannot be tied to a borrower,
-- a product or a funding source, so every loan-level figure silently leaves them out."""
-- basis = "Completeness of the platform's export; run before relying on any other check"
-- requires = { loans = ["loan_id"] }
-- [tests.installments]
-- title = "Installments of loans not in the loan file"
-- requires = { installments = ["loan_id", "inst_no", "principal_due"] }
-- [tests.payments]
-- title = "Payments of loans not in the loan file"
-- requires = { payments = ["payment_id", "loan_id", "amount"] }
-- [tests.attempts]
-- title = "Repayment attempts of loans not in the loan file"
-- requires = { repayment_attempts = ["attempt_id", "loan_id"] }
-- [tests.charges]
-- title = "Charges of loans not in the loan file"
-- requires = { charges = ["charge_id", "loan_id", "amount"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- amount = "amount"
-- [chart]
-- kind = "bar"
-- x = "source_table"
-- y = "rows"
-- [labels]
-- amount = "Amount on the orphan rows"
-- [zh]
-- title = "孤立记录：借据文件中不存在的借据的还款计划、还款流水、还款请求和费用"
-- description = """
-- 记录中的借据号在借据导出数据中找不到。这些记录无法对应到借款人、产品或资金来源，所有按借据汇
-- 总的数据都会悄无声息地把它们漏掉。"""
-- basis = "平台导出数据的完整性；应在依赖其他任何检查项之前运行"
-- finding = "每一行均为问题：一类孤立记录及其条数和金额"
-- amount = "孤立记录上的金额"
-- [zh.tests.installments]
-- title = "借据文件中不存在的借据的还款计划期次"
-- [zh.tests.payments]
-- title = "借据文件中不存在的借据的还款流水"
-- [zh.tests.attempts]
-- title = "借据文件中不存在的借据的还款请求"
-- [zh.tests.charges]
-- title = "借据文件中不存在的借据的费用"
WITH orphans AS (
  SELECT 'installments' AS source_table, loan_id || '#' || CAST(inst_no AS VARCHAR) AS ref,
         loan_id, principal_due AS amount FROM base.installments WHERE $test_installments
  UNION ALL SELECT 'payments', payment_id, loan_id, amount FROM base.payments WHERE $test_payments
  UNION ALL SELECT 'repayment_attempts', attempt_id, loan_id, amount_requested
            FROM base.repayment_attempts WHERE $test_attempts
  UNION ALL SELECT 'charges', charge_id, loan_id, amount FROM base.charges WHERE $test_charges
)
SELECT o.source_table, o.ref, o.loan_id, o.amount, 1 AS rows
FROM orphans o
WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.loan_id = o.loan_id)
ORDER BY o.source_table, o.loan_id, o.ref

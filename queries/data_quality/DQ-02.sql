-- id = "DQ-02"
-- title = "Duplicate transactions under different identifiers"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Payments recorded more than once: same loan, installment, amount, value date and receipt
-- time under different payment ids. Duplicate keys are already rejected at import; these pass
-- the key test but double the money. Each row is one extra copy, naming the first."""
-- basis = "Accuracy of the repayment ledger; DOMAIN.md data-quality catalogue"
-- requires = { payments = ["payment_id", "loan_id", "value_date", "amount"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "amount"
-- [chart]
-- kind = "bar"
-- x = "value_date"
-- y = "amount"
-- [labels]
-- amount = "Amount of the duplicate payments"
-- [zh]
-- title = "以不同编号重复记录的交易"
-- description = """
-- 被记录了不止一次的还款：借据、期次、金额、起息日和到账时间均相同，但还款流水号不同。主键重复
-- 的记录在导入时已被拒绝；这些记录能通过主键校验，却让金额翻倍。每一行是一笔多出的副本，并列出
-- 首笔记录的流水号。"""
-- basis = "还款台账的准确性；DOMAIN.md 数据质量检查目录"
-- finding = "每一行均为问题：一笔重复的还款记录"
-- amount = "重复还款的金额"
-- [zh.columns]
-- first_payment_id = "首笔还款流水号"
SELECT d.payment_id, d.first_payment_id, d.loan_id, l.borrower_id, d.inst_no, d.value_date,
       d.received_at, d.amount
FROM (
  SELECT p.*, first_value(p.payment_id) OVER w AS first_payment_id,
         row_number() OVER w AS copy_no
  FROM payments p
  WINDOW w AS (PARTITION BY p.loan_id, p.inst_no, p.amount, p.value_date, p.received_at
               ORDER BY p.payment_id)
) d LEFT JOIN base.loans l USING (loan_id)
WHERE d.copy_no > 1
ORDER BY d.loan_id, d.payment_id

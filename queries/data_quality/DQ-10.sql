-- id = "DQ-10"
-- title = "Negative outstanding balances"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Loans whose principal repaid, as the installments record it, exceeds the principal lent: the
-- outstanding balance would be negative. Usually one money column is in another unit (分 or
-- 万元), repayments are counted twice, or rows belong to another loan."""
-- basis = "Consistency of the ledger; DOMAIN.md data-quality catalogue"
-- requires = { loans = ["loan_id", "borrower_id", "contract_principal"], installments = ["loan_id", "paid_principal"] }
-- [params.money_tolerance]
-- type = "decimal"
-- default = "0.01"
-- label = "Tolerance (money)"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "overpaid"
-- [chart]
-- kind = "histogram"
-- x = "overpaid"
-- y = "loans"
-- [labels]
-- amount = "Principal repaid above the principal lent"
-- [zh]
-- title = "未偿本金为负"
-- description = """
-- 按还款计划记录，已还本金超过出借本金的借据：未偿本金将为负数。通常是某个金额字段的单位不同（
-- 分或万元）、还款被重复计算，或混入了其他借据的记录。"""
-- basis = "台账的一致性；DOMAIN.md 数据质量检查目录"
-- finding = "每一行均为问题：一笔已还本金超过出借本金的借据"
-- amount = "已还本金超过出借本金的部分"
-- [zh.params.money_tolerance]
-- label = "容差（金额）"
-- [zh.columns]
-- principal_repaid = "已还本金"
-- overpaid = "多还本金"
-- [zh.values.likely_cause]
-- "repaid about 100x lent: a column in 分 (cents)?" = "已还约为出借的100倍：某字段以分为单位？"
-- "repaid twice or more: repayments counted twice?" = "已还达出借的两倍以上：还款被重复计算？"
-- "repaid more than lent: rows of another loan, or an unrecorded top-up" = "已还多于出借：混入了其他借据的记录，或有未记录的追加放款"
WITH paid AS (
  SELECT loan_id, sum(paid_principal) AS principal_repaid
  FROM installments WHERE paid_principal IS NOT NULL GROUP BY loan_id
)
SELECT l.loan_id, l.borrower_id, l.contract_principal, p.principal_repaid,
       l.contract_principal - p.principal_repaid AS outstanding,
       p.principal_repaid - l.contract_principal AS overpaid,
       CASE WHEN p.principal_repaid >= 90 * l.contract_principal THEN 'repaid about 100x lent: a column in 分 (cents)?'
            WHEN p.principal_repaid >= 1.9 * l.contract_principal THEN 'repaid twice or more: repayments counted twice?'
            ELSE 'repaid more than lent: rows of another loan, or an unrecorded top-up' END AS likely_cause,
       1 AS loans
FROM loans l JOIN paid p USING (loan_id)
WHERE p.principal_repaid > l.contract_principal + $money_tolerance
ORDER BY overpaid DESC, l.loan_id

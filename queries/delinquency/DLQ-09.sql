-- id = "DLQ-09"
-- title = "Borrowers above the per-borrower consumer credit cap"
-- family = "delinquency"
-- severity = "high"
-- period = "stock"
-- description = """
-- Borrowers whose outstanding principal across all their live loans at as-of exceeds the cap a
-- lender may extend to one borrower."""
-- basis = "Interim Measures for Internet Loans of Commercial Banks 2020 (CNY 200,000) [C]; Consumer Finance Company Measures 2024 [C]; Microcredit Company Measures 2024 draft figure [P]"
-- requires = { loans = ["loan_id", "borrower_id", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.borrower_cap]
-- type = "decimal"
-- default = "200000"
-- label = "Cap per borrower"
-- [finding]
-- rows = "all"
-- borrower = "borrower_id"
-- amount = "outstanding"
-- [chart]
-- kind = "bar"
-- x = "borrower_id"
-- y = "outstanding"
-- [labels]
-- amount = "Outstanding principal of the borrowers over the cap"
-- [zh]
-- title = "单户消费信贷余额超过上限的借款人"
-- description = "基准日全部未结清借据的未偿本金合计超过单户贷款余额上限的借款人。"
-- basis = """
-- 《商业银行互联网贷款管理暂行办法》（2020年）：单户用于消费的个人信用贷款授信额度不超过人民币20万
-- 元 [C]；《消费金融公司管理办法》（2024年）[C]；《小额贷款公司监督管理暂行办法（征求意见稿）》
-- （2024年）所列数额 [P]"""
-- finding = "每一行均为问题：一名未偿本金超过上限的借款人"
-- amount = "超过上限的借款人的未偿本金"
-- [zh.params.borrower_cap]
-- label = "单户上限"
-- [zh.columns]
-- live_loans = "未结清借据数"
-- above_cap = "超过上限的金额"
-- loan_ids = "借据号"
SELECT borrower_id, count(*) AS live_loans, sum(outstanding) AS outstanding,
       sum(outstanding) - $borrower_cap AS above_cap, list(loan_id ORDER BY loan_id) AS loan_ids
FROM base.loan_snapshot
WHERE outstanding > 0 AND NOT charged_off
GROUP BY borrower_id
HAVING sum(outstanding) > $borrower_cap
ORDER BY outstanding DESC, borrower_id

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
SELECT borrower_id, count(*) AS live_loans, sum(outstanding) AS outstanding,
       sum(outstanding) - $borrower_cap AS above_cap, list(loan_id ORDER BY loan_id) AS loan_ids
FROM base.loan_snapshot
WHERE outstanding > 0 AND NOT charged_off
GROUP BY borrower_id
HAVING sum(outstanding) > $borrower_cap
ORDER BY outstanding DESC, borrower_id

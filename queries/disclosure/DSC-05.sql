-- id = "DSC-05"
-- title = "All-in cost above the rate cap"
-- family = "disclosure"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "disbursed" }
-- description = """
-- Loans whose all-in annualised cost, recomputed from the cash flows (interest and every
-- loan-related fee, on the cash actually received), exceeds the cap for their lender: 24% a
-- year for licensed lenders (banks, consumer-finance and microloan companies), four times the
-- one-year loan prime rate for private lending. Loans above the 36% line are marked severe.
-- Loans disbursed in the review period."""
-- basis = "SPC 2017 opinions (Fa Fa [2017] No. 22) with NFRA Jin Gui [2025] No. 9 read as a 24% all-in cap [P]; SPC private-lending provisions 2020, 4 x LPR [C]"
-- percent_columns = ["apr_nominal", "cap"]
-- requires = { loans = ["loan_id", "borrower_id", "disbursed_at", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.cap_licensed]
-- type = "decimal"
-- default = "0.24"
-- label = "Cap, licensed lenders"
-- [params.lpr_1y]
-- type = "decimal"
-- default = "0.031"
-- label = "One-year LPR (private lending cap is four times it)"
-- [params.severe_line]
-- type = "decimal"
-- default = "0.36"
-- label = "Severe line"
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
-- amount = "contract_principal"
-- [chart]
-- kind = "histogram"
-- x = "apr_nominal"
-- y = "loans"
-- [labels]
-- amount = "Contract principal of the loans"
-- units = { cap_licensed = "%", lpr_1y = "%", severe_line = "%" }
-- [labels.columns]
-- apr_nominal = "APR (nominal)"
-- severe = "Above the severe line"
SELECT l.loan_id, l.borrower_id, l.product_id, l.lender_type,
       CAST(l.disbursed_at AS DATE) AS disbursed, l.contract_principal,
       a.apr_nominal,
       CASE WHEN l.lender_type = 'private' THEN 4 * $lpr_1y ELSE $cap_licensed END AS cap,
       a.apr_nominal > $severe_line AS severe, 1 AS loans
FROM loans l JOIN base.apr a USING (loan_id)
WHERE CAST(l.disbursed_at AS DATE) BETWEEN $from_date AND $as_of
  AND a.apr_nominal > CASE WHEN l.lender_type = 'private' THEN 4 * $lpr_1y ELSE $cap_licensed END
ORDER BY a.apr_nominal DESC, l.loan_id

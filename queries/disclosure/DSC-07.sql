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
SELECT loan_id, borrower_id, product_id, CAST(disbursed_at AS DATE) AS disbursed,
       contract_principal, disbursed_amount,
       contract_principal - disbursed_amount AS deducted,
       (contract_principal - disbursed_amount) / contract_principal AS deducted_share, 1 AS loans
FROM loans
WHERE disbursed_amount IS NOT NULL
  AND CAST(disbursed_at AS DATE) BETWEEN $from_date AND $as_of
  AND contract_principal - disbursed_amount > $money_tolerance
ORDER BY deducted DESC, loan_id

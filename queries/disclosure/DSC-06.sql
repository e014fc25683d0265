-- id = "DSC-06"
-- title = "Fees charged but left out of the product's disclosure"
-- family = "disclosure"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "first_disbursed" }
-- description = """
-- Products whose schedules carry fees, or whose loans were charged loan-related fees (service,
-- guarantee, credit-enhancement, membership, consulting), while the product's disclosures list
-- no fees at all: the quoted cost leaves them out. Loans disbursed in the review period."""
-- basis = "PBOC Announcement [2021] No. 3: all loan-related fees in the annualised rate [C]; NFRA Jin Gui [2025] No. 9 on credit-enhancement fees [C]"
-- requires = { loans = ["loan_id", "product_id", "contract_principal", "disbursed_at"], installments = ["loan_id", "fee_due"], disclosures = ["product_id", "fees_listed"] }
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
-- amount = "fees"
-- [chart]
-- kind = "bar"
-- x = "product_id"
-- y = "fees"
-- [labels]
-- amount = "Fees left out of the quoted cost"
WITH fees AS (
  SELECT l.product_id, min(CAST(l.disbursed_at AS DATE)) AS first_disbursed,
         count(DISTINCT l.loan_id) AS loans, sum(i.fee_due) AS fees
  FROM loans l JOIN installments i USING (loan_id)
  WHERE i.fee_due > 0 AND CAST(l.disbursed_at AS DATE) BETWEEN $from_date AND $as_of
  GROUP BY l.product_id
), listed AS (
  SELECT product_id, bool_or(COALESCE(trim(fees_listed), '') <> '') AS any_listed
  FROM disclosures GROUP BY product_id
)
SELECT f.product_id, f.first_disbursed, f.loans, f.fees, 'scheduled fees, none disclosed' AS problem
FROM fees f JOIN listed d USING (product_id)
WHERE NOT d.any_listed
ORDER BY f.product_id

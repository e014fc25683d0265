-- id = "DSC-01"
-- title = "Annualised rate not shown"
-- family = "disclosure"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "first_disbursed" }
-- description = """
-- Product pages, ads and contracts captured without an annualised rate, and, per product, the
-- loans whose record carries no disclosed annualised rate. Since 2021 every lender must show
-- the annualised rate when marketing a loan and state it in the contract. Captures describe the
-- product as shown, whenever captured; loans are those disbursed in the review period."""
-- basis = "PBOC Announcement [2021] No. 3 [C]"
-- requires = {}
-- optional = { loans = ["product_id"] }
-- [tests.pages]
-- title = "Product pages that show no annualised rate"
-- requires = { disclosures = ["product_id", "apr_shown"] }
-- [tests.contracts]
-- title = "Loans whose contract shows no annualised rate"
-- requires = { loans = ["loan_id", "contract_principal", "disbursed_at", "disclosed_apr"] }
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
-- amount = "principal"
-- [chart]
-- kind = "bar"
-- x = "product_id"
-- y = "loans"
-- [labels]
-- amount = "Principal lent under the products"
SELECT 'disclosure' AS level, product_id, surface, captured_at, NULL::DATE AS first_disbursed,
       NULL::BIGINT AS loans, NULL::DECIMAL(18,2) AS principal
FROM base.disclosures
WHERE $test_pages AND (NOT COALESCE(apr_shown, FALSE) OR apr_value IS NULL)
UNION ALL
SELECT 'loans', COALESCE(product_id, 'unknown'), 'contract', NULL,
       min(CAST(disbursed_at AS DATE)), count(*), sum(contract_principal)
FROM base.loans
WHERE $test_contracts AND disclosed_apr IS NULL
  AND CAST(disbursed_at AS DATE) BETWEEN $from_date AND $as_of
GROUP BY ALL
ORDER BY level, product_id, surface

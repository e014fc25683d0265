-- id = "DSC-03"
-- title = "Annualised rate shown without its method label"
-- family = "disclosure"
-- severity = "medium"
-- period = { on = "loans.disbursed_at", column = "first_disbursed" }
-- description = """
-- Captures that show an annualised rate without saying how it was computed (compound/IRR or
-- simple), and loans whose disclosed rate has no method. A simple-method figure must be labelled
-- as such; without the label the borrower cannot compare offers. Captures describe the product
-- as shown, whenever captured; loans are those disbursed in the review period."""
-- basis = "PBOC Announcement [2021] No. 3: the simple method must be labelled [P]"
-- requires = {}
-- optional = { loans = ["product_id"] }
-- [tests.pages]
-- title = "Pages that show an annualised rate without saying how it is computed"
-- requires = { disclosures = ["product_id", "apr_shown", "apr_method_label"] }
-- [tests.contracts]
-- title = "Loans with a disclosed annualised rate and no method"
-- requires = { loans = ["loan_id", "disbursed_at", "disclosed_apr", "disclosed_apr_method"] }
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
-- [chart]
-- kind = "bar"
-- x = "product_id"
-- y = "loans"
SELECT 'disclosure' AS level, product_id, surface, apr_value, NULL::DATE AS first_disbursed,
       NULL::BIGINT AS loans
FROM base.disclosures
WHERE $test_pages AND COALESCE(apr_shown, FALSE) AND apr_method_label IS NULL
UNION ALL
SELECT 'loans', COALESCE(product_id, 'unknown'), 'contract', NULL,
       min(CAST(disbursed_at AS DATE)), count(*)
FROM base.loans
WHERE $test_contracts AND disclosed_apr IS NOT NULL AND disclosed_apr_method IS NULL
  AND CAST(disbursed_at AS DATE) BETWEEN $from_date AND $as_of
GROUP BY ALL
ORDER BY level, product_id, surface

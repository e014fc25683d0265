-- id = "DQ-12"
-- title = "Amount columns on different scales (万元, 分)"
-- family = "data_quality"
-- severity = "high"
-- period = "export"
-- description = """
-- The loans' contract principal and the amount actually disbursed should be close. When their
-- median ratio is far from 1 (beyond 5 either way: about 100 or 10,000 as a rule), one of them
-- was exported in 万元 (ten thousands) or 分 (cents) and read as yuan: every amount, cap and
-- refund computed from it is off by that factor. How many values of each are whole multiples
-- of 10,000 is shown beside it (one column round to 10,000 beside one that is not points to
-- the one in 万元)."""
-- basis = "Units of the canonical tables (money in yuan); DOMAIN.md conventions"
-- requires = { loans = ["loan_id", "contract_principal", "disbursed_amount"] }
-- [params.min_loans]
-- type = "int"
-- default = 20
-- label = "Fewest loans to judge a scale"
-- [finding]
-- rows = "mismatch"
-- [chart]
-- kind = "bar"
-- x = "comparison"
-- y = "median_ratio"
WITH s AS (
  SELECT count(*) AS loans,
         count_if(contract_principal % 10000 = 0) AS principal_tenk,
         count_if(disbursed_amount % 10000 = 0) AS disbursed_tenk,
         median(disbursed_amount / contract_principal) AS median_ratio
  FROM loans WHERE disbursed_amount IS NOT NULL AND contract_principal > 0
)
SELECT 'disbursed_amount / contract_principal' AS comparison, loans, principal_tenk,
       disbursed_tenk, median_ratio,
       loans >= $min_loans AND median_ratio NOT BETWEEN 0.2 AND 5 AS mismatch,
       CASE WHEN loans < $min_loans OR median_ratio BETWEEN 0.2 AND 5 THEN NULL
            WHEN median_ratio > 5
              THEN 'disbursed_amount is larger by about ' || CAST(round(median_ratio) AS BIGINT)
                   || 'x: it is in 分 (cents), or contract_principal in 万元, read as yuan'
            ELSE 'contract_principal is larger by about ' || CAST(round(1 / median_ratio) AS BIGINT)
                 || 'x: it is in 分 (cents), or disbursed_amount in 万元, read as yuan'
       END AS likely_cause
FROM s

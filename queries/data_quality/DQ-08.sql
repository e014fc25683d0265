-- id = "DQ-08"
-- title = "Annual rates above 100% in bulk (a unit error)"
-- family = "data_quality"
-- severity = "high"
-- period = "export"
-- description = """
-- Rate columns of the loans whose values are above 1 (100% a year) for a noticeable share of
-- the loans. Rates are stored as fractions (0.18 = 18%); a column loaded in percent (18 read as
-- 1,800%) makes every APR, cap and penalty check wrong. One row per rate column, with the share
-- above 100%, the median and the likely cause; a finding when the share reaches the parameter."""
-- basis = "Units of the canonical tables (rates are fractions); DOMAIN.md conventions"
-- percent_columns = ["share_above", "median_rate"]
-- requires = { loans = ["loan_id", "borrower_id"] }
-- [params.bulk_share]
-- type = "decimal"
-- default = "0.05"
-- label = "Share above 100% that counts as bulk"
-- [finding]
-- rows = "in_bulk"
-- [chart]
-- kind = "bar"
-- x = "column_name"
-- y = "above_100pct"
-- [labels]
-- units = { bulk_share = "%" }
WITH v AS (
  SELECT 'contract_rate_annual' AS column_name, contract_rate_annual AS rate FROM loans
  UNION ALL SELECT 'penalty_rate_annual', penalty_rate_annual FROM loans
  UNION ALL SELECT 'disclosed_apr', disclosed_apr FROM loans
), s AS (
  SELECT column_name, count(rate) AS loans_with_rate, count_if(rate > 1) AS above_100pct,
         median(rate) AS median_rate
  FROM v GROUP BY column_name HAVING count(rate) > 0
)
SELECT column_name, loans_with_rate, above_100pct,
       above_100pct / loans_with_rate AS share_above, median_rate,
       above_100pct > 0 AND above_100pct >= $bulk_share * loans_with_rate AS in_bulk,
       CASE WHEN above_100pct > 0 AND above_100pct >= $bulk_share * loans_with_rate
            THEN 'likely loaded in percent (18 read as 1,800%): re-import with unit = "percent" for this column'
       END AS likely_cause
FROM s ORDER BY column_name

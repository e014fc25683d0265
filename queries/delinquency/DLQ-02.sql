-- id = "DLQ-02"
-- title = "Overdue-rate trend: coincidental and lagged, by balance and by count"
-- family = "delinquency"
-- severity = "info"
-- description = """
-- Month-end overdue rates from the first disbursement to as-of, for each funding source and in
-- total: by balance (outstanding principal of loans past each bucket edge over all outstanding
-- principal) and by count, coincidental (same month's book) and lagged (the book N months
-- earlier for the N-th bucket, which removes the dilution of a growing book). Charged-off loans
-- leave both numerator and denominator."""
-- basis = "Overdue rate definitions (逾期率, 即期/递延), domain-rules 2.3 [C]"
-- percent_columns = ["m1p_balance", "m2p_balance", "m3p_balance", "m1p_count", "m3p_count", "m1p_balance_lagged", "m2p_balance_lagged", "m3p_balance_lagged"]
-- requires = { loans = ["loan_id", "funding_source", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.bucket_edges]
-- type = "list"
-- item_type = "int"
-- default = [1, 31, 61, 91]
-- label = "Bucket edges (days past due)"
-- [finding]
-- rows = "none"
-- [chart]
-- kind = "line"
-- x = "month_end"
-- y = ["m1p_balance", "m3p_balance"]
-- series = "funding_source"
-- [labels]
-- [labels.columns]
-- m1p_balance = "M1+ by balance"
-- m2p_balance = "M2+ by balance"
-- m3p_balance = "M3+ by balance"
-- m1p_count = "M1+ by count"
-- m3p_count = "M3+ by count"
-- m1p_balance_lagged = "M1+ by balance, lagged"
-- m2p_balance_lagged = "M2+ by balance, lagged"
-- m3p_balance_lagged = "M3+ by balance, lagged"
WITH live AS (
  SELECT month_end, COALESCE(funding_source, 'unknown') AS funding_source, outstanding, dpd
  FROM base.month_end
  WHERE NOT charged_off AND outstanding > 0
), agg AS (
  SELECT month_end, COALESCE(funding_source, 'all') AS funding_source,
         sum(outstanding) AS balance, count(*) AS loans,
         sum(outstanding) FILTER (WHERE dpd >= $bucket_edges[1]) AS bal_m1p,
         sum(outstanding) FILTER (WHERE dpd >= $bucket_edges[2]) AS bal_m2p,
         sum(outstanding) FILTER (WHERE dpd >= $bucket_edges[3]) AS bal_m3p,
         count(*) FILTER (WHERE dpd >= $bucket_edges[1]) AS n_m1p,
         count(*) FILTER (WHERE dpd >= $bucket_edges[3]) AS n_m3p
  FROM live
  GROUP BY GROUPING SETS ((month_end, funding_source), (month_end))
)
SELECT month_end, funding_source, balance, loans,
       COALESCE(bal_m1p, 0) / balance AS m1p_balance,
       COALESCE(bal_m2p, 0) / balance AS m2p_balance,
       COALESCE(bal_m3p, 0) / balance AS m3p_balance,
       n_m1p / loans AS m1p_count,
       n_m3p / loans AS m3p_count,
       COALESCE(bal_m1p, 0) / lag(balance, 1) OVER w AS m1p_balance_lagged,
       COALESCE(bal_m2p, 0) / lag(balance, 2) OVER w AS m2p_balance_lagged,
       COALESCE(bal_m3p, 0) / lag(balance, 3) OVER w AS m3p_balance_lagged
FROM agg
WINDOW w AS (PARTITION BY funding_source ORDER BY month_end)
ORDER BY funding_source = 'all', funding_source, month_end

-- id = "DLQ-04"
-- title = "Roll rates between delinquency buckets, month to month"
-- family = "delinquency"
-- severity = "info"
-- period = { on = "base.month_end.month_end", column = "to_month" }
-- description = """
-- Loan-tracked transitions of outstanding principal from each bucket at one month end to each
-- state at the next: the buckets, paid off, or charged off. The rate is the share of the
-- from-bucket's balance that moved there; a move to a lower bucket is a cure. Moves into the
-- month ends of the review period."""
-- basis = "Roll rate / flow rate (迁徙率), OCC Comptroller's Handbook, Retail Lending; domain-rules 2.5 [C]"
-- percent_columns = ["roll_rate"]
-- requires = { loans = ["loan_id", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.bucket_edges]
-- type = "list"
-- item_type = "int"
-- default = [1, 31, 61, 91]
-- label = "Bucket edges (days past due)"
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [finding]
-- rows = "none"
-- [chart]
-- kind = "heatmap"
-- x = "to_state"
-- y = "roll_rate"
-- series = "from_state"
WITH states AS (
  SELECT loan_id, month_end, outstanding,
         CASE WHEN charged_off THEN 'charged off'
              WHEN outstanding <= 0 THEN 'paid off'
              ELSE 'B' || CAST(len(list_filter($bucket_edges, lambda e: e <= dpd)) AS VARCHAR)
         END AS state
  FROM base.month_end
), moves AS (
  SELECT a.month_end AS from_month, b.month_end AS to_month, a.state AS from_state,
         b.state AS to_state, a.outstanding
  FROM states a
  JOIN states b ON b.loan_id = a.loan_id
   AND b.month_end = CAST(last_day(a.month_end + INTERVAL 1 DAY) AS DATE)
  WHERE a.state NOT IN ('charged off', 'paid off') AND b.month_end >= $from_date
)
SELECT from_month, to_month, from_state, to_state, count(*) AS loans,
       sum(outstanding) AS balance,
       sum(outstanding) / sum(sum(outstanding)) OVER (PARTITION BY from_month, from_state)
         AS roll_rate
FROM moves
GROUP BY from_month, to_month, from_state, to_state
ORDER BY from_month, from_state, to_state

-- id = "DLQ-01"
-- title = "Days past due and bucket snapshot by funding source"
-- family = "delinquency"
-- severity = "info"
-- period = "stock"
-- description = """
-- Loans outstanding at the as-of date by delinquency bucket, with their number and outstanding
-- principal, for each funding source (own, partner bank, ABS) and in total. Charged-off loans are
-- shown as their own bucket. The base every other delinquency figure is read against."""
-- basis = "DPD and bucket conventions, domain-rules 2.1-2.3; CN Risk Classification Measures 2023 [C]"
-- percent_columns = ["share_by_balance", "share_by_count"]
-- requires = { loans = ["loan_id", "contract_principal"], installments = ["due_date", "principal_due"] }
-- optional = { loans = ["funding_source"] }
-- [params.bucket_edges]
-- type = "list"
-- item_type = "int"
-- default = [1, 31, 61, 91]
-- label = "Bucket edges (days past due)"
-- help = "First day of each overdue bucket; below the first edge a loan is current"
-- [finding]
-- rows = "none"
-- amount = "balance"
-- [chart]
-- kind = "stacked_bar"
-- x = "funding_source"
-- y = "balance"
-- series = "bucket"
WITH s AS (
  SELECT funding_source, outstanding, charged_off,
         len(list_filter($bucket_edges, lambda e: e <= dpd)) AS bucket_no
  FROM base.loan_snapshot
  WHERE outstanding > 0
), labelled AS (
  SELECT COALESCE(funding_source, 'unknown') AS funding_source, outstanding,
         CASE WHEN charged_off THEN 99 ELSE bucket_no END AS bucket_no,
         CASE WHEN charged_off THEN 'charged off'
              WHEN bucket_no = 0 THEN 'current'
              WHEN bucket_no = len($bucket_edges) THEN CAST($bucket_edges[bucket_no] AS VARCHAR) || '+'
              ELSE CAST($bucket_edges[bucket_no] AS VARCHAR) || '-'
                   || CAST($bucket_edges[bucket_no + 1] - 1 AS VARCHAR) END AS bucket
  FROM s
)
SELECT COALESCE(funding_source, 'all') AS funding_source, bucket_no, bucket,
       count(*) AS loans, sum(outstanding) AS balance,
       sum(outstanding) / sum(sum(outstanding)) OVER (PARTITION BY funding_source) AS share_by_balance,
       count(*) / sum(count(*)) OVER (PARTITION BY funding_source) AS share_by_count
FROM labelled
GROUP BY GROUPING SETS ((funding_source, bucket_no, bucket), (bucket_no, bucket))
ORDER BY funding_source = 'all', funding_source, bucket_no

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
-- [zh]
-- title = "按资金来源的逾期天数与逾期区间快照"
-- description = """
-- 基准日未结清借据按逾期区间分布的笔数和未偿本金，分资金来源（自营、合作银行、资产证券化）列示
-- 并给出合计。已核销借据单列一个区间。这是解读其他各项逾期数据的基础。"""
-- basis = """
-- 逾期天数与逾期区间口径，domain-rules 2.1-2.3；《商业银行金融资产风险分类办法》（中国银保监会 中
-- 国人民银行令2023年第1号）[C]"""
-- finding = "统计指标，不判定问题"
-- [zh.params.bucket_edges]
-- label = "逾期区间分界（逾期天数）"
-- help = "各逾期区间的起始天数；低于第一个分界的借据为正常"
-- [zh.columns]
-- share_by_balance = "金额占比"
-- share_by_count = "笔数占比"
-- [zh.values.bucket]
-- "current" = "未逾期"
-- "charged off" = "已核销"
-- "{}+" = "{}天以上"
-- "{}-{}" = "{}-{}天"
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

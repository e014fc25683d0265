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
-- [zh]
-- title = "金额字段单位不一致（万元、分）"
-- description = """
-- 借据的合同本金与实际放款金额应当接近。若两者比值的中位数远离1（任一方向超过5倍，通常约为100或10,000）
-- ，说明其中一项是以万元或分导出、却被当作元读入：由此计算的所有金额、上限和退款都差了这个倍数
-- 。旁边列出两个字段中恰为10,000整数倍的取值个数（一列多为万的整数倍而另一列不是，即指向以万元
-- 计的那一列）。"""
-- basis = "标准数据表的计量单位（金额以元计）；DOMAIN.md 数据约定"
-- finding = "“单位不一致”为“是”的行即为问题：两个金额字段比值的中位数远离1"
-- [zh.params.min_loans]
-- label = "判断单位所需的最少借据数"
-- [zh.columns]
-- comparison = "比较的字段"
-- principal_tenk = "合同本金为万元整数倍的个数"
-- disbursed_tenk = "放款金额为万元整数倍的个数"
-- median_ratio = "比值中位数"
-- mismatch = "单位不一致"
-- [zh.values.comparison]
-- "disbursed_amount / contract_principal" = "实际放款金额 / 合同本金"
-- [zh.values.likely_cause]
-- "disbursed_amount is larger by about {}x: it is in 分 (cents), or contract_principal in 万元, read as yuan" = "实际放款金额约大 {} 倍：它以分为单位，或合同本金以万元为单位，却都按元读入"
-- "contract_principal is larger by about {}x: it is in 分 (cents), or disbursed_amount in 万元, read as yuan" = "合同本金约大 {} 倍：它以分为单位，或实际放款金额以万元为单位，却都按元读入"
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

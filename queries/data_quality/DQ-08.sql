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
-- [zh]
-- title = "年利率成批高于100%（单位错误）"
-- description = """
-- 借据文件中，有相当比例的借据取值大于1（即年利率超过100%）的利率字段。利率以小数存储（0.18即18%）
-- ；若某字段以百分数导入（18被读成1,800%），所有年化利率、利率上限和罚息检查都会出错。每个利率
-- 字段一行，列出超过100%的占比、中位数和可能原因；占比达到参数值即为问题。"""
-- basis = "标准数据表的计量单位（利率为小数）；DOMAIN.md 数据约定"
-- finding = "“成批超过100%”为“是”的行即为问题：超过100%的占比达到参数值的利率字段"
-- [zh.params.bulk_share]
-- label = "超过100%的占比达到多少视为成批"
-- [zh.columns]
-- loans_with_rate = "有该利率的借据数"
-- above_100pct = "超过100%的借据数"
-- share_above = "超过100%的占比"
-- median_rate = "利率中位数"
-- in_bulk = "成批超过100%"
-- [zh.values.likely_cause]
-- "likely loaded in percent (18 read as 1,800%): re-import with unit = \"percent\" for this column" = "很可能以百分数导入（18被读成1,800%）：请对该字段按 unit = \"percent\" 重新导入"
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

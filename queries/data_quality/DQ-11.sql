-- id = "DQ-11"
-- title = "Loan dates before 2000 or after the export"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Dates of the loans file before 2000 (online lending did not exist; usually a wrong column or
-- an unread format such as a day count) or after the day the loans were imported (an export
-- cannot hold events from its future; usually day and month swapped, or a maturity date mapped
-- as a disbursement). The import date is the earliest import of a loans export in this case."""
-- basis = "Plausibility of the loan file's dates; DOMAIN.md data-quality catalogue"
-- requires = { loans = ["loan_id", "borrower_id", "disbursed_at"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- [chart]
-- kind = "bar"
-- x = "column_name"
-- y = "loans"
-- [zh]
-- title = "借据日期早于2000年或晚于导出日"
-- description = """
-- 借据文件中早于2000年的日期（当时尚无网络借贷；通常是取错了字段，或是未能识别的格式，如天数序
-- 号），以及晚于借据导入日的日期（导出数据不可能包含未来的事件；通常是日月颠倒，或把到期日映射
-- 成了放款日）。导入日取本案卷中最早一次导入借据数据的日期。"""
-- basis = "借据文件日期的合理性；DOMAIN.md 数据质量检查目录"
-- finding = "每一行均为问题：一个不合理的借据日期"
-- [zh.values.problem]
-- "before 2000" = "早于2000年"
-- "after the import date" = "晚于导入日"
-- [zh.values.likely_cause]
-- "a wrong column, or a format read wrongly (a day count?)" = "取错了字段，或格式识别有误（天数序号？）"
-- "day and month swapped, or a future (maturity) date mapped to this column" = "日月颠倒，或把未来的（到期）日期映射到了该字段"
WITH exported AS (
  SELECT CAST(min(imported_at) AS DATE) AS d FROM audit.sources WHERE target_table = 'loans'
), v AS (
  SELECT loan_id, borrower_id, 'disbursed_at' AS column_name, CAST(disbursed_at AS DATE) AS value FROM loans
  UNION ALL SELECT loan_id, borrower_id, 'contract_date', contract_date FROM loans
  UNION ALL SELECT loan_id, borrower_id, 'closed_at', closed_at FROM loans
  UNION ALL SELECT loan_id, borrower_id, 'charged_off_at', charged_off_at FROM loans
)
SELECT v.loan_id, v.borrower_id, v.column_name, v.value,
       CASE WHEN v.value < DATE '2000-01-01' THEN 'before 2000' ELSE 'after the import date' END AS problem,
       CASE WHEN v.value < DATE '2000-01-01' THEN 'a wrong column, or a format read wrongly (a day count?)'
            ELSE 'day and month swapped, or a future (maturity) date mapped to this column' END AS likely_cause,
       1 AS loans
FROM v, exported e
WHERE v.value < DATE '2000-01-01' OR v.value > coalesce(e.d, DATE '9999-12-31')
ORDER BY v.column_name, v.loan_id

-- id = "DQ-09"
-- title = "Days past due longer than the loan has existed"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Installments whose reported days past due exceed the days since the loan was disbursed, or
-- the days since the installment fell due, counted to the as-of date plus an allowance for the
-- export being made after it. Such a count is impossible: it is taken from a wrong date, is in
-- another unit, or comes from the wrong column."""
-- basis = "Consistency of reported delinquency with the loan's dates; DOMAIN.md data-quality catalogue"
-- requires = { loans = ["loan_id", "borrower_id", "disbursed_at"], installments = ["loan_id", "inst_no", "due_date", "reported_dpd"] }
-- [params.as_of]
-- type = "date"
-- default = "auto"
-- label = "As of"
-- [params.slack_days]
-- type = "int"
-- default = 31
-- label = "Days the export may postdate as-of"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- [chart]
-- kind = "bar"
-- x = "problem"
-- y = "installments"
-- [zh]
-- title = "逾期天数长于借据存续天数"
-- description = """
-- 报送的逾期天数超过自放款以来的天数、或超过自应还款日以来的天数的期次（计至基准日，并加上导出
-- 晚于基准日的容许天数）。这样的天数不可能出现：要么是从错误的日期起算，要么单位不对，要么取自
-- 错误的字段。"""
-- basis = "报送的逾期情况与借据日期的一致性；DOMAIN.md 数据质量检查目录"
-- finding = "每一行均为问题：一个逾期天数不可能成立的期次"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.params.slack_days]
-- label = "导出可晚于基准日的天数"
-- [zh.columns]
-- reported_dpd = "报送的逾期天数"
-- [zh.values.problem]
-- "longer than the loan has existed" = "长于借据存续天数"
-- "longer than the installment has been due" = "长于该期次自到期以来的天数"
-- [zh.values.likely_cause]
-- "days past due counted from a wrong date, in another unit, or read from the wrong column" = "逾期天数从错误的日期起算、单位不同，或取自错误的字段"
WITH d AS (
  SELECT i.loan_id, l.borrower_id, i.inst_no, i.due_date, CAST(l.disbursed_at AS DATE) AS disbursed,
         i.reported_dpd,
         date_diff('day', CAST(l.disbursed_at AS DATE), $as_of) + $slack_days AS days_on_book,
         date_diff('day', i.due_date, $as_of) + $slack_days AS days_since_due
  FROM installments i JOIN loans l USING (loan_id)
  WHERE i.reported_dpd IS NOT NULL
)
SELECT loan_id, borrower_id, inst_no, due_date, disbursed, reported_dpd,
       CASE WHEN reported_dpd > days_on_book THEN 'longer than the loan has existed'
            ELSE 'longer than the installment has been due' END AS problem,
       'days past due counted from a wrong date, in another unit, or read from the wrong column'
         AS likely_cause,
       1 AS installments
FROM d
WHERE reported_dpd > days_on_book OR reported_dpd > greatest(days_since_due, 0)
ORDER BY loan_id, inst_no

-- id = "DQ-06"
-- title = "Gaps in installment numbers"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Loans whose installment numbers are not 1, 2, ... without gaps, or whose number of
-- installments differs from the contracted number of periods (bullet and revolving loans
-- excepted, whose periods are not installments): a schedule row is missing."""
-- basis = "Completeness of the repayment schedule; DOMAIN.md data-quality catalogue"
-- requires = { loans = ["loan_id", "borrower_id"], installments = ["loan_id", "inst_no"] }
-- [tests.numbers]
-- title = "Installment numbers with gaps"
-- requires = {}
-- [tests.term]
-- title = "Fewer installments than the contracted periods"
-- requires = { loans = ["term_periods", "repayment_type"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- [chart]
-- kind = "bar"
-- x = "loan_id"
-- y = "missing_count"
-- [zh]
-- title = "期次编号不连续"
-- description = """
-- 期次编号不是从1开始连续编排的借据，或期次数与合同期数不符的借据（到期一次性还本付息和循环贷款
-- 除外，其合同期数并非还款期次）：还款计划缺了行。"""
-- basis = "还款计划的完整性；DOMAIN.md 数据质量检查目录"
-- finding = "每一行均为问题：一笔还款计划缺期的借据"
-- [zh.tests.numbers]
-- title = "期次编号不连续"
-- [zh.tests.term]
-- title = "期次数少于合同期数"
-- [zh.columns]
-- last_no = "最大期次号"
-- missing_numbers = "缺失的期次号"
-- missing_count = "缺失期数"
WITH sched AS (
  SELECT loan_id, count(*) AS installments, max(inst_no) AS last_no, list(inst_no) AS numbers
  FROM installments GROUP BY loan_id
)
SELECT s.loan_id, l.borrower_id, l.term_periods, s.installments, s.last_no,
       list_filter(range(1, s.last_no + 1), lambda n: NOT list_contains(s.numbers, n))
         AS missing_numbers,
       greatest(s.last_no, CASE WHEN $test_term THEN COALESCE(l.term_periods, 0) ELSE 0 END)
         - s.installments AS missing_count
FROM sched s JOIN loans l USING (loan_id)
WHERE ($test_numbers AND s.installments <> s.last_no)
   OR ($test_term AND s.last_no <> COALESCE(l.term_periods, s.last_no)
       AND COALESCE(l.repayment_type, '') NOT IN ('bullet', 'revolving'))
ORDER BY s.loan_id

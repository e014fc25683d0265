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

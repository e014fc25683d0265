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

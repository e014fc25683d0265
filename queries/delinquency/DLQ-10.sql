-- id = "DLQ-10"
-- title = "Bullet-repayment loans with a term over one year"
-- family = "delinquency"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "disbursed" }
-- description = """
-- Loans repaid in one payment at maturity whose term runs beyond the limit: from disbursement to
-- the last due date, or by the contracted number of monthly periods when no schedule exists.
-- Loans disbursed in the review period."""
-- basis = "Interim Measures for Internet Loans of Commercial Banks 2020: bullet term at most one year [C]"
-- requires = { loans = ["loan_id", "borrower_id", "repayment_type", "disbursed_at", "contract_principal"] }
-- [tests.schedule]
-- title = "Term to the last due date of the schedule"
-- requires = { installments = ["loan_id", "due_date"] }
-- [tests.contract]
-- title = "Term by the contracted periods, for loans with no schedule"
-- requires = { loans = ["term_periods"] }
-- [params.bullet_max_days]
-- type = "int"
-- default = 365
-- label = "Longest bullet term (days)"
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [params.as_of]
-- type = "date"
-- default = "auto"
-- label = "As of"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "contract_principal"
-- [chart]
-- kind = "histogram"
-- x = "term_days"
-- y = "loans"
-- [labels]
-- amount = "Contract principal of the loans"
WITH maturity AS (
  SELECT loan_id, max(due_date) AS last_due FROM base.installments
  WHERE $test_schedule GROUP BY loan_id
), termed AS (
  SELECT l.loan_id, l.borrower_id, l.contract_principal,
         CAST(l.disbursed_at AS DATE) AS disbursed, m.last_due,
         COALESCE(date_diff('day', CAST(l.disbursed_at AS DATE), m.last_due),
                  CASE WHEN $test_contract THEN CAST(l.term_periods * 30.4375 AS INTEGER) END)
           AS term_days
  FROM loans l LEFT JOIN maturity m USING (loan_id)
  WHERE l.repayment_type = 'bullet'
    AND CAST(l.disbursed_at AS DATE) BETWEEN $from_date AND $as_of
)
SELECT loan_id, borrower_id, contract_principal, disbursed, last_due, term_days
FROM termed
WHERE term_days > $bullet_max_days
ORDER BY term_days DESC, loan_id

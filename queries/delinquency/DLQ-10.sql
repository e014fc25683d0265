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
-- requires = { loans = ["loan_id", "borrower_id", "repayment_type", "disbursed_at", "contract_principal"], installments = ["loan_id", "due_date"] }
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
WITH maturity AS (SELECT loan_id, max(due_date) AS last_due FROM installments GROUP BY loan_id)
SELECT l.loan_id, l.borrower_id, l.contract_principal, CAST(l.disbursed_at AS DATE) AS disbursed,
       m.last_due,
       COALESCE(date_diff('day', CAST(l.disbursed_at AS DATE), m.last_due),
                CAST(l.term_periods * 30.4375 AS INTEGER)) AS term_days
FROM loans l LEFT JOIN maturity m USING (loan_id)
WHERE l.repayment_type = 'bullet'
  AND CAST(l.disbursed_at AS DATE) BETWEEN $from_date AND $as_of
  AND COALESCE(date_diff('day', CAST(l.disbursed_at AS DATE), m.last_due),
               CAST(l.term_periods * 30.4375 AS INTEGER)) > $bullet_max_days
ORDER BY term_days DESC, l.loan_id

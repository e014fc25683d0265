-- id = "DLQ-03"
-- title = "Vintage curves: share of each cohort ever past the threshold by months on book"
-- family = "delinquency"
-- severity = "info"
-- period = { on = "loans.disbursed_at", column = "first_disbursed" }
-- description = """
-- For each disbursement-month cohort and each month on book (MOB 0 is the month of
-- disbursement), the share of the cohort's principal, and of its loans, that has ever been at
-- least the threshold days past due by that month end. Cohorts are the loans disbursed in the
-- review period (first_disbursed is a cohort's earliest); vintages are cut at the as-of date."""
-- basis = "Vintage analysis (账龄分析, MOB), domain-rules 2.4 [C]"
-- percent_columns = ["ever_share_balance", "ever_share_count"]
-- requires = { loans = ["loan_id", "disbursed_at", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.vintage_dpd]
-- type = "int"
-- default = 30
-- label = "Ever days past due"
-- help = "A loan counts once it has been at least this many days past due"
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [finding]
-- rows = "none"
-- [chart]
-- kind = "line"
-- x = "mob"
-- y = "ever_share_balance"
-- series = "vintage"
-- [labels]
-- [labels.columns]
-- mob = "Months on book"
-- ever_share_balance = "Share ever past the DPD threshold (balance)"
-- ever_share_count = "Share ever past the DPD threshold (count)"
WITH counted AS (
  SELECT loan_id, CAST(date_trunc('month', disbursed_at) AS DATE) AS vintage,
         CAST(disbursed_at AS DATE) AS disbursed, contract_principal
  FROM base.loan_snapshot WHERE CAST(disbursed_at AS DATE) >= $from_date
), cohort AS (
  SELECT vintage, sum(contract_principal) AS principal, count(*) AS loans,
         min(disbursed) AS first_disbursed
  FROM counted GROUP BY ALL
)
SELECT m.vintage, c.first_disbursed, m.mob, c.loans AS cohort_loans,
       c.principal AS cohort_principal,
       count(*) FILTER (WHERE m.dpd_ever >= $vintage_dpd) AS ever_loans,
       COALESCE(sum(m.contract_principal) FILTER (WHERE m.dpd_ever >= $vintage_dpd), 0)
         AS ever_principal,
       COALESCE(sum(m.contract_principal) FILTER (WHERE m.dpd_ever >= $vintage_dpd), 0)
         / c.principal AS ever_share_balance,
       count(*) FILTER (WHERE m.dpd_ever >= $vintage_dpd) / c.loans AS ever_share_count
FROM base.month_end m JOIN counted USING (loan_id, vintage) JOIN cohort c USING (vintage)
GROUP BY m.vintage, c.first_disbursed, m.mob, c.loans, c.principal
ORDER BY m.vintage, m.mob

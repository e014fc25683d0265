-- id = "DSC-11"
-- title = "Credit reports that disagree with the ledger, outlive retention, or whose disputes were mishandled"
-- family = "disclosure"
-- severity = "high"
-- period = { on = ["bureau_reports.as_of_date", "bureau_reports.submitted_at", "disputes.received_at"], column = "event_date" }
-- description = """
-- (1) Reports that disagree with the repayment ledger on the day they speak for (their as-of
-- date, as at the start of that day, before that day's payments): a negative report with no
-- installment past due by the reported number of days (within a tolerance), or a report of normal
-- status while an installment was past due. (2) Negative reports sent more than the retention
-- period (5 years) after the loan's delinquency ended. (3) Disputes answered later than the
-- allowed days after they were received (or still open past it at the as-of date), and disputes
-- closed as "corrected" with no correcting report sent to the bureau. Part (3) reads the disputes
-- export; without one it finds nothing, and the run says so. In the review period (event_date):
-- reports by the day they speak for, late reports by the day sent, disputes by the day received."""
-- basis = "Credit Reporting Industry Regulation 2013 Art. 16 (5-year retention) and Art. 25 (disputes answered within 20 days, errors corrected) [C]; Reg V 12 CFR 1022.42 accuracy and integrity [C]; CFPB Supervisory Highlights 35 and 37 (inaccurate furnishing) [C]"
-- requires = { bureau_reports = ["report_id", "loan_id", "submitted_at", "is_negative"], loans = ["loan_id", "borrower_id", "disbursed_at", "contract_principal"], installments = ["due_date", "principal_due"] }
-- optional = { bureau_reports = ["dpd_reported"] }
-- [tests.accuracy]
-- title = "Reports that disagree with the ledger on the day they speak for"
-- requires = { bureau_reports = ["as_of_date"] }
-- [tests.retention]
-- title = "Negative reports past the retention period"
-- requires = {}
-- [tests.disputes]
-- title = "Disputes answered late, or corrected without a correction sent"
-- requires = { disputes = ["dispute_id", "received_at"] }
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [params.as_of]
-- type = "date"
-- default = "auto"
-- label = "As of"
-- [params.dpd_tolerance]
-- type = "int"
-- default = 0
-- label = "Reported DPD tolerance (days)"
-- [params.retention_years]
-- type = "int"
-- default = 5
-- label = "Negative information kept at most (years)"
-- [params.dispute_days]
-- type = "int"
-- default = 20
-- label = "Disputes answered within (days)"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- [chart]
-- kind = "bar"
-- x = "problem"
-- y = "items"
WITH past_due AS (
  SELECT b.report_id, count(s.inst_no) AS past_due_installments,
         count(s.inst_no) FILTER (WHERE abs(date_diff('day', s.due_date, b.as_of_date)
                                            - COALESCE(b.dpd_reported,
                                                       date_diff('day', s.due_date, b.as_of_date)))
                                        <= $dpd_tolerance) AS matching,
         max(date_diff('day', s.due_date, b.as_of_date)) AS ledger_max_dpd
  FROM bureau_reports b
  LEFT JOIN base.installment_status s
    ON s.loan_id = b.loan_id AND s.due_date < b.as_of_date
   AND (s.cleared_date IS NULL OR s.cleared_date >= b.as_of_date)
  WHERE b.as_of_date BETWEEN $from_date AND $as_of
  GROUP BY b.report_id
), accuracy AS (
  SELECT CASE WHEN b.is_negative AND p.matching = 0
                THEN 'negative report: no installment past due by the reported days'
              WHEN NOT b.is_negative AND p.past_due_installments > 0
                THEN 'normal status reported while past due' END AS problem,
         b.report_id AS item, b.loan_id, b.borrower_id, b.submitted_at AS at,
         b.dpd_reported, p.ledger_max_dpd, NULL::BIGINT AS days, b.as_of_date AS event_date
  FROM bureau_reports b JOIN past_due p USING (report_id)
), retention AS (
  SELECT 'negative report past the retention period' AS problem, b.report_id, b.loan_id,
         b.borrower_id, b.submitted_at, b.dpd_reported, NULL::BIGINT,
         date_diff('day', c.last_cleared, CAST(b.submitted_at AS DATE)),
         CAST(b.submitted_at AS DATE)
  FROM bureau_reports b
  JOIN (SELECT loan_id, max(cleared_date) AS last_cleared FROM base.installment_status
        GROUP BY loan_id HAVING count(*) = count(cleared_date)) c USING (loan_id)
  WHERE b.is_negative AND CAST(b.submitted_at AS DATE) BETWEEN $from_date AND $as_of
    AND CAST(b.submitted_at AS DATE) > c.last_cleared + to_years(CAST($retention_years AS INTEGER))
), dispute_rows AS (
  SELECT CASE WHEN date_diff('day', CAST(d.received_at AS DATE),
                             COALESCE(CAST(d.resolved_at AS DATE), $as_of)) > $dispute_days
                THEN CASE WHEN d.resolved_at IS NULL THEN 'dispute still open past the limit'
                          ELSE 'dispute answered late' END
              WHEN d.outcome = 'corrected' AND d.report_id IS NOT NULL AND NOT EXISTS (
                     SELECT 1 FROM bureau_reports c WHERE c.supersedes_report_id = d.report_id)
                THEN 'dispute "corrected" but no correction sent to the bureau' END AS problem,
         d.dispute_id, COALESCE(d.loan_id, r.loan_id), COALESCE(d.borrower_id, r.borrower_id),
         d.received_at, NULL::INTEGER, NULL::BIGINT,
         date_diff('day', CAST(d.received_at AS DATE),
                   COALESCE(CAST(d.resolved_at AS DATE), $as_of)),
         CAST(d.received_at AS DATE)
  FROM base.disputes d LEFT JOIN bureau_reports r ON r.report_id = d.report_id
  WHERE $test_disputes AND CAST(d.received_at AS DATE) BETWEEN $from_date AND $as_of
), everything AS (
  SELECT * FROM accuracy WHERE $test_accuracy AND problem IS NOT NULL
  UNION ALL SELECT * FROM retention WHERE $test_retention
  UNION ALL SELECT * FROM dispute_rows WHERE problem IS NOT NULL
)
SELECT e.problem, e.item, e.loan_id, COALESCE(e.borrower_id, l.borrower_id) AS borrower_id,
       e.at, e.event_date, e.dpd_reported, e.ledger_max_dpd, e.days, 1 AS items
FROM everything e LEFT JOIN loans l USING (loan_id)
ORDER BY e.problem, e.at, e.item

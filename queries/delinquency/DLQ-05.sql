-- id = "DLQ-05"
-- title = "First-payment default by cohort, channel and funding source"
-- family = "delinquency"
-- severity = "info"
-- period = { on = "loans.disbursed_at", column = "first_disbursed" }
-- description = """
-- Of the loans whose first installment fell due long enough before as-of to be judged, the
-- share whose first installment went more than the threshold days past due (FPD), by
-- disbursement cohort, acquisition channel and funding source. High FPD points at fraud or
-- careless underwriting in a channel. Loans disbursed in the review period. An export with no
-- acquisition channel says the channel split is not available (it does not file every loan
-- under one "unknown" channel)."""
-- basis = "First-payment default FPDx, domain-rules 2.6 [C]; horizon 30 days [U]"
-- percent_columns = ["fpd_rate"]
-- requires = { loans = ["loan_id", "disbursed_at"], installments = ["inst_no", "due_date", "principal_due"] }
-- optional = { loans = ["funding_source", "channel"] }
-- [params.fpd_days]
-- type = "int"
-- default = 30
-- label = "FPD horizon (days)"
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
-- rows = "none"
-- [chart]
-- kind = "line"
-- x = "cohort"
-- y = "fpd_rate"
-- series = "funding_source"
WITH export AS (SELECT count(channel) > 0 AS has_channel FROM loans)
SELECT CAST(date_trunc('month', l.disbursed_at) AS DATE) AS cohort,
       min(CAST(l.disbursed_at AS DATE)) AS first_disbursed,
       COALESCE(l.funding_source, 'unknown') AS funding_source,
       CASE WHEN e.has_channel THEN COALESCE(l.channel, 'unknown')
            ELSE 'split not available (no channel in the export)' END AS channel,
       count(*) AS matured_loans,
       count(*) FILTER (WHERE s.dpd_ever > $fpd_days) AS fpd_loans,
       count(*) FILTER (WHERE s.dpd_ever > $fpd_days) / count(*) AS fpd_rate
FROM base.loan_snapshot l
JOIN base.installment_status s ON s.loan_id = l.loan_id AND s.inst_no = 1
CROSS JOIN export e
WHERE s.due_date + CAST($fpd_days AS INTEGER) < $as_of
  AND CAST(l.disbursed_at AS DATE) >= $from_date
GROUP BY ALL
ORDER BY cohort, funding_source, channel

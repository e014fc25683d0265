-- id = "HIS-05"
-- title = "Other past records changed between two exports"
-- family = "history"
-- severity = "medium"
-- period = "export"
-- description = """
-- Everything else a later export tells differently about the period both exports cover: loans
-- (principal, rates, dates, classification, funding), notices, disclosures, reported figures,
-- refunds and disputes changed, removed or added after the fact. Not each is a breach, but each
-- is history rewritten and needs an explanation from the platform. Each row shows both values and
-- both exports' source fingerprints. Needs a comparison (auditor compare)."""
-- basis = "CBIRC Interim Measures on Internet Lending 2020 Art. 45 (complete and accurate records) [P]"
-- requires = { "history.runs" = ["period_end"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- [chart]
-- kind = "bar"
-- x = "table_name"
-- y = "changes"
SELECT table_name, change, loan_id, record_key, column_name, old_value, new_value, period_date,
       old_sources, new_sources, 1 AS changes
FROM history.differences
WHERE table_name IN ('loans', 'notices', 'disclosures', 'reported_metrics', 'refunds', 'disputes')
ORDER BY table_name, loan_id, record_key, column_name

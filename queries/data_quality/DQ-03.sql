-- id = "DQ-03"
-- title = "Zero-amount schedule rows and charges"
-- family = "data_quality"
-- severity = "info"
-- period = "export"
-- description = """
-- Installments that ask for nothing (principal, interest and fees all zero) and charges of
-- zero. Negative amounts never load (import rejects them with their rows); zeros load but
-- usually mean a broken schedule export or a placeholder row."""
-- basis = "Accuracy of the repayment schedule; DOMAIN.md data-quality catalogue"
-- requires = {}
-- [tests.installments]
-- title = "Installments that ask for nothing"
-- requires = { installments = ["loan_id", "inst_no", "principal_due"] }
-- [tests.charges]
-- title = "Charges of zero"
-- requires = { charges = ["charge_id", "loan_id", "amount"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- [chart]
-- kind = "bar"
-- x = "source_table"
-- y = "rows"
SELECT 'installments' AS source_table, loan_id || '#' || CAST(inst_no AS VARCHAR) AS ref,
       loan_id, 1 AS rows
FROM base.installments
WHERE $test_installments AND principal_due + COALESCE(interest_due, 0) + COALESCE(fee_due, 0) = 0
UNION ALL
SELECT 'charges', charge_id, loan_id, 1 FROM base.charges WHERE $test_charges AND amount = 0
ORDER BY source_table, loan_id, ref

-- id = "DQ-02"
-- title = "Duplicate transactions under different identifiers"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Payments recorded more than once: same loan, installment, amount, value date and receipt
-- time under different payment ids. Duplicate keys are already rejected at import; these pass
-- the key test but double the money. Each row is one extra copy, naming the first."""
-- basis = "Accuracy of the repayment ledger; DOMAIN.md data-quality catalogue"
-- requires = { payments = ["payment_id", "loan_id", "value_date", "amount"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "amount"
-- [chart]
-- kind = "bar"
-- x = "value_date"
-- y = "amount"
-- [labels]
-- amount = "Amount of the duplicate payments"
SELECT d.payment_id, d.first_payment_id, d.loan_id, l.borrower_id, d.inst_no, d.value_date,
       d.received_at, d.amount
FROM (
  SELECT p.*, first_value(p.payment_id) OVER w AS first_payment_id,
         row_number() OVER w AS copy_no
  FROM payments p
  WINDOW w AS (PARTITION BY p.loan_id, p.inst_no, p.amount, p.value_date, p.received_at
               ORDER BY p.payment_id)
) d LEFT JOIN base.loans l USING (loan_id)
WHERE d.copy_no > 1
ORDER BY d.loan_id, d.payment_id

-- id = "DSC-08"
-- title = "Penalty interest above the contract, or overdue cost above the cap"
-- family = "disclosure"
-- severity = "high"
-- period = { on = ["charges.assessed_at", "installments.due_date"], column = "event_date" }
-- description = """
-- (1) Penalty interest charged at a rate the contract does not state, above the contracted penalty
-- rate, or above the allowed multiple of the loan's rate. The loan's rate here is the larger of the
-- contract rate and the loan's annualised cost recomputed from its cash flows: a flat-fee product
-- with a 0% contract rate still costs the borrower its fee, and the penalty benchmark follows the
-- price actually agreed. (2) Installments whose overdue cost, annualised (the contract rate plus
-- penalty interest, late, default and failed-payment fees not waived or refunded, over the amount
-- due and the days overdue), exceeds the cap for the lender: 24% for licensed lenders, four
-- times the one-year LPR for private lending. Flat fees on short delays annualise high: that is
-- the point of the rule, which courts apply to the total of overdue charges. Penalty charges
-- assessed, and installments due, in the review period (event_date)."""
-- basis = "PBOC Yin Fa [2003] No. 251, penalty = contract rate + 30-50% [C, benchmark for non-banks U]; SPC private-lending provisions 2020 Arts. 28-29 (4 x LPR overdue total) [C]; SPC Fa Fa [2017] No. 22 (24% financial loans) [P]; FCA CONC 7.7.5R [C]"
-- percent_columns = ["rate_applied", "contracted_penalty", "reference_rate", "overdue_all_in", "cap"]
-- requires = { charges = ["charge_id", "loan_id", "inst_no", "charge_type", "amount", "assessed_at"], loans = ["loan_id", "borrower_id", "disbursed_at", "contract_principal"], installments = ["due_date", "principal_due"] }
-- optional = { loans = ["contract_rate_annual"] }
-- [tests.penalty_rate]
-- title = "Penalty interest not in the contract, above it, or above a multiple of the loan rate"
-- requires = { loans = ["penalty_rate_annual"] }
-- [tests.overdue_cost]
-- title = "Overdue cost above the cap"
-- requires = {}
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [params.as_of]
-- type = "date"
-- default = "auto"
-- label = "As of"
-- [params.penalty_multiple]
-- type = "decimal"
-- default = "1.5"
-- label = "Penalty rate at most (x loan rate)"
-- [params.rate_tolerance]
-- type = "decimal"
-- default = "0.0001"
-- label = "Rate tolerance"
-- [params.cap_licensed]
-- type = "decimal"
-- default = "0.24"
-- label = "Cap, licensed lenders"
-- [params.lpr_1y]
-- type = "decimal"
-- default = "0.031"
-- label = "One-year LPR (private lending cap is four times it)"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "amount"
-- [chart]
-- kind = "bar"
-- x = "problem"
-- y = "amount"
-- [labels]
-- amount = "Penalties and fees charged"
-- units = { rate_tolerance = "pp", cap_licensed = "%", lpr_1y = "%" }
WITH pen AS (
  SELECT c.charge_id, c.loan_id, l.borrower_id, c.inst_no,
         CAST(c.assessed_at AS DATE) AS event_date, c.rate_applied, c.amount,
         l.penalty_rate_annual AS contracted_penalty,
         greatest(COALESCE(l.contract_rate_annual, 0), COALESCE(a.apr_nominal, 0)) AS reference_rate
  FROM charges c JOIN loans l USING (loan_id) LEFT JOIN base.apr a USING (loan_id)
  WHERE c.charge_type = 'penalty_interest' AND c.waived_at IS NULL AND c.refunded_at IS NULL
    AND CAST(c.assessed_at AS DATE) BETWEEN $from_date AND $as_of
), rate_rows AS (
  SELECT CASE WHEN contracted_penalty IS NULL THEN 'penalty rate not in the contract'
              WHEN rate_applied > contracted_penalty + $rate_tolerance
                THEN 'charged above the contracted penalty rate'
              WHEN rate_applied > $penalty_multiple * reference_rate + $rate_tolerance
                THEN 'penalty rate above ' || $penalty_multiple || ' x the loan rate' END AS problem,
         *
  FROM pen
), overdue AS (
  SELECT c.loan_id, c.inst_no, any_value(s.due_date) AS event_date, sum(c.amount) AS amount,
         any_value(s.amount_due) AS amount_due,
         greatest(1, date_diff('day', any_value(s.due_date),
                               least(COALESCE(any_value(s.cleared_date), $as_of), $as_of))) AS days
  FROM charges c JOIN base.installment_status s USING (loan_id, inst_no)
  WHERE c.charge_type IN ('penalty_interest', 'late_fee', 'default_fee', 'failed_payment_fee')
    AND c.waived_at IS NULL AND c.refunded_at IS NULL AND c.amount > 0
    AND s.due_date BETWEEN $from_date AND $as_of
  GROUP BY c.loan_id, c.inst_no
), cost AS (
  SELECT o.*, l.borrower_id, l.contract_rate_annual,
         COALESCE(l.contract_rate_annual, 0) + o.amount / (o.amount_due * o.days / 365.0)
           AS overdue_all_in,
         CASE WHEN l.lender_type = 'private' THEN 4 * $lpr_1y ELSE $cap_licensed END AS cap
  FROM overdue o JOIN loans l USING (loan_id)
  WHERE o.amount_due > 0
)
SELECT problem, loan_id, borrower_id, inst_no, event_date, charge_id, rate_applied,
       contracted_penalty,
       reference_rate, NULL::DOUBLE AS overdue_all_in, NULL::DOUBLE AS cap, NULL::INTEGER AS days,
       amount
FROM rate_rows WHERE $test_penalty_rate AND problem IS NOT NULL
UNION ALL
SELECT 'overdue cost above the cap', loan_id, borrower_id, inst_no, event_date, NULL, NULL, NULL,
       contract_rate_annual, overdue_all_in, cap, days, amount
FROM cost WHERE $test_overdue_cost AND overdue_all_in > cap
ORDER BY 1, 2, 4, 6

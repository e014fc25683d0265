-- id = "DSC-04"
-- title = "Disclosed annualised rate below the rate recomputed from the cash flows"
-- family = "disclosure"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "disbursed" }
-- description = """
-- Each loan's disclosed annualised rate against the rate recomputed from its cash flows (cash
-- actually received, every scheduled payment, every loan-related fee) on the same basis: the
-- nominal IRR (monthly rate x 12) for an IRR disclosure in China and the US, the effective
-- rate for the UK, the simple rate for a disclosure labelled simple. A finding understates the
-- cost by more than the tolerance (0.125 points, 0.25 for an irregular first period). Loans
-- disbursed in the review period."""
-- basis = "PBOC Announcement [2021] No. 3 [C]; Reg Z 1026.22(a)(2)-(3) tolerances [C]; FCA MCOB 10A APRC [C]"
-- percent_columns = ["disclosed_apr", "recomputed", "understated_by", "apr_nominal", "apr_effective", "apr_simple"]
-- requires = { loans = ["loan_id", "borrower_id", "disclosed_apr", "disbursed_at", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.apr_basis]
-- type = "choice"
-- choices = ["nominal", "effective"]
-- default = "nominal"
-- label = "Basis of an IRR disclosure"
-- [params.apr_tolerance]
-- type = "decimal"
-- default = "0.00125"
-- label = "Tolerance, regular schedule"
-- [params.apr_tolerance_irregular]
-- type = "decimal"
-- default = "0.0025"
-- label = "Tolerance, irregular first period"
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
-- rows = "finding"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "contract_principal"
-- [chart]
-- kind = "histogram"
-- x = "understated_by"
-- y = "loans"
-- [labels]
-- amount = "Contract principal of the loans"
-- units = { apr_tolerance = "pp", apr_tolerance_irregular = "pp" }
-- [labels.columns]
-- recomputed = "Recomputed APR"
-- understated_by = "Understated by"
-- irregular = "Irregular first period"
-- apr_nominal = "APR (nominal)"
-- apr_effective = "APR (effective)"
-- apr_simple = "APR (simple)"
WITH first_due AS (
  SELECT loan_id, min(due_date) AS first_due FROM installments GROUP BY loan_id
), judged AS (
  SELECT l.loan_id, l.borrower_id, l.product_id, CAST(l.disbursed_at AS DATE) AS disbursed,
         l.contract_principal, l.disclosed_apr,
         COALESCE(l.disclosed_apr_method, 'irr') AS method, a.apr_nominal, a.apr_effective,
         a.apr_simple, a.unsolved_reason,
         day(CAST(l.disbursed_at AS DATE)) <> day(f.first_due) AS irregular,
         CASE WHEN COALESCE(l.disclosed_apr_method, 'irr') = 'simple' THEN a.apr_simple
              WHEN $apr_basis = 'effective' THEN a.apr_effective
              ELSE a.apr_nominal END AS recomputed
  FROM loans l
  JOIN base.apr a USING (loan_id)
  LEFT JOIN first_due f USING (loan_id)
  WHERE l.disclosed_apr IS NOT NULL
    AND CAST(l.disbursed_at AS DATE) BETWEEN $from_date AND $as_of
)
SELECT loan_id, borrower_id, product_id, disbursed, contract_principal, method, disclosed_apr, recomputed,
       recomputed - disclosed_apr AS understated_by, irregular, apr_nominal, apr_effective,
       apr_simple, unsolved_reason, 1 AS loans,
       recomputed - disclosed_apr > CASE WHEN irregular THEN $apr_tolerance_irregular
                                         ELSE $apr_tolerance END AS finding
FROM judged
ORDER BY finding DESC, understated_by DESC, loan_id

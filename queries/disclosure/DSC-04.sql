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
-- [zh]
-- title = "披露的年化利率低于按现金流重算的利率"
-- description = """
-- 每笔借据披露的年化利率，与按其现金流（借款人实际收到的资金、每一笔计划还款、每一项与贷款相关
-- 的费用）在相同口径下重算的利率相比较：在中国和美国，内部收益率法的披露按名义年化（月利率×12）
-- 计算；英国按实际年化利率计算；注明单利法的披露按单利计算。少报成本超过容差（0.125个百分点，首
-- 期不规则的为0.25个百分点）即为问题。统计检查期间内放款的借据。"""
-- basis = """
-- 中国人民银行公告〔2021〕第3号 [C]；美国《Z条例》1026.22(a)(2)-(3) 容差 [C]；英国 FCA MCOB 10A 年
-- 化总费率（APRC）[C]"""
-- finding = "“是否为问题”为“是”的行即为问题：披露的年化利率比重算值低出容差以上"
-- amount = "借据的合同本金"
-- [zh.params.apr_basis]
-- label = "内部收益率法披露的口径"
-- [zh.params.apr_tolerance]
-- label = "容差（规则还款计划）"
-- [zh.params.apr_tolerance_irregular]
-- label = "容差（首期不规则）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.columns]
-- method = "计算方法"
-- disclosed_apr = "披露的年化利率"
-- recomputed = "重算的年化利率"
-- understated_by = "少报幅度"
-- irregular = "首期不规则"
-- unsolved_reason = "无法求解的原因"
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

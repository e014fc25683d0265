-- id = "DSC-05"
-- title = "All-in cost above the rate cap"
-- family = "disclosure"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "disbursed" }
-- description = """
-- Loans whose all-in annualised cost, recomputed from the cash flows (interest and every
-- loan-related fee, on the cash actually received), exceeds the cap for their lender: 24% a
-- year for licensed lenders (banks, consumer-finance and microloan companies), four times the
-- one-year loan prime rate for private lending. Loans above the 36% line are marked severe.
-- Loans disbursed in the review period."""
-- basis = "SPC 2017 opinions (Fa Fa [2017] No. 22) with NFRA Jin Gui [2025] No. 9 read as a 24% all-in cap [P]; SPC private-lending provisions 2020, 4 x LPR [C]; cash-loan rectification notice (Zhengzhi Ban Han [2017] No. 141): all-in cost within the SPC 24%/36% lines [P]"
-- percent_columns = ["apr_nominal", "cap"]
-- requires = { loans = ["loan_id", "borrower_id", "disbursed_at", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.cap_licensed]
-- type = "decimal"
-- default = "0.24"
-- label = "Cap, licensed lenders"
-- [params.lpr_1y]
-- type = "decimal"
-- default = "0.031"
-- label = "One-year LPR (private lending cap is four times it)"
-- [params.severe_line]
-- type = "decimal"
-- default = "0.36"
-- label = "Severe line"
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
-- x = "apr_nominal"
-- y = "loans"
-- [labels]
-- amount = "Contract principal of the loans"
-- units = { cap_licensed = "%", lpr_1y = "%", severe_line = "%" }
-- [labels.columns]
-- apr_nominal = "APR (nominal)"
-- severe = "Above the severe line"
-- [zh]
-- title = "综合融资成本超过利率上限"
-- description = """
-- 按现金流（利息及每一项与贷款相关的费用，以实际到手资金为本金）重算的综合融资成本超过其放贷机
-- 构所适用上限的借据：持牌放贷机构（银行、消费金融公司、小额贷款公司）为年化24%，民间借贷为一年
-- 期贷款市场报价利率（LPR）的4倍。超过36%的借据标记为严重。统计检查期间内放款的借据。"""
-- basis = """
-- 《最高人民法院关于进一步加强金融审判工作的若干意见》（法发〔2017〕22号）与《关于加强商业银行
-- 互联网助贷业务管理 提升金融服务质效的通知》（金规〔2025〕9号），解读为综合融资成本24%上限 [P]；
-- 《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》（2020年），4倍LPR [C]；《关于规范
-- 整顿“现金贷”业务的通知》（整治办函〔2017〕141号），综合资金成本适用最高人民法院24%/36%两条线 [P]"""
-- finding = "每一行均为问题：一笔综合融资成本超过上限的借据"
-- amount = "借据的合同本金"
-- [zh.params.cap_licensed]
-- label = "利率上限（持牌放贷机构）"
-- [zh.params.lpr_1y]
-- label = "一年期LPR（民间借贷上限为其4倍）"
-- [zh.params.severe_line]
-- label = "严重线"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.columns]
-- severe = "超过严重线"
SELECT l.loan_id, l.borrower_id, l.product_id, l.lender_type,
       CAST(l.disbursed_at AS DATE) AS disbursed, l.contract_principal,
       a.apr_nominal,
       CASE WHEN l.lender_type = 'private' THEN 4 * $lpr_1y ELSE $cap_licensed END AS cap,
       a.apr_nominal > $severe_line AS severe, 1 AS loans
FROM loans l JOIN base.apr a USING (loan_id)
WHERE CAST(l.disbursed_at AS DATE) BETWEEN $from_date AND $as_of
  AND a.apr_nominal > CASE WHEN l.lender_type = 'private' THEN 4 * $lpr_1y ELSE $cap_licensed END
ORDER BY a.apr_nominal DESC, l.loan_id

-- id = "DSC-06"
-- title = "Fees charged but left out of the product's disclosure"
-- family = "disclosure"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "first_disbursed" }
-- description = """
-- Products whose schedules carry fees, or whose loans were charged loan-related fees (service,
-- guarantee, credit-enhancement, membership, consulting), while the product's disclosures list
-- no fees at all: the quoted cost leaves them out. Loans disbursed in the review period."""
-- basis = "PBOC Announcement [2021] No. 3: all loan-related fees in the annualised rate [C]; NFRA Jin Gui [2025] No. 9 on credit-enhancement fees [C]"
-- requires = { loans = ["loan_id", "product_id", "contract_principal", "disbursed_at"], installments = ["loan_id", "fee_due"], disclosures = ["product_id", "fees_listed"] }
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
-- amount = "fees"
-- [chart]
-- kind = "bar"
-- x = "product_id"
-- y = "fees"
-- [labels]
-- amount = "Fees left out of the quoted cost"
-- [zh]
-- title = "收取了费用却未在产品信息披露中列明"
-- description = """
-- 还款计划中含有费用，或其借据被收取与贷款相关的费用（服务费、担保费、增信服务费、会员费、咨询
-- 费）的产品，而该产品的信息披露中一项费用也未列明：对外报价的成本把这些费用漏掉了。统计检查期
-- 间内放款的借据。"""
-- basis = """
-- 中国人民银行公告〔2021〕第3号：与贷款直接相关的各类费用均应计入年化利率 [C]；《关于加强商业银
-- 行互联网助贷业务管理 提升金融服务质效的通知》（金规〔2025〕9号）关于增信服务费 [C]"""
-- finding = "每一行均为问题：一个收取费用却未披露的产品"
-- amount = "未计入报价成本的费用"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.columns]
-- fees = "费用金额"
-- [zh.values.problem]
-- "scheduled fees, none disclosed" = "还款计划中有费用，但未披露任何费用"
WITH fees AS (
  SELECT l.product_id, min(CAST(l.disbursed_at AS DATE)) AS first_disbursed,
         count(DISTINCT l.loan_id) AS loans, sum(i.fee_due) AS fees
  FROM loans l JOIN installments i USING (loan_id)
  WHERE i.fee_due > 0 AND CAST(l.disbursed_at AS DATE) BETWEEN $from_date AND $as_of
  GROUP BY l.product_id
), listed AS (
  SELECT product_id, bool_or(COALESCE(trim(fees_listed), '') <> '') AS any_listed
  FROM disclosures GROUP BY product_id
)
SELECT f.product_id, f.first_disbursed, f.loans, f.fees, 'scheduled fees, none disclosed' AS problem
FROM fees f JOIN listed d USING (product_id)
WHERE NOT d.any_listed
ORDER BY f.product_id

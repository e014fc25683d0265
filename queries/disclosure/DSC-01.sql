-- id = "DSC-01"
-- title = "Annualised rate not shown"
-- family = "disclosure"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "first_disbursed" }
-- description = """
-- Product pages, ads and contracts captured without an annualised rate, and, per product, the
-- loans whose record carries no disclosed annualised rate. Since 2021 every lender must show
-- the annualised rate when marketing a loan and state it in the contract. Captures describe the
-- product as shown, whenever captured; loans are those disbursed in the review period."""
-- basis = "PBOC Announcement [2021] No. 3 [C]"
-- requires = {}
-- optional = { loans = ["product_id"] }
-- [tests.pages]
-- title = "Product pages that show no annualised rate"
-- requires = { disclosures = ["product_id", "apr_shown"] }
-- [tests.contracts]
-- title = "Loans whose contract shows no annualised rate"
-- requires = { loans = ["loan_id", "contract_principal", "disbursed_at", "disclosed_apr"] }
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
-- amount = "principal"
-- [chart]
-- kind = "bar"
-- x = "product_id"
-- y = "loans"
-- [labels]
-- amount = "Principal lent under the products"
-- [zh]
-- title = "未展示年化利率"
-- description = """
-- 采集到的产品页面、广告和合同中未展示年化利率的，以及按产品统计、借据记录中没有披露年化利率的
-- 借据。自2021年起，放贷机构在营销贷款时必须展示年化利率，并在合同中载明。页面采集记录反映产品
-- 的展示情况，不论采集时间；借据为检查期间内放款的借据。"""
-- basis = "中国人民银行公告〔2021〕第3号 [C]"
-- finding = "每一行均为问题：一个未展示年化利率的页面，或一个有借据未披露年化利率的产品"
-- amount = "相关产品项下的放款本金"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.tests.pages]
-- title = "未展示年化利率的产品页面"
-- [zh.tests.contracts]
-- title = "合同未载明年化利率的借据"
-- [zh.columns]
-- level = "层级"
-- principal = "放款本金"
-- [zh.values.level]
-- "disclosure" = "信息披露页面"
-- "loans" = "借据"
SELECT 'disclosure' AS level, product_id, surface, captured_at, NULL::DATE AS first_disbursed,
       NULL::BIGINT AS loans, NULL::DECIMAL(18,2) AS principal
FROM base.disclosures
WHERE $test_pages AND (NOT COALESCE(apr_shown, FALSE) OR apr_value IS NULL)
UNION ALL
SELECT 'loans', COALESCE(product_id, 'unknown'), 'contract', NULL,
       min(CAST(disbursed_at AS DATE)), count(*), sum(contract_principal)
FROM base.loans
WHERE $test_contracts AND disclosed_apr IS NULL
  AND CAST(disbursed_at AS DATE) BETWEEN $from_date AND $as_of
GROUP BY ALL
ORDER BY level, product_id, surface

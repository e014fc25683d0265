-- id = "DSC-03"
-- title = "Annualised rate shown without its method label"
-- family = "disclosure"
-- severity = "medium"
-- period = { on = "loans.disbursed_at", column = "first_disbursed" }
-- description = """
-- Captures that show an annualised rate without saying how it was computed (compound/IRR or
-- simple), and loans whose disclosed rate has no method. A simple-method figure must be labelled
-- as such; without the label the borrower cannot compare offers. Captures describe the product
-- as shown, whenever captured; loans are those disbursed in the review period."""
-- basis = "PBOC Announcement [2021] No. 3: the simple method must be labelled [P]"
-- requires = {}
-- optional = { loans = ["product_id"] }
-- [tests.pages]
-- title = "Pages that show an annualised rate without saying how it is computed"
-- requires = { disclosures = ["product_id", "apr_shown", "apr_method_label"] }
-- [tests.contracts]
-- title = "Loans with a disclosed annualised rate and no method"
-- requires = { loans = ["loan_id", "disbursed_at", "disclosed_apr", "disclosed_apr_method"] }
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
-- [chart]
-- kind = "bar"
-- x = "product_id"
-- y = "loans"
-- [zh]
-- title = "展示年化利率未注明计算方法"
-- description = """
-- 展示了年化利率却未说明计算方法（复利/内部收益率法或单利法）的采集记录，以及所披露年化利率未注
-- 明方法的借据。按单利法计算的数值必须注明；不注明，借款人就无法比较不同产品。页面采集记录反映
-- 产品的展示情况，不论采集时间；借据为检查期间内放款的借据。"""
-- basis = "中国人民银行公告〔2021〕第3号：采用单利法计算的须予注明 [P]"
-- finding = "每一行均为问题：一个未注明计算方法的页面，或一个有借据未注明方法的产品"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.tests.pages]
-- title = "展示年化利率却未说明计算方法的页面"
-- [zh.tests.contracts]
-- title = "披露了年化利率但未注明方法的借据"
-- [zh.columns]
-- level = "层级"
-- [zh.values.level]
-- "disclosure" = "信息披露页面"
-- "loans" = "借据"
SELECT 'disclosure' AS level, product_id, surface, apr_value, NULL::DATE AS first_disbursed,
       NULL::BIGINT AS loans
FROM base.disclosures
WHERE $test_pages AND COALESCE(apr_shown, FALSE) AND apr_method_label IS NULL
UNION ALL
SELECT 'loans', COALESCE(product_id, 'unknown'), 'contract', NULL,
       min(CAST(disbursed_at AS DATE)), count(*)
FROM base.loans
WHERE $test_contracts AND disclosed_apr IS NOT NULL AND disclosed_apr_method IS NULL
  AND CAST(disbursed_at AS DATE) BETWEEN $from_date AND $as_of
GROUP BY ALL
ORDER BY level, product_id, surface

-- id = "DSC-02"
-- title = "Daily or monthly rate shown more prominently than the annualised rate"
-- family = "disclosure"
-- severity = "high"
-- period = "stock"
-- description = """
-- Captures where a daily rate is shown and the annualised rate is missing or set in a smaller
-- font: the borrower is led by the small-looking daily figure."""
-- basis = "PBOC Announcement [2021] No. 3: the annualised rate at least as prominent as daily or monthly rates [C]"
-- requires = { disclosures = ["product_id", "daily_rate_shown", "apr_shown"] }
-- [finding]
-- rows = "all"
-- [chart]
-- kind = "bar"
-- x = "product_id"
-- y = "daily_font_px"
-- [zh]
-- title = "日利率或月利率比年化利率更醒目"
-- description = """
-- 采集记录中展示了日利率，而年化利率缺失或字号更小：借款人被看似很低的日利率所误导。"""
-- basis = "中国人民银行公告〔2021〕第3号：年化利率的醒目程度不得低于日利率、月利率 [C]"
-- finding = "每一行均为问题：一条日利率比年化利率更醒目的采集记录"
-- [zh.columns]
-- apr_shown = "是否展示年化利率"
-- apr_font_px = "年化利率字号（像素）"
-- daily_rate_value = "展示的日利率"
-- daily_font_px = "日利率字号（像素）"
-- [zh.values.problem]
-- "daily rate shown, annualised rate not" = "展示了日利率，未展示年化利率"
-- "daily rate in a larger font" = "日利率字号更大"
SELECT product_id, surface, captured_at, apr_shown, apr_value, apr_font_px, daily_rate_value,
       daily_font_px,
       CASE WHEN NOT COALESCE(apr_shown, FALSE) THEN 'daily rate shown, annualised rate not'
            ELSE 'daily rate in a larger font' END AS problem
FROM disclosures
WHERE COALESCE(daily_rate_shown, FALSE)
  AND (NOT COALESCE(apr_shown, FALSE) OR daily_font_px > apr_font_px)
ORDER BY product_id, surface

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
SELECT product_id, surface, captured_at, apr_shown, apr_value, apr_font_px, daily_rate_value,
       daily_font_px,
       CASE WHEN NOT COALESCE(apr_shown, FALSE) THEN 'daily rate shown, annualised rate not'
            ELSE 'daily rate in a larger font' END AS problem
FROM disclosures
WHERE COALESCE(daily_rate_shown, FALSE)
  AND (NOT COALESCE(apr_shown, FALSE) OR daily_font_px > apr_font_px)
ORDER BY product_id, surface

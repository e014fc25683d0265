-- id = "HIS-05"
-- title = "Other past records changed between two exports"
-- family = "history"
-- severity = "medium"
-- period = "export"
-- description = """
-- Everything else a later export tells differently about the period both exports cover: loans
-- (principal, rates, dates, classification, funding), notices, disclosures, reported figures,
-- refunds and disputes changed, removed or added after the fact. Not each is a breach, but each
-- is history rewritten and needs an explanation from the platform. Each row shows both values and
-- both exports' source fingerprints. Needs a comparison (auditor compare)."""
-- basis = "CBIRC Interim Measures on Internet Lending 2020 Art. 45 (complete and accurate records) [P]"
-- requires = { "history.runs" = ["period_end"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- [chart]
-- kind = "bar"
-- x = "table_name"
-- y = "changes"
-- [zh]
-- title = "两次导出之间被改动的其他历史记录"
-- description = """
-- 后一次导出对两次导出共同覆盖期间的其他一切不同说法：借据（本金、利率、日期、风险分类、资金来
-- 源）、通知、信息披露、报告的数据、退款和异议被事后改动、删除或新增。并非每一处都违规，但每一
-- 处都是改写了的历史，需要平台作出解释。每一行列出原值和新值，以及两次导出数据源文件的指纹（SHA-256）
-- 。需要先做比对（auditor compare）。"""
-- basis = "《商业银行互联网贷款管理暂行办法》（2020年）第四十五条（记录完整、准确）[P]"
-- finding = "每一行均为问题：一处被改动的历史记录"
SELECT table_name, change, loan_id, record_key, column_name, old_value, new_value, period_date,
       old_sources, new_sources, 1 AS changes
FROM history.differences
WHERE table_name IN ('loans', 'notices', 'disclosures', 'reported_metrics', 'refunds', 'disputes')
ORDER BY table_name, loan_id, record_key, column_name

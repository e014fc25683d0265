-- id = "HIS-03"
-- title = "Incidents removed, added or shortened between two exports"
-- family = "history"
-- severity = "high"
-- period = "export"
-- description = """
-- The incident log told differently by a later export, inside the period both cover: an incident
-- gone, one added after the fact, a window shortened (starting later or ending earlier) or its
-- kind or planned flag changed. Removing or shortening an outage takes the borrowers who tried to
-- pay in it out of the harm chain. Minutes removed counts the window lost. Each row shows both
-- values and both exports' source fingerprints. Needs a comparison (auditor compare)."""
-- basis = "CBIRC Interim Measures on Internet Lending 2020 Art. 45 [P]; PBOC Measures on Financial Consumer Protection 2020 Art. 52 (incident records) [U]"
-- requires = { "history.runs" = ["period_end"] }
-- [finding]
-- rows = "all"
-- [chart]
-- kind = "bar"
-- x = "change"
-- y = "minutes_removed"
-- [zh]
-- title = "两次导出之间被删除、新增或缩短的故障事件"
-- description = """
-- 在两次导出共同覆盖的期间内，后一次导出对故障事件日志的说法不同：某事件消失、事后新增事件、时
-- 间窗口被缩短（开始更晚或结束更早），或事件类型、是否计划内被改动。删除或缩短一次系统故障，就
-- 把故障期间尝试还款的借款人移出了损害链条。“减少的分钟数”为丢失的时间窗口。每一行列出原值和新
-- 值，以及两次导出数据源文件的指纹（SHA-256）。需要先做比对（auditor compare）。"""
-- basis = """
-- 《商业银行互联网贷款管理暂行办法》（2020年）第四十五条 [P]；《中国人民银行金融消费者权益保护
-- 实施办法》（2020年）第五十二条（事件记录）[U]"""
-- finding = "每一行均为问题：一处被改动的故障事件记录"
-- [zh.columns]
-- minutes_removed = "减少的分钟数"
SELECT 'removed' AS change, incident_id, '(row removed)' AS column_name,
       CAST(start_at AS VARCHAR) || ' .. ' || CAST(end_at AS VARCHAR) AS old_value,
       NULL AS new_value, datediff('minute', start_at, end_at) AS minutes_removed,
       period_date, old_sources, new_sources
FROM history.incidents_removed
UNION ALL
SELECT 'added', incident_id, '(row added)', NULL,
       CAST(start_at AS VARCHAR) || ' .. ' || CAST(end_at AS VARCHAR), 0, period_date,
       old_sources, new_sources
FROM history.incidents_added
UNION ALL
SELECT CASE WHEN column_name IN ('start_at', 'end_at') AND coalesce(
         CASE column_name WHEN 'end_at' THEN datediff('minute', TRY_CAST(new_value AS TIMESTAMP),
                                                      TRY_CAST(old_value AS TIMESTAMP))
                          ELSE datediff('minute', TRY_CAST(old_value AS TIMESTAMP),
                                        TRY_CAST(new_value AS TIMESTAMP)) END, 0) > 0
            THEN 'shortened' ELSE 'changed' END,
       record_key, column_name, old_value, new_value,
       greatest(0, coalesce(
         CASE column_name WHEN 'end_at' THEN datediff('minute', TRY_CAST(new_value AS TIMESTAMP),
                                                      TRY_CAST(old_value AS TIMESTAMP))
                          WHEN 'start_at' THEN datediff('minute', TRY_CAST(old_value AS TIMESTAMP),
                                                        TRY_CAST(new_value AS TIMESTAMP)) END, 0)),
       period_date, old_sources, new_sources
FROM history.changes
WHERE table_name = 'incidents' AND column_name IN ('start_at', 'end_at', 'kind', 'planned')
ORDER BY incident_id, column_name

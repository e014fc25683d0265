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

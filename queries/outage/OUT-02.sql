-- id = "OUT-02"
-- title = "Unlogged congestion: technical-failure spikes with no incident on record"
-- family = "outage"
-- severity = "high"
-- period = { on = "repayment_attempts.attempt_at", column = "slot" }
-- description = """
-- The technical-failure rate of repayment attempts in time slots, against the same time of day
-- over the previous four weeks. A slot is a finding when its rate reaches the multiple of that
-- baseline with enough attempts and failures to matter, and no logged incident covers it: the
-- platform's systems failed borrowers and the incident log does not say so. Slots covered by
-- logged incidents are left out of the baselines too. Slots in the review period are judged;
-- the baseline may reach back before it."""
-- basis = "CBRC Business Continuity Guidelines 2011 (operational interruption events) [P]; FCA SYSC 15A [C]; analyst defaults [U]"
-- percent_columns = ["failure_rate", "baseline_rate"]
-- requires = { repayment_attempts = ["attempt_id", "attempt_at", "status", "failure_reason"], incidents = ["incident_id", "start_at", "end_at"] }
-- [params.bucket_minutes]
-- type = "int"
-- default = 60
-- label = "Slot length (minutes)"
-- min = 1
-- max = 1440
-- [params.multiple]
-- type = "decimal"
-- default = "3"
-- label = "Multiple of the baseline rate"
-- [params.min_attempts]
-- type = "int"
-- default = 30
-- label = "Fewest attempts in a slot"
-- [params.min_failures]
-- type = "int"
-- default = 10
-- label = "Fewest technical failures in a slot"
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
-- [chart]
-- kind = "timeline"
-- x = "slot"
-- y = "failure_rate"
-- [labels]
-- [labels.columns]
-- slot = "Slot start"
-- slot_end = "Slot end"
-- failures = "Technical failures"
-- failure_rate = "Technical-failure rate"
-- baseline_rate = "Baseline rate (same hour, 4 weeks)"
-- logged_incident = "Logged incident"
-- [zh]
-- title = "未记录的系统拥堵：无故障事件记录的技术性失败激增"
-- description = """
-- 按时段统计还款请求的技术性失败率，并与此前四周同一时段的水平相比较。某时段的失败率达到基准的
-- 倍数、还款请求和失败笔数都足够多，且没有任何已记录的故障事件覆盖该时段，即为问题：平台系统让
-- 借款人还款失败，故障事件日志却只字未提。被已记录故障事件覆盖的时段也不计入基准。判定检查期间
-- 内的时段；基准可以追溯到检查期间之前。"""
-- basis = """
-- 《商业银行业务连续性监管指引》（2011年）（运营中断事件）[P]；英国 FCA SYSC 15A [C]；分析默认
-- 值 [U]"""
-- finding = "“是否为问题”为“是”的行即为问题：失败率达到基准倍数且无故障事件记录的时段"
-- [zh.params.bucket_minutes]
-- label = "时段长度（分钟）"
-- [zh.params.multiple]
-- label = "基准失败率的倍数"
-- [zh.params.min_attempts]
-- label = "时段内最少还款请求数"
-- [zh.params.min_failures]
-- label = "时段内最少技术性失败数"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.columns]
-- slot = "时段开始"
-- slot_end = "时段结束"
-- failures = "技术性失败数"
-- failure_rate = "技术性失败率"
-- baseline_rate = "基准失败率（同一时段，前4周）"
-- logged_incident = "已记录的故障事件"
WITH att AS (
  SELECT time_bucket(to_minutes(CAST($bucket_minutes AS BIGINT)), a.attempt_at) AS slot,
         a.status = 'failed' AND r.category = 'technical' AS tech_fail
  FROM repayment_attempts a
  LEFT JOIN base.failure_reasons r ON r.reason = lower(trim(a.failure_reason))
), slots AS (
  SELECT slot, count(*) AS attempts, count(*) FILTER (WHERE tech_fail) AS failures
  FROM att GROUP BY slot
), logged AS (
  -- The slots each incident covers, listed from the incident's side: an equality join on the
  -- slot afterwards, linear in both tables (an overlap join here ran as a nested loop).
  SELECT slot, min(incident_id) AS incident_id
  FROM (SELECT incident_id,
               unnest(range(time_bucket(to_minutes(CAST($bucket_minutes AS BIGINT)), start_at),
                            end_at, to_minutes(CAST($bucket_minutes AS BIGINT)))) AS slot
        FROM incidents WHERE end_at > start_at)
  GROUP BY slot
), marked AS (
  SELECT s.*, l.incident_id, CAST(s.slot AS TIME) AS time_of_day
  FROM slots s LEFT JOIN logged l ON l.slot = s.slot
), judged AS (
  -- The baseline: the same time of day over the 28 days before, logged incidents left out.
  -- A window with a RANGE frame, not a correlated subquery: it stays a sort, never a join.
  SELECT slot, attempts, failures, incident_id, failures / attempts AS failure_rate,
         sum(failures) FILTER (WHERE incident_id IS NULL) OVER w
           / nullif(sum(attempts) FILTER (WHERE incident_id IS NULL) OVER w, 0)
           AS baseline_rate
  FROM marked
  WINDOW w AS (PARTITION BY time_of_day ORDER BY slot
               RANGE BETWEEN INTERVAL 28 DAY PRECEDING AND INTERVAL 1 MICROSECOND PRECEDING)
)
SELECT slot, slot + to_minutes(CAST($bucket_minutes AS BIGINT)) AS slot_end, attempts, failures,
       failure_rate, baseline_rate, incident_id AS logged_incident,
       incident_id IS NULL AND attempts >= $min_attempts AND failures >= $min_failures
         AND failure_rate >= $multiple * COALESCE(baseline_rate, 0) AS finding
FROM judged
WHERE CAST(slot AS DATE) BETWEEN $from_date AND $as_of
ORDER BY slot

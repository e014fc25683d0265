-- id = "OUT-10"
-- title = "Planned maintenance at the repayment peak, or without timely notice"
-- family = "outage"
-- severity = "medium"
-- period = { on = "incidents.start_at", column = "start_at" }
-- description = """
-- Planned maintenance windows that overlap the hours when repayments run on a day with
-- installments due, or that were announced less than the notice period before they began (or
-- never). Scheduling work over the due-date peak is a foreseeable harm. Windows starting in the
-- review period."""
-- basis = "FCA Consumer Duty, foreseeable harm [C]; FFIEC BCM [C]; CBRC BCM guidelines [P]; peak hours and notice period are analyst defaults [U]"
-- requires = { incidents = ["incident_id", "start_at", "end_at"] }
-- [tests.peak]
-- title = "Maintenance over the repayment peak of a due date"
-- requires = { installments = ["loan_id", "due_date"] }
-- [tests.notice]
-- title = "Maintenance announced late or never"
-- requires = { incidents = ["notified_at"] }
-- [params.peak_from_hour]
-- type = "int"
-- default = 9
-- label = "Repayment peak from (hour)"
-- help = "When due-date debits and repayments run on this platform"
-- max = 24
-- [params.peak_to_hour]
-- type = "int"
-- default = 12
-- label = "Repayment peak to (hour)"
-- max = 24
-- [params.notice_hours]
-- type = "int"
-- default = 24
-- label = "Notice period (hours)"
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
-- x = "incident_id"
-- y = "installments_due"
-- [zh]
-- title = "计划内维护安排在还款高峰，或未及时通知"
-- description = """
-- 与有期次到期之日的还款时段相重叠的计划内维护窗口，或在开始前不足通知期才公告（或从未公告）的
-- 计划内维护。在应还款日高峰安排维护是可预见的损害。统计检查期间内开始的维护窗口。"""
-- basis = """
-- 英国 FCA 消费者责任原则，可预见的损害 [C]；美国联邦金融机构检查委员会（FFIEC）业务连续性管理
-- 手册 [C]；《商业银行业务连续性监管指引》[P]；高峰时段和通知期为分析默认值 [U]"""
-- finding = "每一行均为问题：一个安排在还款高峰或通知不及时的维护窗口"
-- [zh.params.peak_from_hour]
-- label = "还款高峰开始（时）"
-- help = "本平台应还款日代扣和还款集中进行的时段"
-- [zh.params.peak_to_hour]
-- label = "还款高峰结束（时）"
-- [zh.params.notice_hours]
-- label = "通知期（小时）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.tests.peak]
-- title = "应还款日还款高峰期间的维护"
-- [zh.tests.notice]
-- title = "公告过晚或未公告的维护"
-- [zh.columns]
-- planned = "是否计划内"
-- notice_hours_given = "提前通知小时数"
-- installments_due = "当日到期期次数"
-- [zh.values.problem]
-- "overlaps the repayment peak on a due date" = "与应还款日的还款高峰重叠"
-- "announced too late" = "公告过晚"
-- "never announced" = "未公告"
WITH planned AS (
  SELECT * FROM incidents
  WHERE (COALESCE(planned, FALSE) OR kind = 'maintenance') AND CAST(start_at AS DATE) BETWEEN $from_date AND $as_of
), days AS (
  SELECT p.incident_id, CAST(d AS DATE) AS day
  FROM planned p, range(CAST(CAST(p.start_at AS DATE) AS TIMESTAMP),
                        CAST(CAST(p.end_at AS DATE) AS TIMESTAMP) + INTERVAL 1 DAY,
                        INTERVAL 1 DAY) t(d)
), peak_overlap AS (
  SELECT d.incident_id, d.day
  FROM days d JOIN planned p USING (incident_id)
  WHERE p.start_at < d.day + to_hours(CAST($peak_to_hour AS BIGINT))
    AND p.end_at > d.day + to_hours(CAST($peak_from_hour AS BIGINT))
), due AS (
  SELECT o.incident_id, count(i.loan_id) AS installments_due
  FROM peak_overlap o LEFT JOIN base.installments i ON i.due_date = o.day
  WHERE $test_peak
  GROUP BY o.incident_id
)
SELECT p.incident_id, p.kind, p.planned, p.start_at, p.end_at, p.notified_at,
       date_diff('hour', p.notified_at, p.start_at) AS notice_hours_given,
       CASE WHEN $test_peak THEN COALESCE(d.installments_due, 0) END AS installments_due,
       concat_ws('; ',
         CASE WHEN COALESCE(d.installments_due, 0) > 0
              THEN 'overlaps the repayment peak on a due date' END,
         CASE WHEN NOT $test_notice THEN NULL
              WHEN p.notified_at IS NULL THEN 'never announced'
              WHEN date_diff('hour', p.notified_at, p.start_at) < $notice_hours
              THEN 'announced too late' END) AS problem
FROM planned p LEFT JOIN due d USING (incident_id)
WHERE COALESCE(d.installments_due, 0) > 0
   OR ($test_notice AND (p.notified_at IS NULL
                         OR date_diff('hour', p.notified_at, p.start_at) < $notice_hours))
ORDER BY p.start_at

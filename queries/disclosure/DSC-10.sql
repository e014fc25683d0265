-- id = "DSC-10"
-- title = "Negative credit reports without the required notice to the borrower"
-- family = "disclosure"
-- severity = "high"
-- period = { on = "bureau_reports.as_of_date", column = "report_status_date" }
-- description = """
-- A delinquency episode is a run of days on which the loan has at least one installment past due
-- (installments whose overdue periods touch or overlap belong to one episode). The first negative
-- report sent to a bureau in each episode needs a negative-report notice delivered to the borrower
-- after the episode began: in China before the report (Credit Reporting Regulation Art. 15, with
-- a minimum lead time as a parameter), in the US no later than 30 days after it (FCRA 623(a)(7)).
-- A report belongs to the episode of the day it speaks for (its status date, as_of_date), not of
-- the day it was sent: a report on a day inside an episode, submitted after the borrower paid,
-- still needed the notice. A report without a status date is placed by its submission day.
-- Rows are episodes whose first negative report, with its status date in the review period,
-- had no qualifying notice. A notice counts once delivered; when the
-- export records no delivery times at all, notices count when sent and the run says so."""
-- basis = "Credit Reporting Industry Regulation 2013 Art. 15 (prior notice of negative information) [C]; FCRA 623(a)(7), notice before or within 30 days after first negative furnishing [C]"
-- requires = { bureau_reports = ["report_id", "loan_id", "submitted_at", "is_negative"], notices = ["notice_id", "loan_id", "notice_type", "sent_at"], loans = ["loan_id", "borrower_id", "disbursed_at", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [params.as_of]
-- type = "date"
-- default = "auto"
-- label = "As of"
-- [params.prenotice_lead_hours]
-- type = "int"
-- default = 0
-- label = "Notice at least (hours before the report)"
-- help = "Art. 15 says in advance and fixes no lead time; 24 h is a stricter analyst reading [U]"
-- [params.notice_after_days]
-- type = "int"
-- default = 0
-- label = "Notice allowed up to (days after the report)"
-- help = "0 in China (notice in advance); 30 under FCRA 623(a)(7)"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "overdue_amount_reported"
-- [chart]
-- kind = "line"
-- x = "episode_start"
-- y = "episodes"
-- [labels]
-- amount = "Overdue amount reported to the bureau"
-- [zh]
-- title = "报送不良信息前未依规告知借款人"
-- description = """
-- 一个逾期段是借据至少有一期处于逾期状态的连续天数（逾期时段相接或重叠的期次属于同一逾期段）。
-- 每个逾期段中首次向征信机构报送的不良信息，须在逾期段开始后向借款人送达不良信息报送告知：在中
-- 国须在报送之前（《征信业管理条例》第十五条，最短提前时间作为参数），在美国不得晚于报送后30天
-- （FCRA 623(a)(7)）。一条报送记录归入其所反映日期（状态日期，as_of_date）所在的逾期段，而不是
-- 报送当天：反映逾期段内某日、却在借款人还款后才报送的记录，同样需要事先告知。没有状态日期的报
-- 送记录按报送日归段。每一行是一个逾期段：其首次不良信息报送的状态日期在检查期间内，且没有符合
-- 要求的告知。告知以送达为准；导出数据完全没有送达时间时，以发送为准，运行结果会注明。"""
-- basis = """
-- 《征信业管理条例》（2013年）第十五条（提供不良信息应事先告知信息主体本人）[C]；美国《公平信用
-- 报告法》（FCRA）623(a)(7)，首次报送负面信息前或其后30天内通知 [C]"""
-- finding = "每一行均为问题：一个首次报送不良信息前未依规告知的逾期段"
-- amount = "报送征信机构的逾期金额"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.params.prenotice_lead_hours]
-- label = "告知至少提前（报送前小时数）"
-- help = "第十五条只要求“事先”告知，未规定提前多久；24小时是更严格的分析口径 [U]"
-- [zh.params.notice_after_days]
-- label = "告知最迟可晚于报送（天）"
-- help = "中国为0（须事先告知）；美国 FCRA 623(a)(7) 为30"
-- [zh.columns]
-- episode_start = "逾期段开始日"
-- report_status_date = "报送状态日期"
-- last_notice = "最近一次告知"
-- episodes = "逾期段数"
WITH late AS (
  SELECT loan_id, inst_no, due_date, COALESCE(cleared_date, DATE '9999-12-31') AS cleared
  FROM base.installment_status
  WHERE due_date < $as_of AND (cleared_date IS NULL OR cleared_date > due_date)
), marked AS (
  SELECT *, CASE WHEN due_date <= max(cleared) OVER (PARTITION BY loan_id ORDER BY due_date, inst_no
                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                 THEN 0 ELSE 1 END AS new_episode
  FROM late
), numbered AS (
  SELECT *, sum(new_episode) OVER (PARTITION BY loan_id ORDER BY due_date, inst_no
                                   ROWS UNBOUNDED PRECEDING) AS episode
  FROM marked
), episodes AS (
  SELECT loan_id, episode, min(due_date) AS episode_start, max(cleared) AS episode_end,
         count(*) AS installments
  FROM numbered GROUP BY ALL
), negative AS (
  -- The day a report speaks for, as at the start of that day (DSC-11): its status date; on the
  -- cleared day itself the installment is still past due. Without a status date, its
  -- submission day, one day later allowed (overnight files speak for the day before).
  SELECT report_id, loan_id, submitted_at, overdue_amount_reported,
         COALESCE(as_of_date, CAST(submitted_at AS DATE)) AS status_date,
         CASE WHEN as_of_date IS NULL THEN 1 ELSE 0 END AS slack
  FROM bureau_reports WHERE is_negative
), first_report AS (
  SELECT e.loan_id, e.episode_start, e.installments,
         arg_min(b.report_id, b.submitted_at) AS report_id, min(b.submitted_at) AS submitted_at,
         arg_min(b.status_date, b.submitted_at) AS report_status_date,
         arg_min(b.overdue_amount_reported, b.submitted_at) AS overdue_amount_reported
  FROM episodes e JOIN negative b
    ON b.loan_id = e.loan_id
   AND b.status_date >= e.episode_start + 1
   AND b.status_date <= least(e.episode_end, $as_of) + b.slack
  GROUP BY ALL
)
SELECT f.loan_id, l.borrower_id, f.episode_start, f.installments, f.report_id,
       f.report_status_date, f.submitted_at, f.overdue_amount_reported,
       (SELECT max(n.counted_at) FROM base.notices n
         WHERE n.loan_id = f.loan_id AND n.notice_type = 'negative_report_prenotice')
         AS last_notice, 1 AS episodes
FROM first_report f LEFT JOIN loans l USING (loan_id)
WHERE f.report_status_date BETWEEN $from_date AND $as_of
  -- A notice about the loan, or one to the borrower naming no loan: two searches, each on an
  -- equality (one search on "loan = … OR borrower = …" cannot be a hash join and compares
  -- every report with every notice, hours at ten million installments).
  AND NOT EXISTS (
  SELECT 1 FROM base.notices n
  WHERE n.loan_id = f.loan_id
    AND n.notice_type = 'negative_report_prenotice' AND n.counted_at IS NOT NULL
    AND n.counted_at >= CAST(f.episode_start AS TIMESTAMP)
    AND n.counted_at <= f.submitted_at - to_hours(CAST($prenotice_lead_hours AS BIGINT))
                                       + to_days(CAST($notice_after_days AS INTEGER)))
  AND NOT EXISTS (
  SELECT 1 FROM base.notices n
  WHERE n.loan_id IS NULL AND n.borrower_id = l.borrower_id
    AND n.notice_type = 'negative_report_prenotice' AND n.counted_at IS NOT NULL
    AND n.counted_at >= CAST(f.episode_start AS TIMESTAMP)
    AND n.counted_at <= f.submitted_at - to_hours(CAST($prenotice_lead_hours AS BIGINT))
                                       + to_days(CAST($notice_after_days AS INTEGER)))
ORDER BY f.episode_start, f.loan_id

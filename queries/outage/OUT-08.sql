-- id = "OUT-08"
-- title = "Debits retried too often, or taken without an authorisation"
-- family = "outage"
-- severity = "medium"
-- period = { on = "repayment_attempts.attempt_at", column = "first_at" }
-- description = """
-- Three ways a platform over-uses its power to debit a borrower's account. (1) Runs of more than
-- the allowed number of consecutive failed platform debits under one authorisation with no
-- success in between (the US small-dollar rule stops at two and needs a new authorisation).
-- (2) Installments presented for debit more than the allowed number of times, or over a span
-- longer than the allowed window (Nacha: three presentments within 180 days). (3) Platform
-- auto-debits with no authorisation on file. China sets no retry count; the limits are the US
-- and UK ones, kept as parameters so a CN examiner can set the platform's own policy. Debits
-- attempted in the review period."""
-- basis = "12 CFR 1041.8 (two consecutive failures) [C]; Nacha Rules 2.12.4 (3 presentments / 180 days) [C]; FCA CONC 4.6.2R / 7.6 (CPA twice) [C/P]; Reg E 1005.10(b) (written authorisation) [C]"
-- requires = { repayment_attempts = ["attempt_id", "loan_id", "initiated_by", "attempt_at", "status"] }
-- [tests.consecutive]
-- title = "Runs of consecutive failed platform debits"
-- requires = {}
-- [tests.presentments]
-- title = "Installments presented for debit too often or over too long"
-- requires = { repayment_attempts = ["inst_no", "channel"] }
-- [tests.unauthorised]
-- title = "Auto-debits with no authorisation on file"
-- requires = { repayment_attempts = ["channel", "authorization_id"] }
-- [params.max_consec_failed]
-- type = "int"
-- default = 2
-- label = "Consecutive failed debits allowed"
-- [params.max_presentments]
-- type = "int"
-- default = 3
-- label = "Presentments per installment allowed"
-- [params.presentment_window_days]
-- type = "int"
-- default = 180
-- label = "Presentment window (days)"
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
-- loan = "loan_id"
-- borrower = "borrower_id"
-- [chart]
-- kind = "bar"
-- x = "problem"
-- y = "attempts"
-- [zh]
-- title = "代扣重试过于频繁，或无代扣授权扣款"
-- description = """
-- 平台滥用代扣权限的三种情形。（1）同一代扣授权下连续失败的平台代扣超过容许次数、其间没有一次成
-- 功（美国小额贷款规则在连续两次失败后即须停止，并须重新取得授权）。（2）同一期次发起代扣超过容
-- 许次数，或跨度超过容许期间（Nacha 规则：180天内三次）。（3）没有代扣授权记录的平台自动代扣。
-- 中国未规定重试次数；此处限额取美国和英国的规定，并设为参数，中国的检查人员可按平台自身的规则
-- 设置。统计检查期间内发起的代扣。"""
-- basis = """
-- 美国 12 CFR 1041.8（连续两次失败）[C]；美国 Nacha 规则 2.12.4（180天内3次）[C]；英国 FCA CONC 4.6.2R / 7.6（
-- 持续付款授权最多两次）[C/P]；美国《E条例》1005.10(b)（书面授权）[C]"""
-- finding = "每一行均为问题：一组过度代扣或无授权的代扣"
-- [zh.params.max_consec_failed]
-- label = "容许的连续失败代扣次数"
-- [zh.params.max_presentments]
-- label = "每期次容许的代扣发起次数"
-- [zh.params.presentment_window_days]
-- label = "代扣发起期间（天）"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.tests.consecutive]
-- title = "连续失败的平台代扣"
-- [zh.tests.presentments]
-- title = "同一期次代扣次数过多或跨度过长"
-- [zh.tests.unauthorised]
-- title = "无代扣授权记录的自动代扣"
-- [zh.columns]
-- authorization_id = "代扣授权编号"
-- first_at = "首次时间"
-- last_at = "最近时间"
-- [zh.values.problem]
-- "more than {} consecutive failed debits" = "连续失败代扣超过 {} 次"
-- "installment presented more than {} times or over {} days" = "同一期次发起代扣超过 {} 次或跨度超过 {} 天"
-- "auto-debit with no authorisation on file" = "无代扣授权记录的自动代扣"
WITH platform AS (
  SELECT a.*, COALESCE(a.authorization_id, '') AS auth,
         sum(CASE WHEN a.status = 'success' THEN 1 ELSE 0 END)
           OVER (PARTITION BY a.loan_id, COALESCE(a.authorization_id, '')
                 ORDER BY a.attempt_at, a.attempt_id ROWS UNBOUNDED PRECEDING) AS run_no
  FROM repayment_attempts a
  WHERE a.initiated_by = 'platform' AND CAST(a.attempt_at AS DATE) BETWEEN $from_date AND $as_of
), problems AS (
  SELECT 'more than ' || $max_consec_failed || ' consecutive failed debits' AS problem,
         loan_id, NULL::INTEGER AS inst_no, any_value(authorization_id) AS authorization_id,
         count(*) AS attempts, min(attempt_at) AS first_at, max(attempt_at) AS last_at
  FROM platform WHERE $test_consecutive AND status = 'failed'
  GROUP BY loan_id, auth, run_no
  HAVING count(*) > $max_consec_failed
  UNION ALL
  SELECT 'installment presented more than ' || $max_presentments || ' times or over '
           || $presentment_window_days || ' days',
         loan_id, inst_no, any_value(authorization_id), count(*), min(attempt_at), max(attempt_at)
  FROM platform
  WHERE $test_presentments AND channel IN ('auto_debit', 'card') AND inst_no IS NOT NULL
  GROUP BY loan_id, inst_no
  HAVING count(*) > $max_presentments
      OR date_diff('day', min(attempt_at), max(attempt_at)) > $presentment_window_days
  UNION ALL
  SELECT 'auto-debit with no authorisation on file', loan_id, NULL, NULL, count(*),
         min(attempt_at), max(attempt_at)
  FROM platform WHERE $test_unauthorised AND channel = 'auto_debit' AND authorization_id IS NULL
  GROUP BY loan_id
)
SELECT p.problem, p.loan_id, l.borrower_id, p.inst_no, p.authorization_id, p.attempts,
       p.first_at, p.last_at
FROM problems p LEFT JOIN base.loans l USING (loan_id)
ORDER BY p.problem, p.loan_id, p.inst_no, p.first_at

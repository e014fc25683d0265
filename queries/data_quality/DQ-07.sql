-- id = "DQ-07"
-- title = "Failure reasons that no category covers"
-- family = "data_quality"
-- severity = "medium"
-- period = "export"
-- description = """
-- Reasons given for failed repayment attempts that resources/failure_reasons.toml (or the
-- case's failure_reason_map table) does not classify as technical or borrower. Outage checks
-- treat them as neither, so each should be classified before those results are relied on."""
-- basis = "DOMAIN.md: unmapped failure reasons are listed, never guessed"
-- requires = { repayment_attempts = ["attempt_id", "status", "failure_reason"] }
-- [finding]
-- rows = "all"
-- [chart]
-- kind = "bar"
-- x = "failure_reason"
-- y = "attempts"
-- [zh]
-- title = "未归类的失败原因"
-- description = """
-- 还款请求失败原因中，resources/failure_reasons.toml（或案卷中的 failure_reason_map 表）既未归
-- 为技术原因、也未归为借款人原因的取值。系统故障类检查项对这些原因两头都不算，在采信这些检查结
-- 果之前，应先逐一归类。"""
-- basis = "DOMAIN.md：未归类的失败原因逐一列出，绝不猜测"
-- finding = "每一行均为问题：一个未归类的失败原因"
-- [zh.columns]
-- first_seen = "首次出现"
-- last_seen = "最近出现"
SELECT a.failure_reason, count(*) AS attempts, min(a.attempt_at) AS first_seen,
       max(a.attempt_at) AS last_seen
FROM repayment_attempts a
LEFT JOIN base.failure_reasons r ON r.reason = lower(trim(a.failure_reason))
WHERE a.status = 'failed' AND a.failure_reason IS NOT NULL AND r.reason IS NULL
GROUP BY a.failure_reason
ORDER BY attempts DESC, a.failure_reason

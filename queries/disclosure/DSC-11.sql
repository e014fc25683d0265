-- id = "DSC-11"
-- title = "Credit reports that disagree with the ledger, outlive retention, or whose disputes were mishandled"
-- family = "disclosure"
-- severity = "high"
-- period = { on = ["bureau_reports.as_of_date", "bureau_reports.submitted_at", "disputes.received_at"], column = "event_date" }
-- description = """
-- (1) Reports that disagree with the repayment ledger on the day they speak for (their as-of
-- date, as at the start of that day, before that day's payments): a negative report with no
-- installment past due by the reported number of days (within a tolerance), or a report of normal
-- status while an installment was past due. (2) Negative reports sent more than the retention
-- period (5 years) after the loan's delinquency ended. (3) Disputes answered later than the
-- allowed days after they were received (or still open past it at the as-of date), and disputes
-- closed as "corrected" with no correcting report sent to the bureau. Part (3) reads the disputes
-- export; without one it finds nothing, and the run says so. In the review period (event_date):
-- reports by the day they speak for, late reports by the day sent, disputes by the day received."""
-- basis = "Credit Reporting Industry Regulation 2013 Art. 16 (5-year retention) and Art. 25 (disputes answered within 20 days, errors corrected) [C]; Reg V 12 CFR 1022.42 accuracy and integrity [C]; CFPB Supervisory Highlights 35 and 37 (inaccurate furnishing) [C]"
-- requires = { bureau_reports = ["report_id", "loan_id", "submitted_at", "is_negative"], loans = ["loan_id", "borrower_id", "disbursed_at", "contract_principal"], installments = ["due_date", "principal_due"] }
-- optional = { bureau_reports = ["dpd_reported"] }
-- [tests.accuracy]
-- title = "Reports that disagree with the ledger on the day they speak for"
-- requires = { bureau_reports = ["as_of_date"] }
-- [tests.retention]
-- title = "Negative reports past the retention period"
-- requires = {}
-- [tests.disputes]
-- title = "Disputes answered late, or corrected without a correction sent"
-- requires = { disputes = ["dispute_id", "received_at"] }
-- [params.from_date]
-- type = "date"
-- default = "auto"
-- label = "From"
-- help = "Start of the review period (default: the first day with data)"
-- [params.as_of]
-- type = "date"
-- default = "auto"
-- label = "As of"
-- [params.dpd_tolerance]
-- type = "int"
-- default = 0
-- label = "Reported DPD tolerance (days)"
-- [params.retention_years]
-- type = "int"
-- default = 5
-- label = "Negative information kept at most (years)"
-- [params.dispute_days]
-- type = "int"
-- default = 20
-- label = "Disputes answered within (days)"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- [chart]
-- kind = "bar"
-- x = "problem"
-- y = "items"
-- [zh]
-- title = "征信报送与台账不符、超期保存或异议处理不当"
-- description = """
-- （1）报送记录与其所反映日期（as-of 日期，按当日开始时、当日还款之前）的还款台账不符：报送为不
-- 良，但没有任何期次逾期达到报送的天数（在容差内）；或报送为正常，而实际有期次逾期。（2）借据逾
-- 期结束后超过保存期限（5年）仍在报送的不良信息。（3）异议答复晚于收到后的容许天数（或到基准日
-- 仍未答复且已超期），以及以“已更正”结案却没有向征信机构报送更正记录的异议。第（3）部分读取异议
-- 导出数据；没有该数据则查不到问题，运行结果会注明。检查期间（event_date）：报送记录按其反映日
-- 期，超期报送按报送日，异议按收到日。"""
-- basis = """
-- 《征信业管理条例》（2013年）第十六条（不良信息保存期限5年）和第二十五条（异议在20日内答复，差
-- 错予以更正）[C]；美国《V条例》12 CFR 1022.42 准确性与完整性 [C]；美国消费者金融保护局（CFPB）
-- 《监管要点》第35期和第37期（报送不准确）[C]"""
-- finding = "每一行均为问题：一条与台账不符或超期的征信报告，或一件处理不当的异议"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.params.dpd_tolerance]
-- label = "报送逾期天数容差（天）"
-- [zh.params.retention_years]
-- label = "不良信息保存期限（年）"
-- [zh.params.dispute_days]
-- label = "异议答复时限（天）"
-- [zh.tests.accuracy]
-- title = "报送内容与所反映日期的台账不符"
-- [zh.tests.retention]
-- title = "超过保存期限的不良信息"
-- [zh.tests.disputes]
-- title = "异议答复超期，或已更正却未报送差错更正"
-- [zh.columns]
-- item = "记录编号"
-- ledger_max_dpd = "台账中的最长逾期天数"
-- items = "记录数"
-- [zh.values.problem]
-- "negative report: no installment past due by the reported days" = "报送为不良，但没有期次逾期达到报送的天数"
-- "normal status reported while past due" = "存在逾期却报送为正常"
-- "negative report past the retention period" = "超过保存期限的不良信息"
-- "dispute answered late" = "异议答复超期"
-- "dispute still open past the limit" = "异议超过时限仍未答复"
-- "dispute \"corrected\" but no correction sent to the bureau" = "异议以“已更正”结案，却未向征信机构报送差错更正"
WITH past_due AS (
  SELECT b.report_id, count(s.inst_no) AS past_due_installments,
         count(s.inst_no) FILTER (WHERE abs(date_diff('day', s.due_date, b.as_of_date)
                                            - COALESCE(b.dpd_reported,
                                                       date_diff('day', s.due_date, b.as_of_date)))
                                        <= $dpd_tolerance) AS matching,
         max(date_diff('day', s.due_date, b.as_of_date)) AS ledger_max_dpd
  FROM bureau_reports b
  LEFT JOIN base.installment_status s
    ON s.loan_id = b.loan_id AND s.due_date < b.as_of_date
   AND (s.cleared_date IS NULL OR s.cleared_date >= b.as_of_date)
  WHERE b.as_of_date BETWEEN $from_date AND $as_of
  GROUP BY b.report_id
), accuracy AS (
  SELECT CASE WHEN b.is_negative AND p.matching = 0
                THEN 'negative report: no installment past due by the reported days'
              WHEN NOT b.is_negative AND p.past_due_installments > 0
                THEN 'normal status reported while past due' END AS problem,
         b.report_id AS item, b.loan_id, b.borrower_id, b.submitted_at AS at,
         b.dpd_reported, p.ledger_max_dpd, NULL::BIGINT AS days, b.as_of_date AS event_date
  FROM bureau_reports b JOIN past_due p USING (report_id)
), retention AS (
  SELECT 'negative report past the retention period' AS problem, b.report_id, b.loan_id,
         b.borrower_id, b.submitted_at, b.dpd_reported, NULL::BIGINT,
         date_diff('day', c.last_cleared, CAST(b.submitted_at AS DATE)),
         CAST(b.submitted_at AS DATE)
  FROM bureau_reports b
  JOIN (SELECT loan_id, max(cleared_date) AS last_cleared FROM base.installment_status
        GROUP BY loan_id HAVING count(*) = count(cleared_date)) c USING (loan_id)
  WHERE b.is_negative AND CAST(b.submitted_at AS DATE) BETWEEN $from_date AND $as_of
    AND CAST(b.submitted_at AS DATE) > c.last_cleared + to_years(CAST($retention_years AS INTEGER))
), dispute_rows AS (
  SELECT CASE WHEN date_diff('day', CAST(d.received_at AS DATE),
                             COALESCE(CAST(d.resolved_at AS DATE), $as_of)) > $dispute_days
                THEN CASE WHEN d.resolved_at IS NULL THEN 'dispute still open past the limit'
                          ELSE 'dispute answered late' END
              WHEN d.outcome = 'corrected' AND d.report_id IS NOT NULL AND NOT EXISTS (
                     SELECT 1 FROM bureau_reports c WHERE c.supersedes_report_id = d.report_id)
                THEN 'dispute "corrected" but no correction sent to the bureau' END AS problem,
         d.dispute_id, COALESCE(d.loan_id, r.loan_id), COALESCE(d.borrower_id, r.borrower_id),
         d.received_at, NULL::INTEGER, NULL::BIGINT,
         date_diff('day', CAST(d.received_at AS DATE),
                   COALESCE(CAST(d.resolved_at AS DATE), $as_of)),
         CAST(d.received_at AS DATE)
  FROM base.disputes d LEFT JOIN bureau_reports r ON r.report_id = d.report_id
  WHERE $test_disputes AND CAST(d.received_at AS DATE) BETWEEN $from_date AND $as_of
), everything AS (
  SELECT * FROM accuracy WHERE $test_accuracy AND problem IS NOT NULL
  UNION ALL SELECT * FROM retention WHERE $test_retention
  UNION ALL SELECT * FROM dispute_rows WHERE problem IS NOT NULL
)
SELECT e.problem, e.item, e.loan_id, COALESCE(e.borrower_id, l.borrower_id) AS borrower_id,
       e.at, e.event_date, e.dpd_reported, e.ledger_max_dpd, e.days, 1 AS items
FROM everything e LEFT JOIN loans l USING (loan_id)
ORDER BY e.problem, e.at, e.item

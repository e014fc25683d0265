-- id = "HIS-02"
-- title = "Charges removed, reduced or waived after the fact"
-- family = "history"
-- severity = "high"
-- period = "export"
-- description = """
-- Penalty interest, fees and other charges that a later export no longer shows, shows lower, of
-- another type, or waived or refunded with a date inside the period the earlier export already
-- covered (a backdated waiver). A penalty deleted after a complaint leaves no refund record: the
-- examiner sees it only by comparing exports. The amount is what disappeared (old minus new).
-- Each row shows both values and both exports' source fingerprints. Needs a comparison."""
-- basis = "CBIRC Interim Measures on Internet Lending 2020 Art. 45 (complete and accurate records) [P]; PBOC consumer-protection measures 2020 Art. 10 (fees as disclosed and recorded) [P]"
-- requires = { "history.runs" = ["period_end"], loans = ["loan_id", "borrower_id"] }
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "amount_removed"
-- [chart]
-- kind = "bar"
-- x = "change"
-- y = "amount_removed"
-- [labels]
-- amount = "Charges that disappeared between the exports (old minus new)"
-- [zh]
-- title = "事后被删除、调减或减免的费用"
-- description = """
-- 后一次导出中不再出现、金额变低、类型改变，或其减免、退款日期落在前一次导出已覆盖期间内（倒签
-- 减免）的罚息、费用及其他收费。投诉后被删掉的罚息不会留下退款记录：只有比对两次导出，检查人员
-- 才看得到。金额为消失的部分（原值减新值）。每一行列出原值和新值，以及两次导出数据源文件的指纹
-- （SHA-256）。需要先做比对。"""
-- basis = """
-- 《商业银行互联网贷款管理暂行办法》（2020年）第四十五条（记录完整、准确）[P]；《中国人民银行金
-- 融消费者权益保护实施办法》（2020年）第十条（按披露收费并如实记录）[P]"""
-- finding = "每一行均为问题：一笔被删除、调减或事后减免的费用"
-- amount = "两次导出之间消失的费用（原值减新值）"
-- [zh.columns]
-- amount_removed = "消失的金额"
WITH period AS (SELECT max(period_end) AS period_end FROM history.runs),
found AS (
  SELECT 'removed' AS change, loan_id, charge_id AS record_key, '(row removed)' AS column_name,
         charge_type || ' ' || CAST(amount AS VARCHAR) AS old_value, NULL AS new_value,
         amount AS amount_removed, period_date, old_sources, new_sources
  FROM history.charges_removed
  UNION ALL
  SELECT 'reduced', loan_id, record_key, column_name, old_value, new_value,
         TRY_CAST(old_value AS DECIMAL(18,2)) - TRY_CAST(new_value AS DECIMAL(18,2)),
         period_date, old_sources, new_sources
  FROM history.changes
  WHERE table_name = 'charges' AND column_name = 'amount'
    AND TRY_CAST(new_value AS DECIMAL(18,2)) < TRY_CAST(old_value AS DECIMAL(18,2))
  UNION ALL
  SELECT 'type changed', loan_id, record_key, column_name, old_value, new_value,
         CAST(NULL AS DECIMAL(18,2)), period_date, old_sources, new_sources
  FROM history.changes
  WHERE table_name = 'charges' AND column_name IN ('charge_type', 'loan_id', 'inst_no')
  UNION ALL
  SELECT 'backdated ' || replace(column_name, '_at', ''), c.loan_id, c.record_key, c.column_name,
         c.old_value, c.new_value, CAST(NULL AS DECIMAL(18,2)), c.period_date, c.old_sources,
         c.new_sources
  FROM history.changes c, period p
  WHERE c.table_name = 'charges' AND c.column_name IN ('waived_at', 'refunded_at')
    AND CAST(TRY_CAST(c.new_value AS TIMESTAMP) AS DATE) <= p.period_end
    AND (c.old_value IS NULL
         OR TRY_CAST(c.new_value AS TIMESTAMP) < TRY_CAST(c.old_value AS TIMESTAMP))
)
SELECT f.change, f.loan_id, l.borrower_id, f.record_key AS charge_id, f.column_name,
       f.old_value, f.new_value, f.amount_removed, f.period_date, f.old_sources, f.new_sources
FROM found f
LEFT JOIN loans l ON l.loan_id = f.loan_id
ORDER BY f.loan_id, charge_id, f.column_name

-- id = "DLQ-06"
-- title = "Loan classification better than its days past due allow"
-- family = "delinquency"
-- severity = "high"
-- period = "stock"
-- description = """
-- Loans whose reported risk class is better than the class their days past due at as-of
-- require: overdue at least special mention, over 90 days substandard, over 270 doubtful, over
-- 360 loss (CN). A misclassified loan understates non-performing loans and provisions."""
-- basis = "CBIRC/PBOC Risk Classification Measures for Financial Assets of Commercial Banks, Order [2023] No. 1 [C]; FFIEC Retail Classification Policy (US) [C]"
-- requires = { loans = ["loan_id", "borrower_id", "risk_class", "contract_principal"], installments = ["due_date", "principal_due"] }
-- [params.substandard_dpd]
-- type = "int"
-- default = 90
-- label = "Substandard beyond (days)"
-- [params.doubtful_dpd]
-- type = "int"
-- default = 270
-- label = "Doubtful beyond (days)"
-- [params.loss_dpd]
-- type = "int"
-- default = 360
-- label = "Loss beyond (days)"
-- [params.technical_overdue_days]
-- type = "int"
-- default = 0
-- label = "Technical overdue allowance (days)"
-- help = "Overdue up to this many days may stay normal (an unconfirmed carve-out)"
-- [finding]
-- rows = "all"
-- loan = "loan_id"
-- borrower = "borrower_id"
-- amount = "outstanding"
-- [chart]
-- kind = "bar"
-- x = "required_class"
-- y = "outstanding"
-- series = "risk_class"
-- [labels]
-- amount = "Outstanding principal of the misclassified loans"
-- [labels.columns]
-- dpd = "Days past due"
-- required_class = "Class the DPD requires"
-- [zh]
-- title = "五级分类结果优于逾期天数对应的分类"
-- description = """
-- 报送的风险分类优于基准日逾期天数所要求分类的借据：按中国规则，逾期即应至少列为关注类，
-- 逾期超过90天列为次级类，超过270天列为可疑类，超过360天列为损失类。分类偏高会少计不良贷款、
-- 少提拨备。"""
-- basis = "《商业银行金融资产风险分类办法》（中国银保监会 中国人民银行令2023年第1号）[C]；美国联邦金融机构检查委员会（FFIEC）零售贷款分类政策 [C]"
-- finding = "每一行均为问题：一笔风险分类偏高的借据"
-- amount = "分类偏高借据的未偿本金"
-- [zh.params.substandard_dpd]
-- label = "次级类：逾期超过（天）"
-- [zh.params.doubtful_dpd]
-- label = "可疑类：逾期超过（天）"
-- [zh.params.loss_dpd]
-- label = "损失类：逾期超过（天）"
-- [zh.params.technical_overdue_days]
-- label = "技术性逾期宽限（天）"
-- help = "逾期不超过该天数的仍可列为正常类（此例外尚未得到确认）"
-- [zh.columns]
-- required_class = "逾期天数对应的分类"
WITH classes AS (
  SELECT ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] AS ladder
), judged AS (
  SELECT l.loan_id, l.borrower_id, l.funding_source, l.dpd, l.risk_class, l.outstanding,
         l.charged_off,
         CASE WHEN l.dpd > $loss_dpd THEN 'loss'
              WHEN l.dpd > $doubtful_dpd THEN 'doubtful'
              WHEN l.dpd > $substandard_dpd THEN 'substandard'
              WHEN l.dpd > $technical_overdue_days THEN 'special_mention'
              ELSE 'normal' END AS required_class
  FROM base.loan_snapshot l
  WHERE l.outstanding > 0
)
SELECT j.loan_id, j.borrower_id, j.funding_source, j.dpd, j.risk_class, j.required_class,
       j.outstanding, j.charged_off
FROM judged j, classes c
WHERE j.required_class <> 'normal'
  AND COALESCE(list_position(c.ladder, j.risk_class), 0) < list_position(c.ladder, j.required_class)
ORDER BY j.dpd DESC, j.loan_id

-- id = "DLQ-08"
-- title = "Joint-lending funding shares"
-- family = "delinquency"
-- severity = "high"
-- period = { on = "loans.disbursed_at", column = "disbursed" }
-- description = """
-- Co-funded loans (more than one funder in the loan_funding export) where the platform's own
-- share is below the minimum, or where the shares do not add up to 100%. Needs the loan_funding
-- export (loan_id, funder_id, funder_type, share_pct), imported as an extra table. Loans
-- disbursed in the review period."""
-- basis = "CBIRC 2021 joint-lending notice: partner share at least 30% [C]; draft Online Microloan Measures 2020 [C]"
-- percent_columns = ["platform_share", "total_share"]
-- requires = { loan_funding = ["loan_id", "funder_id", "funder_type", "share_pct"], loans = ["loan_id", "borrower_id", "contract_principal", "disbursed_at"] }
-- [params.min_partner_share]
-- type = "decimal"
-- default = "0.30"
-- label = "Minimum own share"
-- max = 1
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
-- amount = "contract_principal"
-- [chart]
-- kind = "histogram"
-- x = "platform_share"
-- y = "loans"
-- [labels]
-- amount = "Contract principal of the loans"
-- units = { min_partner_share = "%" }
-- [zh]
-- title = "联合贷款出资比例"
-- description = """
-- 联合出资的借据（loan_funding 导出数据中出资方多于一个），平台自有出资比例低于下限，或各方出资
-- 比例合计不等于100%。需要 loan_funding 导出数据（loan_id、funder_id、funder_type、share_pct）
-- ，作为附加数据表导入。统计检查期间内放款的借据。"""
-- basis = """
-- 《关于进一步规范商业银行互联网贷款业务的通知》（银保监办发〔2021〕24号）：合作方出资比例不得
-- 低于30% [C]；《网络小额贷款业务管理暂行办法（征求意见稿）》（2020年）[C]"""
-- finding = "每一行均为问题：一笔出资比例不合规的联合贷款借据"
-- amount = "借据的合同本金"
-- [zh.params.min_partner_share]
-- label = "自有出资比例下限"
-- [zh.params.from_date]
-- label = "检查期间起始日"
-- help = "检查期间的第一天（默认：数据中最早的一天）"
-- [zh.params.as_of]
-- label = "基准日"
-- [zh.columns]
-- funders = "出资方数"
-- platform_share = "平台自有出资比例"
-- total_share = "出资比例合计"
-- [zh.values.problem]
-- "own share below the minimum" = "自有出资比例低于下限"
-- "shares do not add up to 100%" = "出资比例合计不等于100%"
WITH shares AS (
  SELECT CAST(loan_id AS VARCHAR) AS loan_id, count(DISTINCT funder_id) AS funders,
         COALESCE(sum(CAST(share_pct AS DECIMAL(9,6)))
                  FILTER (WHERE funder_type IN ('platform_own', 'own')), 0) AS platform_share,
         sum(CAST(share_pct AS DECIMAL(9,6))) AS total_share
  FROM loan_funding GROUP BY 1
)
SELECT s.loan_id, l.borrower_id, CAST(l.disbursed_at AS DATE) AS disbursed,
       l.contract_principal, s.funders, s.platform_share,
       s.total_share,
       CASE WHEN abs(s.total_share - 1) > 0.000001 THEN 'shares do not add up to 100%'
            ELSE 'own share below the minimum' END AS problem
FROM shares s JOIN loans l USING (loan_id)
WHERE s.funders > 1 AND CAST(l.disbursed_at AS DATE) BETWEEN $from_date AND $as_of
  AND (s.platform_share < $min_partner_share OR abs(s.total_share - 1) > 0.000001)
ORDER BY s.loan_id

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AuditLogDock</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>Card</name>
    <message>
        <source>Click to see the rows behind this figure</source>
        <translation>点击查看该数字对应的明细记录</translation>
    </message>
</context>
<context>
    <name>CaseState</name>
    <message>
        <source>Spark has not started for this case yet (see the status bar): wait, or choose the DuckDB engine</source>
        <translation>本案卷的 Spark 尚未启动（见状态栏）：请稍候，或选择 DuckDB 引擎</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
</context>
<context>
    <name>CaseTree</name>
    <message>
        <source>{0} findings</source>
        <translation>{0} 个问题</translation>
    </message>
</context>
<context>
    <name>CaseTreeDock</name>
    <message>
        <source>Case</source>
        <translation>案卷</translation>
    </message>
    <message>
        <source>Find a check or table (Ctrl+F)</source>
        <translation>查找检查项或数据表（Ctrl+F）</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Rows / status</source>
        <translation>行数 / 状态</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>剔除</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>源文件</translation>
    </message>
    <message>
        <source>{0}
SHA-256 {1}
→ {2}</source>
        <translation>{0}
SHA-256 {1}
→ {2}</translation>
    </message>
    <message>
        <source>{0} (stale)</source>
        <translation>{0}（已过时）</translation>
    </message>
    <message>
        <source>Stale: {0}</source>
        <translation>已过时：{0}</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>No chart for this result.</source>
        <translation>此结果无图表。</translation>
    </message>
    <message>
        <source>logged incident</source>
        <translation>已记录的故障事件</translation>
    </message>
    <message>
        <source>finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>cap {0}</source>
        <translation>上限 {0}</translation>
    </message>
</context>
<context>
    <name>CheckTab</name>
    <message>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>{0} rows</source>
        <translation>{0} 行</translation>
    </message>
    <message>
        <source>{0} finding rows</source>
        <translation>问题记录 {0} 行</translation>
    </message>
    <message>
        <source>{0} loans</source>
        <translation>借据 {0} 笔</translation>
    </message>
    <message>
        <source>{0} borrowers</source>
        <translation>借款人 {0} 人</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <source>Details and parameters</source>
        <translation>说明与参数</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the check (Ctrl+Enter)</source>
        <translation>运行该检查项（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation>将图表另存为 PNG…</translation>
    </message>
    <message>
        <source>Save as custom query</source>
        <translation>另存为自定义查询</translation>
    </message>
    <message>
        <source>Copy this check into the workbook as a custom query you can edit</source>
        <translation>将该检查项复制到工作底稿，作为可编辑的自定义查询</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>File the selected rows as confirmed findings</source>
        <translation>将选中行记为已确认的问题</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>排除</translation>
    </message>
    <message>
        <source>File the selected rows as dismissed</source>
        <translation>将选中行记为已排除</translation>
    </message>
    <message>
        <source>Reason for the disposition</source>
        <translation>处理理由</translation>
    </message>
    <message>
        <source>Not run yet.</source>
        <translation>尚未运行。</translation>
    </message>
    <message>
        <source>Examiner&apos;s note on this check</source>
        <translation>检查人员对该检查项的备注</translation>
    </message>
    <message>
        <source>Double-click a number to list the rows behind it</source>
        <translation>双击数字可列出其对应的明细记录</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; — {1} &lt;span style=&apos;color:#666&apos;&gt;· {2} · severity {3}&lt;/span&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; — {1} &lt;span style=&apos;color:#666&apos;&gt;· {2} · 严重程度：{3}&lt;/span&gt;</translation>
    </message>
    <message>
        <source>{0}

Basis: {1}</source>
        <translation>{0}

依据：{1}</translation>
    </message>
    <message>
        <source>Note ✎</source>
        <translation>备注 ✎</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Stale: this result was computed on older data. {0}. Run it again.</source>
        <translation>结果已过时：该结果基于旧数据计算。{0}。请重新运行。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>{0} confirmed, {1} dismissed</source>
        <translation>已确认 {0} 行，已排除 {1} 行</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>Case created</source>
        <translation>创建案卷</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Check run</source>
        <translation>运行检查项</translation>
    </message>
    <message>
        <source>Base layer built</source>
        <translation>构建基础数据层</translation>
    </message>
    <message>
        <source>APR computed</source>
        <translation>计算年化利率</translation>
    </message>
    <message>
        <source>Outage links built</source>
        <translation>建立系统故障关联</translation>
    </message>
    <message>
        <source>Report written</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <source>Workbook re-run</source>
        <translation>重新运行工作底稿</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>information</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>{file}</source>
        <translation>{file}</translation>
    </message>
    <message>
        <source>{file} into {table}: {read} rows read, {loaded} loaded, {rejected} rejected</source>
        <translation>{file} 导入 {table}：读取 {read} 行，导入 {loaded} 行，剔除 {rejected} 行</translation>
    </message>
    <message>
        <source>{id}: {status}</source>
        <translation>{id}：{status}</translation>
    </message>
    <message>
        <source>{n} finding rows</source>
        <translation>问题记录 {n} 行</translation>
    </message>
    <message>
        <source>{n} loans</source>
        <translation>借据 {n} 笔</translation>
    </message>
    <message>
        <source>{n} borrowers</source>
        <translation>借款人 {n} 人</translation>
    </message>
    <message>
        <source>amount {n}</source>
        <translation>金额 {n}</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>as of {date}</source>
        <translation>基准日 {date}</translation>
    </message>
    <message>
        <source>{s:.2f} s</source>
        <translation>{s:.2f} 秒</translation>
    </message>
    <message>
        <source>as of {as_of}, clearing by {clearing}</source>
        <translation>基准日 {as_of}，结清依据 {clearing}</translation>
    </message>
    <message>
        <source>{loans} loans</source>
        <translation>借据 {loans} 笔</translation>
    </message>
    <message>
        <source>{file}: {checks} checks, {rows} evidence rows</source>
        <translation>{file}：检查项 {checks} 个，证据记录 {rows} 行</translation>
    </message>
    <message>
        <source>{file}, as of {as_of}</source>
        <translation>{file}，基准日 {as_of}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source> ({0})</source>
        <translation>（{0}）</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>equals</source>
        <translation>等于</translation>
    </message>
    <message>
        <source>differs from</source>
        <translation>不等于</translation>
    </message>
    <message>
        <source>less than</source>
        <translation>小于</translation>
    </message>
    <message>
        <source>at most</source>
        <translation>不大于</translation>
    </message>
    <message>
        <source>greater than</source>
        <translation>大于</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>不小于</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>不为空</translation>
    </message>
    <message>
        <source>percentage points</source>
        <translation>个百分点</translation>
    </message>
    <message>
        <source>Overdue rate by balance, M1+ and M3+</source>
        <translation>M1+、M3+ 逾期率（按金额）</translation>
    </message>
    <message>
        <source>month_end</source>
        <translation>月末</translation>
    </message>
    <message>
        <source>Outage harm by incident</source>
        <translation>各系统故障事件造成的损害</translation>
    </message>
    <message>
        <source>incident_id</source>
        <translation>故障事件编号</translation>
    </message>
    <message>
        <source>harmed installments</source>
        <translation>受损期次</translation>
    </message>
    <message>
        <source>reports to correct</source>
        <translation>需差错更正的征信报告</translation>
    </message>
    <message>
        <source>Recomputed APR (nominal) per loan</source>
        <translation>逐笔借据重算的年化利率（名义）</translation>
    </message>
    <message>
        <source>apr_nominal</source>
        <translation>名义年化利率</translation>
    </message>
</context>
<context>
    <name>CoveragePanel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>in part</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖情况</translation>
    </message>
    <message>
        <source>No case open.</source>
        <translation>未打开案卷。</translation>
    </message>
    <message>
        <source>Data request…</source>
        <translation>数据调取清单…</translation>
    </message>
    <message>
        <source>Write the list of missing tables and columns to send the platform (Excel)</source>
        <translation>生成缺失数据表和字段的清单，供向平台调取数据（Excel）</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Can run</source>
        <translation>可否运行</translation>
    </message>
    <message>
        <source>Lacks</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>{0} checks: {1} can run in full, {2} in part, {3} cannot run.</source>
        <translation>共 {0} 个检查项：{1} 个可完整运行，{2} 个可部分运行，{3} 个无法运行。</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>可运行</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>skips {0} of {1} tests</source>
        <translation>跳过 {1} 项测试中的 {0} 项</translation>
    </message>
    <message>
        <source>read as empty: {0}</source>
        <translation>按空值读取：{0}</translation>
    </message>
    <message>
        <source>Data request</source>
        <translation>数据调取清单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Data request written: {0} ({1} columns of {2} tables)</source>
        <translation>数据调取清单已生成：{0}（{2} 张数据表的 {1} 个字段）</translation>
    </message>
</context>
<context>
    <name>CustomQueryTab</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>custom query {0}</source>
        <translation>自定义查询 {0}</translation>
    </message>
</context>
<context>
    <name>EngineSetting</name>
    <message>
        <source>DuckDB</source>
        <translation>DuckDB</translation>
    </message>
    <message>
        <source>Spark (local)</source>
        <translation>Spark（本机）</translation>
    </message>
    <message>
        <source>Spark Connect…</source>
        <translation>Spark Connect…</translation>
    </message>
    <message>
        <source>Where this case&apos;s checks run: DuckDB here, or Apache Spark (kept with the case)</source>
        <translation>本案卷的检查项在哪里运行：本机 DuckDB，或 Apache Spark（随案卷保存）</translation>
    </message>
    <message>
        <source> Engine </source>
        <translation> 引擎 </translation>
    </message>
    <message>
        <source>Starting {0}…</source>
        <translation>正在启动 {0}…</translation>
    </message>
    <message>
        <source>Spark Connect</source>
        <translation>Spark Connect</translation>
    </message>
    <message>
        <source>Spark Connect server (sc://HOST:PORT):</source>
        <translation>Spark Connect 服务器（sc://主机:端口）：</translation>
    </message>
    <message>
        <source>Checks run on {0}.</source>
        <translation>检查项在 {0} 上运行。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>{0} checks: {1} run</source>
        <translation>共 {0} 个检查项：已运行 {1} 个</translation>
    </message>
    <message>
        <source>{0} not yet run</source>
        <translation>尚未运行 {0} 个</translation>
    </message>
    <message>
        <source>{0} stale (run on older data)</source>
        <translation>已过时 {0} 个（基于旧数据运行）</translation>
    </message>
    <message>
        <source>{0} running</source>
        <translation>正在运行 {0} 个</translation>
    </message>
    <message>
        <source>Checks are running</source>
        <translation>检查项正在运行</translation>
    </message>
    <message>
        <source>{0} checks are still running. The report can be written when they finish, or they can be stopped and the report written now; the checks not run are then listed as not yet run.</source>
        <translation>仍有 {0} 个检查项正在运行。可以等其运行结束后再生成报告，也可以立即停止运行并生成报告，未运行的检查项在报告中列为尚未运行。</translation>
    </message>
    <message>
        <source>Wait, then write</source>
        <translation>等待完成后生成</translation>
    </message>
    <message>
        <source>Stop them and write</source>
        <translation>停止运行并生成</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Draft: every page says DRAFT</source>
        <translation>草稿：每页均标注草稿字样</translation>
    </message>
    <message>
        <source>Final: for signing</source>
        <translation>正式稿：供签字</translation>
    </message>
    <message>
        <source>A final report needs every check run on the current data.</source>
        <translation>正式报告要求所有检查项均已基于当前数据运行。</translation>
    </message>
    <message>
        <source>Write the Excel report to</source>
        <translation>Excel 报告保存位置</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>Files to import</source>
        <translation>待导入文件</translation>
    </message>
    <message>
        <source>Drop platform exports here (CSV, TSV, XLSX, Parquet), or add them.</source>
        <translation>将平台导出数据拖放到此处（CSV、TSV、XLSX、Parquet），或点击添加。</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Exports (*.csv *.tsv *.txt *.xlsx *.parquet)</source>
        <translation>导出数据 (*.csv *.tsv *.txt *.xlsx *.parquet)</translation>
    </message>
</context>
<context>
    <name>FilterDialog</name>
    <message>
        <source>Filter {0}</source>
        <translation>筛选：{0}</translation>
    </message>
    <message>
        <source>Value (for yes/no columns: Yes or No)</source>
        <translation>值（是/否字段请填 Yes 或 No）</translation>
    </message>
    <message>
        <source>Rows whose {0}</source>
        <translation>{0}满足以下条件的行</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>kept unmapped in {0}: {1}</source>
        <translation>未映射字段保留在 {0}：{1}</translation>
    </message>
    <message>
        <source>skipped row {0} ({1}): {2}</source>
        <translation>跳过第 {0} 行（{1}）：{2}</translation>
    </message>
    <message>
        <source>warning: {0}: {1}</source>
        <translation>警告：{0}：{1}</translation>
    </message>
    <message>
        <source>Import exports</source>
        <translation>导入平台导出数据</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The interface will be in {0} when Lending Auditor starts again.</source>
        <translation>重新启动 Lending Auditor 后，界面语言将切换为{0}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>C&amp;overage</source>
        <translation>覆盖情况(&amp;O)</translation>
    </message>
    <message>
        <source>Which checks the data lets run, and what each one lacks</source>
        <translation>现有数据可运行哪些检查项，各缺少什么</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>no case is open</source>
        <translation>未打开案卷</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案卷</translation>
    </message>
    <message>
        <source>no case database at {0}</source>
        <translation>{0} 处没有案卷数据库</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation>未打开案卷。</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>校验通过</translation>
    </message>
    <message>
        <source>DOES NOT VERIFY</source>
        <translation>校验未通过</translation>
    </message>
    <message>
        <source>{0} tables, {1} sources; audit log {2} entries, {3}</source>
        <translation>{0} 张数据表，{1} 个源文件；审计日志 {2} 条，{3}</translation>
    </message>
    <message>
        <source>Workspace restored</source>
        <translation>已恢复工作区</translation>
    </message>
    <message>
        <source>Running the overview&apos;s checks…</source>
        <translation>正在运行概览所需的检查项…</translation>
    </message>
    <message>
        <source>Import a loan book to see the key figures.</source>
        <translation>导入借据数据后即可查看关键指标。</translation>
    </message>
    <message>
        <source>SQL console query</source>
        <translation>SQL 控制台查询</translation>
    </message>
    <message>
        <source>Lending Auditor</source>
        <translation>Lending Auditor</translation>
    </message>
    <message>
        <source>new workbook</source>
        <translation>新工作底稿</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Inspection &amp;properties…</source>
        <translation>检查信息(&amp;P)…</translation>
    </message>
    <message>
        <source>Title, platform, examiner, reviewer, period and conclusion of the inspection</source>
        <translation>本次检查的标题、平台、检查人员、复核人员、检查期间及结论</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>后退(&amp;B)</translation>
    </message>
    <message>
        <source>Back to where the drill-down came from (Alt+Left)</source>
        <translation>返回钻取前的位置（Alt+Left）</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>前进(&amp;F)</translation>
    </message>
    <message>
        <source>The inspection&apos;s as-of date (the data&apos;s latest activity)</source>
        <translation>检查基准日（数据中最近一笔业务的日期）</translation>
    </message>
    <message>
        <source>Cancelled; the earlier result stays.</source>
        <translation>已取消，保留此前的结果。</translation>
    </message>
    <message>
        <source>Building the sample platform…</source>
        <translation>正在生成示例平台…</translation>
    </message>
    <message>
        <source>Building the sample platform and importing it…</source>
        <translation>正在生成并导入示例平台数据…</translation>
    </message>
    <message>
        <source>No rows to list behind this value.</source>
        <translation>该数值没有对应的明细记录。</translation>
    </message>
    <message>
        <source>open or create a case first</source>
        <translation>请先打开或新建案卷</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>open a case first</source>
        <translation>请先打开案卷</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>The report will be written when the running checks end.</source>
        <translation>正在运行的检查项结束后将生成报告。</translation>
    </message>
    <message>
        <source>Inspection of {0}</source>
        <translation>{0} 检查</translation>
    </message>
    <message>
        <source>Report written to {0}</source>
        <translation>报告已保存至 {0}</translation>
    </message>
    <message>
        <source>Drawing the charts for the report…</source>
        <translation>正在绘制报告图表…</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案卷</translation>
    </message>
    <message>
        <source>Case databases (*.duckdb);;All files (*)</source>
        <translation>案卷数据库 (*.duckdb);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Open case…</source>
        <translation>打开案卷(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import platform exports into the case</source>
        <translation>将平台导出数据导入案卷</translation>
    </message>
    <message>
        <source>Run &amp;all</source>
        <translation>全部运行(&amp;A)</translation>
    </message>
    <message>
        <source>Run every check</source>
        <translation>运行全部检查项</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Stop the running work</source>
        <translation>停止正在进行的操作</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>导出报告(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the Excel audit report</source>
        <translation>生成 Excel 检查报告</translation>
    </message>
    <message>
        <source>&amp;Find check</source>
        <translation>查找检查项(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>案卷(&amp;C)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Workbook</source>
        <translation>工作底稿(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;New workbook</source>
        <translation>新建工作底稿(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open workbook…</source>
        <translation>打开工作底稿(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save workbook</source>
        <translation>保存工作底稿(&amp;S)</translation>
    </message>
    <message>
        <source>Save workbook &amp;as…</source>
        <translation>工作底稿另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Recent &amp;workbooks</source>
        <translation>最近的工作底稿(&amp;W)</translation>
    </message>
    <message>
        <source>C&amp;hecks</source>
        <translation>检查项(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source> Profile </source>
        <translation> 监管口径 </translation>
    </message>
    <message>
        <source>Jurisdiction profile for parameters</source>
        <translation>参数所依据的监管口径（法域）</translation>
    </message>
    <message>
        <source> From </source>
        <translation> 起始日 </translation>
    </message>
    <message>
        <source>Start of the review period: event checks count events from here</source>
        <translation>检查期间起始日：事件类检查项自该日起统计事件</translation>
    </message>
    <message>
        <source> As of </source>
        <translation> 基准日 </translation>
    </message>
    <message>
        <source>{0} (from {1})</source>
        <translation>{0}（复制自 {1}）</translation>
    </message>
    <message>
        <source>Copied from {0}. {1}</source>
        <translation>复制自 {0}。{1}</translation>
    </message>
    <message>
        <source>Save workbook</source>
        <translation>保存工作底稿</translation>
    </message>
    <message>
        <source>Workbooks (*.auditwb)</source>
        <translation>工作底稿 (*.auditwb)</translation>
    </message>
    <message>
        <source>Open workbook</source>
        <translation>打开工作底稿</translation>
    </message>
    <message>
        <source>Workbook opened with notes</source>
        <translation>工作底稿已打开（附提示）</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The workbook has unsaved changes. Save them?</source>
        <translation>工作底稿有未保存的更改，是否保存？</translation>
    </message>
</context>
<context>
    <name>MappingGrid</name>
    <message>
        <source>(not mapped)</source>
        <translation>（未映射）</translation>
    </message>
    <message>
        <source>(expression)</source>
        <translation>（表达式）</translation>
    </message>
    <message>
        <source>(decide)</source>
        <translation>（自动判断）</translation>
    </message>
    <message>
        <source>Canonical column</source>
        <translation>标准字段</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Source column</source>
        <translation>源字段</translation>
    </message>
    <message>
        <source>Expression</source>
        <translation>表达式</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>样例值</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>(decide: {0})</source>
        <translation>（自动判断：{0}）</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Mapping</source>
        <translation>字段映射</translation>
    </message>
    <message>
        <source>Check what was detected in each file and how its columns map.</source>
        <translation>核对每个文件的识别结果及其字段映射。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Save mapping as profile…</source>
        <translation>将映射另存为配置…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Reading {0} files…</source>
        <translation>正在读取 {0} 个文件…</translation>
    </message>
    <message>
        <source>format {0}</source>
        <translation>格式 {0}</translation>
    </message>
    <message>
        <source>encoding {0}</source>
        <translation>编码 {0}</translation>
    </message>
    <message>
        <source>delimiter {0}</source>
        <translation>分隔符 {0}</translation>
    </message>
    <message>
        <source>header row {0}</source>
        <translation>表头行 {0}</translation>
    </message>
    <message>
        <source>sheet {0}</source>
        <translation>工作表 {0}</translation>
    </message>
    <message>
        <source>no table fits: choose one and map the required columns</source>
        <translation>未匹配到数据表：请选择一张表并映射必填字段</translation>
    </message>
    <message>
        <source>detected table: {0}</source>
        <translation>识别的数据表：{0}</translation>
    </message>
    <message>
        <source>lines above the data: {0}</source>
        <translation>数据上方的行：{0}</translation>
    </message>
    <message>
        <source>kept unmapped beside each row: {0}</source>
        <translation>未映射字段随行保留：{0}</translation>
    </message>
    <message>
        <source>Previewing…</source>
        <translation>正在预览…</translation>
    </message>
    <message>
        <source>First {0} rows: {1} would load, {2} would be rejected</source>
        <translation>前 {0} 行：{1} 行可导入，{2} 行将被剔除</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Save mapping profile</source>
        <translation>保存映射配置</translation>
    </message>
    <message>
        <source>Mapping profiles (*.toml)</source>
        <translation>映射配置 (*.toml)</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Overdue M1+ (by balance)</source>
        <translation>M1+ 逾期率（按金额）</translation>
    </message>
    <message>
        <source>Overdue M3+ (by balance)</source>
        <translation>M3+ 逾期率（按金额）</translation>
    </message>
    <message>
        <source>Outage-harmed borrowers</source>
        <translation>受系统故障影响的借款人</translation>
    </message>
    <message>
        <source>Outage-harmed installments</source>
        <translation>受系统故障影响的期次</translation>
    </message>
    <message>
        <source>Refund due to harmed borrowers</source>
        <translation>受损借款人应退金额</translation>
    </message>
    <message>
        <source>Bureau reports to correct</source>
        <translation>需差错更正的征信报告</translation>
    </message>
    <message>
        <source>Loans with APR understated</source>
        <translation>年化利率披露偏低的借据</translation>
    </message>
    <message>
        <source>Loans above the rate cap</source>
        <translation>超过利率上限的借据</translation>
    </message>
    <message>
        <source>Open a case, or build the sample platform.</source>
        <translation>请打开案卷，或生成示例平台。</translation>
    </message>
    <message>
        <source>Open a case (Ctrl+O), or start with --sample.</source>
        <translation>请打开案卷（Ctrl+O），或以 --sample 参数启动。</translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation>未打开案卷。</translation>
    </message>
    <message>
        <source>As of {0}; overdue rates at the month end {1}.</source>
        <translation>基准日 {0}；逾期率取 {1} 月末数据。</translation>
    </message>
    <message>
        <source>As of {0}.</source>
        <translation>基准日 {0}。</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>set here</source>
        <translation>此处设定</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>监管口径</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>{0}: {1!r} is not {2}</source>
        <translation>{0}：{1!r} 不是{2}</translation>
    </message>
    <message>
        <source>{0}: give at least one value</source>
        <translation>{0}：请至少填写一个值</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a date (YYYY-MM-DD)</source>
        <translation>日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>yes or no</source>
        <translation>是或否</translation>
    </message>
    <message>
        <source>a list of numbers separated by commas</source>
        <translation>以逗号分隔的数字列表</translation>
    </message>
    <message>
        <source>one of the choices</source>
        <translation>可选项之一</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message>
        <source>Inspection properties</source>
        <translation>检查信息</translation>
    </message>
    <message>
        <source>e.g. Q3 2024 inspection of the consumer book</source>
        <translation>例如：2024 年第三季度消费贷款业务检查</translation>
    </message>
    <message>
        <source>from</source>
        <translation>自</translation>
    </message>
    <message>
        <source>to (as of)</source>
        <translation>至（基准日）</translation>
    </message>
    <message>
        <source>The examiner&apos;s conclusion, printed on the report&apos;s cover above the sign-off</source>
        <translation>检查人员的结论，打印在报告封面签字栏上方</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Examiner (prepared by)</source>
        <translation>检查人员（编制）</translation>
    </message>
    <message>
        <source>Reviewer (reviewed by)</source>
        <translation>复核人员（复核）</translation>
    </message>
    <message>
        <source>Review period</source>
        <translation>检查期间</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>The period starts after it ends.</source>
        <translation>检查期间的起始日晚于结束日。</translation>
    </message>
</context>
<context>
    <name>ResultGrid</name>
    <message>
        <source>Findings only</source>
        <translation>仅显示问题</translation>
    </message>
    <message>
        <source>Show only the rows that are findings</source>
        <translation>只显示属于问题的行</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Excel…</source>
        <translation>Excel…</translation>
    </message>
    <message>
        <source>Write the rows shown (filters applied) to a file</source>
        <translation>将当前显示的行（已应用筛选）写入文件</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Sample rows…</source>
        <translation>抽样…</translation>
    </message>
    <message>
        <source>Filtered: {0}</source>
        <translation>已筛选：{0}</translation>
    </message>
    <message>
        <source>{0} rows</source>
        <translation>{0} 行</translation>
    </message>
    <message>
        <source>{0} of {1} rows</source>
        <translation>{0} / {1} 行</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Sort ascending</source>
        <translation>升序排列</translation>
    </message>
    <message>
        <source>Sort descending</source>
        <translation>降序排列</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>Clear this filter</source>
        <translation>清除此筛选</translation>
    </message>
    <message>
        <source>Count {0}</source>
        <translation>计数 {0}</translation>
    </message>
    <message>
        <source>Sum {0}</source>
        <translation>合计 {0}</translation>
    </message>
    <message>
        <source>Average {0}</source>
        <translation>平均 {0}</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Export rows</source>
        <translation>导出记录</translation>
    </message>
</context>
<context>
    <name>ResultModel</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <source>&amp;Review</source>
        <translation>复核(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Mask personal data in exports</source>
        <translation>导出时对个人信息脱敏(&amp;M)</translation>
    </message>
    <message>
        <source>Reports, sample sheets and CSV exports show identifiers as tokens</source>
        <translation>报告、抽样表和 CSV 导出文件中的身份标识以代码替代</translation>
    </message>
    <message>
        <source>&amp;Compare with an older export…</source>
        <translation>与较早的导出数据比对(&amp;C)…</translation>
    </message>
    <message>
        <source>run the check first</source>
        <translation>请先运行该检查项</translation>
    </message>
    <message>
        <source>Sample rows</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>result {0}</source>
        <translation>结果 {0}</translation>
    </message>
    <message>
        <source>Sample {0}</source>
        <translation>抽样 {0}</translation>
    </message>
    <message>
        <source>Save the sample</source>
        <translation>保存抽样</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Sample written to {0}</source>
        <translation>抽样已保存至 {0}</translation>
    </message>
    <message>
        <source>Read the review</source>
        <translation>读取复核结果</translation>
    </message>
    <message>
        <source>open the newer export&apos;s case first</source>
        <translation>请先打开较新导出数据的案卷</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比对</translation>
    </message>
    <message>
        <source>The older export&apos;s case</source>
        <translation>较早导出数据的案卷</translation>
    </message>
    <message>
        <source>Case databases (*.duckdb)</source>
        <translation>案卷数据库 (*.duckdb)</translation>
    </message>
    <message>
        <source>choose another case than the one open</source>
        <translation>请选择当前已打开案卷以外的案卷</translation>
    </message>
    <message>
        <source>{0} compared with {1}: {2} differences in {3} .. {4}. Run the Rewritten history checks (HIS-) for the findings.</source>
        <translation>{0} 与 {1} 比对：{3} 至 {4} 共 {2} 处差异。请运行历史数据改写类检查项（HIS-）查看问题。</translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation>导出数据比对</translation>
    </message>
</context>
<context>
    <name>ReviewJobs</name>
    <message>
        <source>the population cannot be read: {0}</source>
        <translation>无法读取抽样总体：{0}</translation>
    </message>
    <message>
        <source>{0}, sheet {1}: its selection is not this case&apos;s sample {2}</source>
        <translation>{0}，工作表 {1}：其中的样本不是本案卷的抽样 {2}</translation>
    </message>
    <message>
        <source>Sample review</source>
        <translation>抽样复核</translation>
    </message>
    <message>
        <source>comparing with {0}</source>
        <translation>正在与 {0} 比对</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>剔除的行</translation>
    </message>
    <message>
        <source>Importing in the background…</source>
        <translation>正在后台导入…</translation>
    </message>
    <message>
        <source>{0} files imported.</source>
        <translation>已导入 {0} 个文件。</translation>
    </message>
    <message>
        <source>Not imported (the case is unchanged by it): {0}</source>
        <translation>未导入（案卷未因此改变）：{0}</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>剔除</translation>
    </message>
    <message>
        <source>Accounting</source>
        <translation>记录勾稽</translation>
    </message>
    <message>
        <source>Import stopped: {0}
Files imported before it stay in the case (see the tree); the file being imported left the case unchanged.</source>
        <translation>导入中止：{0}
此前已导入的文件保留在案卷中（见左侧目录）；正在导入的文件未对案卷作任何改变。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>SampleDialog</name>
    <message>
        <source>Simple random</source>
        <translation>简单随机抽样</translation>
    </message>
    <message>
        <source>Stratified</source>
        <translation>分层抽样</translation>
    </message>
    <message>
        <source>Systematic</source>
        <translation>系统抽样</translation>
    </message>
    <message>
        <source>Monetary-unit</source>
        <translation>货币单位抽样</translation>
    </message>
    <message>
        <source>Sample rows</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Number of items</source>
        <translation>样本量</translation>
    </message>
    <message>
        <source>Fraction of rows</source>
        <translation>抽样比例</translation>
    </message>
    <message>
        <source>Attribute sampling</source>
        <translation>属性抽样</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信水平</translation>
    </message>
    <message>
        <source>Tolerable deviation rate</source>
        <translation>可容忍偏差率</translation>
    </message>
    <message>
        <source>Expected deviation rate</source>
        <translation>预计总体偏差率</translation>
    </message>
    <message>
        <source>Proportional to the strata</source>
        <translation>按各层规模比例分配</translation>
    </message>
    <message>
        <source>The same in every stratum</source>
        <translation>各层数量相同</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>抽样总体</translation>
    </message>
    <message>
        <source>{0} ({1} rows)</source>
        <translation>{0}（{1} 行）</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>抽样方法</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>样本规模</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Stratify by</source>
        <translation>分层依据</translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation>样本分配</translation>
    </message>
    <message>
        <source>Amount column</source>
        <translation>金额字段</translation>
    </message>
</context>
<context>
    <name>SampleTab</name>
    <message>
        <source>Not reviewed yet.</source>
        <translation>尚未复核。</translation>
    </message>
    <message>
        <source>Save for the reviewer (XLSX)…</source>
        <translation>保存供复核（XLSX）…</translation>
    </message>
    <message>
        <source>Read the review…</source>
        <translation>读取复核结果…</translation>
    </message>
    <message>
        <source>Stratum {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>{0} of {1} tested; {2}, upper limit {3}</source>
        <translation>测试 {1} 项，例外 {0} 项；偏差率 {2}，上限 {3}</translation>
    </message>
</context>
<context>
    <name>SqlConsole</name>
    <message>
        <source>SELECT … — Ctrl+Enter runs, Ctrl+Space completes. Tables: loans, installments, … ; check results: results.OUT_01, …</source>
        <translation>SELECT … —— Ctrl+Enter 运行，Ctrl+Space 补全。数据表：loans、installments 等；检查结果：results.OUT_01 等</translation>
    </message>
    <message>
        <source>Back (Alt+Left)</source>
        <translation>后退（Alt+Left）</translation>
    </message>
    <message>
        <source>Forward (Alt+Right)</source>
        <translation>前进（Alt+Right）</translation>
    </message>
    <message>
        <source>Queries run before (newest first)</source>
        <translation>历史查询（最新的在前）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Double-click a row naming a loan to see its ledger</source>
        <translation>双击含借据号的行可查看该借据的台账</translation>
    </message>
    <message>
        <source>Bound: {0}</source>
        <translation>已绑定参数：{0}</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>{0} rows in {1:.2f} s</source>
        <translation>{0} 行，用时 {1:.2f} 秒</translation>
    </message>
</context>
<context>
    <name>TableBrowser</name>
    <message>
        <source>Column</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Nulls</source>
        <translation>空值数</translation>
    </message>
    <message>
        <source>Distinct</source>
        <translation>不同值数</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>cancelled by the user</source>
        <translation>用户已取消</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>WorkspaceKeeper</name>
    <message>
        <source>the workspace was not saved: {0}</source>
        <translation>工作区未保存：{0}</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
</context>
</TS>

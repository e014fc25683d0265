<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AuditLogDock</name>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Card</name>
    <message>
        <source>Click to see the rows behind this figure</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseTree</name>
    <message>
        <source>{0} findings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseTreeDock</name>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a check or table (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows / status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}
SHA-256 {1}
→ {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (stale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stale: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>No chart for this result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>logged incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cap {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckTab</name>
    <message>
        <source>Pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} finding rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} loans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} borrowers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details and parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the check (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as custom query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this check into the workbook as a custom query you can edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File the selected rows as confirmed findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File the selected rows as dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examiner&apos;s note on this check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a number to list the rows behind it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; — {1} &lt;span style=&apos;color:#666&apos;&gt;· {2} · severity {3}&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}

Basis: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note ✎</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stale: this result was computed on older data. {0}. Run it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} confirmed, {1} dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>Case created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base layer built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APR computed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outage links built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workbook re-run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>differs from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>greater than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>percentage points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue rate by balance, M1+ and M3+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>month_end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outage harm by incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>harmed installments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reports to correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recomputed APR (nominal) per loan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>apr_nominal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoveragePanel</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the list of missing tables and columns to send the platform (Excel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} checks: {1} can run in full, {2} in part, {3} cannot run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skips {0} of {1} tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read as empty: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data request written: {0} ({1} columns of {2} tables)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomQueryTab</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>custom query {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>{0} checks: {1} run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} not yet run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} stale (run on older data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks are running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} checks are still running. The report can be written when they finish, or they can be stopped and the report written now; the checks not run are then listed as not yet run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait, then write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop them and write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft: every page says DRAFT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final: for signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A final report needs every check run on the current data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the Excel report to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>Files to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop platform exports here (CSV, TSV, XLSX, Parquet), or add them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports (*.csv *.tsv *.txt *.xlsx *.parquet)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterDialog</name>
    <message>
        <source>Filter {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value (for yes/no columns: Yes or No)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows whose {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>kept unmapped in {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped row {0} ({1}): {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import exports</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interface will be in {0} when Lending Auditor starts again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>C&amp;overage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which checks the data lets run, and what each one lacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no case is open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no case database at {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOES NOT VERIFY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} tables, {1} sources; audit log {2} entries, {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running the overview&apos;s checks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a loan book to see the key figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL console query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lending Auditor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspection &amp;properties…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title, platform, examiner, reviewer, period and conclusion of the inspection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to where the drill-down came from (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inspection&apos;s as-of date (the data&apos;s latest activity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; the earlier result stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the sample platform…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the sample platform and importing it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rows to list behind this value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open or create a case first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open a case first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report will be written when the running checks end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspection of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing the charts for the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case databases (*.duckdb);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import platform exports into the case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run every check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the Excel audit report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open workbook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save workbook &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;workbooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hecks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Profile </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jurisdiction profile for parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> From </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start of the review period: event checks count events from here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> As of </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (from {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied from {0}. {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workbooks (*.auditwb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workbook opened with notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workbook has unsaved changes. Save them?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingGrid</name>
    <message>
        <source>(not mapped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(expression)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(decide)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canonical column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(decide: {0})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check what was detected in each file and how its columns map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save mapping as profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {0} files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>format {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoding {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delimiter {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header row {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sheet {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no table fits: choose one and map the required columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lines above the data: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept unmapped beside each row: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previewing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First {0} rows: {1} would load, {2} would be rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save mapping profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapping profiles (*.toml)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Overdue M1+ (by balance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue M3+ (by balance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outage-harmed borrowers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outage-harmed installments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund due to harmed borrowers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bureau reports to correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loans with APR understated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loans above the rate cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a case, or build the sample platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a case (Ctrl+O), or start with --sample.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of {0}; overdue rates at the month end {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>set here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1!r} is not {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: give at least one value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a date (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes or no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list of numbers separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of the choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message>
        <source>Inspection properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Q3 2024 inspection of the consumer book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to (as of)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The examiner&apos;s conclusion, printed on the report&apos;s cover above the sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examiner (prepared by)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewer (reviewed by)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period starts after it ends.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultGrid</name>
    <message>
        <source>Findings only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the rows that are findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the rows shown (filters applied) to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtered: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort ascending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort descending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear this filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sum {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultModel</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <source>&amp;Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mask personal data in exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports, sample sheets and CSV exports show identifiers as tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare with an older export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the check first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>result {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample written to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open the newer export&apos;s case first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The older export&apos;s case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case databases (*.duckdb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose another case than the one open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} compared with {1}: {2} differences in {3} .. {4}. Run the Rewritten history checks (HIS-) for the findings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewJobs</name>
    <message>
        <source>the population cannot be read: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, sheet {1}: its selection is not this case&apos;s sample {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comparing with {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing in the background…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} files imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not imported (the case is unchanged by it): {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import stopped: {0}
Files imported before it stay in the case (see the tree); the file being imported left the case unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SampleDialog</name>
    <message>
        <source>Simple random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stratified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Systematic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monetary-unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraction of rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tolerable deviation rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected deviation rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proportional to the strata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same in every stratum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} ({1} rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stratify by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount column</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SampleTab</name>
    <message>
        <source>Not reviewed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save for the reviewer (XLSX)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stratum {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} tested; {2}, upper limit {3}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqlConsole</name>
    <message>
        <source>SELECT … — Ctrl+Enter runs, Ctrl+Space completes. Tables: loans, installments, … ; check results: results.OUT_01, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queries run before (newest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a row naming a loan to see its ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bound: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} rows in {1:.2f} s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableBrowser</name>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nulls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distinct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>cancelled by the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkspaceKeeper</name>
    <message>
        <source>the workspace was not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

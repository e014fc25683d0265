"""Why a row was rejected, in the reader's language.

The importer writes each reject's reason into the case (``audit.rejects.reason``) from a
closed vocabulary: the sentences below, some with a value after a fixed lead (the row a key
repeats, the allowed values, the reader's own message). That stored English is the reason's
code; ``reject_reason`` looks it up here and gives the Chinese one. A reason outside the
vocabulary (a database message from a mapping expression) is shown as it was recorded.
"""

from __future__ import annotations

# The whole reasons: English as written into the case -> Chinese.
REASONS = {
    "duplicate key: already in the case": "主键重复：案卷中已有该记录",
    "unreadable text": "文本无法读取",
    "not a whole number": "不是整数",
    "not an amount": "不是金额",
    "not a rate": "不是比率",
    "not a date": "不是日期",
    "not a date and time": "不是日期时间",
    "not a yes/no value": "不是“是/否”值",
    "required value missing": "必填值缺失",
    "negative value": "数值为负",
    "zero or negative value": "数值为零或负",
    "not a rate (infinite or not a number)": "不是比率（无穷大或非数值）",
    "date outside 1970-2100": "日期不在 1970 年至 2100 年之间",
    "bytes not valid in the file's encoding": "字节不符合文件的编码",
    "cells beyond the header's last column": "表头最后一列之后还有单元格",
    "row not loaded": "该行未导入",
}
# Reasons made of a fixed lead and a value: lead -> Chinese with {0} for the value.
LEADS = {
    "duplicate key: same as row ": "主键重复：与第 {0} 行相同",
    "not one of: ": "不在允许的取值之内：{0}",
    "malformed record, ": "记录格式错误，{0}",
}
# What DuckDB's CSV reader calls a malformed record (``rejects.READER_REASONS``' sentences).
READER = {
    "too few fields (ragged row)": "字段过少（行长短不齐）",
    "too many fields (ragged row)": "字段过多（行长短不齐）",
    "stray or unterminated quote": "引号多余或未闭合",
    "bytes not valid UTF-8": "字节不是有效的 UTF-8",
    "line longer than the reader allows (2 MiB)": "行长度超过读取上限（2 MiB）",
    "value does not fit the column type": "值与列类型不符",
}


def reject_reason(reason: str, lang: str) -> str:
    """A stored reject reason in ``lang`` ("en" returns it as stored)."""
    if lang != "zh" or not reason:
        return reason
    if reason in REASONS:
        return REASONS[reason]
    for lead, zh in LEADS.items():
        if reason.startswith(lead):
            rest = reason[len(lead) :]
            if lead == "malformed record, ":
                said, _, message = rest.partition(": ")
                rest = READER.get(said, said) + (f"：{message}" if message else "")
            return zh.format(rest)
    return reason

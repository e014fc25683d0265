"""The report's language: its sheet names, the words every sheet shares, how money and dates
are shown, and the font.

The report is written in English (``"en"``, as it always was) or Simplified Chinese (``"zh"``).
Each module keeps its own strings as ``{"en": {...}, "zh": {...}}`` and picks them with
``words``; the Chinese terms come from the glossary (``resources/glossary.toml``) wherever it has
them, so the report, the checks and the desktop app say the same thing the same way.

Conventions of the Chinese report (the English one is unchanged):

- Money: the currency's symbol before the figure and thousands separators (``¥1,234.50``), in
  every cell that holds an amount of the profile's currency; other decimals keep ``#,##0.00``.
- Dates: one style throughout, ISO 8601 (``2024-03-31``, ``2024-03-31 09:05:00``): unambiguous,
  sorts as text, and what Chinese-locale Excel and WPS show for dates in tables.
- Font: Microsoft YaHei (微软雅黑) with the GB2312 character set, on every cell and chart
  title. Windows has it since Vista and Office for Mac installs it; where it is absent, the
  character set makes Excel and LibreOffice substitute a Chinese font: PingFang SC on macOS,
  and on Linux the font fontconfig's non-Latin rules give for it (Noto Sans CJK SC or WenQuanYi
  Micro Hei, whichever is installed).
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Mapping
from copy import copy
from decimal import Decimal
from typing import TypeVar

from openpyxl import Workbook
from openpyxl.utils.indexed_list import IndexedList

from auditor.engine.check_text import family_word
from auditor.errors import AuditorError
from auditor.glossary import glossary

LANGS = ("en", "zh")
CJK_FONT = "Microsoft YaHei"
GB2312 = 134  # the font's character set: tells a spreadsheet it is a Chinese font
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm:ss"
CURRENCY_SYMBOLS = {"CNY": "¥", "RMB": "¥", "USD": "$", "GBP": "£", "EUR": "€", "HKD": "HK$"}

T = TypeVar("T")


class ReportLanguageError(AuditorError):
    title = "Report language"


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ReportLanguageError(f"report language {lang!r} is not one of {', '.join(LANGS)}")
    return lang


def words(table: Mapping[str, T], lang: str) -> T:
    """The ``lang`` entry of a module's ``{"en": ..., "zh": ...}`` strings."""
    return table["zh"] if lang == "zh" else table["en"]


def term(en: str) -> str:
    """The glossary's Chinese for English term ``en``."""
    return glossary().zh(en)


SHEETS = {
    "en": {
        "cover": "Cover",
        "summary": "Summary",
        "chart_data": "Chart data",
        "provenance": "Provenance",
        "data_quality": "Data quality",
        "coverage": "Coverage",
        "comparison": "Export comparison",
    },
    "zh": {
        "cover": "封面",
        "summary": "汇总",
        "chart_data": "图表数据",
        "provenance": "数据来源与复核",
        "data_quality": term("data quality"),
        "coverage": term("coverage"),
        "comparison": "导出数据比对",
    },
}


def sheet(key: str, lang: str) -> str:
    return words(SHEETS, lang)[key]


def status_words(lang: str) -> dict[str, str]:
    """A run's status as the report writes it."""
    if lang != "zh":
        return {
            "finding": "Finding", "pass": "Pass", "info": "Information", "not_run": "Not run",
            "error": "Error", "cancelled": "Cancelled", "not_yet_run": "Not yet run",
        }  # fmt: skip
    return {
        "finding": "发现问题", "pass": term("pass"), "info": "统计信息",
        "not_run": term("not run"), "error": "运行出错", "cancelled": "已取消",
        "not_yet_run": "尚未运行",
    }  # fmt: skip


def severity_words(lang: str) -> dict[str, str]:
    if lang != "zh":
        return {"high": "High", "medium": "Medium", "info": "Information"}
    return {s: term(s) for s in ("high", "medium", "info")}


def family(family_key: str, lang: str) -> str:
    return family_word(family_key, lang)


def yes_no(lang: str) -> tuple[str, str]:
    return ("是", "否") if lang == "zh" else ("Yes", "No")


def money_format(currency: str, lang: str) -> str:
    """The number format of an amount in ``currency``: English as before (the currency named
    in the column's heading); Chinese with the currency's symbol and thousands separators."""
    if lang != "zh":
        return "#,##0.00"
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    if symbol is None:
        return f'#,##0.00 "{currency}"' if currency else "#,##0.00"
    return f'"{symbol}"#,##0.00'


def money_text(value: float | Decimal, currency: str, lang: str) -> str:
    """An amount as text: ``1,234.50 CNY`` in English, ``¥1,234.50`` in Chinese."""
    if lang != "zh":
        return f"{value:,.2f} {currency}".strip()
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    return f"{symbol}{value:,.2f}" if symbol else f"{value:,.2f} {currency}".strip()


def date_text(value: object) -> str:
    """A date or time as the Chinese report writes it in text: ISO, a space before the time,
    no fraction of a second or time zone."""
    text = str(value)
    if len(text) >= 19 and text[10] == "T":
        return text[:10] + " " + text[11:19]
    return text


def use_cjk_font(wb: Workbook) -> None:
    """Give every font of the workbook the CJK face, keeping size, weight, colour and
    underline: cells refer to fonts by position, so each is replaced in place. Call just
    before saving (a write-only workbook writes its styles last)."""
    fonts = [copy(f) for f in wb._fonts]
    for f in fonts:
        f.name = CJK_FONT
        f.charset = GB2312
        f.scheme = None  # a theme's font scheme would override the name
    wb._fonts = IndexedList(fonts)  # the named styles refer to these by position too


# Marks a Chinese line never starts with (they close what the line before holds).
NO_LINE_START = frozenset("，。、；：！？）》」』”’〕】…")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"  # CJK, its punctuation, full-width forms
_TOKEN = re.compile(rf"[{_WIDE}]|[^\s{_WIDE}]+|\s+")


def display_width(text: str) -> int:
    """Columns ``text`` takes: a Chinese character or full-width sign is two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` on lines at most ``width`` columns wide (a Chinese character counts two), broken
    between Chinese characters or at spaces, never inside a Latin word unless it is longer than
    a line; whitespace runs become one space. Text with no wide character wraps exactly as
    ``textwrap.wrap`` wraps it (the English report is laid out as it always was)."""
    if not any(unicodedata.east_asian_width(ch) in "WF" for ch in text):
        return textwrap.wrap(text, width) or [""]
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line += " "
            continue
        while display_width(token) > width:  # a word longer than a line: cut it
            room = width - display_width(line)
            if room <= 0:
                lines.append(line.rstrip())
                line, room = "", width
            lines.append((line + token[:room]).rstrip())
            line, token = "", token[room:]
        fits = display_width(line) + display_width(token) <= width
        if not fits and line.strip() and token not in NO_LINE_START:
            lines.append(line.rstrip())
            line = ""
        line += token  # a closing mark stays on its line, a little past the width
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]

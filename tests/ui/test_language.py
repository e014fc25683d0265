"""The interface in Simplified Chinese: the .ts holds every string of ui/ translated, the .qm
shipped is built from it, no user-visible literal escapes tr(), the core's words are all marked,
the Chinese follows the glossary, and a window built in Chinese shows no English in its menus
and its Overview (check IDs, numbers and proper names apart)."""

from __future__ import annotations

import ast
import re
import subprocess
import tomllib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from auditor.engine.labels import UNITS
from auditor.results import overview
from auditor.results.grid_query import FILTER_OPS
from auditor.results.log_text import ACTIONS, STATUS, TEXT
from auditor.sample.platform import SampleResult
from scripts import translations
from ui import core_texts, language
from ui.language import texts
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]

# Arguments that carry user-visible text, by callee: positions (and keywords) to look at.
TEXT_ARGS: dict[str, tuple[int, ...]] = {
    **dict.fromkeys(
        [
            "setText",
            "setToolTip",
            "setWindowTitle",
            "setPlaceholderText",
            "showMessage",
            "addMenu",
            "setHeaderLabels",
            "setHorizontalHeaderLabels",
            "setVerticalHeaderLabels",
            "setTitle",
            "setSubTitle",
            "setStatusTip",
            "setWhatsThis",
            "setLabelText",
            "setSpecialValueText",
            "setSuffix",
            "setPrefix",
            "setButtonText",
            "setInformativeText",
            "setNameFilter",
            "addAction",
            "addToolBar",
            "show_state",
            "show_stopped",
            "setLabel",
            "QLabel",
            "QPushButton",
            "QCheckBox",
            "QGroupBox",
            "QAction",
            "QRadioButton",
            "QToolButton",
            "QMenu",
            "QDockWidget",
            "QTreeWidgetItem",
            "QTableWidgetItem",
            "QListWidgetItem",
            "AuditorError",
            "CaseError",
        ],
        (0, 1),
    ),
    "addTab": (1,),
    "insertTab": (2,),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "addItem": (0,),
    "addItems": (0,),
    "addRow": (0,),
    "addButton": (0,),
    "QMessageBox": (1, 2),
    "information": (1, 2),
    "warning": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "getOpenFileName": (1, 3),
    "getOpenFileNames": (1, 3),
    "getSaveFileName": (1, 3),
    "getExistingDirectory": (1,),
}
TEXT_KEYWORDS = {"text", "title", "toolTip", "tip", "placeholderText", "label"}


def _has_words(node: ast.AST) -> bool:
    """A literal (or an f-string, a concatenation, a list of them) holding English words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.search(r"[A-Za-z]{2}", node.value) is not None
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(v) for v in node.values)
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    if isinstance(node, ast.IfExp):
        return _has_words(node.body) or _has_words(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_has_words(e) for e in node.elts)
    call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    if call and node.func.attr in ("format", "join"):  # type: ignore[attr-defined]
        return _has_words(node.func.value)  # type: ignore[attr-defined]
    return False


def untranslated_literals(folder: Path) -> list[str]:
    """Each literal with words handed straight to a text-showing call, not through tr()."""
    out = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            places = TEXT_ARGS.get(name)
            if places is None:
                continue
            args = [a for i, a in enumerate(node.args) if i in places]
            args += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
            out += [
                f"{path.name}:{node.lineno}: {name}({ast.unparse(a)[:60]})"
                for a in args
                if _has_words(a)
            ]
    return out


def unreadable_tr_calls(folder: Path) -> list[str]:
    """tr() and translate() calls lupdate cannot read: inside an f-string, or given an
    f-string or a concatenation instead of one literal (a name is allowed: it holds a string
    marked with QT_TRANSLATE_NOOP where it is defined)."""
    out = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstring = {
            id(sub)
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr)
            for sub in ast.walk(node)
            if isinstance(sub, ast.Call)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            text_at = {"tr": 0, "translate": 1, "QT_TRANSLATE_NOOP": 1}.get(name)
            if text_at is None or len(node.args) <= text_at:
                continue
            arg = node.args[text_at]
            if id(node) in in_fstring or isinstance(arg, (ast.JoinedStr, ast.BinOp)):
                out.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:70]}")
    return out


def test_no_user_visible_literal_escapes_tr() -> None:
    assert untranslated_literals(ROOT / "ui") == []
    assert unreadable_tr_calls(ROOT / "ui") == []


def test_the_checker_finds_a_tr_lupdate_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "w.py").write_text(
        "def f(self, n, WORDS):\n"
        "    a = self.tr('Fine {0}').format(n) + self.tr(WORDS[n])\n"
        "    b = f\"{self.tr('detected')}: {n}\"\n"
        "    c = self.tr(f'{n} rows')\n"
    )
    assert sorted(f.split(": ", 1)[1] for f in unreadable_tr_calls(tmp_path)) == [
        "self.tr('detected')",
        "self.tr(f'{n} rows')",
    ]


def test_the_checker_finds_a_literal_outside_tr(tmp_path: Path) -> None:
    (tmp_path / "w.py").write_text(
        "def f(self, n):\n"
        "    self.label.setText(self.tr('Fine'))\n"
        "    self.statusBar().showMessage(f'{n} rows read')\n"
        "    QLabel('Not translated')\n"
        "    box.addItem('proportional', 'proportional')\n"  # a data value beside the text
        "    QFileDialog.getSaveFileName(self, self.tr('Save'), 'rows.csv', 'CSV (*.csv)')\n"
    )
    found = untranslated_literals(tmp_path)
    assert [f.split(": ", 1)[1] for f in found] == [
        "showMessage(f'{n} rows read')",
        "QLabel('Not translated')",
        "addItem('proportional')",
        "getSaveFileName('CSV (*.csv)')",
    ]


def test_the_ts_has_every_string_of_the_code_translated() -> None:
    """pyside6-lupdate run afresh over ui/ finds nothing the committed .ts lacks, and the .ts
    has no unfinished or empty translation."""
    assert translations.problems() == []
    assert len(translations.messages(translations.TS)) > 350


def test_the_shipped_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    translations.lrelease(translations.TS, fresh)
    assert fresh.read_bytes() == translations.QM.read_bytes()


def test_the_core_words_the_desktop_shows_are_all_marked() -> None:
    marked = set(core_texts.ACTION_WORDS) | set(core_texts.STATUS_WORDS.values())
    marked |= set(core_texts.FILTER_WORDS) | set(core_texts.UNIT_WORDS)
    marked |= set(core_texts.OVERVIEW_CHART_WORDS)
    assert core_texts.LOG_TEXT == TEXT  # the audit log's sentences, key by key
    assert core_texts.LOG_STATUS == STATUS
    wanted = set(ACTIONS.values()) | set(FILTER_OPS.values())
    wanted |= {u for u in UNITS.values() if re.search("[a-z]", u)}
    assert wanted - marked == set()
    source = Path(overview.__file__).read_text(encoding="utf-8")
    chart_words = re.findall(
        r'ChartData\(\s*"\w+",\s*"([^"]+)",\s*"([^"]+)",\s*\[([^\]]*)\]', source
    )
    assert len(chart_words) == 3  # the Overview's three charts: title, x, series
    for title, x, names in chart_words:
        assert {title, x, *re.findall(r'"([^"]+)"', names)} - {"M1+", "M3+"} <= marked


# --- the glossary ---------------------------------------------------------------------------

# English words of the glossary that the interface also uses in another sense (a verb, a
# button, an adjective): for these only the glossary's avoided renderings are checked.
GLOSSARY_AMBIGUOUS = {
    "check",  # "Check" in the coverage dock's header is a check; "Check what was detected" is not
    "export",  # the platform's export (导出数据) and the verb (导出报告)
    "high", "medium", "info", "pass", "normal", "loss", "charge", "lagged", "coincidental",
    "finding",  # "Finding" as a run's status reads 发现问题
    "loan",  # "a loan book" reads 借据数据
    "disclosure", "platform", "case", "parameter", "basis", "review period", "tolerance",
}  # fmt: skip


def _glossary() -> list[dict[str, object]]:
    with open(ROOT / "resources" / "glossary.toml", "rb") as fh:
        return list(tomllib.load(fh)["term"])


def test_the_chinese_follows_the_glossary() -> None:
    """Where an English source string names a glossary term, its Chinese uses the glossary's
    rendering (the longest term first: "refund due" before "refund"); no Chinese uses a
    rendering the glossary says to avoid."""
    messages = {s: t or "" for (_c, s), t in translations.messages(translations.TS).items()}
    # the SQL console's hint names tables (loans, installments), not the terms
    messages = {s: t for s, t in messages.items() if not s.startswith("SELECT …")}
    terms = sorted(_glossary(), key=lambda t: -len(str(t["en"])))
    left = dict(messages)  # the sources with the terms already checked blanked out
    wrong = []
    for term in terms:
        en, zh = str(term["en"]), str(term["zh"])
        avoided = [str(a) for a in term.get("avoid", [])]  # type: ignore[attr-defined]
        pattern = re.compile(rf"(?<![\w-]){re.escape(en)}s?(?![\w-])", re.IGNORECASE)
        for source, chinese in messages.items():
            wrong += [
                f"{source!r}: {chinese!r} uses {a}, not {zh}" for a in avoided if a in chinese
            ]
            named = en.lower() not in GLOSSARY_AMBIGUOUS and pattern.search(left[source])
            if named and zh not in chinese:
                wrong.append(f"{source!r}: {chinese!r} lacks {zh} for {en!r}")
            left[source] = pattern.sub("_", left[source])
    assert wrong == []


# --- the language at run time ---------------------------------------------------------------


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    assert language.install("zh") == "zh"
    yield
    language.install("en")


def test_installing_chinese_translates_ours_and_qts_own(chinese: None) -> None:
    assert language.current_language() == "zh"
    assert QCoreApplication.translate("MainWindow", "&Case") == "案卷(&C)"
    # Qt's base translation: the standard buttons of Qt's own dialogs
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    language.install("en")
    assert QCoreApplication.translate("MainWindow", "&Case") == "&Case"
    assert language.current_language() == "en"


def test_the_audit_log_reads_in_chinese(chinese: None) -> None:
    detail = {"id": "DLQ-06", "status": "finding", "finding_rows": 30, "loans": 30}
    assert core_texts.log_detail("check_run", detail) == "DLQ-06：问题，问题记录 30 行，借据 30 笔"
    assert core_texts.core_text("Check run") == "运行检查项"


def test_the_language_follows_the_system_unless_chosen(
    settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(language, "system_language", lambda: "zh")
    assert language.chosen_language(settings) == "zh"
    settings.setValue(language.SETTING, "en")
    assert language.chosen_language(settings) == "en"
    settings.setValue(language.SETTING, "fr")  # not one the interface has
    assert language.chosen_language(settings) == "zh"


def test_view_language_saves_the_choice_for_the_next_start(
    qtbot: QtBot, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    menu = next(a.menu() for a in window.view_menu.actions() if a.text() == "&Language")
    assert isinstance(menu, QMenu)
    options = {a.text(): a for a in menu.actions()}
    assert list(options) == ["Follow the system", "English", "简体中文"]
    assert options["Follow the system"].isChecked()
    options["简体中文"].trigger()
    assert settings.value(language.SETTING) == "zh"
    assert options["简体中文"].isChecked() and not options["English"].isChecked()
    assert shown == ["The interface will be in 简体中文 when Lending Auditor starts again."]
    window.close()


# Words that may stay as they are in a Chinese interface: check and family codes, the
# measures' own names, formats and keys, file names, the product's name, the engines' names
# (DuckDB, Apache Spark) and "English" (the language menu names each language in its own tongue).
ALLOWED = re.compile(
    r"\b(?:[A-Z]{2,4}-\d\d|HIS-|M[1-4]\+|Ctrl\+\w+|Alt\+\w+|Esc|F5|SQL|CSV|Excel|XLSX|PNG|"
    r"SHA-256|Lending Auditor|--sample|English|DuckDB|Apache Spark|Spark Connect|Spark)\b|&\w|"
    r"[\w-]+\.(?:duckdb|auditwb|xlsx)\b"
)


def english_left(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", ALLOWED.sub("", text))


def _menu_texts(menu: QMenu) -> Iterator[str]:
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield action.text()
        yield action.toolTip()
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from _menu_texts(sub)


def test_a_window_in_chinese_has_no_english_in_its_menus_and_overview(
    qtbot: QtBot, chinese: None, sample_copy: Path, sample: SampleResult, settings: QSettings
) -> None:
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.checks_done, timeout=120_000):
        window.open_case(sample_copy)  # opening runs the overview's four checks
    texts: list[str] = [window.windowTitle()]
    for action in window.menuBar().actions():
        texts.append(action.text())
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts += [t for t in _menu_texts(menu) if not t.startswith("/")]  # recent files
    for toolbar in window.findChildren(QToolBar):
        texts += [toolbar.windowTitle()]
        texts += [w.text() for w in toolbar.findChildren(QLabel)]
        texts += [a.toolTip() for a in toolbar.actions()]
        texts += [w.toolTip() for w in toolbar.findChildren(QWidget) if w.toolTip()]
    ov = window.overview
    texts += [label.text() for label in ov.findChildren(QLabel)]
    texts += [label.toolTip() for label in ov.findChildren(QLabel)]
    texts += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    for view in ov.charts.values():
        assert view.data is not None
        texts += [view.data.title, view.data.x, *view.data.names]
    left = {t: english_left(t) for t in texts if english_left(t)}
    assert left == {}
    # The same planted figures as in English, with ¥ before money
    outage = sample.manifest["truths"]["outage"]
    assert ov.text("refund_due") == f"¥{Decimal(outage['refund_due_cents']) / 100:,.2f}"
    assert ov.text("harmed_borrowers") == f"{outage['harmed_borrowers']:,}"
    assert "年化利率" in ov.charts["apr"].data.title  # type: ignore[union-attr]
    assert window.tree.check_items["OUT-11"].text(1) == "2 个问题"
    window.close()
    qtbot.waitUntil(lambda: not window.workers.active, timeout=30_000)


def test_the_translation_tools_come_with_pyside6() -> None:
    """The translation tools are the ones PySide6-Essentials ships (no extra dependency)."""
    for tool in ("pyside6-lupdate", "pyside6-lrelease"):
        done = subprocess.run([translations.tool(tool), "-version"], capture_output=True)
        assert done.returncode == 0


def test_a_window_in_chinese_exports_the_report_in_chinese(
    qtbot: QtBot, chinese: None, sample_copy: Path, settings: QSettings, tmp_path: Path
) -> None:
    """The export passes the interface's language to the report: Chinese sheet names and
    check titles, and the desktop's chart drawn with Chinese words beside the native one."""
    window = MainWindow(settings=settings, auto_overview=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.case_loaded, timeout=60_000):
        window.open_case(sample_copy)
    with qtbot.waitSignal(window.checks_done, timeout=60_000):
        window.run_checks(["OUT-11"])
    out = tmp_path / "报告.xlsx"
    with qtbot.waitSignal(window.report_written, timeout=60_000):
        window.export_report(out)
    assert window.report_view is not None  # the last chart drawn for the report was OUT-11's
    assert window.report_view.title == texts(window.state.library["OUT-11"]).title  # type: ignore[union-attr]
    wb = openpyxl.load_workbook(out)
    assert {"封面", "汇总"} <= set(wb.sheetnames)
    sheet = next(ws for ws in wb.worksheets if ws.title.startswith("OUT-11"))
    assert len(sheet._images) == 1
    window.close()
    qtbot.waitUntil(lambda: not window.workers.active, timeout=30_000)

"""The interface's language: English (the source strings) or Simplified Chinese.

The Chinese comes from Qt's own system: ``ui/i18n/auditor_zh_CN.ts`` (made by
``pyside6-lupdate`` from every ``tr()`` and ``translate()`` in ``ui/``) compiled by
``pyside6-lrelease`` into ``auditor_zh_CN.qm``, which ships inside the ``ui`` package; Qt's base
translations (``qtbase_zh_CN.qm``, shipped with PySide6) put Qt's own dialogs and buttons in
Chinese too. ``scripts/translations.py`` refreshes both files.

The language follows the system locale unless the user chose one in View > Language; the
choice is kept in the settings and takes effect when the application starts again (every
widget reads its texts once, when it is built).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from auditor.engine.check_text import CheckText, check_text
from auditor.engine.checks import CheckSpec
from auditor.results.chart_data import ChartData

I18N = Path(__file__).with_name("i18n")
SETTING = "language"  # "" follows the system; otherwise a key of LANGUAGES
LANGUAGES = {"en": "English", "zh": "简体中文"}  # each in its own language, as menus show them
QT_LOCALES = {"zh": "zh_CN"}  # the locale of each translated language's .qm files

_installed: list[QTranslator] = []
_current = "en"


def catalogue(lang: str) -> Path:
    """The compiled translation of the interface for ``lang``."""
    return I18N / f"auditor_{QT_LOCALES[lang]}.qm"


def system_language() -> str:
    """The language the system's locale asks for, among those the interface has."""
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def chosen_language(settings: QSettings) -> str:
    """The user's choice (View > Language), or the system's language when there is none."""
    choice = str(settings.value(SETTING, "") or "")
    return choice if choice in LANGUAGES else system_language()


def current_language() -> str:
    """The language installed now: ``"en"`` or ``"zh"`` (the report is written in it)."""
    return _current


def texts(spec: CheckSpec) -> CheckText:
    """A check's title, description, labels... in the interface's language."""
    return check_text(spec, _current)


def check_chart(spec: CheckSpec, data: ChartData | None) -> ChartData | None:
    """A check's chart with its title, axis and series in the interface's language: the
    check's title, and the column labels of the columns the chart draws."""
    if data is None or _current == "en" or spec.family == "custom":
        return data
    text = texts(spec)
    return dataclasses.replace(
        data,
        title=text.title,
        x=text.column_label(data.x),
        names=[text.column_label(n) if n in spec.chart.y else n for n in data.names],
    )


def install(lang: str) -> str:
    """Load ``lang``'s translations into the running application, replacing those loaded
    before; English needs none. Returns the language installed (English when the Chinese
    catalogue cannot be loaded: an interface half in Chinese is worse than one in English)."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install() needs a QApplication")
    while _installed:
        app.removeTranslator(_installed.pop())
    _current = "en"
    if lang not in QT_LOCALES:
        return _current
    ours = QTranslator(app)
    if not ours.load(str(catalogue(lang))):
        return _current
    qt_base = QTranslator(app)
    base_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for translator in (ours, qt_base):
        if translator is qt_base and not qt_base.load(f"qtbase_{QT_LOCALES[lang]}", base_dir):
            continue  # Qt's own words stay in English; ours are still Chinese
        app.installTranslator(translator)
        _installed.append(translator)
    _current = lang
    return _current


def add_language_menu(view: QMenu, settings: QSettings, parent: QWidget) -> QMenu:
    """View > Language: follow the system, or one of LANGUAGES. The choice is saved and
    applies at the next start; the menu says so when the choice differs from what shows."""
    menu = view.addMenu(QCoreApplication.translate("Language", "&Language"))
    group = QActionGroup(menu)
    choice = str(settings.value(SETTING, "") or "")
    options = [("", QCoreApplication.translate("Language", "Follow the system"))]
    options += list(LANGUAGES.items())
    for key, label in options:
        action = QAction(label, menu)
        action.setCheckable(True)
        action.setChecked(key == choice or (not choice and key == ""))
        action.setData(key)
        group.addAction(action)
        menu.addAction(action)
    group.triggered.connect(lambda a: _choose(str(a.data()), settings, parent))
    return menu


def _choose(key: str, settings: QSettings, parent: QWidget) -> None:
    settings.setValue(SETTING, key)
    settings.sync()
    wanted = key or system_language()
    if wanted == current_language():
        return
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("Language", "Language"),
        QCoreApplication.translate(
            "Language", "The interface will be in {0} when Lending Auditor starts again."
        ).format(LANGUAGES[wanted]),
        parent=parent,
    )
    box.open()

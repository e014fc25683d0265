"""The main window's menus, toolbar and shortcuts.

The menus know the window only through ``MenuHost``, the slots and docks they are wired to, so
this module does not import ``main_window`` (which imports it): no import circle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QDate, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDateEdit, QDockWidget, QLabel, QMenu, QMenuBar, QToolBar

from auditor.engine.profiles import available_profiles
from ui.window_common import RecentFiles


class _Tree(Protocol):
    def focus_filter(self) -> None: ...
    def toggleViewAction(self) -> QAction: ...


class MenuHost(Protocol):
    """What the menus need of the window: its settings, docks and slots, and the attributes
    that ``build_menus`` fills in."""

    settings: QSettings

    @property
    def tree(self) -> _Tree: ...
    @property
    def log(self) -> QDockWidget: ...

    open_action: QAction
    import_action: QAction
    run_all_action: QAction
    cancel_action: QAction
    export_action: QAction
    find_action: QAction
    recent_menu: QMenu
    view_menu: QMenu
    recent_workbooks_menu: QMenu
    recent_cases: RecentFiles
    recent_workbooks: RecentFiles
    profile_box: QComboBox
    as_of_edit: QDateEdit
    from_edit: QDateEdit

    def tr(self, text: str) -> str: ...
    def menuBar(self) -> QMenuBar: ...
    def addToolBar(self, title: str) -> QToolBar: ...
    def close(self) -> bool: ...
    def _open_dialog(self) -> None: ...
    def _export_dialog(self) -> None: ...
    def _profile_changed(self, name: str) -> None: ...
    def _as_of_changed(self, date: QDate) -> None: ...
    def _from_changed(self, date: QDate) -> None: ...
    def show_import(self) -> Any: ...
    def run_all(self) -> None: ...
    def cancel(self) -> None: ...
    def open_case(self, path: Path) -> object: ...
    def new_workbook(self) -> bool: ...
    def open_workbook_file(self, path: Path | None = None) -> bool: ...
    def save_workbook(self, path: Path | None = None) -> bool: ...
    def save_workbook_as(self) -> bool: ...


translate = QCoreApplication.translate  # the menus' strings are the main window's


def _action(w: MenuHost, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
    """An action; ``text`` and ``tip`` come translated."""
    a = QAction(text, w)  # type: ignore[call-overload]
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    a.setToolTip(tip or text.replace("&", ""))
    a.triggered.connect(slot)
    return a


def build_menus(w: MenuHost) -> None:
    keys = QKeySequence.StandardKey
    w.open_action = _action(w, translate("MainWindow", "&Open case…"), w._open_dialog, keys.Open)
    w.import_action = _action(
        w,
        translate("MainWindow", "&Import…"),
        w.show_import,
        "Ctrl+I",
        translate("MainWindow", "Import platform exports into the case"),
    )
    w.run_all_action = _action(
        w,
        translate("MainWindow", "Run &all"),
        w.run_all,
        "F5",
        translate("MainWindow", "Run every check"),
    )
    w.cancel_action = _action(
        w,
        translate("MainWindow", "&Cancel"),
        w.cancel,
        "Esc",
        translate("MainWindow", "Stop the running work"),
    )
    w.export_action = _action(
        w,
        translate("MainWindow", "&Export report…"),
        w._export_dialog,
        "Ctrl+E",
        translate("MainWindow", "Write the Excel audit report"),
    )
    w.find_action = _action(
        w, translate("MainWindow", "&Find check"), w.tree.focus_filter, keys.Find
    )
    quit_action = _action(w, translate("MainWindow", "&Quit"), w.close, keys.Quit)
    w.cancel_action.setEnabled(False)
    menu = w.menuBar().addMenu(translate("MainWindow", "&Case"))
    for a in (w.open_action, w.import_action, w.export_action):
        menu.addAction(a)
    w.recent_menu = menu.addMenu(translate("MainWindow", "Open &recent"))
    menu.addSeparator()
    menu.addAction(quit_action)
    book = w.menuBar().addMenu(translate("MainWindow", "&Workbook"))
    book.addAction(_action(w, translate("MainWindow", "&New workbook"), w.new_workbook, keys.New))
    book.addAction(
        _action(
            w,
            translate("MainWindow", "&Open workbook…"),
            lambda: w.open_workbook_file(),
            "Ctrl+Shift+O",
        )
    )
    book.addAction(
        _action(w, translate("MainWindow", "&Save workbook"), lambda: w.save_workbook(), keys.Save)
    )
    book.addAction(
        _action(w, translate("MainWindow", "Save workbook &as…"), w.save_workbook_as, keys.SaveAs)
    )
    w.recent_workbooks_menu = book.addMenu(translate("MainWindow", "Recent &workbooks"))
    checks = w.menuBar().addMenu(translate("MainWindow", "C&hecks"))
    for a in (w.run_all_action, w.cancel_action, w.find_action):
        checks.addAction(a)
    view = w.view_menu = w.menuBar().addMenu(translate("MainWindow", "&View"))
    view.addAction(w.tree.toggleViewAction())
    view.addAction(w.log.toggleViewAction())
    bar = w.addToolBar(translate("MainWindow", "Main"))
    bar.setObjectName("main_toolbar")
    bar.addAction(w.import_action)
    bar.addSeparator()
    bar.addWidget(QLabel(translate("MainWindow", " Profile ")))
    w.profile_box = QComboBox()
    w.profile_box.addItems(available_profiles())
    w.profile_box.setToolTip(translate("MainWindow", "Jurisdiction profile for parameters"))
    bar.addWidget(w.profile_box)
    bar.addWidget(QLabel(translate("MainWindow", " From ")))
    w.from_edit = QDateEdit()
    w.from_edit.setCalendarPopup(True)
    w.from_edit.setDisplayFormat("yyyy-MM-dd")
    w.from_edit.setToolTip(
        translate("MainWindow", "Start of the review period: event checks count events from here")
    )
    bar.addWidget(w.from_edit)
    bar.addWidget(QLabel(translate("MainWindow", " As of ")))
    w.as_of_edit = QDateEdit()
    w.as_of_edit.setCalendarPopup(True)
    w.as_of_edit.setDisplayFormat("yyyy-MM-dd")
    bar.addWidget(w.as_of_edit)
    bar.addSeparator()
    for a in (w.run_all_action, w.cancel_action, w.export_action):
        bar.addAction(a)
    w.profile_box.currentTextChanged.connect(w._profile_changed)
    w.as_of_edit.dateChanged.connect(w._as_of_changed)
    w.from_edit.dateChanged.connect(w._from_changed)
    w.recent_cases = RecentFiles(w.settings, "recent", w.recent_menu, w.open_case)
    w.recent_workbooks = RecentFiles(
        w.settings, "recent_workbooks", w.recent_workbooks_menu, w.open_workbook_file
    )
    w.recent_cases.fill()
    w.recent_workbooks.fill()

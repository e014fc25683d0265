"""The workspace's own actions, added beside the menus ``window_menus`` builds: inspection
properties (Case menu), and back and forward through drill-downs (View menu)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

translate = QCoreApplication.translate  # the strings are the main window's


def _menu(w: QMainWindow, index: int) -> QMenu | None:
    actions = w.menuBar().actions()
    return actions[index].menu() if index < len(actions) else None  # type: ignore[return-value]


def add_workspace_actions(w: Any) -> None:
    w.properties_action = QAction(translate("MainWindow", "Inspection &properties…"), w)
    w.properties_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
    w.properties_action.setToolTip(
        translate(
            "MainWindow",
            "Title, platform, examiner, reviewer, period and conclusion of the inspection",
        )
    )
    w.properties_action.triggered.connect(w.edit_properties)
    case_menu = _menu(w, 0)
    if case_menu is not None:
        case_menu.insertAction(w.export_action, w.properties_action)
    keys = QKeySequence.StandardKey
    w.back_action = QAction(translate("MainWindow", "&Back"), w)
    w.back_action.setShortcut(QKeySequence(keys.Back))
    w.back_action.setToolTip(
        translate("MainWindow", "Back to where the drill-down came from (Alt+Left)")
    )
    w.back_action.triggered.connect(w.go_back)
    w.forward_action = QAction(translate("MainWindow", "&Forward"), w)
    w.forward_action.setShortcut(QKeySequence(keys.Forward))
    w.forward_action.triggered.connect(w.go_forward)
    for a in (w.back_action, w.forward_action):
        a.setEnabled(False)
    view = getattr(w, "view_menu", None)
    if isinstance(view, QMenu):
        view.addSeparator()
        view.addAction(w.back_action)
        view.addAction(w.forward_action)
    for edit in (w.as_of_edit, w.from_edit):  # "—" until a case says its dates
        edit.setMinimumDate(edit.date().fromString("1900-01-01", "yyyy-MM-dd"))
        edit.setSpecialValueText("—")
    w.as_of_edit.setToolTip(
        translate("MainWindow", "The inspection's as-of date (the data's latest activity)")
    )

"""Small pieces the main window's mixins share: translation with a fixed context, the
window as a parent widget, and a recent-files list kept in the settings with its menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMenu, QWidget

MAX_RECENT = 8


translate = QCoreApplication.translate  # called with a literal context, so lupdate sees it


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` where it is defined (lupdate collects it);
    it is translated where it is shown. PySide6's own marker is typed as returning object."""
    return text


def as_widget(obj: object) -> QWidget:
    """A mixin's ``self`` as the QWidget it is at run time (for dialog parents)."""
    return cast(QWidget, obj)


class RecentFiles:
    """The newest paths first, under ``key`` in the settings, listed in ``menu``."""

    def __init__(
        self, settings: QSettings, key: str, menu: QMenu, open_path: Callable[[Path], Any]
    ) -> None:
        self.settings, self.key, self.menu, self.open_path = settings, key, menu, open_path

    def paths(self) -> list[str]:
        value = self.settings.value(self.key, [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def remember(self, path: Path) -> None:
        p = str(path.resolve())
        self.settings.setValue(self.key, ([p] + [x for x in self.paths() if x != p])[:MAX_RECENT])
        self.fill()

    def fill(self) -> None:
        self.menu.clear()
        for p in self.paths():
            action = self.menu.addAction(p)
            action.triggered.connect(lambda _c=False, p=p: self.open_path(Path(p)))

"""The Qt-free core of the lending-platform inspection tool.

Nothing under this package may import PySide6, pyqtgraph or ``ui``: the command line, the tests
and the desktop app all stand on it (a test checks this in a fresh interpreter).
"""

from __future__ import annotations

__version__ = "0.1.0"

"""Work that waits for the main window's first paint (the cold-start target).

``after_first_paint(fn)`` runs ``fn`` on the GUI thread just after the main window has painted
for the first time, or soon if it has already. What waits: the log file, the start-up op (its
worker imported the core while the window painted, competing for the GIL), and the few widget
settings that need Qt's ``Qt`` namespace: the first use of any of its enums builds all 94 of
them (about 30 ms, a fifth of a bare window's start), which nothing before the first paint
needs otherwise.

:class:`~.main_window.MainWindow` calls :func:`painted` from its first paint event (or after a
second, for a window that does not paint, e.g. started minimised).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer

_waiting: list[Callable[[], None]] | None = []  # None: the main window has painted


def after_first_paint(fn: Callable[[], None]) -> None:
    if _waiting is None:
        QTimer.singleShot(0, fn)
    else:
        _waiting.append(fn)


def painted() -> None:
    """The main window has painted: run what waited, in order (once this paint is done)."""
    global _waiting
    waiting, _waiting = _waiting, None
    for fn in waiting or ():
        QTimer.singleShot(0, fn)

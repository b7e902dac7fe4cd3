"""What every tab page has: the context, a hook for when the core is open, a close hook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ..settings import PersistState

if TYPE_CHECKING:
    from ..context import AppContext


class Tab(PersistState, QWidget):
    """A tab's content. Built on first show, inside the page named in ``main_window.TABS``.

    * :meth:`on_ready` runs once the start-up op has opened the core (immediately when the tab
      is built later); load data there, in ops.
    * column widths and splitters: list them in :meth:`persisted_parts` (with objectNames);
      they are restored when the tab is built and saved when the window closes.
    * :meth:`close_question` / :meth:`prepare_close`: the main window asks every built tab before
      it closes (a running send answers with a question, then pauses in ``prepare_close``).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def on_ready(self) -> None:
        """The core is open (ctx.db, ctx.engine … are usable inside ops)."""

    def close_question(self) -> str | None:
        """A question to ask before the window closes (e.g. a send is running), or None."""
        return None

    def prepare_close(self) -> None:
        """The user agreed to close: stop cleanly (pause sends and wait for them)."""

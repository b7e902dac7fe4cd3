"""What every tab page has: the context, and a hook for when the core is open."""

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

    A send a tab starts goes through ``ctx.sends``, which the window asks before it closes.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def on_ready(self) -> None:
        """The core is open (ctx.db, ctx.engine … are usable inside ops)."""

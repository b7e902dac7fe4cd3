"""The lazy table model's page cache: which pages it keeps when they arrive out of order."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import pytest

from sms_desktop.ui.interaction import FakePrompts
from sms_desktop.ui.models.lazy_table import PLACEHOLDER, LazyTableModel
from sms_desktop.ui.ops import Ops

PAGE = 200


class GatedRows:
    """1,600 rows whose pages are held in their op until the test lets each one go."""

    def __init__(self) -> None:
        self.started: set[int] = set()
        self.gates = {p: threading.Event() for p in range(8)}
        self._lock = threading.Lock()

    def column_count(self) -> int:
        return 1

    def header(self, column: int) -> str:
        return "n"

    def keys(self) -> Sequence[int]:
        return list(range(8 * PAGE))

    def rows(self, keys: Sequence[int]) -> Sequence[Any]:
        page = keys[0] // PAGE
        with self._lock:
            self.started.add(page)
        assert self.gates[page].wait(10)
        return [f"row {k}" for k in keys]

    def cell(self, row: Any, column: int, role: int) -> Any:
        return row


@pytest.fixture
def ops(qapp, qtbot):
    o = Ops(FakePrompts())
    yield o
    qtbot.waitUntil(lambda: o.in_flight == 0, timeout=15000)  # a held page lets go after 10 s
    o.shutdown()


def test_the_pages_kept_are_the_last_asked_for_whatever_order_they_arrive_in(ops, qtbot):
    source = GatedRows()
    model = LazyTableModel(None, ops, max_pages=5)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_source(source)
    arrived: list[int] = []
    model.page_loaded.connect(arrived.append)
    for page in range(8):  # the view asks for pages 0 … 7, in that order
        assert model.data(model.index(page * PAGE, 0)) == PLACEHOLDER
    # the two query threads take two pages at a time; each pair arrives the other way round
    for first, second in ((1, 0), (3, 2), (5, 4), (7, 6)):
        qtbot.waitUntil(lambda a=first, b=second: {a, b} <= source.started, timeout=5000)
        for page in (first, second):
            source.gates[page].set()
            qtbot.waitUntil(lambda p=page: p in arrived)  # looking would ask for it again
    assert arrived == [1, 0, 3, 2, 5, 4, 7, 6]
    qtbot.waitUntil(lambda: model.pending_pages == 0, timeout=5000)
    assert model.loaded_pages == 5
    kept = [p for p in range(8) if p in model._pages]
    assert kept == [3, 4, 5, 6, 7], kept

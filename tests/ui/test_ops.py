"""The background-operation helper: results on the main thread, errors to Prompts, stale tokens,
throttled progress, the in-flight count."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from sms_desktop.core.errors import InputError
from sms_desktop.ui.interaction import FakePrompts
from sms_desktop.ui.ops import Op, Ops, ProgressThrottle


@pytest.fixture
def ops(qapp, qtbot):
    o = Ops(FakePrompts())
    yield o
    qtbot.waitUntil(lambda: o.in_flight == 0)
    o.shutdown()


def test_fn_runs_in_a_pool_and_success_on_the_main_thread(ops, qtbot):
    got: dict[str, object] = {}

    def fn() -> str:
        got["fn_thread"] = threading.current_thread().name
        return "结果"

    def ok(value: str) -> None:
        got["value"] = value
        got["cb_main"] = threading.current_thread() is threading.main_thread()

    Op(None, fn, ops=ops).in_pool("io").on_success(ok).run()
    assert ops.in_flight == 1
    qtbot.waitUntil(lambda: "value" in got)
    assert got == {"fn_thread": got["fn_thread"], "value": "结果", "cb_main": True}
    assert str(got["fn_thread"]).startswith("op-io")
    assert ops.in_flight == 0


def test_an_input_error_without_a_handler_is_shown_as_is(ops, qtbot):
    def fn() -> None:
        raise InputError("号码为空。 / No numbers.")

    Op(None, fn, ops=ops).run()
    qtbot.waitUntil(lambda: ops.in_flight == 0)
    assert [e.text for e in ops.prompts.errors] == ["号码为空。 / No numbers."]


def test_an_unexpected_error_gets_a_short_text_and_the_traceback_as_details(ops, qtbot, caplog):
    def fn() -> None:
        raise ZeroDivisionError("boom")

    Op(None, fn, ops=ops).run()
    qtbot.waitUntil(lambda: ops.in_flight == 0)
    (err,) = ops.prompts.errors
    assert "意外错误" in err.text
    assert "ZeroDivisionError: boom" in (err.details or "")
    assert any("unexpected" in r.getMessage() for r in caplog.records)


def test_on_failure_replaces_the_dialog(ops, qtbot):
    seen: list[BaseException] = []
    Op(None, lambda: 1 / 0, ops=ops).on_failure(seen.append).run()
    qtbot.waitUntil(lambda: bool(seen))
    assert isinstance(seen[0], ZeroDivisionError)
    assert ops.prompts.errors == []


def test_a_newer_op_with_the_same_token_makes_the_older_result_stale(ops, qtbot):
    gate = threading.Event()
    results: list[str] = []
    Op(None, lambda: (gate.wait(5), "old")[1], ops=ops).token("search").on_success(
        results.append
    ).run()
    Op(None, lambda: "new", ops=ops).token("search").on_success(results.append).run()
    qtbot.waitUntil(lambda: results == ["new"])
    gate.set()
    qtbot.waitUntil(lambda: ops.in_flight == 0)
    assert results == ["new"]


def test_callbacks_are_skipped_once_the_parent_widget_is_gone(ops, qtbot):
    gate = threading.Event()
    called: list[int] = []
    w = QWidget()
    Op(w, lambda: (gate.wait(5), 1)[1], ops=ops).on_success(called.append).run()
    w.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(w))
    gate.set()
    qtbot.waitUntil(lambda: ops.in_flight == 0)
    assert called == []


class _P:
    def __init__(self, event: str, done: int) -> None:
        self.event, self.done = event, done


def test_progress_is_throttled_but_urgent_events_all_pass_in_order(ops, qtbot):
    seen: list[tuple[str, int]] = []

    def fn(report) -> str:
        for i in range(1, 2001):
            report(_P("batch", i))
            if i % 500 == 0:
                report(_P("retry", i))
        report(_P("finished", 2000))
        return "done"

    finished: list[str] = []
    Op(None, fn, ops=ops).in_pool("send").with_progress(
        lambda p: seen.append((p.event, p.done))
    ).on_success(finished.append).run()
    qtbot.waitUntil(lambda: finished == ["done"])
    urgent = [s for s in seen if s[0] != "batch"]
    assert urgent == [
        ("retry", 500),
        ("retry", 1000),
        ("retry", 1500),
        ("retry", 2000),
        ("finished", 2000),
    ]
    batches = [s for s in seen if s[0] == "batch"]
    assert len(batches) < 100  # 2000 reports coalesced
    assert seen[-1] == ("finished", 2000)


def test_throttle_delivers_the_newest_value_last(ops, qtbot):
    seen: list[int] = []
    t = ProgressThrottle(ops.dispatcher, seen.append, interval=0.05, urgent=lambda v: False)
    threads = [
        threading.Thread(target=lambda k=k: [t(k * 1000 + i) for i in range(200)]) for k in range(3)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    t(99_999)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == 99_999)
    assert len(seen) < 50


def test_busy_signal_counts_ops(ops, qtbot):
    counts: list[int] = []
    ops.busy_changed.connect(counts.append)
    done: list[int] = []
    for i in range(3):
        Op(None, lambda i=i: i, ops=ops).on_success(done.append).run()
    qtbot.waitUntil(lambda: len(done) == 3)
    assert counts[:3] == [1, 2, 3] and counts[-1] == 0


def test_shutdown_cancels_queued_ops_and_refuses_new_ones(qapp, qtbot):
    ops = Ops(FakePrompts())
    gate = threading.Event()
    started = threading.Event()
    ran: list[int] = []

    def slow() -> None:
        started.set()
        gate.wait(5)

    for _ in range(2):  # fill the query pool
        Op(None, slow, ops=ops).run()
    queued = Op(None, lambda: ran.append(1), ops=ops).run()
    started.wait(5)
    threading.Timer(0.1, gate.set).start()
    ops.shutdown()
    assert queued is not None and queued.cancelled()
    assert ran == []
    assert Op(None, lambda: 1, ops=ops).run() is None

"""A hung gateway does not freeze the window: the 余额 tab's balance query of an account whose
gateway never answers runs off the GUI thread; the window keeps painting and switching tabs
(the GUI tests' stall guard fails the test on any GUI-thread gap over 250 ms), and the account
ends in a "query failed" state after its read timeout, with one request at the simulator."""

from __future__ import annotations

import importlib.util
import sys
import time
from dataclasses import replace
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "ui"
sys.path.insert(0, str(UI))
_spec = importlib.util.spec_from_file_location("rel_ui_conftest", UI / "conftest.py")
assert _spec is not None and _spec.loader is not None
_ui = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_ui)

# the GUI tests' fixtures and guards (autouse ones included), for this module
no_db_on_gui_thread = _ui.no_db_on_gui_thread
stall_guard = _ui.stall_guard
clean_log = _ui.clean_log
prompts = _ui.prompts
ctx = _ui.ctx
make_window = _ui.make_window

from uihelpers import in_worker  # noqa: E402

from sms_desktop.demo import account_name  # noqa: E402

READ_TIMEOUT = 1.5


def test_a_hung_gateway_leaves_the_window_responsive(ctx, make_window, qtbot, sim, stall_guard):
    name = account_name("ipyy")
    accounts = ctx.accounts
    in_worker(lambda: accounts.update(replace(accounts.get(name), read_timeout=READ_TIMEOUT)))
    sim.set_fault("ipyy", "hang")  # every ipyy request: read, then never answered
    window = make_window()
    page = window.page("balancePage")
    t0 = time.monotonic()
    window.tabs.setCurrentWidget(page)  # the first look refreshes every account
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: name in tab.model.pending, timeout=5000)
    # while the query hangs, the window answers: switch through every tab and back
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(50)
    window.tabs.setCurrentWidget(page)
    assert name in tab.model.pending  # still waiting for the gateway
    qtbot.waitUntil(lambda: name not in tab.model.pending, timeout=int(READ_TIMEOUT * 4000))
    waited = time.monotonic() - t0
    row = tab.model.rows[tab.model.row_of(name)]
    assert row.error, "a hung query must end in an error"
    assert waited >= READ_TIMEOUT * 0.9
    asked = [r for r in sim.requests if r.family == "ipyy" and r.params.get("action") == "overage"]
    assert len(asked) == 1 and asked[0].fault == "hang"
    # the start-up sync of the same account hangs too (reports, then replies): let it end
    qtbot.waitUntil(lambda: ctx.ops.in_flight == 0, timeout=int(READ_TIMEOUT * 6000))
    assert stall_guard.worst <= _ui.STALL_LIMIT
    print(
        f"hang: {waited:.2f} s to the error; worst GUI-thread gap {stall_guard.worst * 1000:.0f} ms"
    )

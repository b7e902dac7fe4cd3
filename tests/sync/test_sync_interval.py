"""The vendor's poll interval (jsm: once every 3 minutes), force, and the Poller."""

from __future__ import annotations

import socket
import threading

from synchelpers import PASSWORD, Env

from sms_desktop.core.accounts import Account
from sms_desktop.core.sync import Poller, SyncResult, last_poll_key

A = "13800138000"


def _methods(env: Env) -> list[str]:
    return [r.params.get("method", "") for r in env.sim.requests]


def test_jsm_interval_respected_and_force(env: Env) -> None:
    name = env.add("jsm")
    env.send(name, [A])
    env.sim.clear_requests()

    first = env.syncer.sync_account(name)
    assert first.skipped_reason is None
    assert _methods(env) == ["queryReport", "queryMo"]
    assert len(first.new_reports) == 1
    stored = env.db.get_setting(last_poll_key(name, "reports"))
    assert stored is not None and float(stored) == env.clock[0]

    env.clock[0] += 100
    env.sim.inject_reply("jsm", "u1", A, "好的")
    env.sim.clear_requests()
    second = env.syncer.sync_account(name)

    assert env.sim.requests == []  # nothing was sent to the gateway
    assert second.skipped_reason is not None
    assert "180" in second.skipped_reason and "80" in second.skipped_reason
    assert second.wait_seconds == 80
    assert second.new_replies == []

    forced = env.syncer.sync_account(name, force=True)
    assert _methods(env) == ["queryReport", "queryMo"]
    assert [r["content"] for r in forced.new_replies] == ["好的"]

    # the forced pull counts as the last pull
    env.clock[0] += 179
    assert env.syncer.sync_account(name).skipped_reason is not None
    env.clock[0] += 1
    env.sim.clear_requests()
    due = env.syncer.sync_account(name)
    assert due.skipped_reason is None
    assert _methods(env) == ["queryReport", "queryMo"]


def test_families_without_a_rule_are_not_throttled(env: Env) -> None:
    name = env.add("txt112088")
    env.syncer.sync_account(name)
    env.sim.clear_requests()

    res = env.syncer.sync_account(name)

    assert res.skipped_reason is None
    assert len(env.sim.requests) == 2


def test_request_that_never_left_does_not_count(env: Env) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]  # closed again: connection refused
    env.accounts.add(
        Account(
            name="down",
            family="jsm",
            base_url=f"http://127.0.0.1:{dead_port}/",
            username="u1",
            verycode="x",
            connect_timeout=2,
        ),
        PASSWORD,
    )

    res = env.syncer.sync_account("down")

    assert len(res.errors) == 2 and "未发出" in res.errors[0]
    assert env.db.get_setting(last_poll_key("down", "reports")) is None
    assert env.syncer.sync_account("down").skipped_reason is None  # may try again at once
    assert env.count("raw_bodies") == 0


def test_clock_set_back_does_not_block(env: Env) -> None:
    name = env.add("jsm")
    env.syncer.sync_account(name)
    env.clock[0] -= 3600  # the PC clock was corrected backwards

    res = env.syncer.sync_account(name)

    assert res.skipped_reason is None


def test_poller_decides_which_accounts_are_due(env: Env) -> None:
    env.add("jsm")
    env.add("txt112088")
    env.add("qxt")
    poller = Poller(env.syncer, default_interval=60)
    now = env.clock[0]

    assert sorted(poller.due(now)) == ["jsm", "txt112088"]  # never the push account
    assert poller.wait_for("qxt") is None
    assert poller.next_due_in(now) == 0

    results = poller.run_due(now)
    assert sorted(r.account for r in results) == ["jsm", "txt112088"]
    assert all(r.skipped_reason is None for r in results)

    assert poller.due(now + 30) == []
    assert poller.next_due_in(now + 30) == 30  # txt112088: the poller's own 60 s
    assert poller.due(now + 60) == ["txt112088"]
    assert poller.wait_for("jsm", now + 60) == 120  # jsm: the vendor's 180 s
    assert sorted(poller.due(now + 180)) == ["jsm", "txt112088"]


def test_push_account_sync_only_recovers(env: Env) -> None:
    name = env.add("qxt")
    env.sim.clear_requests()

    res = env.syncer.sync_account(name, force=True)

    assert res.skipped_reason is not None and "推送" in res.skipped_reason
    assert res.errors == []
    assert env.sim.requests == []


def test_two_syncs_at_once_pull_only_once(env: Env) -> None:
    name = env.add("jsm")
    env.send(name, [A])
    env.sim.clear_requests()
    env.sim.set_fault("jsm", "latency", seconds=0.2)  # keep the first pull in flight
    results: list[SyncResult] = []
    threads = [
        threading.Thread(target=lambda: results.append(env.new_syncer().sync_account(name)))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)

    assert len(results) == 2
    assert _methods(env) == ["queryReport", "queryMo"]
    assert sum(len(r.new_reports) for r in results) == 1
    assert sum(1 for r in results if r.skipped_reason) == 1

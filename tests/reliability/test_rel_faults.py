"""The gateway fault matrix: faults × the four families × send, balance, sync, connection test.

Every cell runs the core's own entry points (the engine's job, ``Gateway.balance`` as the CLI and
the balance tab call it, ``Syncer.sync_account``, ``check_connection``) against the simulator
over real HTTP, with the fault injected at the simulator, and checks that it ends in a defined
state:

* a send ends with every recipient rejected or unknown, or accepted only where the simulator
  really accepted it (never a silent success); exactly one request reached the simulator, and a
  ``resume`` afterwards sends nothing more (never resent); a recipient the simulator accepted is
  never called rejected;
* balance either answers the simulator's true balance or fails with a typed error
  (:class:`SmsDesktopError`) or a vendor code; never another exception, never a made-up number;
* sync either applies what the simulator handed out or lists an error; after the fault is
  cleared, the next sync brings whatever the simulator still holds;
* the connection test answers ok only when the account works, with the error said otherwise;
* a 50 MB body is not read whole (tracemalloc peak), a billion-laughs document is not expanded,
  and an external entity is never fetched (no request for it reaches the simulator).

Each cell's result goes to ``build/reliability/faults.json`` (``SMS_RELIABILITY_OUT`` overrides);
``tests/reliability/render_faults.py`` renders the table in docs/reliability.md from it.
"""

from __future__ import annotations

import json
import os
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.connection import check_connection
from sms_desktop.core.errors import SmsDesktopError
from sms_desktop.core.gateways.http import MAX_REPLY_BYTES
from sms_desktop.core.guard import save_settings
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import JobSpec, MsgState
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import open_database
from sms_desktop.core.sync import Syncer
from sms_desktop.simulator import Simulator

FAMILIES = ("ipyy", "jsm", "qxt", "txt112088")
OPS = ("send", "balance", "sync", "test")
READ_TIMEOUT = 1.0  # the hang cells wait this long per request
LATENCY = 0.25

# fault column -> (simulator kind, does the simulator process the request before the fault)
FAULTS: dict[str, tuple[str, bool]] = {
    "latency": ("latency", True),
    "hang": ("hang_after", True),
    "http500": ("http500", False),
    "http502": ("http502", False),
    "reset": ("reset", True),
    "garbage": ("garbage", False),
    "html": ("html", False),
    "wrong_charset": ("wrong_charset", True),
    "xml_bomb": ("xml_bomb", False),
    "xxe": ("xxe", False),
    "huge_50mb": ("huge", False),
    "short": ("short", True),
    "redirect": ("redirect", False),
}
# faults after which a correct, complete answer is the right result (the reply arrives whole)
ANSWERED = {"latency", "wrong_charset"}

PASSWORD = "pw-faults"
VERYCODE = "vc-faults"
PHONES = ["13800138000", "13900139001", "13700137002"]
REPLY_TEXT = "收到，谢谢"

OUT = Path(os.environ.get("SMS_RELIABILITY_OUT", "build/reliability")) / "faults.json"


@dataclass
class Cell:
    family: str
    fault: str
    op: str
    state: str  # short text for the table
    ok: bool  # a defined state
    detail: str = ""
    requests: int = 0
    seconds: float = 0.0
    peak_mb: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


RESULTS: list[Cell] = []


@dataclass
class World:
    sim: Simulator
    home: Path
    db: Any
    accounts: AccountStore
    engine: Engine
    syncer: Syncer


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    home = tmp_path_factory.mktemp("faults-home")
    mp = pytest.MonkeyPatch()
    mp.setenv("SMS_DESKTOP_HOME", str(home))
    mp.setenv("SMS_DESKTOP_NO_KEYRING", "1")
    sim = Simulator(seed=11).start()
    sim.report_delay = 0.0
    db = open_database(home)
    # every cell sends to the same three numbers: the frequency caps (3 a day per number) are
    # lifted, or every cell after the third would skip them instead of meeting its fault
    save_settings(db, caps={"marketing_day": 0, "marketing_week": 0, "any_day": 0})
    accounts = AccountStore(db, SecretStore(home))
    engine = Engine(db, accounts, sleep=lambda s: None)
    syncer = Syncer(db, accounts)
    try:
        yield World(sim, home, db, accounts, engine, syncer)
    finally:
        sim.stop()
        db.close()
        mp.undo()
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(
            json.dumps(
                {
                    "generated": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
                    "read_timeout": READ_TIMEOUT,
                    "latency": LATENCY,
                    "max_reply_bytes": MAX_REPLY_BYTES,
                    "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
                    "cells": [c.__dict__ for c in RESULTS],
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )


def _account(w: World, family: str, fault: str, op: str) -> tuple[str, str]:
    """A fresh account (simulator and store) for one cell; returns (store name, sim user)."""
    user = f"{fault}-{op}"[:20]
    name = f"{family}-{fault}-{op}"
    w.sim.add_account(family, user, PASSWORD, balance=5000, verycode=VERYCODE)
    w.accounts.add(
        Account(
            name=name,
            family=family,
            base_url=w.sim.base_url(family),
            username=user,
            userid="1",
            verycode=VERYCODE,
            read_timeout=READ_TIMEOUT,
            connect_timeout=2.0,
        ),
        PASSWORD,
    )
    return name, user


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:120]}"


def _probe_fetched(w: World) -> bool:
    return any(r.path.endswith("xxe-probe.dtd") for r in w.sim.requests)


# ---------------------------------------------------------------------------- the operations


def _send(w: World, family: str, fault: str, name: str, user: str, processed: bool) -> Cell:
    start = len(w.sim.requests)
    job = w.engine.create_job(JobSpec(name, "会议通知：周五下午三点开会", PHONES))
    w.engine.run_job(job)
    first = [r for r in w.sim.requests[start:] if PHONES[0] in "".join(r.params.values())]
    w.sim.clear_faults(family)
    w.engine.resume(job)  # must not resend anything
    sends = [r for r in w.sim.requests[start:] if PHONES[0] in "".join(r.params.values())]
    rows = w.engine.results(job)
    states = [r["state"] for r in rows]
    truly = {m.phone for m in w.sim.account(family, user).sent}
    problems = []
    if any(s not in (MsgState.ACCEPTED, MsgState.REJECTED, MsgState.UNKNOWN) for s in states):
        problems.append(f"non-final states {states}")
    for r in rows:
        if r["state"] == MsgState.ACCEPTED and r["phone"] not in truly:
            problems.append(f"silent success: {r['phone']} accepted, simulator has no record")
        if r["state"] == MsgState.REJECTED and r["phone"] in truly:
            problems.append(f"{r['phone']} called rejected but the simulator sent it")
    if len(first) != 1 or len(sends) != 1:
        problems.append(f"{len(sends)} send requests reached the simulator (expected 1)")
    if fault in ANSWERED and set(states) != {MsgState.ACCEPTED}:
        problems.append(f"a whole reply read as {states}")
    counts = {s: states.count(s) for s in sorted(set(states))}
    state = ", ".join(f"{s} ×{n}" for s, n in counts.items())
    msg = next((r["message"] for r in rows if r["message"]), "") or ""
    return Cell(
        family,
        fault,
        "send",
        f"{state}; {len(sends)} req",
        not problems,
        "; ".join(problems) or msg[:160],
        len(sends),
        extra={"sim_accepted": len(truly)},
    )


def _balance(w: World, family: str, fault: str, name: str, user: str, processed: bool) -> Cell:
    truth = w.sim.account(family, user).balance
    gw = w.accounts.gateway(name)
    try:
        bal = gw.balance()
    except SmsDesktopError as exc:
        ok = fault not in ANSWERED
        return Cell(family, fault, "balance", f"error: {type(exc).__name__}", ok, _short(exc))
    finally:
        gw.transport.close()
    if bal.ok:
        right = bal.messages == truth
        return Cell(
            family,
            fault,
            "balance",
            f"ok = {bal.messages:g}" + ("" if right else f" (simulator: {truth})"),
            right,
            "" if right else "a balance the simulator never gave",
        )
    code = bal.code.code if bal.code else "?"
    why = f"{bal.code.zh} / {bal.code.en}" if bal.code else bal.raw[:120]
    return Cell(family, fault, "balance", f"error: code {code}", fault not in ANSWERED, why[:160])


def _sync(w: World, family: str, fault: str, name: str, user: str, processed: bool) -> Cell:
    if w.accounts.get(name).capabilities.push:
        res = w.syncer.sync_account(name, force=True)
        assert res.skipped_reason and not res.polled
        return Cell(family, fault, "sync", "push: nothing to pull", True, res.skipped_reason[:160])
    # something to hand out: one report (of a send made before the fault) and one reply
    w.sim.clear_faults(family)
    gw = w.accounts.gateway(name)
    gw.send([PHONES[0]], "预约提醒")
    gw.transport.close()
    w.sim.inject_reply(family, user, PHONES[1], REPLY_TEXT)
    w.sim.set_fault(family, FAULTS[fault][0], seconds=LATENCY)
    res = w.syncer.sync_account(name, force=True)
    got = len(res.new_reports) + len(res.new_replies)
    w.sim.clear_faults(family)
    after = w.syncer.sync_account(name, force=True)
    got_after = len(after.new_reports) + len(after.new_replies)
    acct = w.sim.account(family, user)
    left = len(acct.reports) + len(acct.replies)
    problems = []
    if fault in ANSWERED:
        if res.errors and fault == "latency":
            problems.append(f"errors on a whole reply: {res.errors}")
    elif not res.errors:
        problems.append(f"no error reported ({got} items)")
    if after.errors:
        problems.append(f"the sync after the fault failed: {after.errors}")
    if left:
        problems.append(f"{left} items still at the simulator after the second sync")
    if fault in ANSWERED and not res.errors:
        state = f"ok: {got} items"
    else:
        state = "error" + (f", {got} items" if got else "")
    lost = 2 - got - got_after
    state += f"; next sync: {got_after}" + (f" ({lost} lost at vendor)" if lost > 0 else "")
    return Cell(
        family,
        fault,
        "sync",
        state,
        not problems,
        "; ".join(problems) or (res.errors[0][:160] if res.errors else ""),
        extra={"items": got, "after": got_after, "lost_at_vendor": max(lost, 0)},
    )


def _test(w: World, family: str, fault: str, name: str, user: str, processed: bool) -> Cell:
    result = check_connection(w.accounts, name)
    last = result.attempts[-1]
    if result.ok:
        right = result.working is not None and result.working.balance == (
            w.sim.account(family, user).balance
        )
        return Cell(family, fault, "test", "ok", right, "" if right else "a made-up balance")
    ok = fault not in ANSWERED and bool(last.error)
    return Cell(
        family,
        fault,
        "test",
        f"failed ({len(result.attempts)} attempt{'s' if len(result.attempts) > 1 else ''})",
        ok,
        (last.error or "no reason given")[:160],
    )


RUN = {"send": _send, "balance": _balance, "sync": _sync, "test": _test}


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("family", FAMILIES)
def test_fault_cell(world: World, family: str, fault: str) -> None:
    """One fault against one family, all four operations; every one must end defined."""
    kind, processed = FAULTS[fault]
    cells = []
    for op in OPS:
        name, user = _account(world, family, fault, op)
        before = len(world.sim.requests)
        world.sim.set_fault(family, kind, seconds=LATENCY)
        huge = kind == "huge"
        if huge:
            tracemalloc.start()
        t0 = time.monotonic()
        try:
            cell = RUN[op](world, family, fault, name, user, processed)
        except Exception as exc:  # an unhandled exception is a failed cell, with its name
            cell = Cell(family, fault, op, f"UNHANDLED {type(exc).__name__}", False, _short(exc))
        finally:
            world.sim.clear_faults(family)
            if huge:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
        cell.seconds = round(time.monotonic() - t0, 3)
        cell.requests = cell.requests or len(world.sim.requests) - before
        if huge:
            cell.peak_mb = round(peak / 2**20, 1)
            if peak > 3 * MAX_REPLY_BYTES:
                cell.ok = False
                cell.detail = f"read {cell.peak_mb} MB into memory; {cell.detail}"
        if kind == "xxe" and _probe_fetched(world):
            cell.ok = False
            cell.detail = f"the external entity was fetched; {cell.detail}"
        RESULTS.append(cell)
        cells.append(cell)
    bad = [f"{c.op}: {c.state} — {c.detail}" for c in cells if not c.ok]
    assert not bad, "\n".join(bad)

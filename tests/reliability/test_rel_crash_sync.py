"""Crashes / Sync (issue 11): SIGKILL ``sms-desktop-cli sync`` at random points of a large backlog.

The pull families (ipyy, jsm, txt112088) hand each delivery report and reply out once. A backlog
is made first: a send per family (the simulator queues a report per recipient at once) and
injected replies. Then ``sync ACCOUNT --force`` runs again and again, each run killed with SIGKILL
after a seeded random delay (the simulator answers each query after a latency, so kills land
while a request is out, while its body is being stored, parsed or applied), until the kills are
made; then ordinary starts run until the simulator has nothing left.

Every report and reply the simulator handed out must then be in the store, applied (the raw
body is committed before parsing; a body stored but not applied when the process died is
applied at the next start). The one exception the client cannot help: a response the simulator
wrote while the process was being killed, before the client had stored it. Those are counted
(``lost_in_transit``), must be no more than one per kill, and their items are told apart by their
bytes: every response whose body is in ``raw_bodies`` must have been applied in full.

CI: a backlog of 1,500 reports and 180 replies, 5 kills. Full size (``-m reliability_long``):
~12,000 reports, 1,500 replies, 20 kills.
"""

from __future__ import annotations

import random
import time

import pytest
from clirunner import Cli
from relcrash_kit import figures, kill_when, rows

FAMILIES = ("ipyy", "jsm", "txt112088")
LATENCY = 0.2
STATUS_NUM = 300  # ipyy: reports a request (the gateway's default is 4000)


def _backlog(cli: Cli, tmp_path, sizes: dict[str, int], replies: int, rng: random.Random) -> None:
    sim = cli.sim
    cli.add_account("ipyy", "ipyy", "u1", "pw1", 10**8, "--option", f"statusNum={STATUS_NUM}")
    cli.add_account("jsm", "jsm", "u1", "pw1", 10**8)
    cli.add_account("txt112088", "txt112088", "u1", "pw1", 10**8)
    for n, family in enumerate(FAMILIES):
        numbers = [str(13000000000 + n * 10**6 + i) for i in range(sizes[family])]
        f = tmp_path / f"{family}.txt"
        f.write_text("\n".join(["手机", *numbers]), encoding="utf-8")
        r = cli("send", family, "--contacts", str(f), "--text", "会员日八折", "--json", timeout=300)
        assert r.rc == 0, r.err
        for i in range(replies):
            sim.inject_reply(family, "u1", rng.choice(numbers), f"回复{family}{i}")


def _pending(sim, family: str) -> int:
    acct = sim.account(family, "u1")
    return len(acct.reports) + len(acct.replies)


def _query_responses(sim) -> list[tuple[int, bytes]]:
    """The simulator's answers to report and reply queries that held items: (index, body)."""
    out = []
    for n, r in enumerate(sim.requests):
        if r.family is None or r.response is None or r.params.get("mobile"):
            continue
        if r.family == "txt112088" and r.endpoint.lower().startswith("sendsms"):
            continue
        body = r.response
        if r.family == "ipyy" and b"<statusbox>" not in body and b"<callbox>" not in body:
            continue
        if r.family == "jsm" and b"<rpt>" not in body and b"<mo>" not in body:
            continue
        if r.family == "txt112088" and (body.strip() in (b"0", b"") or b"|" not in body):
            continue
        out.append((n, body))
    return out


def kill_series(sim, home, tmp_path, sizes: dict[str, int], replies: int, kills: int, seed: int):
    sim.report_delay = 0.0
    sim.report_success_ratio = 0.9
    rng = random.Random(seed)
    cli = Cli(home, sim)
    _backlog(cli, tmp_path, sizes, replies, rng)
    expected_reports = {
        (f, r.gateway_id, r.phone) for f in FAMILIES for r in sim.account(f, "u1").reports
    }
    expected_replies = {
        (f, m.phone, m.content) for f in FAMILIES for m in sim.account(f, "u1").replies
    }
    assert len(expected_reports) == sum(sizes.values())
    for family in FAMILIES:
        sim.set_fault(family, "latency", seconds=LATENCY)
    started = time.monotonic()

    done_kills = runs = unparsed_at_kills = 0
    last_of_killed_runs: list[int] = []  # index in sim.requests of a killed run's last request
    while done_kills < kills:
        waiting = [f for f in FAMILIES if _pending(sim, f)] or list(FAMILIES)
        family = rng.choice(waiting)
        runs += 1
        before = len(sim.requests)
        proc = cli.popen("sync", family, "--force", "--json")
        if rng.random() < 0.5:
            # while its first request is out (or the second kind is fetched)
            ready = lambda b=before: len(sim.requests) > b  # noqa: E731
            extra = rng.uniform(0, 2 * LATENCY)
        else:
            # once the simulator has answered: while the body is stored, parsed or applied
            ready = lambda b=before: any(r.response is not None for r in sim.requests[b:])  # noqa: E731
            extra = rng.uniform(0, 0.3)
        killed = kill_when(proc, ready, extra=extra)
        if killed:
            done_kills += 1
            last_of_killed_runs.append(len(sim.requests) - 1)
            # the store as the kill left it: bodies committed, not yet applied
            unparsed_at_kills += rows(home, "SELECT COUNT(*) FROM raw_bodies WHERE parsed=0")[0][0]
        else:
            assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    # the next starts: ordinary syncs until the simulator has nothing left to hand out
    for family in FAMILIES:
        for _ in range(100):
            runs += 1
            r = cli("sync", family, "--force", "--json", timeout=300)
            assert r.rc == 0, r.err
            d = r.json
            if not _pending(sim, family) and not d["reports"] and not d["replies"]:
                break
        else:
            raise AssertionError(f"{family}: the backlog never emptied")
    elapsed = time.monotonic() - started

    # nothing left unapplied or set aside
    assert rows(home, "SELECT parsed, COUNT(*) FROM raw_bodies GROUP BY parsed") == [
        (1, rows(home, "SELECT COUNT(*) FROM raw_bodies")[0][0])
    ]
    stored_bodies = {bytes(b) for (b,) in rows(home, "SELECT body FROM raw_bodies")}
    responses = _query_responses(sim)
    lost_at = [n for n, b in responses if b not in stored_bodies]
    lost = [b for n, b in responses if b not in stored_bodies]
    # only the answer a killed process was receiving: its run's last request
    assert set(lost_at) <= set(last_of_killed_runs), (lost_at, last_of_killed_runs)

    got_reports = rows(home, "SELECT account, gateway_id, phone, message_id FROM reports")
    assert len(got_reports) == len({r[:3] for r in got_reports}), "a report stored twice"
    assert all(r[3] is not None for r in got_reports), "a report matched no message"
    missing_reports = expected_reports - {r[:3] for r in got_reports}
    got_replies = {tuple(r) for r in rows(home, "SELECT account, phone, content FROM replies")}
    missing_replies = expected_replies - got_replies
    # what is missing was in a response the process never stored (written as it was killed)
    for fam, gid, phone in missing_reports:
        assert any(gid.encode() in b and phone.encode() in b for b in lost), (fam, gid, phone)
    for fam, phone, content in missing_replies:
        hit = [b for b in lost if phone.encode() in b]
        assert hit, (fam, phone, content)
    # the messages those reports settled are settled
    assert rows(
        home,
        "SELECT COUNT(*) FROM messages WHERE state IN ('delivered','undelivered')",
    )[0][0] == len(got_reports)
    out = {
        "reports": len(expected_reports),
        "replies": len(expected_replies),
        "kills": done_kills,
        "runs": runs,
        "stored_unapplied_at_kills": unparsed_at_kills,
        "lost_in_transit": len(lost),
        "missing_reports": len(missing_reports),
        "missing_replies": len(missing_replies),
        "query_responses": len(responses),
        "seconds": round(elapsed, 1),
    }
    print(figures(test="sync", **out))
    return out


@pytest.mark.slow
def test_sigkill_series_during_a_sync_ci_size(sim, home, tmp_path):
    kill_series(
        sim,
        home,
        tmp_path,
        {"ipyy": 600, "jsm": 600, "txt112088": 300},
        replies=60,
        kills=5,
        seed=5,
    )


@pytest.mark.slow
@pytest.mark.reliability_long
@pytest.mark.timeout(1200)
def test_sigkill_series_during_a_sync_full_size(sim, home, tmp_path):
    kill_series(
        sim,
        home,
        tmp_path,
        {"ipyy": 5000, "jsm": 5000, "txt112088": 2000},
        replies=500,
        kills=20,
        seed=21,
    )

"""Crashes / Sync by pages: SIGKILL ``sms-desktop-cli sync`` between the pages of one sync.

A sync pulls again while a page comes back full, so one run of ``sync`` makes many requests of
one kind. ipyy and txt112088 (no minimum interval between pulls) hold a backlog of several
pages of reports and replies (small pages, set on the simulator and on the account); the
simulator answers each query after a latency. Each run is killed after a seeded number of
answered pages: half the time at once (while it stores or applies that page), half up to twice
the latency later (while its next request is out). Then
ordinary runs until the simulator has nothing left.

As in ``test_rel_crash_sync.py``: every response whose body is in ``raw_bodies`` must be applied
in full, none is left unparsed, nothing is stored twice; the one loss the client cannot help is
a response the simulator wrote to a process being killed (the last request of a killed run),
and every missing record must be in one of those, told apart by its bytes.
"""

from __future__ import annotations

import random
import time

import pytest
from clirunner import Cli
from relcrash_kit import figures, kill_when, rows

LATENCY = 0.05
PAGES = {"reports": 20, "replies": 10}
QUERIES = {
    "ipyy": ("statusapi.aspx", "callapi.aspx"),
    "txt112088": ("get_report_txt.asp", "get_receive_message_txt.asp"),
}


def _backlog(cli: Cli, tmp_path, family: str, reports: int, replies: int) -> None:
    sim = cli.sim
    sim.set_page_sizes({family: dict(PAGES)})
    options = [f"--option=page_size_{k}={n}" for k, n in PAGES.items()]
    cli.add_account(family, family, "u1", "pw1", 10**8, *options)
    numbers = [str(13100000000 + i) for i in range(reports)]
    f = tmp_path / f"{family}.txt"
    f.write_text("\n".join(["手机", *numbers]), encoding="utf-8")
    r = cli("send", family, "--contacts", str(f), "--text", "会员日八折", "--json", timeout=300)
    assert r.rc == 0, r.err
    for i in range(replies):
        sim.inject_reply(family, "u1", numbers[i], f"第{i}条回复")


def _settled_count(sim, quiet: float = 0.3, longest: float = 5.0) -> int:
    """How many requests the simulator logged, once no new one came for ``quiet`` seconds."""
    n, since, end = len(sim.requests), time.monotonic(), time.monotonic() + longest
    while time.monotonic() < end:
        time.sleep(0.02)
        if len(sim.requests) != n:
            n, since = len(sim.requests), time.monotonic()
        elif time.monotonic() - since >= quiet:
            break
    return n


def _answered(sim, family: str, since: int) -> int:
    """Query responses the simulator wrote since request ``since``."""
    return sum(
        1
        for r in sim.requests[since:]
        if r.family == family and r.endpoint.lower() in QUERIES[family] and r.response
    )


def _responses(sim, family: str) -> list[tuple[int, bytes]]:
    """(index, body) of every query response that held records."""
    out = []
    for n, r in enumerate(sim.requests):
        if r.family != family or r.endpoint.lower() not in QUERIES[family] or not r.response:
            continue
        body = r.response
        if family == "ipyy" and b"<statusbox>" not in body and b"<callbox>" not in body:
            continue
        if family == "txt112088" and b"|" not in body:
            continue
        out.append((n, body))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("family", ["txt112088", "ipyy"])
def test_sigkill_between_pages_loses_nothing(sim, home, tmp_path, family: str) -> None:
    sim.report_delay = 0.0
    sim.report_success_ratio = 0.8
    cli = Cli(home, sim)
    _backlog(
        cli, tmp_path, family, reports=30 * PAGES["reports"] + 7, replies=12 * PAGES["replies"]
    )
    expected_reports = {(r.gateway_id, r.phone) for r in sim.account(family, "u1").reports}
    expected_replies = {(m.phone, m.content) for m in sim.account(family, "u1").replies}
    sim.set_fault(family, "latency", seconds=LATENCY)
    rng = random.Random(7 if family == "ipyy" else 11)

    kills = 0
    last_of_killed: list[int] = []
    between_pages = 0  # kills after at least one page of the run was answered
    while kills < 4:
        before = len(sim.requests)
        proc = cli.popen("sync", family, "--json")
        target = rng.randint(1, 4)
        # half the time while that page is stored and applied, half while the next one is out
        extra = rng.uniform(0, 0.01) if rng.random() < 0.5 else rng.uniform(0, 2 * LATENCY)
        killed = kill_when(
            proc, lambda b=before, t=target: _answered(sim, family, b) >= t, extra=extra
        )
        assert killed, "the run ended before its kill point"
        kills += 1
        # a request the killed run had sent may still be on its way into the simulator (its
        # thread not yet scheduled on a loaded machine): count once the log stands still
        last_of_killed.append(_settled_count(sim) - 1)
        if _answered(sim, family, before) >= 1:
            between_pages += 1
    assert between_pages == kills
    # what the kills left: some pages applied, the rest still at the gateway
    assert 0 < rows(home, "SELECT COUNT(*) FROM reports")[0][0] < len(expected_reports)

    for _ in range(5):  # ordinary runs: one should drain it all
        r = cli("sync", family, "--json", timeout=300)
        assert r.rc == 0, r.err
        acct = sim.account(family, "u1")
        if not acct.reports and not acct.replies and not r.json["reports"]:
            break
    else:
        raise AssertionError("the backlog never emptied")

    pulled = "FROM raw_bodies WHERE kind IN ('reports', 'replies')"
    assert rows(home, f"SELECT parsed, COUNT(*) {pulled} GROUP BY parsed") == [
        (1, rows(home, f"SELECT COUNT(*) {pulled}")[0][0])
    ]
    stored = {bytes(b) for (b,) in rows(home, "SELECT body FROM raw_bodies")}
    responses = _responses(sim, family)
    lost_at = [n for n, b in responses if b not in stored]
    lost = [b for n, b in responses if b not in stored]
    assert set(lost_at) <= set(last_of_killed), (lost_at, last_of_killed)

    got = rows(home, "SELECT gateway_id, phone, message_id FROM reports")
    assert len(got) == len({g[:2] for g in got}), "a report stored twice"
    assert all(g[2] is not None for g in got), "a report matched no message"
    for gid, phone in expected_reports - {g[:2] for g in got}:
        assert any(gid.encode() in b and phone.encode() in b for b in lost), (gid, phone)
    got_replies = {tuple(r) for r in rows(home, "SELECT phone, content FROM replies")}
    assert len(got_replies) == rows(home, "SELECT COUNT(*) FROM replies")[0][0]
    for phone, _content in expected_replies - got_replies:
        assert any(phone.encode() in b for b in lost), phone
    settled = "SELECT COUNT(*) FROM messages WHERE state IN ('delivered','undelivered')"
    assert rows(home, settled)[0][0] == len(got)
    print(
        figures(
            test=f"pages-{family}",
            reports=len(expected_reports),
            replies=len(expected_replies),
            kills=kills,
            lost_in_transit=len(lost),
            missing_reports=len(expected_reports) - len(got),
            missing_replies=len(expected_replies - got_replies),
        )
    )

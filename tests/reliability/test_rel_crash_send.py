"""Crashes / Send (issue 11): SIGKILL the CLI at random points of a send, resume each time.

The CLI (``python -m sms_desktop.cli``) sends a file of numbers through a jsm account (100 a
request, 2 requests in flight) to the simulator, which answers each request after a latency.
A seeded random draw picks the kill points: after the simulator has logged request N (of the
whole series; N drawn among the requests still to come) plus a random fraction of the latency, so a kill lands while requests are out, while
their outcome is being recorded, or while the next batch is being journalled. After each kill the
job is resumed (``resume JOB``), until it has run to its end.

At the simulator, and in the store, then:

* no number reached the simulator twice;
* every recipient is in exactly one final state (no ``queued``/``sending`` left), one row each;
* an accepted recipient did reach the simulator; the store and the simulator agree otherwise;
* the unknown recipients are only those of the batches in flight at the kills: each kill, the store
  as the SIGKILL left it (read before anything settles it) shows the batches journalled as
  ``sending`` (their request may have left); at most ``concurrency`` of them, and every unknown
  recipient at the end belongs to one of them. Counted in recipients, and in batches.

Then (CI size) ``resume JOB --resend-unknown``: only then are the unknown ones sent again, and
only they. CI runs 3,000 recipients and 5 kills; the full 10,000 and 20 kills run with
``pytest -m reliability_long tests/reliability/test_rel_crash_send.py -s`` (docs/reliability.md).
"""

from __future__ import annotations

import random
import time
from collections import Counter

import pytest
from clirunner import Cli, phones_sent
from relcrash_kit import figures, kill_when, rows

BATCH = 100  # jsm: at most 100 numbers a request
CONCURRENCY = 2
LATENCY = 0.1  # seconds the simulator takes to answer each send
FINAL = {"accepted", "delivered", "undelivered", "rejected", "unknown", "skipped"}


def send_requests(sim) -> int:
    return sum(1 for r in sim.requests if r.family == "jsm" and r.params.get("mobile"))


def kill_series(
    sim, home, tmp_path, recipients: int, kills: int, seed: int, resend_unknown: bool = False
) -> dict:
    sim.report_delay = 0.0
    cli = Cli(home, sim)
    cli.add_account("a", "jsm", "u1", "pw1", 10**8, "--concurrency", str(CONCURRENCY))
    sim.set_fault("jsm", "latency", seconds=LATENCY)
    numbers = [str(13000000000 + i) for i in range(recipients)]
    f = tmp_path / "numbers.txt"
    f.write_text("\n".join(["手机", *numbers]), encoding="utf-8")
    rng = random.Random(seed)
    requests = recipients // BATCH
    started = time.monotonic()

    job = None
    runs = 0
    done_kills = 0
    in_flight: list[dict] = []  # per kill: the batches journalled as sending
    in_flight_ids: set[int] = set()
    for k in range(kills):
        # the next kill point: a request drawn among the next ones, spread over what is left
        now = send_requests(sim)
        gap = max(1, 2 * (requests - now) // (kills - k + 1) - 1)
        target = now + rng.randint(1, gap)
        if job is None:
            args = ["send", "a", "--contacts", str(f), "--text", "周年庆，全场八折", "--json"]
        else:
            args = ["resume", str(job), "--json"]
        runs += 1
        proc = cli.popen(*args)
        killed = kill_when(
            proc,
            lambda t=target: send_requests(sim) >= t,
            extra=rng.uniform(0, 1.5 * LATENCY),
        )
        if not killed:
            break  # it ran to the end before this point: no more kills to make
        done_kills += 1
        if job is None:
            job = rows(home, "SELECT id FROM jobs")[0][0]
        sending = rows(home, "SELECT id, size FROM batches WHERE job_id=? AND state='sending'", job)
        assert len(sending) <= CONCURRENCY, sending
        ids = rows(
            home,
            "SELECT m.id FROM messages m JOIN batches b ON b.id = m.batch_id"
            " WHERE b.job_id=? AND b.state='sending'",
            job,
        )
        in_flight_ids.update(i for (i,) in ids)
        in_flight.append({"batches": len(sending), "recipients": sum(s for _, s in sending)})

    assert job is not None and done_kills == kills, (done_kills, kills)
    # the last start runs to the end
    runs += 1
    final = cli("resume", str(job), "--json", timeout=300)
    elapsed = time.monotonic() - started
    d = final.json

    # at the simulator: no number twice
    sent = phones_sent(sim, "jsm", "mobile")
    twice = [p for p, n in Counter(sent).items() if n > 1]
    assert twice == [], f"{len(twice)} numbers reached the gateway twice: {twice[:5]}"
    # every recipient once, in one final state
    results = d["results"]
    assert len(results) == recipients
    assert Counter(r["phone"] for r in results) == Counter(numbers)
    states = Counter(r["state"] for r in results)
    assert set(states) <= FINAL, states
    assert rows(home, "SELECT COUNT(*) FROM messages WHERE state IN ('queued','sending')") == [(0,)]
    assert d["state"] == "done", d["state"]
    # the store and the simulator agree
    accepted = {r["phone"] for r in results if r["state"] == "accepted"}
    assert accepted <= set(sent), "accepted in the store, never received by the gateway"
    assert set(sent) <= accepted | {r["phone"] for r in results if r["state"] == "unknown"}
    # unknown: only recipients of the batches in flight at the kills
    unknown_ids = {
        i for (i,) in rows(home, "SELECT id FROM messages WHERE job_id=? AND state='unknown'", job)
    }
    assert unknown_ids <= in_flight_ids, "an unknown recipient was in no batch in flight at a kill"
    bound = sum(x["recipients"] for x in in_flight)
    assert states["unknown"] <= bound <= done_kills * CONCURRENCY * BATCH
    unknown_batches = rows(
        home,
        "SELECT COUNT(DISTINCT batch_id) FROM messages WHERE job_id=? AND state='unknown'",
        job,
    )[0][0]
    assert unknown_batches <= sum(x["batches"] for x in in_flight)
    unknown_reached = len({r["phone"] for r in results if r["state"] == "unknown"} & set(sent))
    out = {
        "recipients": recipients,
        "kills": done_kills,
        "runs": runs,
        "accepted": states["accepted"],
        "unknown": states["unknown"],
        "unknown_reached_gateway": unknown_reached,
        "unknown_batches": unknown_batches,
        "in_flight_batches_at_kills": sum(x["batches"] for x in in_flight),
        "in_flight_recipients_at_kills": bound,
        "sent_twice": len(twice),
        "seconds": round(elapsed, 1),
    }
    print(figures(test="send", **out))
    if resend_unknown:
        # only an explicit resend sends the unknown ones again, and then only those
        d = cli("resume", str(job), "--resend-unknown", "--json", timeout=300).json
        assert d["unknown"] == 0 and d["accepted"] == recipients
        again = Counter(phones_sent(sim, "jsm", "mobile"))
        unknown = {r["phone"] for r in results if r["state"] == "unknown"}
        assert {p for p, n in again.items() if n > 1} <= unknown
        assert set(again) == set(numbers)
    return out


@pytest.mark.slow
def test_sigkill_series_during_a_send_ci_size(sim, home, tmp_path):
    kill_series(sim, home, tmp_path, recipients=3000, kills=5, seed=11, resend_unknown=True)


@pytest.mark.slow
@pytest.mark.reliability_long
@pytest.mark.timeout(900)
def test_sigkill_series_during_a_send_full_size(sim, home, tmp_path):
    kill_series(sim, home, tmp_path, recipients=10_000, kills=20, seed=20)

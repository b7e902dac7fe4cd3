"""Benchmark: the local HTTP API under 200 concurrent clients.

``sms-desktop-cli serve --api`` runs as its own process on a throw-away home, with an ipyy
account on the simulator (a process of its own, ``--latency`` per gateway request). Each of
``--clients`` clients has its own token and, released together by a barrier, sends one
``POST /api/v1/messages`` (one number, its own Idempotency-Key); then all of them read their job
at once (``GET /api/v1/jobs/{id}``). Reported per round: every client answered (statuses), and
the latency of the answers (median, p95, max), from the request's start to its last byte. At the
end: every job done, and the simulator received each number once.

    .venv/bin/python bench/bench_api.py [--clients 200] [--latency 0.02] [--rounds 3]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.automation import api_tokens
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import open_database
from sms_desktop.simulator import Simulator


def _simulate(n: int, latency: float, q: Any, stop: Any) -> None:
    with Simulator(port=0, seed=1) as sim:
        sim.add_account("ipyy", "bench", "pw", balance=100 * n)
        sim.report_delay = 3600
        if latency:
            sim.set_fault("ipyy", "latency", seconds=latency)
        q.put(sim.base_url("ipyy"))
        stop.wait()
        q.put(sorted(p for r in sim.requests if r.params.get("action") == "send"
                     for p in r.params.get("mobile", "").split(",") if p))  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _together(n: int, work: Any) -> tuple[list[float], Counter[int], list[Any]]:
    """``work(i)`` in ``n`` threads released at once: the latencies, statuses and answers."""
    gate = threading.Barrier(n)
    lat: list[float] = [0.0] * n
    status: list[int] = [0] * n
    out: list[Any] = [None] * n

    def one(i: int) -> None:
        gate.wait()
        t0 = time.perf_counter()
        try:
            r = work(i)
            status[i], out[i] = r.status_code, r.json()
        except requests.RequestException as exc:
            status[i], out[i] = -1, str(exc)
        lat[i] = time.perf_counter() - t0

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, Counter(status), out


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _report(name: str, lat: list[float], statuses: Counter[int]) -> None:
    ms = [x * 1000 for x in lat]
    print(
        f"{name:<28} answered {sum(statuses.values())}/{len(lat)}"
        f" {dict(sorted(statuses.items()))}  median {statistics.median(ms):7.1f} ms"
        f"  p95 {_p(ms, 95):7.1f} ms  max {max(ms):7.1f} ms"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--latency", type=float, default=0.02, help="seconds per gateway request")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    n = args.clients
    print(f"load average: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
    q: Any = mp.Queue()
    stop = mp.Event()
    sim = mp.Process(target=_simulate, args=(n * args.rounds, args.latency, q, stop))
    sim.start()
    base_url = q.get(timeout=30)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = dict(os.environ, SMS_DESKTOP_HOME=str(home), SMS_DESKTOP_NO_KEYRING="1")
        os.environ["SMS_DESKTOP_NO_KEYRING"] = "1"
        db = open_database(home)
        AccountStore(db, SecretStore(home)).add(
            Account(name="i", family="ipyy", base_url=base_url, username="bench",
                    batch_size=500, concurrency=4),
            "pw",
        )  # fmt: skip
        tokens = [api_tokens.create(db, f"client-{i}")[1] for i in range(n)]
        db.close()
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        serve = subprocess.Popen(
            [sys.executable, "-m", "sms_desktop.cli", "--home", str(home), "serve", "--no-push",
             "--interval", "0.5", "--poll-interval", "3600", "--api", "--api-listen",
             f"127.0.0.1:{port}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    requests.get(url + "/api/v1/openapi.json", timeout=1)
                    break
                except requests.RequestException:
                    if time.monotonic() > deadline or serve.poll() is not None:
                        raise SystemExit("serve --api did not start") from None
                    time.sleep(0.2)
            sessions = [requests.Session() for _ in range(n)]
            posts: list[float] = []
            gets: list[float] = []
            job_ids: list[int] = []
            for rnd in range(args.rounds):

                def post(i: int, rnd: int = rnd) -> requests.Response:
                    number = f"138{rnd:02d}{i:06d}"
                    return sessions[i].post(
                        url + "/api/v1/messages",
                        json={"account": "i", "to": [number], "text": "您的预约已确认",
                              "kind": "notice"},
                        headers={"Authorization": f"Bearer {tokens[i]}",
                                 "Idempotency-Key": f"r{rnd}-c{i}"},
                        timeout=120,
                    )  # fmt: skip

                lat, st, out = _together(n, post)
                _report(f"round {rnd + 1}: POST /messages", lat, st)
                posts += lat
                ids = [o["job_id"] if isinstance(o, dict) and "job_id" in o else 0 for o in out]
                job_ids += ids

                def get(i: int, ids: list[int] = ids) -> requests.Response:
                    return sessions[i].get(
                        f"{url}/api/v1/jobs/{ids[i]}",
                        headers={"Authorization": f"Bearer {tokens[i]}"},
                        timeout=120,
                    )

                lat, st, _ = _together(n, get)
                _report(f"round {rnd + 1}: GET /jobs/{{id}}", lat, st)
                gets += lat
            print(f"{'all POST /messages':<28} n={len(posts)}  p95 {_p([x * 1000 for x in posts], 95):.1f} ms")  # fmt: skip
            print(f"{'all GET /jobs/{id}':<28} n={len(gets)}  p95 {_p([x * 1000 for x in gets], 95):.1f} ms")  # fmt: skip
            # every job sent, each number once
            deadline = time.monotonic() + 120
            conn = sqlite3.connect(home / "sms_desktop.sqlite3")
            while time.monotonic() < deadline:
                left = conn.execute("SELECT COUNT(*) FROM jobs WHERE state != 'done'").fetchone()[0]
                if left == 0:
                    break
                time.sleep(0.5)
            jobs = conn.execute("SELECT COUNT(*) FROM jobs").fetchone()[0]
            conn.close()
            print(
                f"jobs: {jobs} made, {left} not done; distinct job ids answered: {len(set(job_ids))}"
            )
        finally:
            serve.terminate()
            serve.wait(timeout=60)
    stop.set()
    sent = q.get(timeout=60)
    sim.join()
    dup = sum(c - 1 for c in Counter(sent).values() if c > 1)
    print(f"simulator: {len(sent)} numbers received, {len(set(sent))} distinct, {dup} duplicates")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

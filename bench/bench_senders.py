"""Several senders on one store: ``--pcs`` processes, each a "PC" of its own (its own home,
``COMPUTERNAME`` and ``USERNAME``, as ``tests/reliability/test_rel_team_pcs.py`` plays them),
each sending ``--each`` numbers of its own through ``sms-desktop-cli send`` at the same moment,
all on one database, to one simulator (jsm: 100 numbers a request, 50 ms added latency, the
account's concurrency 2 on each PC).

Then the simulator is asked what it received: every number once (0 duplicates, none missing),
and the store what it recorded (every recipient accepted, each job created and started by its
own PC). Printed: the wall time from the first start to the last exit, and the total
throughput (recipients a second over all PCs).

    .venv/bin/python bench/bench_senders.py                    # 5 PCs x 10,000, PostgreSQL
    .venv/bin/python bench/bench_senders.py --store sqlite --pcs 5   # one SQLite file, one PC's

``--store``: ``pg`` (default, a throw-away PostgreSQL server: ``bench/pgtmp.py``), a server's
URL, or ``sqlite`` (one SQLite file shared by processes of one PC, as a one-PC office runs).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from clirunner import Cli, phones_sent  # noqa: E402
from pgtmp import bench_server, drop_database, new_database  # noqa: E402

from sms_desktop.simulator import Simulator  # noqa: E402

TEXT = "周年庆，全场八折，回复TD退订【某某商贸】"


class Pc(Cli):
    def __init__(self, root: Path, sim: Simulator, url: str, name: str, user: str) -> None:
        home = root / name
        home.mkdir(parents=True, exist_ok=True)
        super().__init__(home, sim)
        self.url, self.name, self.user = url, name, user

    def env(self) -> dict[str, str]:
        env = super().env()
        env.update(
            COMPUTERNAME=self.name,
            USERNAME=self.user,
            USER=self.user,
            SMS_DESKTOP_STORE=self.url,
            SMS_DESKTOP_NO_KEYRING="1",
        )
        return env


def join(pc: Pc, account: str, password: str) -> None:
    """The account's password and veryCode on another PC (each PC keeps its own)."""
    from sms_desktop.core.accounts import VERYCODE
    from sms_desktop.core.secrets import SecretStore

    SecretStore(pc.home, home_only=True).set(account, "vc", kind=VERYCODE)
    r = pc("account", "password", account, "--password-stdin", stdin=password + "\n")
    if r.rc != 0:
        raise SystemExit(r.err)


def rows(url: str, sql: str) -> list[tuple[object, ...]]:
    from sms_desktop.core.store import open_store

    with tempfile.TemporaryDirectory() as home:
        db = open_store(url, home)
        try:
            return [tuple(r) for r in db.read().execute(sql).fetchall()]
        finally:
            db.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pcs", type=int, default=5)
    ap.add_argument("--each", type=int, default=10_000)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--store", default="pg", help="pg (default), a server's URL, or sqlite")
    a = ap.parse_args()
    os.environ["SMS_DESKTOP_NO_KEYRING"] = "1"
    with (
        tempfile.TemporaryDirectory(prefix="bench-senders-") as tmp,
        bench_server(a.store) as server,
        Simulator(port=0, seed=1) as sim,
    ):
        root = Path(tmp)
        url = new_database(server)
        if url == "sqlite":
            url = f"sqlite:///{root / 'office.sqlite3'}"
        try:
            sim.report_delay = 3600  # no report work during the run
            sim.set_fault("jsm", "latency", seconds=a.latency)
            pcs = [Pc(root, sim, url, f"PC-{i + 1}", f"user{i + 1}") for i in range(a.pcs)]
            pcs[0].add_account("a", "jsm", "u1", "pw1", 10**8, "--concurrency", "2")
            for pc in pcs[1:]:
                join(pc, "a", "pw1")
            files = []
            for i, pc in enumerate(pcs):
                f = root / f"numbers-{pc.name}.txt"
                numbers = [str(13000000000 + i * 1_000_000 + k) for k in range(a.each)]
                f.write_text("\n".join(["手机", *numbers]), encoding="utf-8")
                files.append(f)
            before = len(sim.requests)
            load0 = os.getloadavg()[0]
            t0 = time.perf_counter()
            procs = [
                pc.popen("send", "a", "--contacts", str(f), "--text", TEXT, "--json")
                for pc, f in zip(pcs, files, strict=True)
            ]
            ends = []
            for p in procs:
                _out, err = p.communicate(timeout=1800)
                ends.append(time.perf_counter() - t0)
                if p.returncode != 0:
                    print(f"a sender exited {p.returncode}: {err.decode()[-500:]}")
            wall = max(ends)
            load1 = os.getloadavg()[0]
            del sim.requests[:before]  # the account set-up's own requests
            sent = phones_sent(sim, "jsm", "mobile")
            counts = Counter(sent)
            twice = sum(1 for n in counts.values() if n > 1)
            expected = a.pcs * a.each
            states = rows(url, "SELECT state, COUNT(*) FROM messages GROUP BY state ORDER BY 1")
            who = rows(
                url,
                "SELECT created_by_pc, started_by_pc, state FROM jobs ORDER BY created_by_pc",
            )
        finally:
            drop_database(url)
    engine = "sqlite" if url.startswith("sqlite") else "postgresql"
    print(
        f"{a.pcs} senders x {a.each:,} on one {engine} store, jsm, {a.latency * 1000:g} ms latency,"
        f" concurrency 2 each; load average {load0:.1f} at the start, {load1:.1f} at the end"
    )
    print(
        f"  wall, first start to last exit: {wall:.1f} s; each sender's: "
        + ", ".join(f"{e:.1f}" for e in ends)
    )
    print(f"  total throughput: {expected / wall:,.0f} recipients a second")
    print(
        f"  the simulator received {len(sent):,} numbers, {len(counts):,} distinct, of {expected:,};"
        f" numbers received more than once: {twice}"
    )
    print(f"  the store's recipients by state: {dict(states)}")
    print(f"  jobs (created by, started by, state): {who}")


if __name__ == "__main__":
    main()

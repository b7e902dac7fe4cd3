"""``Engine.create_job`` of 100,000 numbers drawn from every carrier's blocks, in a fresh store.

    .venv/bin/python bench/bench_create_job.py [--recipients 100000] [--repeat 3] [--code DIR]
        [--json]

``--code DIR`` times the ``sms_desktop`` of another checkout (the code before a change, from
``git worktree add`` or ``git archive``): run it in turns with and without, for a before/after.
The numbers are drawn at random (seeded) from the prefixes of the big three, the virtual
operators and 广电: about 91,000 distinct 7-digit blocks, the worst case for looking up each
number's 号段归属. The job is created once untimed (the lookup tables load, as the window's send
confirmation loads them first), then ``--repeat`` times; the best and the median wall time and
the process's CPU time of the best are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SMS_DESKTOP_NO_KEYRING", "1")

from bench.campaign_numbers import random_number


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--recipients", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--code", type=Path, help="the checkout whose sms_desktop to time")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if a.code is not None:
        sys.path.insert(0, str(a.code.resolve()))
    from sms_desktop.core.accounts import Account, AccountStore
    from sms_desktop.core.jobs.engine import Engine
    from sms_desktop.core.jobs.model import JobSpec
    from sms_desktop.core.secrets import SecretStore
    from sms_desktop.core.store import open_database

    rng = random.Random(11)
    phones = [random_number(rng) for _ in range(a.recipients)]
    home = Path(tempfile.mkdtemp(prefix="bench-create-"))
    db = open_database(home)
    accounts = AccountStore(db, SecretStore(home))
    accounts.add(Account("a", "ipyy", "http://127.0.0.1:9/", "u", userid="1"), "pw")
    engine = Engine(db, accounts)

    def create() -> None:
        engine.create_job(JobSpec("a", "【商城】会员日全场八折，回T退订", phones))

    create()
    walls, cpus = [], []
    for _ in range(a.repeat):
        t, c = time.perf_counter(), time.process_time()
        create()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    db.close()
    best = min(range(a.repeat), key=walls.__getitem__)
    out = {
        "code": str(a.code or "."),
        "recipients": a.recipients,
        "best_s": walls[best],
        "median_s": statistics.median(walls),
        "cpu_best_s": cpus[best],
        "load_avg": os.getloadavg()[0],
    }
    print(json.dumps(out) if a.json else out)


if __name__ == "__main__":
    main()

"""``Engine.create_job`` of 100,000 numbers drawn from every carrier's blocks, in a fresh store.

    .venv/bin/python bench/bench_create_job.py [--recipients 100000] [--repeat 3] [--json]

Run it from a checkout (it imports the ``sms_desktop`` beside it), so that two checkouts can be
run in turns for a before/after. The numbers are drawn at random (seeded) from the 3-digit
prefixes of the big three, the virtual operators and 广电: tens of thousands of distinct 7-digit
blocks, the worst case for looking up each number's 号段归属. The job is created once untimed
(the lookup tables load, as the window's send confirmation loads them first), then ``--repeat``
times; the best and the median wall time and the process's CPU time of the best are printed.
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

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import open_database

# the 3-digit prefixes of the big three, the virtual operators and 广电 (as campaign_store.py's;
# repeated so that the script runs in a checkout from before that file)
PREFIXES = [
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "147",
    "150",
    "151",
    "152",
    "157",
    "158",
    "159",
    "172",
    "178",
    "182",
    "183",
    "184",
    "187",
    "188",
    "195",
    "198",
    "130",
    "131",
    "132",
    "145",
    "155",
    "156",
    "166",
    "175",
    "176",
    "185",
    "186",
    "196",
    "133",
    "149",
    "153",
    "173",
    "177",
    "180",
    "181",
    "189",
    "190",
    "191",
    "193",
    "199",
    "170",
    "171",
    "165",
    "162",
    "192",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--recipients", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    rng = random.Random(11)
    phones = [rng.choice(PREFIXES) + f"{rng.randrange(10**8):08d}" for _ in range(a.recipients)]
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
        "recipients": a.recipients,
        "best_s": walls[best],
        "median_s": statistics.median(walls),
        "cpu_best_s": cpus[best],
        "load_avg": os.getloadavg()[0],
    }
    print(json.dumps(out) if a.json else out)


if __name__ == "__main__":
    main()

"""号段归属 of 100,000 numbers: loading the China tables, then the carrier breakdown.

    .venv/bin/python bench/bench_carriers.py            # each case in a fresh process, 5 rounds
    .venv/bin/python bench/bench_carriers.py --rounds 9

Cases, each in its own Python process (so the table load is measured every time):

* ``load``: reading phonenumbers' China geocoder and carrier files (the first lookup's cost);
* ``spread``: 100,000 numbers of random blocks across 13x–19x (about 93,000 distinct 7-digit
  blocks: nearly every lookup misses the per-block cache), the tables already loaded;
* ``list``: 100,000 numbers of a real customer list's shape: 2,000 blocks (local customers);
* ``warm``: the ``spread`` numbers again, every block cached (a second confirmation).

The best and the median wall time of the rounds are printed, with the process's peak memory
after the load. Figures and the machine are in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N = 100_000


def numbers(kind: str) -> list[str]:
    rnd = random.Random(2026)
    if kind == "list":
        blocks = [f"1{rnd.choice('3589')}{rnd.randrange(10**5):05d}" for _ in range(2000)]
        return [f"{rnd.choice(blocks)}{rnd.randrange(10**4):04d}" for _ in range(N)]
    return [f"1{rnd.choice('3456789')}{rnd.randrange(10**9):09d}" for _ in range(N)]


def one_round() -> dict[str, float]:
    """In the child: each case once."""
    sys.path.insert(0, str(ROOT))
    from sms_desktop.core import carriers

    t0 = time.perf_counter()
    carriers._get_tables()
    out = {"load": time.perf_counter() - t0}
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for kind in ("spread", "list"):
        phones = numbers(kind)
        blocks = carriers.NumberBlocks()
        t0 = time.perf_counter()
        counts = blocks.breakdown(phones)
        out[kind] = time.perf_counter() - t0
        out[f"{kind}_blocks"] = len(blocks._cache)
        assert sum(counts.values()) == N
        if kind == "spread":
            t0 = time.perf_counter()
            blocks.breakdown(phones)
            out["warm"] = time.perf_counter() - t0
            out["breakdown"] = carriers.breakdown_text(counts)  # type: ignore[assignment]
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        print(json.dumps(one_round(), ensure_ascii=False))
        return
    rounds = []
    for _ in range(args.rounds):
        proc = subprocess.run(
            [sys.executable, __file__, "--child"], capture_output=True, text=True, check=True
        )
        rounds.append(json.loads(proc.stdout))
    for case in ("load", "spread", "list", "warm"):
        times = [r[case] * 1000 for r in rounds]
        print(f"{case:7} best {min(times):7.1f} ms   median {statistics.median(times):7.1f} ms")
    print(f"blocks: spread {rounds[0]['spread_blocks']:,}, list {rounds[0]['list_blocks']:,}")
    print(f"peak memory after the load: {max(r['rss_mb'] for r in rounds):.0f} MB")
    print(f"breakdown of the spread numbers: {rounds[0]['breakdown']}")
    with open("/proc/loadavg") as f:
        print("load average:", f.read().split()[:3])


if __name__ == "__main__":
    main()

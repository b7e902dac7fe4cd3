"""Where the time of the 100,000-row .xlsx import goes (issue 11).

Each stage runs in a fresh process, best of ``--repeat``:

* ``calamine``: the bare parse (``CalamineWorkbook`` + ``iter_rows``), the floor;
* ``read``: the project's reader (``read_table(...).rows()``): the parse plus cell conversion;
* ``prepare``: the reader plus the import's own Python work, without the database
  (``importer._prepare``: normalising, deduplicating, the blacklist, the field values);
* ``import``: ``import_file`` end to end into a new group;
* ``import_one_phone_index``: the same with the ``contacts_phone`` index dropped, leaving only
  ``UNIQUE(group_id, phone)`` (what the second phone index costs);
* ``import_no_fields``: the same with only the phone and name columns mapped (what the JSON
  ``fields`` cost).

And once, in-process, a cProfile of ``prepare`` split by function (``--profile``): the reader's
generator, the phone fast path and normaliser, the ``_prepare`` loop itself (deduplication and
field values), ``cell_text``.

    .venv/bin/python bench/bench_import_split.py [--rows 100000] [--repeat 3] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _stage(stage: str, path: str) -> float:
    from sms_desktop.core.contacts import import_file, importer
    from sms_desktop.core.contacts.reader import read_table
    from sms_desktop.core.store import open_database

    if stage == "calamine":
        import python_calamine as pc

        t0 = time.perf_counter()
        wb = pc.CalamineWorkbook.from_path(path)
        sum(1 for _ in wb.get_sheet_by_index(0).iter_rows())
        return time.perf_counter() - t0
    if stage == "read":
        t0 = time.perf_counter()
        sum(1 for _ in read_table(path).rows())
        return time.perf_counter() - t0
    if stage == "prepare":
        t0 = time.perf_counter()
        table = read_table(path)
        mapping = importer.detect_columns(table)
        report = importer.ImportReport(path=path, group="g")
        for _ in importer._prepare(table, mapping, False, set(), report, threading.Event()):
            pass
        return time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as home:
        db = open_database(home)
        if stage == "import_one_phone_index":
            with db.write() as c:
                c.execute("DROP INDEX contacts_phone")
        t0 = time.perf_counter()
        if stage == "import_no_fields":
            table = read_table(path)
            mapping = importer.detect_columns(table)
            mapping.fields.clear()
            importer.import_table(db, table, "bench", mapping)
        else:
            import_file(db, path, "bench")
        dt = time.perf_counter() - t0
        db.close()
    return dt


STAGES = ("calamine", "read", "prepare", "import", "import_one_phone_index", "import_no_fields")


def profile(path: str) -> list[tuple[str, float]]:
    import cProfile
    import pstats

    from sms_desktop.core.contacts import importer
    from sms_desktop.core.contacts.reader import read_table

    table = read_table(path)
    mapping = importer.detect_columns(table)
    report = importer.ImportReport(path=path, group="g")
    prof = cProfile.Profile()
    prof.enable()
    for _ in importer._prepare(table, mapping, False, set(), report, threading.Event()):
        pass
    prof.disable()
    st: Any = pstats.Stats(prof)
    groups: dict[str, float] = {}
    total = 0.0
    for (file, _line, func), (_cc, _nc, tt, _ct, _callers) in st.stats.items():
        total += tt
        if "reader.py" in file or "calamine" in func or "iter_rows" in func:
            key = "reader (parse + cell conversion)"
        elif "phones.py" in file or func in ("fullmatch", "quick_mobile"):
            key = "phone fast path and normaliser"
        elif func == "_prepare":
            key = "_prepare loop (dedupe, blacklist, field values)"
        elif func == "cell_text" or "columns.py" in file:
            key = "cell_text (non-text cells)"
        else:
            key = f"other ({func})" if tt > 0.05 * total else "other"
        groups[key] = groups.get(key, 0.0) + tt
    return sorted(((k, v / total) for k, v in groups.items()), key=lambda kv: -kv[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args()
    if a.child:
        print(json.dumps({"seconds": _stage(a.child[0], a.child[1])}))
        return
    from bench_import import make_xlsx

    path = make_xlsx(a.rows)
    print(
        f"{a.rows:,} rows ({path.stat().st_size / 1e6:.1f} MB); load average {os.getloadavg()[0]:.2f}"
    )
    best: dict[str, float] = {}
    for stage in STAGES:
        times = []
        for _ in range(a.repeat):
            out = subprocess.run(
                [sys.executable, __file__, "--child", stage, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            times.append(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])
        best[stage] = min(times)
        ratio = best[stage] / best["calamine"]
        print(
            f"  {stage:24s} best {best[stage]:5.2f} s  median {sorted(times)[len(times) // 2]:5.2f} s"
            f"  {ratio:4.2f}× calamine"
        )
    print(f"load average when done {os.getloadavg()[0]:.2f}")
    if a.profile:
        print("cProfile of prepare (share of its own time):")
        for k, share in profile(str(path)):
            print(f"  {share * 100:5.1f} %  {k}")


if __name__ == "__main__":
    main()

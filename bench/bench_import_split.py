"""Where the time of the 100,000-row .xlsx import goes, against the bare calamine parse.

Each stage runs in a fresh process; the stages take turns (one run of each per round, ``--repeat``
rounds), so a change in the machine's load hits them all alike, and each round's ratio to its own
calamine run is taken pair by pair:

* ``calamine``: the bare parse (``CalamineWorkbook`` + ``iter_rows``), the floor;
* ``read``: the project's reader (``read_table(...).batches()``): the parse plus the header
  detection;
* ``prepare``: the reader plus the import's own Python work, without the database
  (``importer._prepare``: normalising, deduplicating, the blacklist, the field values);
* ``import``: ``import_file`` end to end into a new group (the goal: at most 1.5× calamine);
* ``import_index_kept``: the same with the group index kept up to date row by row instead of
  built once at the end (what building it at the end saves);
* ``import_5ms_switches``: the same with Python's default GIL switch interval (5 ms) instead of
  the 0.5 ms the import sets while it runs;
* ``import_no_fields``: the same with only the phone and name columns mapped (what the JSON
  ``fields`` cost);
* ``import@base`` (with ``--baseline DIR``): ``import_file`` of another copy of the source
  (e.g. ``git archive <commit> | tar -x -C DIR``), for a before/after in the same rounds.

And once, in-process, a cProfile of ``prepare`` split by function (``--profile``); with
``--legs``, each part of the import timed alone, and the floor they set (see ``_print_legs``).

    .venv/bin/python bench/bench_import_split.py [--rows 100000] [--repeat 5] [--profile]
        [--baseline DIR] [--stages calamine,import] [--legs]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _stage(stage: str, path: str) -> float:
    if stage == "calamine":
        import python_calamine as pc

        t0 = time.perf_counter()
        wb = pc.CalamineWorkbook.from_path(path)
        sum(1 for _ in wb.get_sheet_by_index(0).iter_rows())
        return time.perf_counter() - t0

    from sms_desktop.core.contacts import import_file, importer
    from sms_desktop.core.contacts.reader import read_table
    from sms_desktop.core.store import open_database

    if stage == "read":
        t0 = time.perf_counter()
        sum(len(rows) for _, rows in read_table(path).batches())
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
        if stage == "import_index_kept":
            importer._REBUILD_MIN_ROWS = 10**12  # type: ignore[attr-defined]
        if stage == "import_5ms_switches":
            importer._SWITCH_INTERVAL = 0.005  # type: ignore[attr-defined]
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


def legs(path: str) -> dict[str, float]:
    """The import's parts one after another, on one thread, each timed alone (CPU seconds but
    for the commit): what the two threads of ``import_file`` have to share after the parse."""
    import python_calamine as pc

    from sms_desktop.core.contacts import importer
    from sms_desktop.core.contacts.reader import read_table
    from sms_desktop.core.contacts.repository import ensure_group
    from sms_desktop.core.pinyin import preload
    from sms_desktop.core.store import open_database
    from sms_desktop.core.store.changes import CONTACTS, one_bump

    preload()
    out: dict[str, float] = {}
    t = time.process_time()
    sheet = pc.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    out["calamine parse (Rust, no GIL)"] = time.process_time() - t
    t = time.process_time()
    sum(1 for _ in sheet.iter_rows())
    out["calamine rows to Python"] = time.process_time() - t
    table = read_table(path)
    mapping = importer.detect_columns(table)
    report = importer.ImportReport(path=path, group="g")
    names = [n for _, n in sorted(mapping.fields.items())]
    t = time.process_time()
    blocks = list(importer._prepare(table, mapping, False, set(), report, threading.Event()))
    out["python: reader blocks (rows to Python) + _prepare"] = time.process_time() - t
    now = "2026-01-01 00:00:00"
    t = time.process_time()
    ready = [importer._settle(b, set(), "update", names, False, False, now, report) for b in blocks]
    out["python: _settle (name keys, 号段归属, one JSON a block)"] = time.process_time() - t
    sql = (  # the import's own statement for SQLite, a table of few columns
        "INSERT INTO contacts(group_id, phone, name, name_key, carrier, province, city, fields,"
        " created_at, updated_at) "
        "SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
        "json_extract(value, '$[2]'), json_extract(value, '$[3]'), "
        "json_extract(value, '$[4]'), json_extract(value, '$[5]'), "
        f"{importer._fields_sql(len(names))}, ?2, ?2 FROM json_each(?3)"
    )
    with tempfile.TemporaryDirectory() as home:
        db = open_database(home)
        with db.write() as c, one_bump(c, "contacts", CONTACTS):
            gid, _ = ensure_group(c, "g")
            c.execute("DROP INDEX contacts_group_phone")
            t = time.process_time()
            for rows, _ in ready:
                c.execute(sql, (gid, now, rows, *names))
            out["sqlite: the inserts"] = time.process_time() - t
            t = time.process_time()
            c.execute(importer._UNIQUE_INDEX)
            out["sqlite: the group index"] = time.process_time() - t
            t = time.perf_counter()
        out["sqlite: commit (wall)"] = time.perf_counter() - t
        db.close()
    return out


STAGES = (
    "calamine",
    "read",
    "prepare",
    "import",
    "import_index_kept",
    "import_5ms_switches",
    "import_no_fields",
)


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
            key = "reader (parse, blocks of rows)"
        elif "phones.py" in file or func in ("fullmatch", "quick_mobile", "_clean_mobiles"):
            key = "phone fast path and normaliser"
        elif func in ("_texts", "strip", "join"):
            key = "text columns (_texts)"
        elif "importer.py" in file:
            key = f"importer ({func})"
        else:
            key = f"other ({func})" if tt > 0.05 * total else "other"
        groups[key] = groups.get(key, 0.0) + tt
    return sorted(((k, v / total) for k, v in groups.items()), key=lambda kv: -kv[1])


def _print_legs(path: str, repeat: int) -> None:
    """The parts, the least disturbed of ``repeat`` fresh processes each, and the floor they
    set for two threads on two cores: the parse, then the larger of the Python and the SQLite
    shares, then the index and the commit (which wait for the last row)."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, __file__, "--child", "legs", path, str(ROOT)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = {k: min(r[k] for r in runs) for k in runs[0]}
    print(f"the import's parts alone, best of {repeat} (CPU s; load {os.getloadavg()[0]:.2f}):")
    for k, v in best.items():
        print(f"  {k:48s} {v:5.3f}")
    parse = best["calamine parse (Rust, no GIL)"]
    py = sum(v for k, v in best.items() if k.startswith("python"))  # the rows to Python: in it
    inserts = best["sqlite: the inserts"]
    tail = best["sqlite: the group index"] + best["sqlite: commit (wall)"]
    floor = parse + max(py, inserts) + tail
    print(
        f"  floor: parse {parse:.3f} + max(Python {py:.3f}, inserts {inserts:.3f}) + index and"
        f" commit {tail:.3f} = {floor:.3f} s = {floor / (parse + best['calamine rows to Python']):.2f}×"
        " the bare calamine parse"
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument(
        "--legs", action="store_true", help="also time the import's parts alone (the floor)"
    )
    ap.add_argument("--baseline", type=Path, help="another source tree, timed as import@base")
    ap.add_argument("--stages", help="comma-separated stages (default: all)")
    a = ap.parse_args()
    if a.child:
        stage, path, src = a.child
        sys.path.insert(0, src)
        if stage == "legs":
            print(json.dumps(legs(path)))
            return
        print(json.dumps({"seconds": _stage(stage, path)}))
        return
    from bench_import import make_xlsx

    path = make_xlsx(a.rows)
    stages = a.stages.split(",") if a.stages else list(STAGES)
    if a.baseline:
        stages.append("import@base")
    if "calamine" not in stages:
        stages.insert(0, "calamine")
    print(
        f"{a.rows:,} rows ({path.stat().st_size / 1e6:.1f} MB); Python "
        f"{sys.version.split()[0]}; {a.repeat} rounds; load average {os.getloadavg()[0]:.2f}"
    )
    times: dict[str, list[float]] = {s: [] for s in stages}
    for _ in range(a.repeat):
        for stage in stages:
            name, _, where = stage.partition("@")
            src = str(a.baseline.resolve()) if where else str(ROOT)
            out = subprocess.run(
                [sys.executable, __file__, "--child", name, str(path), src],
                capture_output=True,
                text=True,
                check=True,
            )
            times[stage].append(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])
    floor = times["calamine"]
    for stage in stages:
        t = times[stage]
        ratios = [x / c for x, c in zip(t, floor, strict=True)]
        print(
            f"  {stage:20s} best {min(t):5.2f} s  median {statistics.median(t):5.2f} s"
            f"  ×calamine: median of pairs {statistics.median(ratios):4.2f}"
            f" (best/best {min(t) / min(floor):4.2f})"
        )
    print(f"load average when done {os.getloadavg()[0]:.2f}")
    if a.legs:
        _print_legs(str(path), a.repeat)
    if a.profile:
        print("cProfile of prepare (share of its own time):")
        for k, share in profile(str(path)):
            print(f"  {share * 100:5.1f} %  {k}")


if __name__ == "__main__":
    main()

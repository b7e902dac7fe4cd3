"""``db copy`` at size: a SQLite store of 100,000 contacts and 1,000,000 messages (built as
``bench_year_store.py`` builds its year) copied into an empty PostgreSQL database on a
throw-away local server (``tests/pgserver.py``, fsync on), then back into a new SQLite file;
each direction timed as the CLI runs it (``copy_store``, counts checked), and the round trip
compared table by table (row counts and a checksum of every table's rows).

    .venv/bin/python bench/bench_store_copy.py [--messages 1000000] [--contacts 100000]
        [--chunk 20000] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_year_store import build  # noqa: E402
from pgserver import PgServer  # noqa: E402

from sms_desktop.core.store import Database, SqliteDatabase, open_store  # noqa: E402
from sms_desktop.core.store.copy import copy_store  # noqa: E402


def checksum(db: Database) -> dict[str, tuple[int, str]]:
    """Each table's row count and a hash of its rows (columns by name, rows by their text)."""
    out = {}
    for name, cols in sorted(db.schema_shape().columns.items()):
        names = sorted(c[0] for c in cols)
        cur = db.read().cursor()
        cur.row_factory = None
        rows = cur.execute(f"SELECT {', '.join(names)} FROM {name}").fetchall()
        lines = sorted(
            repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in r)) for r in rows
        )
        out[name] = (len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--contacts", type=int, default=100_000)
    ap.add_argument("--chunk", type=int, default=20_000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result: dict[str, Any] = {"messages": args.messages, "contacts": args.contacts}
    with tempfile.TemporaryDirectory(prefix="sms-copy-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        t = time.monotonic()
        build(home, args.messages, args.contacts)
        result["build_s"] = round(time.monotonic() - t, 1)
        source = SqliteDatabase(home / "sms_desktop.sqlite3", home=home)
        with PgServer(fsync=True) as pg:
            url = pg.create_database("copy")
            office = open_store(url, home)
            r = copy_store(source, office, chunk=args.chunk)
            result["to_postgresql_s"] = round(r.seconds, 1)
            result["rows"] = r.total
            back = SqliteDatabase(Path(tmp) / "back.sqlite3", home=home)
            r2 = copy_store(office, back, chunk=args.chunk)
            result["to_sqlite_s"] = round(r2.seconds, 1)
            a, b, c = checksum(source), checksum(office), checksum(back)
            result["tables"] = {k: v[0] for k, v in a.items()}
            result["round_trip_equal"] = a == b == c
            office.close()
            back.close()
        source.close()
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()

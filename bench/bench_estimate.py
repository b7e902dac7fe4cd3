"""The compose estimate at 100,000 recipients, as the GUI runs it on a (debounced) keystroke.

    .venv/bin/python bench/bench_estimate.py            # estimate: plain and personalised text
    .venv/bin/python bench/bench_estimate.py --create   # also Engine.create_job end to end

Recipients are built once (as a file read would), 1 % of them blacklisted, one invalid. Each
case runs 7 times; the best and the median wall time and the CPU time of the best are printed.
Figures and the machine are in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sms_desktop.core.accounts import Account
from sms_desktop.core.contacts.recipients import Recipient

N = 100_000
PLAIN = "会议通知：本周五下午三点在三楼会议室开会，请准时参加。"
PERSONAL = "{姓名}您好，您本月账单 {金额} 元，请于月底前缴清。客户等级：{等级}"


def recipients() -> list[Recipient]:
    out = [
        Recipient(
            str(13800000000 + i),
            f"客户{i}",
            {"姓名": f"客户{i}", "金额": f"{i % 997}.50", "等级": "ABC"[i % 3]},
            i + 2,
        )
        for i in range(N)
    ]
    out.append(Recipient("12345", "坏号", {"姓名": "坏号", "金额": "1", "等级": "A"}, N + 2))
    return out


def run(label: str, fn, repeat: int = 7) -> None:
    walls, cpus = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    best = min(range(repeat), key=walls.__getitem__)
    print(
        f"{label:<48} best {walls[best] * 1000:7.0f} ms   median {statistics.median(walls) * 1000:7.0f}"
        f" ms   CPU(best) {cpus[best] * 1000:7.0f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--create", action="store_true", help="also time Engine.create_job")
    args = ap.parse_args()
    recips = recipients()
    blocked = {str(13800000000 + i) for i in range(0, N, 100)}
    acct = Account(
        name="a", family="ipyy", base_url="http://127.0.0.1:9/", username="u", signature="公司"
    )
    from sms_desktop.core.contacts.recipients import screen
    from sms_desktop.core.estimate import Estimator, estimate

    run("screen only (no placeholders)", lambda: screen(recips, blacklist=blocked))
    run("estimate, plain text", lambda: estimate(acct, PLAIN, recips, blacklist=blocked))
    run(
        "estimate, 3 placeholders (100k distinct texts)",
        lambda: estimate(acct, PERSONAL, recips, blacklist=blocked),
    )
    # the compose page: one Estimator per recipient list, one estimate per (debounced) keystroke
    est = Estimator(acct, recips, blacklist=blocked)
    est.estimate(PLAIN)
    est.estimate(PERSONAL)
    run("keystroke (Estimator kept), plain text", lambda: est.estimate(PLAIN + "。"))
    run("keystroke (Estimator kept), 3 placeholders", lambda: est.estimate(PERSONAL + "。"))
    if args.create:
        _create(recips)


def _create(recips: list[Recipient]) -> None:
    import os

    from sms_desktop.core.accounts import AccountStore
    from sms_desktop.core.jobs.engine import Engine
    from sms_desktop.core.jobs.model import JobSpec
    from sms_desktop.core.secrets import SecretStore
    from sms_desktop.core.store import open_database

    os.environ["SMS_DESKTOP_NO_KEYRING"] = "1"
    with tempfile.TemporaryDirectory() as d:
        home = Path(d)
        db = open_database(home)
        accounts = AccountStore(db, SecretStore(home))
        accounts.add(
            Account(name="a", family="ipyy", base_url="http://127.0.0.1:9/", username="u"), "pw"
        )
        engine = Engine(db, accounts)
        run(
            "create_job, 3 placeholders (stores 100k rows)",
            lambda: engine.create_job(JobSpec("a", PERSONAL, recips)),
            repeat=3,
        )
        db.close()


if __name__ == "__main__":
    main()

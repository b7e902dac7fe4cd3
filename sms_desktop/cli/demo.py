"""``sms-desktop-cli demo``: the whole path against the built-in simulator, family by family.

In a throw-away home folder it starts the simulator, adds one account per family, sends a
personalised message to sample numbers through each family, syncs reports and replies, and prints
what happened.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..core.accounts import Account, AccountStore
from ..core.engine import Engine, JobSpec, Recipient
from ..core.secrets import SecretStore
from ..core.store import open_database

SAMPLE_CONTACTS = [
    ("13800138000", "张伟", "VIP"),
    ("13912345678", "王芳", "普通"),
    ("15023239810", "李娜", "VIP"),
    ("18688886666", "刘洋", "普通"),
    ("+86 137 0000 1111", "陈静", "普通"),
    ("1380013800", "无效号码", "-"),  # 10 digits: skipped as invalid
    ("13800138000", "张伟（重复）", "VIP"),  # duplicate: skipped
]
DEMO_PASSWORD = "demo123"


def _num(n: float | None) -> str:
    if n is None:
        return "?"
    return str(int(n)) if float(n).is_integer() else str(n)


def demo_home() -> Path:
    return Path(tempfile.mkdtemp(prefix="sms-desktop-demo-"))


def setup_demo(home: Path, sim: object) -> AccountStore:
    """Add one account per family, pointing at the running simulator."""
    from ..simulator import demo_accounts

    demo_accounts(sim)  # type: ignore[arg-type]
    db = open_database(home)
    accounts = AccountStore(db, SecretStore(home))
    for family, extra in (
        ("ipyy", {"userid": "1"}),
        ("qxt", {}),
        ("jsm", {"verycode": "demo"}),
        ("txt112088", {}),
    ):
        accounts.add(
            Account(
                name=f"演示-{family}",
                family=family,
                base_url=sim.base_url(family),  # type: ignore[attr-defined]
                username="demo",
                signature="【演示公司】",
                read_timeout=10,
                **extra,  # type: ignore[arg-type]
            ),
            DEMO_PASSWORD,
            replace=True,
        )
    return accounts


def run_demo(keep: bool = False) -> int:
    from ..core.sync import Syncer
    from ..simulator import Simulator

    home = demo_home()
    print(f"演示数据目录 / demo home: {home}")
    with Simulator(host="127.0.0.1", port=0, seed=7) as sim:
        sim.report_delay = 0.0
        sim.report_success_ratio = 0.8
        print(f"模拟网关 / simulator: {sim.root_url}")
        accounts = setup_demo(home, sim)
        db = accounts.db
        engine = Engine(db, accounts)
        syncer = Syncer(db, accounts)
        receiver = None
        try:
            from ..core.push_receiver import PushReceiver

            receiver = PushReceiver(db, "演示-qxt", "127.0.0.1", 0)
            receiver.start()
            sim.set_push_url("demo", receiver.url)
        except ImportError:
            pass
        recipients = [Recipient(p, n, {"姓名": n, "等级": g}) for p, n, g in SAMPLE_CONTACTS]
        text = "{姓名}您好，您的会员等级为{等级}，本周六全场八折。回复TD退订"
        worst = 0
        for family in ("ipyy", "qxt", "jsm", "txt112088"):
            name = f"演示-{family}"
            caps = accounts.get(name).capabilities
            print(f"\n=== {family} ===")
            bal = accounts.gateway(name).balance()
            print(f"余额 / balance: {_num(bal.messages)}")
            job_id = engine.create_job(JobSpec(account=name, text=text, recipients=recipients))
            s = engine.run_job(job_id)
            sample = (
                db.read()
                .execute(
                    "SELECT text FROM messages WHERE job_id=? AND state!='skipped' LIMIT 1",
                    (job_id,),
                )
                .fetchone()
            )
            print(f"内容 / text: {accounts.gateway(name).final_text(sample[0])}")
            print(
                f"任务 {job_id}: 成功提交 {s.accepted}, 被拒 {s.rejected}, 未知 {s.unknown},"
                f" 跳过 {s.skipped} / accepted {s.accepted}, rejected {s.rejected},"
                f" unknown {s.unknown}, skipped {s.skipped}"
            )
            for r in engine.results(job_id):
                shown = "accepted" if r["state"] in ("delivered", "undelivered") else r["state"]
                print(f"  {r['phone'] or '-':<14} {shown:<9} {r['message'] or ''}")
            if s.rejected or s.unknown:
                worst = 1
            # one customer answers, one opts out
            sim.inject_reply(family, "demo", "13912345678", "收到，周六见")
            sim.inject_reply(family, "demo", "18688886666", "TD")
            if caps.push:
                sim.flush_pushes()
                print(
                    "状态报告和回复由网关推送到本机接收端 / reports and replies pushed to the receiver"
                )
            else:
                res = syncer.sync_account(name, force=True)
                print(
                    f"同步 / sync: 新报告 {len(res.new_reports)}, 新回复 {len(res.new_replies)}"
                    + (f"  错误: {res.errors}" if res.errors else "")
                )
            for r in engine.results(job_id):
                if r["state"] in ("delivered", "undelivered"):
                    print(f"  {r['phone']:<14} {r['state']}")
            for phone, content, opt_out in db.read().execute(
                "SELECT phone, content, opt_out FROM replies WHERE account=? ORDER BY id", (name,)
            ):
                flag = "（退订，已加入黑名单）" if opt_out else ""
                print(f"  回复 / reply {phone}: {content}{flag}")
        if receiver is not None:
            receiver.stop()
        black = [r[0] for r in db.read().execute("SELECT phone FROM blacklist")]
        print(f"\n黑名单 / blacklist: {', '.join(black) or '-'}")
        db.close()
    if not keep:
        shutil.rmtree(home, ignore_errors=True)
    return worst

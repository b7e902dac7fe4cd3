"""``sms-desktop-cli demo``: the whole path against the built-in simulator, family by family.

In a throw-away home folder it starts the simulator, adds one account per family, sends a
personalised message to sample numbers through each family, syncs reports and replies, and prints
what happened.
"""

from __future__ import annotations

from ..core.balances import read_balance
from ..core.contacts.recipients import Recipient
from ..core.contacts.repository import blacklisted_set
from ..core.jobs.model import JobSpec, MsgState
from ..core.store import inbox
from ..core.store.messages import first_text
from ..demo import SAMPLE_CONTACTS, SAMPLE_TEXT, account_name, start_demo


def _num(n: float | None) -> str:
    if n is None:
        return "?"
    return str(int(n)) if float(n).is_integer() else str(n)


def run_demo(keep: bool = False) -> int:
    from ..core.session import open_core

    demo = start_demo()
    demo.owns_home = not keep
    sim, accounts, db = demo.sim, demo.accounts, demo.accounts.db
    print(f"演示数据目录 / demo home: {demo.home}")
    print(f"模拟网关 / simulator: {sim.root_url}")
    try:
        core = open_core(demo.home, accounts=accounts)
        engine, syncer = core.engine, core.syncer
        receiver = None
        try:
            from ..core.push_receiver import PushReceiver

            receiver = PushReceiver(db, account_name("qxt"), "127.0.0.1", 0)
            receiver.start()
            sim.set_push_url("demo", receiver.url)
        except ImportError:
            pass
        recipients = [Recipient(p, n, {"姓名": n, "等级": g}) for p, n, g in SAMPLE_CONTACTS]
        text = SAMPLE_TEXT
        worst = 0
        for family in ("ipyy", "qxt", "jsm", "txt112088"):
            name = account_name(family)
            caps = accounts.get(name).capabilities
            print(f"\n=== {family} ===")
            print(f"余额 / balance: {_num(read_balance(accounts, name).messages)}")
            job_id = engine.create_job(JobSpec(account=name, text=text, recipients=recipients))
            s = engine.run_job(job_id)
            sample = first_text(db, job_id, MsgState.SKIPPED)
            print(f"内容 / text: {accounts.gateway(name).final_text(sample or '')}")
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
            ids = inbox.inbox_ids(db, "replies", inbox.InboxFilter(account=name))
            for reply in reversed(inbox.inbox_by_ids(db, "replies", ids)):
                if reply is not None:
                    flag = "（退订，已加入黑名单）" if reply["opt_out"] else ""
                    print(f"  回复 / reply {reply['phone']}: {reply['content']}{flag}")
        if receiver is not None:
            receiver.stop()
        black = sorted(blacklisted_set(db))
        print(f"\n黑名单 / blacklist: {', '.join(black) or '-'}")
    finally:
        demo.close()
    return worst

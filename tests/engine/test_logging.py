"""The log records what the core did at INFO: each import, each sync's result, each job's start
and end; with counts and names, never a password or the messages' texts."""

from __future__ import annotations

import logging

from sms_desktop.core.contacts import import_file
from sms_desktop.core.sync import Syncer

TEXT = "周六全场八折，凭短信入场"


def info_lines(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.INFO and r.name.startswith("sms_desktop.core")
    ]


def test_imports_and_syncs_are_logged_at_info(env, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="sms_desktop")
    path = tmp_path / "客户.csv"
    path.write_text("手机号码,姓名\n13800138000,张三\n12345,坏号\n", encoding="utf-8")
    import_file(env.db, path, "客户")
    acct = env.add("ipyy", password="Secret-Pw-91")
    env.sim.inject_reply("ipyy", "u1", "13800138000", "TD")
    Syncer(env.db, env.accounts).sync_account(acct, force=True)
    lines = info_lines(caplog)
    imports = [x for x in lines if x.startswith("import of 客户.csv")]
    assert imports and "into group 客户 (new): 2 rows" in imports[0]
    assert "imported 1" in imports[0] and "invalid 1" in imports[0]
    syncs = [x for x in lines if x.startswith(f"sync {acct}: polled reports+replies")]
    assert syncs and "1 new replies (1 opt-outs)" in syncs[0]
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "Secret-Pw-91" not in text and "张三" not in text


def test_each_job_start_and_end_is_logged_at_info(env, caplog):
    from sms_desktop.core.jobs.model import JobControl, JobSpec

    caplog.set_level(logging.INFO, logger="sms_desktop")
    acct = env.add("jsm", password="Secret-Pw-92")
    control = JobControl()

    def pause_at_the_first_batch(p) -> None:
        if p.event == "batch":
            control.pause()

    numbers = [f"139{i:08d}" for i in range(1000)]  # 10 batches
    job = env.engine.create_job(JobSpec(acct, TEXT, [*numbers, "12345"]))
    env.engine.run_job(job, control=control, progress=pause_at_the_first_batch)
    env.engine.resume(job)
    lines = info_lines(caplog)
    assert f"job {job} started: account {acct}, 1001 recipients, 1000 to send" in lines
    ends = [x for x in lines if x.startswith(f"job {job} ended: ")]
    assert len(ends) == 2
    assert ends[0].startswith(f"job {job} ended: paused (unfinished), accepted ")
    assert ends[1].startswith(
        f"job {job} ended: done (ok), accepted 1000, rejected 0, unknown 0, skipped 1,"
        " still queued 0"
    )
    starts = [x for x in lines if x.startswith(f"job {job} started")]
    assert len(starts) == 2  # the resume too
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert TEXT not in text and "Secret-Pw-92" not in text and numbers[0] not in text

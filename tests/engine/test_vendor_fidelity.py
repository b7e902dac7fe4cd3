"""Vendor fidelity through the engine: what a job records when the gateway answers a variant
the vendor documents allow (the simulator's knobs, over real HTTP)."""

from __future__ import annotations

from sms_desktop.core.engine import JobSpec

PHONES = ["13800138000", "13900139000"]


def test_the_job_records_the_refusal_with_the_vendors_text(env):
    acct = env.add("ipyy")
    env.sim.send_refusals = {"ipyy": "需要签名"}
    job = env.engine.create_job(JobSpec(acct, "会议通知", PHONES))
    s = env.engine.run_job(job)
    assert (s.accepted, s.rejected, s.unknown) == (0, 2, 0)
    rows = env.engine.results(job)
    assert {r["state"] for r in rows} == {"rejected"}
    assert all("需要签名" in (r["message"] or "") for r in rows)
    # a certain refusal is not resent by a resume, and never counted as unknown
    env.engine.resume(job)
    assert env.engine.summary(job).unknown == 0

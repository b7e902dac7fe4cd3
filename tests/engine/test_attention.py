"""The end of a send in words (core/attention.py), and the outcome of an accepted-but-partly-
undelivered job: shared by the window and the CLI."""

from __future__ import annotations

from sms_desktop.core import attention
from sms_desktop.core.engine import JobOutcome, JobSummary


def summary(**kw) -> JobSummary:
    base = dict(
        job_id=7,
        account="a",
        state="done",
        recipients=0,
        accepted=0,
        rejected=0,
        unknown=0,
        skipped=0,
        queued=0,
        created_at="2026-01-01 00:00:00",
    )
    base.update(kw)
    return JobSummary(**base)


def test_a_job_all_accepted_but_one_undelivered_is_not_partly_sent():
    s = summary(recipients=10, accepted=10, delivered=9, undelivered=1)
    assert s.outcome == JobOutcome.UNDELIVERED
    assert summary(recipients=10, accepted=10, delivered=10).outcome == JobOutcome.OK
    assert summary(recipients=10, accepted=10, undelivered=10).outcome == JobOutcome.FAILED
    assert summary(recipients=10, accepted=9, rejected=1).outcome == JobOutcome.PARTIAL
    assert summary(recipients=3, accepted=2, undelivered=1, unknown=1).outcome == JobOutcome.PARTIAL
    words = attention.ending(s)
    assert words.zh == "任务 7 发送结束：1 个未送达。"
    assert words.en == "Job 7 ended: 1 undelivered."
    (a,) = attention.attention(s)
    assert a.state == "undelivered" and a.count == 1
    assert a.words.en == "1 recipient accepted by the gateway, but reported undelivered."


def test_every_outcome_that_needs_attention_is_stated_most_urgent_first():
    s = summary(recipients=500, accepted=380, rejected=20, unknown=100, undelivered=3)
    assert [a.state for a in attention.attention(s)] == ["unknown", "rejected", "undelivered"]
    assert attention.ending(s).zh == "任务 7 发送结束：100 个结果未知、20 个被拒、3 个未送达。"
    assert attention.ending(s).en == "Job 7 ended: 100 unknown, 20 rejected, 3 undelivered."
    report = attention.report(s)
    assert report.zh.splitlines()[1].startswith("100 个号码结果未知：请求可能已到达网关")
    assert report.pick("en").splitlines()[2] == "20 recipients rejected by the gateway: not sent."


def test_a_clean_send_and_the_count_words():
    s = summary(recipients=5, accepted=5, delivered=2, skipped=1)
    assert attention.attention(s) == []
    assert attention.ending(s).pick("zh_CN") == "任务 7：5 个号码已全部提交。"
    line = attention.counts(attention.summary_counts(s))
    assert line.zh == "已提交 5（已送达 2，未送达 0） · 被拒 0 · 结果未知 0 · 跳过 1 · 待发 0"
    assert (
        line.en
        == "5 accepted (2 delivered, 0 undelivered) · 0 rejected · 0 unknown · 1 skipped · 0 pending"
    )


def test_a_stopped_job_states_what_was_not_sent():
    paused = summary(state="paused", recipients=10, accepted=4, queued=6)
    assert [a.state for a in attention.attention(paused)] == ["queued"]
    assert attention.ending(paused).en == "Job 7 paused: 6 not sent yet."
    cancelled = summary(state="cancelled", recipients=10, accepted=4, skipped=6)
    assert attention.ending(cancelled).zh == "任务 7 已取消：4 个号码已提交，其余不再发送。"


def test_a_send_the_gateway_holds_until_its_time_is_not_sent_yet():
    """Accepted with the gateway's own schedule, its time not come: nothing has gone out."""
    from datetime import datetime, timedelta

    at = (datetime.now() + timedelta(days=1)).replace(microsecond=0)
    when = at.strftime("%Y-%m-%d %H:%M:%S")
    s = summary(recipients=3, accepted=3, send_at=when)
    assert s.outcome == JobOutcome.AT_GATEWAY
    assert attention.ending(s).zh.startswith(f"任务 7：3 个号码已提交，网关将于 {when}")
    assert attention.ending(s).zh.endswith("发送。") and "全部" not in attention.ending(s).zh
    assert f"the gateway holds them until {when}" in attention.ending(s).en
    # once its time has come, it is sent as any other
    past = summary(recipients=3, accepted=3, send_at="2020-01-01 09:00:00")
    assert past.outcome == JobOutcome.OK and attention.at_gateway(past) is None
    # some refused: they are stated first, the accepted ones still wait at the gateway
    mixed = summary(recipients=3, accepted=2, rejected=1, send_at=when)
    assert mixed.outcome == JobOutcome.PARTIAL
    assert attention.ending(mixed).zh.startswith("任务 7 发送结束：1 个被拒；2 个已提交，网关将于")

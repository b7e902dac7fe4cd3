"""How the end of a send is worded, in one place for every client: the window's progress panel,
its status bar and tray notices, the dialog at the end of a send and the 发送记录 list, and the
CLI.

A send's recipients are told apart by what is known about them: **accepted** (已提交: the
gateway took the request; no report yet), **delivered** (已送达) or **undelivered** (未送达) by
the delivery report, **rejected** (被拒: a certain refusal), **unknown** (结果未知: the request
may have reached the gateway; never resent automatically), **skipped** (跳过: invalid,
duplicate, blacklisted, cancelled) and **queued** (待发). Unknown, rejected and undelivered
recipients need the user's attention: :func:`attention` states each of them, and a send that
ends with any of them never reads as simply "sent".

Every text is a :class:`Words` pair (Chinese, English): ``str()`` gives the core's usual
``"中文 / English"``, :meth:`Words.pick` one language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from .jobs.model import JobState, MsgState
from .vendortime import local_and_beijing
from .wording import count_en

QUEUED, SENDING, ACCEPTED, REJECTED = (
    MsgState.QUEUED,
    MsgState.SENDING,
    MsgState.ACCEPTED,
    MsgState.REJECTED,
)
UNKNOWN, DELIVERED, UNDELIVERED, SKIPPED = (
    MsgState.UNKNOWN,
    MsgState.DELIVERED,
    MsgState.UNDELIVERED,
    MsgState.SKIPPED,
)


@dataclass(frozen=True)
class Words:
    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"

    def pick(self, lang: str | None) -> str:
        """One language: English for ``en…``, else Chinese."""
        return self.en if (lang or "").startswith("en") else self.zh


@dataclass(frozen=True)
class Attention:
    """One outcome that needs attention: its state, how many recipients, and the sentence."""

    state: str  # UNKNOWN, REJECTED, UNDELIVERED, or QUEUED (a stopped job's unsent ones)
    count: int
    words: Words


class Counted(Protocol):
    """A JobSummary's counts (engine.JobSummary: ``accepted`` includes the reported ones)."""

    job_id: int
    state: str
    accepted: int
    delivered: int
    undelivered: int
    rejected: int
    unknown: int
    skipped: int
    queued: int
    sending: int

    def gateway_holds_until(self) -> datetime | None: ...


def summary_counts(s: Counted) -> dict[str, int]:
    """A summary's counts by message state (accepted without the reported ones)."""
    return {
        ACCEPTED: max(0, s.accepted - s.delivered - s.undelivered),
        DELIVERED: s.delivered,
        UNDELIVERED: s.undelivered,
        REJECTED: s.rejected,
        UNKNOWN: s.unknown,
        SKIPPED: s.skipped,
        QUEUED: s.queued,
        SENDING: s.sending,  # in flight while the job runs; counted with 待发
    }


def counts(c: Mapping[str, int]) -> Words:
    """Counts by message state (a Progress's ``counts``, or :func:`summary_counts`) in one line:
    ``已提交 480（已送达 300，未送达 1） · 被拒 10 · 结果未知 100 · 跳过 2 · 待发 8``."""
    delivered, undelivered = c.get(DELIVERED, 0), c.get(UNDELIVERED, 0)
    accepted = c.get(ACCEPTED, 0) + delivered + undelivered
    queued = c.get(QUEUED, 0) + c.get(SENDING, 0)
    zh = f"已提交 {accepted:,}"
    en = f"{accepted:,} accepted"
    if delivered or undelivered:
        zh += f"（已送达 {delivered:,}，未送达 {undelivered:,}）"
        en += f" ({delivered:,} delivered, {undelivered:,} undelivered)"
    rest = (
        ("被拒", "rejected", c.get(REJECTED, 0)),
        ("结果未知", "unknown", c.get(UNKNOWN, 0)),
        ("跳过", "skipped", c.get(SKIPPED, 0)),
        ("待发", "pending", queued),
    )
    zh += "".join(f" · {word} {n:,}" for word, _, n in rest)
    en += "".join(f" · {n:,} {word}" for _, word, n in rest)
    return Words(zh, en)


def attention(s: Counted) -> list[Attention]:
    """The outcomes of a job that need attention, most urgent first (empty: all is well)."""
    out: list[Attention] = []
    if s.unknown:
        n = s.unknown
        out.append(
            Attention(
                UNKNOWN,
                n,
                Words(
                    f"{n:,} 个号码结果未知：请求可能已到达网关，这些号码可能已收到短信；"
                    "不会自动重发。",
                    f"{count_en(f'{n:,}', 'recipient')} with an unknown outcome: the request may"
                    " have reached the gateway, so they may have received the message; they are"
                    " never resent automatically.",
                ),
            )
        )
    if s.rejected:
        n = s.rejected
        out.append(
            Attention(
                REJECTED,
                n,
                Words(
                    f"{n:,} 个号码被网关拒绝，没有发出。",
                    f"{count_en(f'{n:,}', 'recipient')} rejected by the gateway: not sent.",
                ),
            )
        )
    if s.undelivered:
        n = s.undelivered
        out.append(
            Attention(
                UNDELIVERED,
                n,
                Words(
                    f"{n:,} 个号码网关已接收，但状态报告为未送达。",
                    f"{count_en(f'{n:,}', 'recipient')} accepted by the gateway, but reported"
                    " undelivered.",
                ),
            )
        )
    if s.queued and s.state in (JobState.PAUSED, JobState.INTERRUPTED):
        n = s.queued
        out.append(
            Attention(
                QUEUED,
                n,
                Words(
                    f"{n:,} 个号码尚未发送。",
                    f"{count_en(f'{n:,}', 'recipient')} not sent yet.",
                ),
            )
        )
    return out


def at_gateway(s: Counted) -> Words | None:
    """``已提交，网关将于 <time> 发送`` while the gateway holds a job's accepted messages until
    its own send time (the time local, with Beijing time beside it when they differ); else None.
    Such a send has not gone out: it never reads as sent or done."""
    at = s.gateway_holds_until()
    if at is None:
        return None
    when_zh, when_en = local_and_beijing(at)
    gap = "" if when_zh.endswith("）") else " "  # no space after a full-width bracket
    return Words(
        f"已提交，网关将于 {when_zh}{gap}发送",
        f"accepted; the gateway holds them until {when_en}",
    )


def ending(s: Counted) -> Words:
    """The first line at the end of a send: sent, or what needs attention (see :func:`attention`
    for the sentences that follow)."""
    found = attention(s)
    sent = s.accepted
    held = at_gateway(s)
    if held is not None and not found:
        return Words(
            f"任务 {s.job_id}：{sent:,} 个号码{held.zh}。",
            f"Job {s.job_id}: {count_en(f'{sent:,}', 'recipient')} {held.en}.",
        )
    if not found and s.state == JobState.CANCELLED:
        return Words(
            f"任务 {s.job_id} 已取消：{sent:,} 个号码已提交，其余不再发送。",
            f"Job {s.job_id} cancelled: {count_en(f'{sent:,}', 'recipient')} accepted, the"
            " others are not sent.",
        )
    if not found and s.state != JobState.DONE:
        return Words(
            f"任务 {s.job_id}：{sent:,} 个号码已提交。",
            f"Job {s.job_id}: {count_en(f'{sent:,}', 'recipient')} accepted.",
        )
    if not found:
        return Words(
            f"任务 {s.job_id}：{sent:,} 个号码已全部提交。",
            f"Job {s.job_id}: all {count_en(f'{sent:,}', 'recipient')} accepted.",
        )
    zh = "、".join(_short_zh(a) for a in found)
    en = ", ".join(_short_en(a) for a in found)
    if held is not None:  # the accepted ones wait at the gateway
        zh += f"；{sent:,} 个{held.zh}"
        en += f"; {count_en(f'{sent:,}', 'recipient')} {held.en}"
    how_zh, how_en = _STOPPED.get(s.state, ("发送结束", "ended"))
    return Words(f"任务 {s.job_id} {how_zh}：{zh}。", f"Job {s.job_id} {how_en}: {en}.")


_STOPPED = {
    JobState.PAUSED: ("已暂停", "paused"),
    JobState.INTERRUPTED: ("已中断", "interrupted"),
    JobState.CANCELLED: ("已取消", "cancelled"),
}


def _short_zh(a: Attention) -> str:
    return {
        UNKNOWN: f"{a.count:,} 个结果未知",
        REJECTED: f"{a.count:,} 个被拒",
        UNDELIVERED: f"{a.count:,} 个未送达",
        QUEUED: f"{a.count:,} 个尚未发送",
    }[a.state]


def _short_en(a: Attention) -> str:
    return {
        UNKNOWN: f"{a.count:,} unknown",
        REJECTED: f"{a.count:,} rejected",
        UNDELIVERED: f"{a.count:,} undelivered",
        QUEUED: f"{a.count:,} not sent yet",
    }[a.state]


def report(s: Counted) -> Words:
    """The whole end of a send: :func:`ending`, then each :func:`attention` sentence on a line."""
    lines = [ending(s), *(a.words for a in attention(s))]
    return Words("\n".join(w.zh for w in lines), "\n".join(w.en for w in lines))

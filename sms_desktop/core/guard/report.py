"""What the guard finds in a send before it is stored: the kind the text suggests and the one
given, the marketing window at the send time, the numbers a cap would skip, the signature and
the opt-out marker. Part of the estimate (``Estimate.guard``), so the confirmation, ``send
--dry-run`` and ``Engine.create_job`` see the same findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .. import segments
from ..errors import InputError
from ..vendortime import local_and_beijing, to_beijing
from .caps import CapCount
from .rules import Caps, JobKind, KindSuggestion, MarketingWindow, SignatureFinding


class KindNotConfirmed(InputError):
    """The text reads as marketing and the kind was not given: the user must say which."""


class OptOutMissing(InputError):
    """A marketing text that does not end with the account's opt-out marker."""


_TIME = "%Y-%m-%d %H:%M:%S"


@dataclass
class GuardReport:
    suggestion: KindSuggestion
    kind: str | None  # as given; None: not stated (notification assumed unless suggested)
    window: MarketingWindow
    caps: Caps
    optout: str  # the account's opt-out suffix
    ignore_window: bool = False
    test: bool = False  # a test send to the user's own numbers: no window, no caps
    template: bool = False  # the gateway's template carries signature and marker
    # for a marketing job: the window's next opening when it is closed at the send time, else
    # when it closes after the send starts (the PC's local time)
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    signature: list[SignatureFinding] = field(default_factory=list)
    optout_missing: bool = False  # the text does not end with the marker
    # with the marker appended: the longest message's characters and parts, the total parts
    optout_chars: int = 0
    optout_parts: int = 0
    optout_total_parts: int = 0
    capped: dict[str, CapCount] | None = None  # per kind; None: not counted (live estimate)

    @property
    def effective_kind(self) -> str:
        """The kind given, else the suggestion's."""
        return self.kind or self.suggestion.kind

    @property
    def assumed(self) -> bool:
        """No kind was given and none was needed: notification, as the text suggests."""
        return self.kind is None and not self.suggestion.marketing

    def held_until(self, kind: str | None = None) -> datetime | None:
        """When a job of ``kind`` would start: the window's next opening for a marketing job
        outside it (not overridden, not a test), else None (now, or its own send time)."""
        kind = kind or self.effective_kind
        if kind != JobKind.MARKETING or self.ignore_window or self.test:
            return None
        return self.opens_at

    def paused_at(self, kind: str | None = None) -> datetime | None:
        """When a job of ``kind`` that starts in the window pauses at its end (the rest goes on
        at the next opening)."""
        kind = kind or self.effective_kind
        if kind != JobKind.MARKETING or self.ignore_window or self.test or self.opens_at:
            return None
        return self.closes_at

    def capped_count(self, kind: str | None = None) -> CapCount | None:
        if self.capped is None or self.test:
            return None
        return self.capped[kind or self.effective_kind]

    def needs_optout(self, kind: str | None = None) -> bool:
        return (kind or self.effective_kind) == JobKind.MARKETING and self.optout_missing

    def problems(self, kind: str | None = None) -> list[InputError]:
        """Why a job of ``kind`` (default: as given) would be refused."""
        out: list[InputError] = []
        given = kind or self.kind
        if given is None and self.suggestion.marketing:
            zh, en = self.suggestion.reasons()
            out.append(
                KindNotConfirmed(
                    f"内容像营销短信（{zh}）：请确认任务类型，通知或营销。"
                    f" / The text reads as marketing ({en}): confirm the job's kind,"
                    " notification or marketing."
                )
            )
        if self.needs_optout(given or JobKind.NOTICE):
            out.append(
                OptOutMissing(
                    f"营销短信须以退订提示“{self.optout}”结尾（加上后每条最多"
                    f" {self.optout_chars} 字，计 {self.optout_parts} 条）。"
                    f" / A marketing text must end with the opt-out marker {self.optout}"
                    f" (with it, at most {self.optout_chars} characters,"
                    f" {self.optout_parts} part(s) each)."
                )
            )
        return out

    def warnings(self, kind: str | None = None) -> list[str]:
        """What the user should know, as "中文 / English" lines (the problems are not here)."""
        kind = kind or self.effective_kind
        out = [f.message() for f in self.signature]
        held = self.held_until(kind)
        if held is not None:
            zh, en = local_and_beijing(held)
            out.append(
                f"现在不在营销时段（北京时间 {self.window.text()}）：任务将保留到 {zh} 再发出。"
                f" / Outside the marketing window (Beijing time {self.window.text()}): the job"
                f" is held until {en}."
            )
        paused = self.paused_at(kind)
        if paused is not None:
            zh, en = local_and_beijing(paused)
            out.append(
                f"营销时段于 {zh} 结束：届时未发完的部分暂停，到下一个时段继续。"
                f" / The marketing window ends at {en}: what is not sent by then waits for"
                " the next opening."
            )
        if kind == JobKind.MARKETING and self.ignore_window:
            out.append(
                "已选择忽略营销时段（记录在任务上）。 / The marketing window is overridden"
                " (recorded on the job)."
            )
        capped = self.capped_count(kind)
        if capped is not None and capped.total:
            parts_zh = "、".join(
                f"{self.caps.describe(r)[0]} {n}" for r, n in capped.by_rule.items()
            )
            parts_en = ", ".join(
                f"{self.caps.describe(r)[1]}: {n}" for r, n in capped.by_rule.items()
            )
            out.append(
                f"频次限制：{capped.total} 个号码超出限制，将跳过（{parts_zh}）。"
                f" / Frequency caps: {capped.total} numbers are over a cap and will be skipped"
                f" ({parts_en})."
            )
        return out

    def lines(self, kind: str | None = None) -> list[str]:
        """The kind, in a line (Chinese / English), then the warnings."""
        kind = kind or self.effective_kind
        zh, en = JobKind.LABELS[kind]
        line = f"任务类型：{zh} / job kind: {en}"
        if self.assumed and kind == JobKind.NOTICE:
            line = (
                f"任务类型：{zh}（内容未见营销特征，按通知发送；营销短信请注明）"
                f" / job kind: {en} (assumed: nothing in the text suggests marketing)"
            )
        elif self.suggestion.marketing:
            szh, sen = self.suggestion.reasons()
            line += f"（内容{szh}） / (the text holds {sen})"
        return [line, *self.warnings(kind)]

    def to_dict(self, kind: str | None = None) -> dict[str, Any]:
        kind = kind or self.effective_kind
        held = self.held_until(kind)
        paused = self.paused_at(kind)
        capped = self.capped_count(kind)

        def t(x: datetime | None) -> str | None:
            return x.strftime(_TIME) if x else None

        return {
            "kind": kind,
            "kind_given": self.kind,
            "kind_assumed": self.assumed,
            "suggested_kind": self.suggestion.kind,
            "marketing_words": list(self.suggestion.words),
            "links": list(self.suggestion.links),
            "test": self.test,
            "window": self.window.text(),
            "window_timezone": "Asia/Shanghai",
            "ignore_window": self.ignore_window,
            "held_until": t(held),
            "held_until_beijing": t(to_beijing(held)) if held else None,
            "pauses_at": t(paused),
            "pauses_at_beijing": t(to_beijing(paused)) if paused else None,
            "capped": capped.as_dict(self.caps) if capped is not None else None,
            "signature": [
                {"code": f.code, "signature": f.signature, "other": f.other, "message": f.message()}
                for f in self.signature
            ],
            "optout_suffix": self.optout,
            "optout_missing": self.optout_missing and not self.template,
            "optout_needed": self.needs_optout(kind),
            "with_optout": {
                "chars_max": self.optout_chars,
                "parts_max": self.optout_parts,
                "total_parts": self.optout_total_parts,
            }
            if self.optout_missing
            else None,
            "warnings": self.warnings(kind),
            "errors": [str(e) for e in self.problems()],
        }


def optout_counts(chars: list[int], suffix: str) -> tuple[int, int, int]:
    """The longest message's characters and parts, and the total parts, with ``suffix`` added
    to every text (the core's segment count)."""
    extra = segments.char_count(suffix)
    table = {c: segments.parts_for_length(c + extra) for c in set(chars)}
    longest = max(chars, default=0) + extra
    return longest, segments.parts_for_length(longest), sum(map(table.__getitem__, chars))

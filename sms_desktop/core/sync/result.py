"""What a sync brings in (:class:`SyncResult`), and the kinds of body it handles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("reports", "replies")  # what a pull asks the gateway for, one request per kind
PUSH_KIND = "push"  # a body the gateway pushed to the receiver (qxt)
PARSEABLE_KINDS = (*KINDS, PUSH_KIND)


@dataclass
class SyncResult:
    """What one sync (or one re-parse, or one push) brought in."""

    new_reports: list[dict[str, Any]] = field(default_factory=list)
    new_replies: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped_reason: str | None = None
    account: str = ""
    wait_seconds: float | None = None  # set with skipped_reason when polled too soon
    polled: list[str] = field(default_factory=list)  # kinds actually requested from the gateway
    recovered: int = 0  # raw bodies left unparsed by an earlier crash and applied now
    applied: list[int] = field(default_factory=list)  # ids of the raw bodies applied
    # reports stored earlier without a match that matched a message now (rematch_reports)
    rematched: list[dict[str, Any]] = field(default_factory=list)
    # records of a pulled body that could not be parsed (kept raw; the others were applied)
    unparsed: int = 0
    pages: dict[str, int] = field(default_factory=dict)  # kind: requests made (pages pulled)
    # kinds whose last page was full when the sync stopped (its bound on pages, or the vendor's
    # interval): more may be waiting at the gateway
    more: list[str] = field(default_factory=list)
    # what this PC's keyring lacks of the account's credentials (PasswordMissingError.missing):
    # nothing was pulled; the window asks for them
    missing_secrets: list[str] = field(default_factory=list)

    def merge(self, other: SyncResult) -> SyncResult:
        self.new_reports.extend(other.new_reports)
        self.new_replies.extend(other.new_replies)
        self.errors.extend(other.errors)
        self.recovered += other.recovered
        self.applied.extend(other.applied)
        self.rematched.extend(other.rematched)
        self.unparsed += other.unparsed
        for kind, n in other.pages.items():
            self.pages[kind] = self.pages.get(kind, 0) + n
        self.more.extend(k for k in other.more if k not in self.more)
        return self

    @property
    def opt_outs(self) -> list[dict[str, Any]]:
        return [r for r in self.new_replies if r.get("opt_out")]

    @property
    def unmatched_reports(self) -> list[dict[str, Any]]:
        return [r for r in self.new_reports if r.get("message_id") is None]

    def log_line(self) -> str:
        """What it brought in, as counts for the log (no numbers or texts of the replies)."""
        line = (
            f"polled {'+'.join(self.polled) or 'nothing'}: {len(self.new_reports)} new reports"
            f" ({len(self.unmatched_reports)} unmatched), {len(self.new_replies)} new replies"
            f" ({len(self.opt_outs)} opt-outs), {len(self.rematched)} rematched,"
            f" {self.recovered} recovered, {self.unparsed} unparsed, {len(self.errors)} errors"
        )
        if self.pages:
            line += ", pages " + " ".join(f"{k}={n}" for k, n in self.pages.items())
        if self.more:
            line += f"; more may be waiting: {'+'.join(self.more)}"
        return line + "".join(f"; error: {e}" for e in self.errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "reports": self.new_reports,
            "replies": self.new_replies,
            "errors": self.errors,
            "skipped_reason": self.skipped_reason,
            "wait_seconds": self.wait_seconds,
            "polled": self.polled,
            "recovered": self.recovered,
            "rematched": self.rematched,
            "unparsed": self.unparsed,
            "pages": self.pages,
            "more": self.more,
        }


def code_text(code: Any) -> str:
    """A CodeInfo as one line: Chinese / English [vendor text]."""
    zh = getattr(code, "zh", "") or ""
    en = getattr(code, "en", "") or ""
    vendor = getattr(code, "vendor_text", "") or ""
    text = " / ".join(p for p in (zh, en) if p) or str(getattr(code, "code", code))
    if vendor and vendor not in text:
        text += f" [{vendor}]"
    return text

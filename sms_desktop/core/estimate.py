"""The compose estimate: what a send would do, computed before anything is stored or sent.

Both clients use it: the GUI on every (debounced) keystroke in a worker, for its live counts and
its confirmation; the CLI for ``send --dry-run`` and the totals it prints before sending. The
engine runs the same function in :meth:`Engine.create_job` and refuses the job when the estimate
has ``errors``, so a preview and the job it creates always agree.

Pure: no database, no network, no keyring. Callers hand in the blacklist and the last known
balance (:meth:`Engine.estimate` loads them).
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any

from . import bilingual, segments
from .accounts import Account
from .charsets import canonical, codec, unencodable_chars
from .contacts.placeholders import BUILTIN
from .contacts.placeholders import placeholders as find_placeholders
from .contacts.recipients import (
    Recipient,
    RejectedRecipient,
    Screened,
    SkipReason,
    ValidRecipient,
    screen,
)
from .errors import InputError, UnencodableTextError
from .gateways import Gateway, Template, Transport, gateway_class
from .gateways.base import MAX_LENGTH_OPTION
from .guard import (
    GuardReport,
    GuardSettings,
    JobKind,
    check_signature,
    ends_with_optout,
    optout_counts,
    optout_of,
    suggest_kind,
    window_of,
)
from .vendortime import local_and_beijing, to_beijing
from .wording import agree_en, count_en

__all__ = [
    "PAST_TOLERANCE",
    "EmptyFields",
    "Estimate",
    "Estimator",
    "check_send_at",
    "estimate",
]

# A --at time at most this far in the past means "now" (the time it took to type it); further in
# the past it is bad input (a mistyped year must not send at once).
PAST_TOLERANCE = timedelta(minutes=1)

_PLACEHOLDER_RE = re.compile(r"\{([^{}\n]{1,40})\}")  # as contacts.placeholders reads them


class EmptyFields:
    """What a placeholder without a value does (``JobSpec.empty_fields``)."""

    ERROR = "error"  # the whole send is refused (numbers typed or pasted: nothing to fill it)
    SKIP = "skip"  # that recipient is skipped with the reason (rows of a file or a group)
    ALLOW = "allow"  # sent with the placeholder empty (``--allow-empty-fields``)

    ALL = (ERROR, SKIP, ALLOW)


def check_send_at(send_at: datetime | None, now: datetime | None = None) -> datetime | None:
    """The time to send at (local, whole seconds), or None for now.

    A time up to :data:`PAST_TOLERANCE` in the past means now; one further in the past raises
    InputError (nothing is stored or sent).
    """
    if send_at is None:
        return None
    if send_at.tzinfo is not None:
        send_at = send_at.astimezone().replace(tzinfo=None)
    send_at = send_at.replace(microsecond=0)
    now = now or datetime.now().replace(microsecond=0)
    if send_at <= now:
        if now - send_at > PAST_TOLERANCE:
            t = send_at.strftime("%Y-%m-%d %H:%M:%S")
            raise InputError(
                f"定时时间 {t} 已经过去，请检查日期。"
                f" / The send time {t} is in the past; check the date."
            )
        return None
    return send_at


@dataclass
class Estimate:
    """What a send would do. ``problems`` empty (``ok``) means ``Engine.create_job`` accepts it.

    The lists (``valid`` and the rejected ones) may be shared with the :class:`Estimator` that
    made it, between estimates: read them, do not modify them.
    """

    account: str
    family: str
    charset: str
    length_cap: int  # characters per message, signature included
    batch_limit: int  # recipients per request
    signature: str  # as prepended, with its brackets ("" when none)
    template: bool  # a jsm template send
    recipients: int  # entries given
    valid: list[ValidRecipient] = field(default_factory=list)
    # per valid recipient, in the same order: the characters and parts of the text as sent
    # (signature included); ``texts`` (below) gives the texts themselves
    chars: list[int] = field(default_factory=list)
    parts: list[int] = field(default_factory=list)
    invalid: list[RejectedRecipient] = field(default_factory=list)
    duplicate: list[RejectedRecipient] = field(default_factory=list)
    blacklisted: list[RejectedRecipient] = field(default_factory=list)
    empty_field: list[RejectedRecipient] = field(default_factory=list)
    chars_min: int = 0
    chars_max: int = 0
    parts_min: int = 0
    parts_max: int = 0
    total_parts: int = 0  # billed messages: the estimated cost, in the balance's unit
    distinct_texts: int = 0
    requests: int = 0  # HTTP send requests: per distinct text, ceil(recipients / batch_limit)
    unencodable: list[str] = field(default_factory=list)  # characters the charset cannot carry
    over_cap: list[ValidRecipient] = field(default_factory=list)  # texts above length_cap
    unknown_placeholders: list[str] = field(default_factory=list)
    send_at: datetime | None = None  # None = now
    held_locally: bool = False  # the computer must be on, with the application running, then
    held_by: HeldBy | None = None  # who sends it at its time, when ``held_locally``
    balance: float | None = None  # the last known balance, in messages
    balance_read_at: str | None = None
    postpaid: bool = False  # billed afterwards: no balance to weigh the cost against
    # why the send would be refused, as the exceptions create_job raises (the first of them):
    # an UnencodableTextError keeps its charset and characters for the editor's highlighting
    problems: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # the compliance guard's findings (kind, marketing window, caps, signature, opt-out marker)
    guard: GuardReport | None = None
    seconds: float = 0.0  # time taken to compute this estimate
    _texts: list[str] | None = field(default=None, repr=False)
    _render: Callable[[ValidRecipient], str] | None = field(default=None, repr=False)
    _carriers: dict[str, int] | None = field(default=None, repr=False)

    def carriers(self) -> dict[str, int]:
        """The valid recipients per carrier of their number's block (号段归属, in
        ``core.carriers.CARRIERS`` order): what each block was allocated to, which a ported
        number (携号转网) no longer is. Counted on first call: call it in a worker (100,000
        numbers take up to a second, the first time in a process)."""
        if self._carriers is None:
            from .carriers import breakdown

            self._carriers = breakdown(v.phone for v in self.valid)
        return self._carriers

    @property
    def texts(self) -> list[str]:
        """Per valid recipient: the text as stored (without the signature, which the gateway
        adds). Rendered on first use: a keystroke estimate only counts."""
        if self._texts is None:
            render = self._render
            self._texts = [render(v) for v in self.valid] if render else []
        return self._texts

    def text_of(self, i: int) -> str:
        """The stored text of ``valid[i]`` (without rendering the others)."""
        if self._texts is not None or self._render is None:
            return self.texts[i]
        return self._render(self.valid[i])

    @property
    def errors(self) -> list[str]:
        """The problems as messages (Chinese / English)."""
        return [str(e) for e in self.problems]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rejected(self) -> list[RejectedRecipient]:
        """Every recipient not sent to, in list order."""
        out = [*self.invalid, *self.duplicate, *self.blacklisted, *self.empty_field]
        out.sort(key=lambda r: r.seq)
        return out

    @property
    def balance_after(self) -> float | None:
        return None if self.balance is None else self.balance - self.total_parts

    @property
    def exceeds_balance(self) -> bool:
        return self.balance is not None and self.total_parts > self.balance

    def preview(self, n: int = 5) -> list[str]:
        """The first ``n`` texts as they will be sent (signature included)."""
        return [
            segments.with_signature(self.text_of(i), self.signature)
            for i in range(min(n, len(self.valid)))
        ]

    def counts(self) -> dict[str, int]:
        return {
            "recipients": self.recipients,
            "valid": len(self.valid),
            "invalid": len(self.invalid),
            "duplicate": len(self.duplicate),
            "blacklisted": len(self.blacklisted),
            "empty_field": len(self.empty_field),
            "over_cap": len(self.over_cap),
        }

    def to_dict(self, limit: int = 50) -> dict[str, Any]:
        """JSON-ready totals, with at most ``limit`` entries of each list."""

        def rows(items: list[RejectedRecipient]) -> list[dict[str, Any]]:
            return [r.to_dict() for r in items[:limit]]

        return {
            "account": self.account,
            "family": self.family,
            "charset": self.charset,
            "length_cap": self.length_cap,
            "batch_limit": self.batch_limit,
            "signature": self.signature,
            **self.counts(),
            "chars_min": self.chars_min,
            "chars_max": self.chars_max,
            "parts_min": self.parts_min,
            "parts_max": self.parts_max,
            "total_parts": self.total_parts,
            "distinct_texts": self.distinct_texts,
            "requests": self.requests,
            "unencodable": self.unencodable,
            "unknown_placeholders": self.unknown_placeholders,
            "send_at": self.send_at.strftime("%Y-%m-%d %H:%M:%S") if self.send_at else None,
            "send_at_beijing": (  # the gateways' clock
                to_beijing(self.send_at).strftime("%Y-%m-%d %H:%M:%S") if self.send_at else None
            ),
            "held_locally": self.held_locally,
            "balance": self.balance,
            "balance_read_at": self.balance_read_at,
            "balance_after": self.balance_after,
            "exceeds_balance": self.exceeds_balance,
            "postpaid": self.postpaid,
            "carriers": self.carriers(),
            "preview": self.preview(3),
            "rejected": {
                "invalid": rows(self.invalid),
                "duplicate": rows(self.duplicate),
                "blacklisted": rows(self.blacklisted),
                "empty_field": rows(self.empty_field),
                "over_cap": [{"seq": v.seq, "row": v.row, "phone": v.phone} for v in self.over_cap][
                    :limit
                ],
            },
            "errors": self.errors,
            "warnings": self.warnings,
            "guard": self.guard.to_dict() if self.guard is not None else None,
        }

    def summary_lines(self) -> list[str]:
        """The totals in two short lines (Chinese, then English), as the CLI prints them, then
        the carriers of the valid numbers' blocks in two more."""
        c = self.counts()
        chars = (
            f"{self.chars_min}"
            if self.chars_min == self.chars_max
            else f"{self.chars_min}–{self.chars_max}"
        )
        parts = (
            f"{self.parts_min}"
            if self.parts_min == self.parts_max
            else f"{self.parts_min}–{self.parts_max}"
        )
        bal = ""
        bal_en = ""
        if self.send_at is not None:  # local time, with Beijing time beside it if it differs
            when_zh, when_en = local_and_beijing(self.send_at)
            bal, bal_en = f"；定时 {when_zh}", f"; scheduled for {when_en}"
        if self.postpaid:
            bal, bal_en = bal + "，后付费账户", bal_en + ", postpaid account"
        elif self.balance is not None:
            shown = int(self.balance) if float(self.balance).is_integer() else self.balance
            bal += f"，余额 {shown} 条"
            bal_en += f", balance {shown}"
            if self.exceeds_balance:
                bal += "（不足）"
                bal_en += " (not enough)"
        from .carriers import breakdown_text

        blocks = self.carriers()
        return [
            f"预估：号码 {c['recipients']}，有效 {c['valid']}，无效 {c['invalid']}，"
            f"重复 {c['duplicate']}，黑名单 {c['blacklisted']}，空字段 {c['empty_field']}；"
            f"每条 {chars} 字 {parts} 条计费，共 {self.total_parts} 条，请求 {self.requests} 次{bal}",
            f"estimate: {count_en(c['recipients'], 'recipient')}, {c['valid']} valid,"
            f" {c['invalid']} invalid, {c['duplicate']} duplicate, {c['blacklisted']} blacklisted,"
            f" {c['empty_field']} empty field; {count_en(chars, 'character')},"
            f" {count_en(parts, 'part')} each, {count_en(self.total_parts, 'part')} in total,"
            f" {count_en(self.requests, 'request')}{bal_en}",
            *(
                [
                    f"号段归属（携号转网的号码可能已不同）：{breakdown_text(blocks)}",
                    f"number blocks (ported numbers may differ): {breakdown_text(blocks, 'en')}",
                ]
                if blocks
                else []
            ),
        ]


_OFFLINE: Transport | None = None


def offline_gateway(account: Account) -> Gateway:
    """The account's gateway client for checks only: no password, never sends."""
    global _OFFLINE
    if _OFFLINE is None:
        _OFFLINE = Transport()
    return gateway_class(account.family)(account.config(""), _OFFLINE)


def _fmt_placeholders(names: Sequence[str]) -> tuple[str, str]:
    zh = "、".join("{" + m + "}" for m in names)
    en = ", ".join("{" + m + "}" for m in names)
    return zh, en


@dataclass(frozen=True)
class HeldBy:
    """Who sends a job held until its time on this store: ``"service"`` (the live sender
    service, on ``host``), ``"office"`` (any PC with the program open, or a service, on the
    office server's store) or ``"this_pc"`` (this PC's own file: this PC only)."""

    kind: str
    host: str = ""

    def words(self) -> tuple[str, str]:
        """Where the send is kept and who sends it, as a clause after "定时任务" / "The send is"
        (Chinese, English)."""
        if self.kind == "service":
            return (
                f"保存在办公室服务器上，到时由发送服务（主机 {self.host}）发出，本机可以关机",
                f"kept on the office server: the sender service (host {self.host}) sends it"
                " then, and this PC may be switched off",
            )
        if self.kind == "office":
            return (
                "保存在办公室服务器上，到时由任何一台开着本程序、保存了该账户密码的电脑"
                "（或发送服务）发出：那时至少要有一台开着",
                "kept on the office server: any PC with the application open and the account's"
                " password (or the sender service) sends it then, so one must be running",
            )
        return (
            "由本机保存：到时这台电脑必须开机并运行本程序",
            "held on this computer: it must be on, with the application running, then",
        )


class Estimator:
    """Estimates for one account and one recipient list, as the text changes.

    The screening of the recipients (numbers, duplicates, blacklist, empty fields) depends on
    the text only through its placeholders, so it is kept between calls: a compose page makes
    one Estimator when the recipients or the account change, and calls :meth:`estimate` on
    every (debounced) keystroke. Not thread-safe: use one per worker.
    """

    def __init__(
        self,
        account: Account,
        recipients: Sequence[Recipient | str],
        *,
        blacklist: Collection[str] = (),
        balance: float | None = None,
        balance_read_at: str | None = None,
        postpaid: bool = False,
        gateway: Gateway | None = None,
        guard: GuardSettings | None = None,
        held_by: HeldBy | None = None,
    ) -> None:
        self.account = account
        self.guard = guard or GuardSettings()
        # who sends a send held until its time (the store's, see jobs.lease.held_by)
        self.held_by = held_by or HeldBy("this_pc")
        self.recipients = recipients
        self.blacklist = blacklist
        self.postpaid = postpaid  # a postpaid account has no balance to run out of
        self.balance = None if postpaid else balance
        self.balance_read_at = balance_read_at
        self.gateway = gateway or offline_gateway(account)
        self._field_names: set[str] | None = None
        self._screens: dict[tuple[tuple[str, ...], bool], Screened] = {}
        self._columns: dict[tuple[int, str], _Column] = {}  # (id of a kept Screened, name)

    def field_names(self) -> set[str]:
        """Every name a ``{列名}`` can use with these recipients (built-in names included)."""
        if self._field_names is None:
            names: set[str] = set(BUILTIN)
            for r in self.recipients:
                if isinstance(r, Recipient) and r.fields:
                    names.update(r.fields)
            self._field_names = names
        return self._field_names

    def screened(self, placeholders: Sequence[str], allow_empty_fields: bool) -> Screened:
        key = (tuple(placeholders), allow_empty_fields)
        hit = self._screens.get(key)
        if hit is None:
            hit = screen(
                self.recipients,
                allow_landline=self.gateway.capabilities.landlines,
                blacklist=self.blacklist,
                placeholders=placeholders,
                allow_empty_fields=allow_empty_fields,
            )
            if len(self._screens) >= 4:
                gone = self._screens.pop(next(iter(self._screens)))
                for k in [k for k in self._columns if k[0] == id(gone)]:
                    del self._columns[k]
            self._screens[key] = hit
        return hit

    def _column_getter(self, screened: Screened) -> Callable[[str], _Column]:
        def column(name: str) -> _Column:
            key = (id(screened), name)
            col = self._columns.get(key)
            if col is None:
                col = _Column([v.values[name] for v in screened.valid])
                self._columns[key] = col
            return col

        return column

    def estimate(
        self,
        text: str,
        *,
        template_id: str | None = None,
        template_vars: Sequence[str] = (),
        send_at: datetime | None = None,
        extno: str | None = None,
        empty_fields: str = EmptyFields.SKIP,
        now: datetime | None = None,
        kind: str | None = None,
        ignore_window: bool = False,
        test: bool = False,
    ) -> Estimate:
        """See :func:`estimate`."""
        t0 = time.perf_counter()
        account, recipients, gw = self.account, self.recipients, self.gateway
        caps = gw.capabilities
        errors: list[InputError] = []
        try:
            cap = caps.length_cap(account.options.get(MAX_LENGTH_OPTION))
        except InputError as exc:
            errors.append(exc)
            cap = caps.length_cap()
        est = Estimate(
            account=account.name,
            family=account.family,
            charset=canonical(gw.charset),
            length_cap=cap,
            batch_limit=gw.batch_limit,
            signature=segments.normalise_signature(account.signature),
            template=bool(template_id),
            recipients=len(recipients),
            balance=self.balance,
            balance_read_at=self.balance_read_at,
            postpaid=self.postpaid,
        )
        if empty_fields not in EmptyFields.ALL:
            raise ValueError(f"empty_fields must be one of {EmptyFields.ALL}, not {empty_fields!r}")

        # ---- options, before any recipient --------------------------------------------------------
        if template_id and not caps.templates:
            errors.append(
                InputError(
                    f"{caps.display_name} 不支持模板短信。 / {account.family} has no template messages."
                )
            )
        if not template_id and not text.strip():
            errors.append(InputError("短信内容为空。 / The message text is empty."))
        try:
            est.send_at = check_send_at(send_at, now)
        except InputError as exc:
            errors.append(exc)
        est.held_locally = est.send_at is not None and account.holds_locally
        try:
            caps.check_extno(extno or account.extno)
        except InputError as exc:
            errors.append(exc)

        # ---- placeholders -------------------------------------------------------------------------
        source = "".join(template_vars) if template_id else text
        wanted = find_placeholders(source)
        names = self.field_names() if wanted else set(BUILTIN)
        unknown = [p for p in wanted if p not in names]
        if unknown:
            est.unknown_placeholders = unknown
            zh, en = _fmt_placeholders(unknown)
            errors.append(
                InputError(
                    f"内容中的占位符没有对应的列：{zh} / No column for the placeholders: {en}"
                )
            )
        known = [p for p in wanted if p not in unknown]

        # ---- recipients ---------------------------------------------------------------------------
        screened = self.screened(known, empty_fields == EmptyFields.ALLOW)
        est.valid = screened.valid
        for rj in screened.rejected:
            if rj.reason == SkipReason.INVALID:
                est.invalid.append(rj)
            elif rj.reason == SkipReason.DUPLICATE:
                est.duplicate.append(rj)
            elif rj.reason == SkipReason.BLACKLISTED:
                est.blacklisted.append(rj)
            else:
                est.empty_field.append(rj)
        if est.empty_field and empty_fields == EmptyFields.ERROR:
            first = est.empty_field[0]
            errors.append(
                InputError(
                    f"占位符 {{{first.field}}} 没有值（{first.value}）：请填写，或不用该占位符。"
                    f" / The placeholder {{{first.field}}} has no value for {first.value}; fill it"
                    " in or leave it out."
                )
            )

        # ---- texts --------------------------------------------------------------------------------
        if template_id:
            _template_texts(est, gw, template_id, template_vars, errors)
        else:
            before = len(errors)
            _plain_texts(est, text, known, cap, errors, self._column_getter(screened))
            if est.valid and len(errors) == before:
                # the family's own rules beyond charset and length (txt112088 by GET: one
                # request must fit IIS's query limit), on the longest text
                try:
                    gw.validate_text(est.text_of(est.chars.index(est.chars_max)))
                except InputError as exc:
                    errors.append(exc)

        if gw.sizes_each_request and not template_id and est.valid and not errors:
            _per_request_rules(est, gw, errors)

        if kind is not None:
            try:
                kind = JobKind.check(kind)
            except InputError as exc:
                errors.append(exc)
                kind = None
        est.guard = self._guard(
            est, text, template_id, template_vars, kind, ignore_window, test, now
        )
        errors.extend(est.guard.problems())

        if not est.valid:
            errors.append(InputError(_nothing_to_send(est.rejected)))
        if est.exceeds_balance:
            est.warnings.append(
                f"预计 {est.total_parts} 条，超过最近查询的余额 {est.balance:g} 条。"
                f" / {count_en(est.total_parts, 'part')}"
                f" {agree_en(est.total_parts, 'exceeds', 'exceed')} the last known balance of"
                f" {est.balance:g}."
            )
        if est.held_locally:
            est.held_by = self.held_by
            zh, en = self.held_by.words()
            est.warnings.append(f"定时任务{zh}。 / The send is {en}.")
        est.problems = errors
        est.seconds = time.perf_counter() - t0
        return est

    def _guard(
        self,
        est: Estimate,
        text: str,
        template_id: str | None,
        template_vars: Sequence[str],
        kind: str | None,
        ignore_window: bool,
        test: bool,
        now: datetime | None,
    ) -> GuardReport:
        """The compliance guard's findings (no caps here: they need the store, see
        ``compose.estimate``)."""
        account = self.account
        source = "\n".join(template_vars) if template_id else text
        window = window_of(account)
        start = est.send_at or now or datetime.now().replace(microsecond=0)
        report = GuardReport(
            suggestion=suggest_kind(source, self.guard.words),
            kind=kind,
            window=window,
            caps=self.guard.caps,
            optout=optout_of(account),
            ignore_window=ignore_window,
            test=test,
            template=bool(template_id),
            opens_at=window.opening_after(start),
            closes_at=window.closing_after(start),
        )
        if not template_id and text.strip():
            report.signature = check_signature(text, account.signature, self.gateway.capabilities)
            report.optout_missing = not ends_with_optout(text, report.optout)
            if report.optout_missing and est.chars:
                counts = optout_counts(est.chars, report.optout)
                report.optout_chars, report.optout_parts, report.optout_total_parts = counts
        return report


def estimate(
    account: Account,
    text: str,
    recipients: Sequence[Recipient | str],
    *,
    blacklist: Collection[str] = (),
    balance: float | None = None,
    balance_read_at: str | None = None,
    postpaid: bool = False,
    template_id: str | None = None,
    template_vars: Sequence[str] = (),
    send_at: datetime | None = None,
    extno: str | None = None,
    empty_fields: str = EmptyFields.SKIP,
    now: datetime | None = None,
    gateway: Gateway | None = None,
) -> Estimate:
    """Estimate a send of ``text`` (``{列名}`` placeholders, no signature) to ``recipients``.

    ``extno`` None or "" means the account's own. Never raises for the user's input: every
    problem that would make the engine refuse the job is in ``problems`` (in the order the
    engine reports them), the others in ``warnings``. For repeated estimates of one recipient
    list, keep an :class:`Estimator`.
    """
    return Estimator(
        account,
        recipients,
        blacklist=blacklist,
        balance=balance,
        balance_read_at=balance_read_at,
        postpaid=postpaid,
        gateway=gateway,
    ).estimate(
        text,
        template_id=template_id,
        template_vars=template_vars,
        send_at=send_at,
        extno=extno,
        empty_fields=empty_fields,
        now=now,
    )


class _Column:
    """One placeholder's values over the valid recipients, with what the estimate needs of them
    (kept by the Estimator: it does not depend on the text)."""

    def __init__(self, values: list[str]) -> None:
        self.values = values
        self.chars = [segments.char_count(v) for v in values]
        self.bracket = any("【" in v for v in values)  # may form or hide a signature
        self._bad: dict[str, list[str]] = {}

    def unencodable(self, charset: str) -> list[str]:
        bad = self._bad.get(charset)
        if bad is None:
            found: dict[str, None] = {}
            for v in set(self.values):
                _unencodable(v, charset, found)
            bad = self._bad[charset] = list(found)
        return bad


def _unencodable(text: str, charset: str, into: dict[str, None]) -> None:
    """Add the characters of ``text`` that ``charset`` cannot carry (one encode when it can)."""
    try:
        text.encode(codec(charset))
    except UnicodeEncodeError:
        into.update(dict.fromkeys(unencodable_chars(text, charset)))


def _plain_texts(
    est: Estimate,
    text: str,
    known: Sequence[str],
    cap: int,
    errors: list[InputError],
    column: Callable[[str], _Column],
) -> None:
    charset = est.charset
    sig = est.signature
    valid = est.valid
    bad_chars: dict[str, None] = {}
    known_set = set(known)
    # The text as a format string with positional fields, filled in C for each recipient:
    # literals (and placeholders without a column, left as written) have their braces doubled.
    pieces = _PLACEHOLDER_RE.split(text)  # literal, key, literal, key, … literal
    keys: list[str] = []
    fmt = [_escape(pieces[0])]
    literal = [pieces[0]]
    for i in range(1, len(pieces), 2):
        key = pieces[i].strip()
        if key in known_set:
            fmt.append("{" + str(len(keys)) + "}")
            keys.append(key)
        else:
            fmt.append(_escape("{" + pieces[i] + "}"))
            literal.append("{" + pieces[i] + "}")
        fmt.append(_escape(pieces[i + 1]))
        literal.append(pieces[i + 1])
    fill = "".join(fmt).format
    fixed = "".join(literal)  # the text without its placeholders
    counts: Counter[Any] = Counter()

    if not keys:
        # one text for everyone: measured once, the lists filled in C
        final = segments.with_signature(text, sig)
        n = segments.char_count(final)
        est.chars = [n] * len(valid)
        est.parts = [segments.parts_for_length(n)] * len(valid)
        est._texts = [text] * len(valid)
        _unencodable(final, charset, bad_chars)
        if valid:
            counts[text] = len(valid)
    else:
        cols = [column(k) for k in keys]
        pick = itemgetter(*keys)
        if len(keys) == 1:
            est._render = lambda v: fill(pick(v.values))
        else:
            est._render = lambda v: fill(*pick(v.values))
        if fixed.strip() and "【" not in fixed and not any(c.bracket for c in cols):
            # No value or literal can make or hide a 【signature】, and the text is never empty:
            # count column by column, in C, without rendering 100,000 texts.
            base = segments.char_count(fixed) + (segments.char_count(sig) if sig else 0)
            sums = (
                cols[0].chars
                if len(cols) == 1
                else list(map(sum, zip(*(c.chars for c in cols), strict=True)))
            )
            est.chars = list(map(base.__add__, sums))
            _unencodable(fixed + sig, charset, bad_chars)
            for c in cols:
                bad_chars.update(dict.fromkeys(c.unencodable(charset)))
            if len(cols) == 1:
                counts.update(cols[0].values)
            else:
                counts.update(zip(*(c.values for c in cols), strict=True))
        else:
            texts = est._texts = [est._render(v) for v in valid]
            finals = [segments.with_signature(t, sig) for t in texts]
            est.chars = [segments.char_count(f) for f in finals]
            for f in set(finals):
                _unencodable(f, charset, bad_chars)
                if not f.strip():
                    errors.append(InputError("短信内容为空。 / The message text is empty."))
                    break
            counts.update(texts)
        table = {c: segments.parts_for_length(c) for c in set(est.chars)}
        est.parts = list(map(table.__getitem__, est.chars))
    _totals(est, counts)
    if est.chars_max > cap:
        est.over_cap = [v for v, c in zip(valid, est.chars, strict=True) if c > cap]
    est.unencodable = list(bad_chars)
    if bad_chars:
        errors.append(UnencodableTextError(charset, est.unencodable))
    if est.over_cap:
        errors.append(
            InputError(
                f"内容共 {est.chars_max} 字（含签名），超过该账户上限 {cap} 字"
                f"（{len(est.over_cap)} 个号码）。 / The text is {est.chars_max} characters with"
                f" its signature, above this account's cap of {cap} ({len(est.over_cap)}"
                " recipients)."
            )
        )


def _template_texts(
    est: Estimate,
    gw: Gateway,
    template_id: str,
    template_vars: Sequence[str],
    errors: list[InputError],
) -> None:
    """jsm templates: the values go out as ``@1@=v1,…``, checked by the gateway's own rule."""
    seen: dict[str, int] = {}
    counts: dict[str, int] = {}
    first_error: InputError | None = None
    content_of = getattr(gw, "template_content", None)  # the family's own rule (jsm)
    texts: list[str] = []
    est._texts = texts
    for v in est.valid:
        values = [
            _PLACEHOLDER_RE.sub(
                lambda m, v=v: v.values.get(m.group(1).strip(), m.group(0)),  # type: ignore[misc]
                tv,
            )
            for tv in template_vars
        ]
        stored = json.dumps(values, ensure_ascii=False)
        n = seen.get(stored)
        if n is None:
            try:
                content = (
                    content_of(Template(template_id, values)) if content_of else ",".join(values)
                )
                n = segments.char_count(content)
            except InputError as exc:
                n = 0
                if first_error is None:
                    first_error = exc
            seen[stored] = n
            counts[stored] = 1
        else:
            counts[stored] += 1
        texts.append(stored)
        est.chars.append(n)
        est.parts.append(1)
    _totals(est, counts)
    if first_error is not None:
        errors.append(first_error)


def _escape(literal: str) -> str:
    return literal.replace("{", "{{").replace("}", "}}")


def _per_request_rules(est: Estimate, gw: Gateway, errors: list[InputError]) -> None:
    """The gateway's own rule for each distinct text (a GET query string must fit), and its
    batching of that text's numbers, exactly as the engine will cut them."""
    by_text: dict[str, list[str]] = {}
    for v, t in zip(est.valid, est.texts, strict=True):
        by_text.setdefault(t, []).append(v.phone)
    requests = 0
    for t, phones in by_text.items():
        try:
            gw.validate_text(t)
        except InputError as exc:
            errors.append(exc)
            return
        requests += len(gw.batches(phones, t))
    est.requests = requests


def _totals(est: Estimate, counts: dict[Any, int]) -> None:
    if est.chars:
        est.chars_min, est.chars_max = min(est.chars), max(est.chars)
        est.parts_min, est.parts_max = min(est.parts), max(est.parts)
    est.total_parts = sum(est.parts)
    est.distinct_texts = len(counts)
    limit = max(1, est.batch_limit)
    if not counts or max(counts.values()) <= limit:
        est.requests = len(counts)  # one request per distinct text (checked in C)
    else:
        est.requests = sum(math.ceil(n / limit) for n in counts.values())


def _nothing_to_send(rejected: Sequence[RejectedRecipient], shown: int = 3) -> str:
    """The refusal of a send with no number left, naming why the first few were left out (a
    file whose every row was refused says which rows and why, not only "all invalid")."""
    zh = "没有可发送的号码（全部无效、重复、在黑名单中或缺少字段）"
    en = "No number to send to (all invalid, duplicate, blacklisted or missing a field)"
    if not rejected:
        return f"{zh}。 / {en}."
    zh_parts, en_parts = [], []
    for r in rejected[:shown]:
        zh_reason, en_reason = bilingual.pick(r.message, "zh_CN"), bilingual.pick(r.message, "en")
        if r.value and r.value not in zh_reason:  # 号码无效（5 位） does not say which
            zh_reason = f"{zh_reason}：{r.value}"
        if r.row is not None and not en_reason.startswith("row "):
            en_reason = f"row {r.row}: {en_reason}"
        zh_parts.append(zh_reason)
        en_parts.append(en_reason)
    more = len(rejected) - shown
    zh_more = f"，另有 {more:,} 个" if more > 0 else ""
    en_more = f", and {more:,} more" if more > 0 else ""
    return f"{zh}：{'；'.join(zh_parts)}{zh_more}。 / {en}: {'; '.join(en_parts)}{en_more}."

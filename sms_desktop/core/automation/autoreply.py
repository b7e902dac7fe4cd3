"""Keyword auto-replies (自动回复): a reply that is exactly, or contains, one of a rule's keywords
(``1``, ``地址``) is answered with the rule's text, from the account it came to.

**The rules.** Per account, each with a name (unique on its account), a match mode
(:data:`EXACT` or :data:`CONTAINS`), its keywords and its answer; enabled, paused or deleted. A
reply and a keyword are compared in the opt-out rule's normal form (:func:`optout.normalise`:
full-width folded, letter case ignored, spaces and punctuation at both ends dropped). A reply
gets at most one answer: from the first enabled rule of its account that matches, the exact
rules before the contains rules, each in the order they were made. A keyword that is itself an
opt-out word is refused.

**Opt-outs first.** A reply that is an opt-out (what :mod:`..optout` recognises, or what the sync
flagged) is never answered, whatever a rule's keyword: the sync has put the number on the
blacklist, and that is all it gets.

**At most one answer per rule per number per 24 hours**, enforced by the store: a row per rule
and number (``autoreply_limits``) that is taken over only once 24 hours have passed since it
was written, in the same transaction that creates the answer's job. Two PCs or processes on one
store cannot both answer.

**Each reply is looked at exactly once.** The duty (:func:`answer_new`, the ``autoreply`` duty of
:mod:`..service`: the window's or the sender service's tick, whichever runs) reads the replies
that have no record in ``autoreply_replies`` yet, and writes one per reply with what came of it
(answered, opt-out, no rule, limited, refused, stale). The record of an answered reply is written
in the answer job's own transaction (:meth:`Engine.create_job`'s ``with_job``): a job exists
exactly when its record does, and a second process finds the reply taken. So the duty survives a
crash (replies not yet looked at are looked at by the next tick, by whoever runs it), and a
reply is never answered twice. A PC whose keyring lacks the account's password leaves the reply
to one that has it (the sender service, another window). A crash after the job is stored but before it is sent leaves it
queued in 发送记录, never resent on its own. Replies pulled more than :data:`MAX_AGE` before the
duty saw them (by a command while nothing ran the duty) are not answered late.

**Every answer is a job** of one recipient in 发送记录, made and sent through the same path as
any send (:mod:`..jobs.compose`, :meth:`Engine.create_job`, :meth:`Engine.run_job`): the
blacklist, the frequency caps and the journal apply, as to a notification (通知): no marketing
window. Its note names the rule (``自动回复：<名称>``).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .. import optout
from ..errors import InputError, PasswordMissingError, SmsDesktopError, StoreError
from ..jobs import compose
from ..jobs.model import TIME_FORMAT, local_now
from ..store import Database, IntegrityError
from ..store import autoreplies as store

if TYPE_CHECKING:
    from ..accounts import AccountStore
    from ..jobs.engine import Engine

log = logging.getLogger(__name__)

EXACT = "exact"
CONTAINS = "contains"
MATCH_MODES = (EXACT, CONTAINS)
ENABLED, PAUSED, DELETED = "enabled", "paused", store.DELETED

LIMIT = timedelta(hours=24)  # one answer per rule per number in this time
MAX_AGE = timedelta(hours=2)  # replies pulled longer ago than this are not answered late
LOOKBACK = 1000  # ids below the highest looked at that are checked again (see store)
BATCH = 200  # replies looked at per round

NOTE_PREFIX = "自动回复："  # a job's note: the rule's name after it


class Outcome:
    ANSWERED = "answered"
    OPT_OUT = "opt_out"
    NO_RULE = "no_rule"
    LIMITED = "limited"
    REFUSED = "refused"  # the send path refused the answer (blacklisted, text, password …)
    STALE = "stale"
    FAILED = "failed"


_SPLIT_RE = re.compile(r"[,;\n\r、，；|]+")


# ---- rules -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    id: int
    account: str
    name: str
    match: str
    keywords: tuple[str, ...]
    answer: str
    state: str = ENABLED
    created_at: str = ""
    updated_at: str = ""
    answered: int = 0  # replies it answered
    last_answered: str | None = None

    @property
    def enabled(self) -> bool:
        return self.state == ENABLED

    def matches(self, text: str) -> bool:
        """Whether a reply's text is (or contains) one of the keywords, in the normal form."""
        said = optout.normalise(text)
        if not said:
            return False
        for kw in self.keywords:
            k = optout.normalise(kw)
            if k and (said == k if self.match == EXACT else k in said):
                return True
        return False

    @property
    def note(self) -> str:
        """The note of its answers' jobs."""
        return f"{NOTE_PREFIX}{self.name} / auto-reply: {self.name}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "account": self.account,
            "name": self.name,
            "match": self.match,
            "keywords": list(self.keywords),
            "answer": self.answer,
            "state": self.state,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "answered": self.answered,
            "last_answered": self.last_answered,
        }


def split_keywords(text: str | Iterable[str]) -> tuple[str, ...]:
    """Keywords from a text (separated by commas, 、, semicolons or lines) or a list; blanks
    dropped, duplicates (in the normal form) once."""
    parts = _SPLIT_RE.split(text) if isinstance(text, str) else list(text)
    out: list[str] = []
    seen: set[str] = set()
    for p in parts:
        p = p.strip()
        key = optout.normalise(p)
        if p and key not in seen:
            seen.add(key)
            out.append(p)
    return tuple(out)


def _rule(row: Any, stats: dict[int, tuple[int, str | None]] | None = None) -> Rule:
    n, last = (stats or {}).get(int(row["id"]), (0, None))
    return Rule(
        id=int(row["id"]),
        account=row["account"],
        name=row["name"],
        match=row["match_mode"],
        keywords=tuple(json.loads(row["keywords"] or "[]")),
        answer=row["answer"],
        state=row["state"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        answered=n,
        last_answered=last,
    )


def rules(db: Database, account: str | None = None) -> list[Rule]:
    """The rules not deleted, by account and id, each with how often and when it last answered."""
    stats = store.rule_stats(db)
    return [_rule(r, stats) for r in store.rules(db, account)]


def get(db: Database, ref: int | str, account: str | None = None) -> Rule:
    """A rule not deleted, by id or by name (with ``account`` when two accounts share a name)."""
    text = str(ref).strip()
    if text.isdigit():
        row = store.rule(db, int(text))
        if row is not None and row["state"] != DELETED:
            return _rule(row, store.rule_stats(db))
    found = store.rule_by_name(db, account, text)
    if len(found) == 1:
        return _rule(found[0], store.rule_stats(db))
    if len(found) > 1:
        raise InputError(
            f"多个账户都有名为“{text}”的自动回复规则：请用 --account 指明，或用编号。"
            f" / Several accounts have an auto-reply rule named {text!r}: give --account,"
            " or its id."
        )
    raise InputError(f"没有自动回复规则“{text}”。 / No auto-reply rule {text!r}.")


def _now(now: datetime | None) -> str:
    return (now or local_now()).strftime(TIME_FORMAT)


def _checked(
    db: Database,
    accounts: AccountStore,
    account: str,
    name: str,
    match: str,
    keywords: str | Sequence[str],
    answer: str,
) -> tuple[str, str, str, str, str]:
    """The fields of a rule, checked: (account, name, match, keywords JSON, answer)."""
    acct = accounts.get(account)  # an unknown account is refused here
    name = (name or "").strip()
    if not name:
        raise InputError("请填写规则名称。 / Give the rule a name.")
    if match not in MATCH_MODES:
        raise InputError(
            f"匹配方式只能是 exact（完全一致）或 contains（包含）：{match!r}。"
            f" / The match is exact or contains, not {match!r}."
        )
    words = split_keywords(keywords)
    if not words:
        raise InputError("请至少填写一个关键词。 / Give at least one keyword.")
    stops = optout.load_keywords(db)
    for w in words:
        if optout.is_opt_out(w, stops):
            raise InputError(
                f"关键词“{w}”是退订词：退订回复只会被加入黑名单，不会自动回复。"
                f" / The keyword {w!r} is an opt-out: an opt-out reply is only blacklisted,"
                " never answered."
            )
    answer = (answer or "").strip()
    if not answer:
        raise InputError("请填写回复内容。 / Give the answer's text.")
    return acct.name, name, match, json.dumps(list(words), ensure_ascii=False), answer


def _taken(name: str) -> InputError:
    return InputError(
        f"该账户已有名为“{name}”的自动回复规则。 / The account has an auto-reply rule named"
        f" {name!r} already."
    )


def add(
    db: Database,
    accounts: AccountStore,
    *,
    account: str,
    name: str,
    match: str,
    keywords: str | Sequence[str],
    answer: str,
    now: datetime | None = None,
) -> Rule:
    """A new enabled rule (InputError naming the cause: unknown account, no name, no keyword, an
    opt-out keyword, no answer, a name the account has already)."""
    fields = _checked(db, accounts, account, name, match, keywords, answer)
    try:
        rule_id = store.insert_rule(db, *fields, _now(now))
    except IntegrityError:
        raise _taken(fields[1]) from None
    return get(db, rule_id)


def edit(
    db: Database,
    accounts: AccountStore,
    rule_id: int,
    *,
    account: str,
    name: str,
    match: str,
    keywords: str | Sequence[str],
    answer: str,
    now: datetime | None = None,
) -> Rule:
    """Rewrite a rule (its state kept); the same checks as :func:`add`."""
    fields = _checked(db, accounts, account, name, match, keywords, answer)
    try:
        changed = store.update_rule(db, rule_id, *fields, _now(now))
    except IntegrityError:
        raise _taken(fields[1]) from None
    if not changed:
        raise InputError(f"没有自动回复规则 {rule_id}。 / No auto-reply rule {rule_id}.")
    return get(db, rule_id)


def set_state(db: Database, rule_id: int, state: str, now: datetime | None = None) -> None:
    """Enable, pause or delete a rule (InputError: no such rule)."""
    if state not in (ENABLED, PAUSED, DELETED):
        raise InputError(f"未知状态 {state!r}。 / Unknown state {state!r}.")
    if not store.set_state(db, rule_id, state, _now(now)):
        raise InputError(f"没有自动回复规则 {rule_id}。 / No auto-reply rule {rule_id}.")


def first_match(rules: Sequence[Rule], text: str) -> Rule | None:
    """The rule that answers ``text``: the first enabled exact rule that matches, else the first
    enabled contains rule."""
    for mode in MATCH_MODES:
        for r in rules:
            if r.enabled and r.match == mode and r.matches(text):
                return r
    return None


# ---- answering -----------------------------------------------------------------------------------
@dataclass
class Handled:
    reply_id: int
    phone: str
    outcome: str
    rule: str = ""  # the rule's name, when one matched
    job_id: int | None = None
    detail: str = ""


@dataclass
class Round:
    """What one look at the new replies did."""

    handled: list[Handled] = field(default_factory=list)

    @property
    def jobs(self) -> list[int]:
        return [h.job_id for h in self.handled if h.job_id is not None]

    def count(self, outcome: str) -> int:
        return sum(1 for h in self.handled if h.outcome == outcome)


_no_password: set[int] = set()  # replies this process left for want of a password (logged once)


class _Lost(Exception):
    """The reply was looked at by another PC or process meanwhile."""


class _Limited(Exception):
    """The rule answered this number less than 24 hours ago."""


def _mark(db: Database, reply_id: int, outcome: str, now: str, **kw: Any) -> bool:
    with db.write() as c:
        return store.mark_reply(c, reply_id, outcome, now, **kw)


def answer_new(
    engine: Engine, *, now: datetime | None = None, send: bool = True, limit: int = BATCH
) -> Round:
    """Look at the replies not looked at yet and answer those a rule matches: each answer a job
    created (and, with ``send``, sent) through the engine. ``now``: the PC's local time (default
    the engine's clock). Safe to run in several processes on one store at once."""
    db = engine.db
    clock = now or engine.clock()
    stamp = clock.strftime(TIME_FORMAT)
    since = (clock - LIMIT).strftime(TIME_FORMAT)
    stale_before = (clock - MAX_AGE).strftime(TIME_FORMAT)
    out = Round()
    new = store.new_replies(db, LOOKBACK, limit)
    if not new:
        return out
    by_account: dict[str, list[Rule]] = {}
    for r in store.rules(db, states=(ENABLED,)):
        by_account.setdefault(r["account"], []).append(_rule(r))
    stops = optout.load_keywords(db)
    quick: list[tuple[Any, str, Rule | None, str]] = []  # looked at, nothing to send
    answerable: list[tuple[Any, Rule]] = []
    for reply in new:
        text = reply["content"] or ""
        rule = first_match(by_account.get(reply["account"], []), text)
        if reply["opt_out"] or optout.is_opt_out(text, stops):
            quick.append((reply, Outcome.OPT_OUT, None, ""))
        elif rule is None:
            quick.append((reply, Outcome.NO_RULE, None, ""))
        elif str(reply["received_at"]) < stale_before:
            quick.append((reply, Outcome.STALE, rule, f"received {reply['received_at']}"))
        else:
            answerable.append((reply, rule))
    try:
        if quick:  # one transaction for all of them
            with db.write() as c:
                for reply, outcome, rule, detail in quick:
                    rid = int(reply["id"])
                    rule_id = rule.id if rule is not None else None
                    if store.mark_reply(c, rid, outcome, stamp, rule_id=rule_id, detail=detail):
                        name = rule.name if rule is not None else ""
                        out.handled.append(
                            Handled(rid, reply["phone"], outcome, name, None, detail)
                        )
        for reply, rule in answerable:
            rid = int(reply["id"])
            try:
                done = _answer(engine, rid, reply["phone"], rule, stamp, since)
            except StoreError:
                raise
            except Exception as exc:  # one reply's failure never blocks the others
                log.exception("auto-reply to reply %s failed", rid)
                if _mark(db, rid, Outcome.FAILED, stamp, rule_id=rule.id, detail=str(exc)):
                    out.handled.append(Handled(rid, reply["phone"], Outcome.FAILED, rule.name))
                continue
            if done is not None:
                out.handled.append(done)
    except StoreError as exc:  # the store is busy or gone: the rest waits for the next round
        log.warning("auto-replies: %s", exc)
    out.handled.sort(key=lambda h: h.reply_id)
    if send:
        for h in out.handled:
            if h.job_id is not None:
                _send(engine, h)
    return out


def _answer(
    engine: Engine, rid: int, phone: str, rule: Rule, stamp: str, since: str
) -> Handled | None:
    """Answer one reply that ``rule`` matches: its job created with its record and the rule's
    claim on the number (None: another PC or process had the reply)."""

    def claim(c: Any, job_id: int) -> None:
        if not store.take_limit(c, rule.id, phone, stamp, since):
            raise _Limited
        if not store.mark_reply(c, rid, Outcome.ANSWERED, stamp, rule_id=rule.id, job_id=job_id):
            raise _Lost

    def mark(outcome: str, detail: str = "") -> Handled | None:
        if not _mark(engine.db, rid, outcome, stamp, rule_id=rule.id, detail=detail):
            return None
        return Handled(rid, phone, outcome, rule.name, None, detail)

    draft = compose.Draft(
        account=rule.account, text=rule.answer, pasted=phone, kind="notice", note=rule.note
    )
    try:
        job_id = engine.create_job(compose.build(engine.accounts, draft), with_job=claim)
    except _Lost:
        return None
    except _Limited:
        return mark(Outcome.LIMITED)
    except PasswordMissingError as exc:
        # left to a PC (or the service) that has the account's password; stale after MAX_AGE
        if rid not in _no_password:
            _no_password.add(rid)
            log.warning("auto-reply to reply %s left to another PC: %s", rid, exc)
        return None
    except InputError as exc:  # blacklisted, the text, no password on this PC …
        return mark(Outcome.REFUSED, str(exc))
    log.info("auto-reply: rule %r answers reply %s from %s (job %s)", rule.name, rid, phone, job_id)
    return Handled(rid, phone, Outcome.ANSWERED, rule.name, job_id)


def _send(engine: Engine, h: Handled) -> None:
    assert h.job_id is not None
    try:
        s = engine.run_job(h.job_id, due=True)
    except SmsDesktopError as exc:  # left queued in 发送记录, never resent on its own
        h.detail = str(exc)
        log.warning("auto-reply job %s not sent: %s", h.job_id, exc)
        return
    h.detail = f"{s.state}: accepted {s.accepted}, rejected {s.rejected}, unknown {s.unknown}"


def tick(engine: Engine) -> list[int]:
    """The ``autoreply`` duty: answer what is new; the answers' jobs."""
    return answer_new(engine).jobs

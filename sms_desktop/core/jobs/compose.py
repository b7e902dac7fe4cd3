"""A send as the user gives it, made into a job's spec: where its recipients come from (numbers
typed or pasted, the rows of a file, a contact group, 通讯录's selection), the one landline
rule, what a ``{列名}`` without a value does, the text of a template send; and what the send would
do (the estimate), before anything is stored.

Both clients compose here: 发送 in the GUI (a :class:`Draft` per keystroke, :class:`LiveEstimate`
for its counts) and ``send`` in the CLI. The job is then created and run by the
:class:`~sms_desktop.core.jobs.engine.Engine`, whose ``create_job`` makes the same estimate.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..accounts import Account, AccountStore
from ..contacts.recipients import (
    FileRecipients,
    Recipient,
    read_recipients,
    recipients_from_group,
    recipients_from_text,
)
from ..contacts.repository import blacklisted_set
from ..errors import InputError
from ..estimate import EmptyFields, Estimate, Estimator
from ..guard import count_capped, load_settings
from ..store import Database
from .model import JobSpec, local_now

if TYPE_CHECKING:
    from ..contacts.queries import ContactSelection


@dataclass
class Draft:
    """What the user gave for one send, as plain data (safe to hand to a worker thread)."""

    account: str
    text: str = ""  # may hold {列名}; not used for a template send
    pasted: str = ""  # numbers typed or pasted: one a line, or separated by , ; blanks …
    # recipients already read: the rows of a file, a contact group, 通讯录's selection
    rows: Sequence[Recipient] | None = None
    backup: str | None = None
    template_id: str | None = None  # a template send (jsm): ``template_vars`` are its text
    template_vars: Sequence[str] = field(default_factory=list)
    send_at: datetime | None = None
    extno: str = ""
    allow_empty_fields: bool = False  # rows whose {列名} has no value are sent, not skipped
    note: str = ""
    # the compliance guard (core/guard): "notice" or "marketing" as the user confirmed it (None:
    # not stated: refused when the text suggests marketing, else a notification), the marketing
    # window overridden
    kind: str | None = None
    ignore_window: bool = False
    by_server: bool = False  # 由服务器发送: the office sender service runs it


# ---- recipients -------------------------------------------------------------------------------
def allows_landline(account: Account) -> bool:
    """The one landline rule: a landline number with its area code (``0755 1234 5678``) is one
    number where the account's gateway takes landlines, and is not a number anywhere else (it is
    then read as words, each of them invalid)."""
    return bool(account.capabilities.landlines)


def pasted_recipients(account: Account, text: str) -> list[Recipient]:
    """Numbers typed or pasted, each with its line number, as the account reads them."""
    if not text.strip():
        return []
    return recipients_from_text(text, allow_landline=allows_landline(account))


def file_recipients(
    account: Account,
    path: str | Path,
    sheet: str | int | None = None,
    phone_column: str | int | None = None,
) -> FileRecipients:
    """Every row of a spreadsheet or CSV file, its columns kept for ``{列名}``; the phone column
    found as the account reads numbers."""
    return read_recipients(path, sheet, phone_column, allow_landline=allows_landline(account))


def group_recipients(db: Database, group: int | str) -> list[Recipient]:
    """The contacts of an imported group (by name or id); their fields fill ``{列名}``."""
    return recipients_from_group(db, group)


def selection_recipients(db: Database, selection: ContactSelection) -> FileRecipients:
    """The contacts 通讯录 selected (a group, some contacts, a search), as a file's rows."""
    from ..contacts.queries import selection_recipients as read_selection

    src: FileRecipients = read_selection(db, selection)
    return src


def empty_fields(draft: Draft) -> str:
    """What a ``{列名}`` without a value does: rows of a file or a group missing one are skipped,
    each with its row (or sent with it empty, when the user allowed that); numbers typed or
    pasted have nothing to fill it with, so the send is refused instead."""
    if draft.rows is None:
        return EmptyFields.ERROR
    return EmptyFields.ALLOW if draft.allow_empty_fields else EmptyFields.SKIP


def recipients(accounts: AccountStore, draft: Draft) -> list[Recipient]:
    """Every recipient as given, in order: the pasted numbers, then the rows (the estimate
    screens them: invalid, duplicate, blacklisted …)."""
    out = pasted_recipients(accounts.get(draft.account), draft.pasted)
    if draft.rows is not None:
        out.extend(draft.rows)
    return out


# ---- the spec ---------------------------------------------------------------------------------
def spec(draft: Draft, recipients: Sequence[Recipient | str]) -> JobSpec:
    """The job the draft asks for, to these recipients."""
    return JobSpec(
        account=draft.account,
        text="" if draft.template_id else draft.text,
        recipients=recipients,
        send_at=draft.send_at,
        backup_account=draft.backup,
        template_id=draft.template_id,
        template_vars=list(draft.template_vars),
        extno=draft.extno,
        note=draft.note,
        empty_fields=empty_fields(draft),
        kind=draft.kind,
        ignore_window=draft.ignore_window,
        by_server=draft.by_server,
    )


def build(accounts: AccountStore, draft: Draft) -> JobSpec:
    """The draft's recipients read, and its spec."""
    return spec(draft, recipients(accounts, draft))


# ---- a test send to the user's own numbers -------------------------------------------------------
TEST_TEXTS = 3  # a test send carries the first one to three personalised texts


def test_spec(spec: JobSpec, est: Estimate, own_numbers: Sequence[str]) -> JobSpec:
    """A small separate job that sends the first personalised texts of ``spec`` (as ``est``
    screened its recipients) to the user's own numbers: the first text to the first number,
    the second to the second … (one to three of them), tagged as a test. Raises InputError when
    no own number is set or no recipient is valid."""
    if not own_numbers:
        raise InputError(
            "还没有设置本人号码：请在设置中填写（用于先发给自己）。"
            " / No own numbers are set: add them in the settings (for a test send)."
        )
    if not est.valid:
        raise InputError("没有可发送的号码。 / No number to send to.")
    n = min(TEST_TEXTS, len(own_numbers), len(est.valid))
    recipients = [
        Recipient(own, est.valid[i].name, dict(est.valid[i].values))
        for i, own in enumerate(own_numbers[:n])
    ]
    return replace(
        spec,
        recipients=recipients,
        send_at=None,
        test=True,
        backup_account=None,
        note=(spec.note + " " if spec.note else "") + "测试发送 / test send",
    )


# ---- what it would do -------------------------------------------------------------------------
def estimator(
    accounts: AccountStore, db: Database, account: str, recipients: Sequence[Recipient | str]
) -> Estimator:
    """An :class:`Estimator` for a compose page: the account, its recipients, the blacklist
    and the last known balance, loaded once; call ``.estimate(text, ...)`` per keystroke.

    The backup-account checks are not in it: :func:`estimate` makes them.
    """
    from .lease import held_by

    acct = accounts.get(account)
    last = accounts.last_balance(acct.name)
    return Estimator(
        acct,
        recipients,
        blacklist=blacklisted_set(db),
        balance=last.messages if last else None,
        balance_read_at=last.read_at if last else None,
        postpaid=last.postpaid if last else False,
        guard=load_settings(db),
        held_by=held_by(db),
    )


def estimate(
    accounts: AccountStore, db: Database, spec: JobSpec, *, now: datetime | None = None
) -> Estimate:
    """What creating the job of ``spec`` would do, without storing or sending anything: every
    check of :meth:`Engine.create_job`, which raises the first of ``problems``.

    Loads the blacklist and the account's last known balance. Raises InputError only for an
    unknown account; every other problem is in ``problems``.
    """
    acct = accounts.get(spec.account)
    problems: list[InputError] = []
    backup: Account | None = None
    if spec.backup_account:
        try:
            backup = accounts.get(spec.backup_account)
        except InputError as exc:
            problems.append(exc)
        else:
            if backup.name == acct.name:
                problems.append(
                    InputError("备用账户不能与主账户相同。 / The backup account is the primary.")
                )
                backup = None

    def run(name: str) -> Estimate:
        return _estimate_text(estimator(accounts, db, name, spec.recipients), spec, now)

    est = run(acct.name)
    est.problems[:0] = problems
    if est.guard is not None and est.valid and not spec.test:
        # the numbers a frequency cap would skip if it went out now (the engine checks again
        # at each batch)
        est.guard.capped = count_capped(
            db, [v.phone for v in est.valid], est.guard.caps, now or local_now()
        )
    if backup is not None and est.ok:
        # After a failover the backup sends the same texts: its charset, cap and extension
        # number rule must take them too, or the failover would only fail later.
        for p in run(backup.name).problems:
            est.problems.append(
                InputError(f"备用账户 {backup.name} / backup account {backup.name}: {p}")
            )
            break
    return est


class LiveEstimate:
    """The counts of a compose page while the user types: one :class:`Estimator` kept between
    keystrokes.

    The screening of 100,000 recipients is redone only when the account, the recipients or
    :attr:`generation` (bumped when the blacklist, the balance or the accounts changed) do;
    typing only renders the text again. Used from one worker at a time (an Estimator is not
    thread-safe; a lock keeps two apart).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._estimator: Estimator | None = None
        self._account: str | None = None
        self._pasted: str | None = None
        self._rows: Sequence[Recipient] | None = None
        self._generation = -1
        self.generation = 0  # bumped by the page; read by the next estimate

    def estimate(self, accounts: AccountStore, db: Database, draft: Draft) -> Estimate:
        with self._lock:
            gen = self.generation
            if (
                self._estimator is None
                or self._account != draft.account
                or self._pasted != draft.pasted
                or self._rows is not draft.rows
                or self._generation != gen
            ):
                self._estimator = None  # let the old one go before the new one is built
                self._estimator = estimator(
                    accounts, db, draft.account, recipients(accounts, draft)
                )
                self._account, self._pasted, self._rows = draft.account, draft.pasted, draft.rows
                self._generation = gen
            return _estimate_text(self._estimator, spec(draft, ()))


def _estimate_text(est: Estimator, spec: JobSpec, now: datetime | None = None) -> Estimate:
    """The estimator's recipients, with the text, template, time and policy of ``spec``."""
    return est.estimate(
        spec.text,
        template_id=spec.template_id,
        template_vars=spec.template_vars,
        send_at=spec.send_at,
        extno=spec.extno,
        empty_fields=spec.empty_fields,
        now=now,
        kind=spec.kind,
        ignore_window=spec.ignore_window,
        test=spec.test,
    )

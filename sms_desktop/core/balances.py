"""Balances as both clients show them: read from the gateway, the last good one kept in the store.

:func:`read_balance` asks the gateway (and closes the connection after), keeps a good reading
(``AccountStore.record_balance``; the send estimate weighs a job's cost against it), and when the
query fails keeps the last good figure beside the error, with the time it was read. The
low-balance threshold is kept per account in the store (:mod:`.store.balances`). The GUI's 余额
tab and the CLI's ``balance`` and ``send`` use this module alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .accounts import AccountStore
from .errors import PasswordMissingError, SmsDesktopError
from .store.balances import set_threshold, threshold

__all__ = ["AccountBalance", "known_balances", "read_balance", "set_threshold", "threshold"]


@dataclass
class AccountBalance:
    account: str
    family: str
    messages: float | None = None  # messages that can still be sent (see ``known_at``)
    read_at: str | None = None  # "YYYY-MM-DD HH:MM:SS", local time: when it was asked
    known_at: str | None = None  # when ``messages`` was read (earlier than read_at after a failure)
    error: str | None = None  # why the query failed, "中文 / English" like every core message
    vendor_text: str | None = None  # … beside the vendor's own words
    threshold: int | None = None  # warn below this many messages
    raw: str | None = None  # the gateway's reply, as text
    details: dict[str, Any] = field(default_factory=dict)  # what else the reply says
    postpaid: bool = False  # billed afterwards (ipyy 后付费): no messages-left figure, never low

    @property
    def ok(self) -> bool:
        return self.error is None and (self.messages is not None or self.postpaid)

    @property
    def low(self) -> bool:
        return (
            self.ok
            and not self.postpaid
            and self.threshold is not None
            and self.messages is not None
            and self.messages < self.threshold
        )

    @property
    def stale(self) -> bool:
        """The query failed and ``messages`` is the last good figure (read at ``known_at``)."""
        return self.error is not None and self.messages is not None


def read_balance(accounts: AccountStore, name: str) -> AccountBalance:
    """Ask the gateway, remember the result (a failure keeps the last good number).

    Raises InputError for an unknown account; every other failure is in ``error``.
    """
    acct = accounts.get(name)
    row = AccountBalance(name, acct.family, threshold=threshold(accounts.db, name))
    row.read_at = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    pay_type: str | None = None  # as the gateway reported it (ipyy 预付费 / 后付费)
    try:
        gw = accounts.gateway(name)
        try:
            bal = gw.balance()
        finally:
            gw.transport.close()
    except PasswordMissingError:
        raise  # asked for by the client (a dialog, or the CLI's account password), not a failure
    except SmsDesktopError as exc:
        row.error = str(exc)
        raw = getattr(exc, "raw", None)
        text = getattr(raw, "text", raw)
        row.vendor_text = None if text is None else str(text)[:500]
    else:
        row.raw, row.details = bal.raw, dict(bal.details)
        if bal.ok:
            row.postpaid, pay_type = bal.postpaid, bal.pay_type
            row.messages = None if bal.postpaid else bal.messages  # a postpaid one has no figure
        elif bal.code is not None:
            row.error = " / ".join(p for p in (bal.code.zh, bal.code.en) if p)
            row.vendor_text = bal.code.vendor_text or bal.raw
        else:
            row.error = "无法识别的余额回复 / unrecognised balance reply"
            row.vendor_text = bal.raw[:500]
    if row.ok:
        accounts.record_balance(name, row.messages, row.read_at, pay_type=pay_type)
        row.known_at = row.read_at
    else:
        last = accounts.last_balance(name)
        if last is not None:  # the last number read, and when: still useful beside the error
            row.messages, row.known_at, row.postpaid = last.messages, last.read_at, last.postpaid
    return row


def known_balances(accounts: AccountStore) -> list[AccountBalance]:
    """Every account with its last remembered balance and threshold (no gateway call)."""
    rows = []
    for acct in accounts.list():
        row = AccountBalance(acct.name, acct.family, threshold=threshold(accounts.db, acct.name))
        last = accounts.last_balance(acct.name)
        if last is not None:
            row.messages, row.read_at, row.known_at = last.messages, last.read_at, last.read_at
            row.postpaid = last.postpaid
        rows.append(row)
    return rows

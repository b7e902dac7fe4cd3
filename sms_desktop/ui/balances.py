"""Balances as the GUI keeps them: read from the gateway, the last one remembered in the store.

Qt-free; every function here runs inside an op. The last good reading is the core's
(``AccountStore.record_balance`` / ``last_balance``), which the compose estimate also weighs a
send's cost against; the low-balance threshold lives in the store's ``settings`` table
(``balance_threshold:<account>``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from ..core.accounts import AccountStore
from ..core.errors import SmsDesktopError
from ..core.store import Database
from .i18n import pick

THRESHOLD_KEY = "balance_threshold:"


@dataclass
class BalanceRow:
    account: str
    family: str
    messages: float | None = None  # messages that can still be sent
    read_at: str | None = None  # when ``messages`` was read: "YYYY-MM-DD HH:MM:SS", local time
    error_zh: str | None = None  # the failure in the user's language …
    error_en: str | None = None
    vendor_text: str | None = None  # … beside the vendor's own words
    threshold: int | None = None  # warn below this many messages

    @property
    def ok(self) -> bool:
        return self.error_zh is None and self.messages is not None

    @property
    def low(self) -> bool:
        return (
            self.ok
            and self.threshold is not None
            and self.messages is not None
            and self.messages < self.threshold
        )

    def error(self, lang: str) -> str | None:
        if self.error_zh is None:
            return None
        return self.error_en if lang == "en" and self.error_en else self.error_zh


def _split(message: str) -> tuple[str, str]:
    """The core's messages are "中文 / English"."""
    return pick(message, "zh_CN"), pick(message, "en")


def read_balance(accounts: AccountStore, name: str) -> BalanceRow:
    """Ask the gateway, remember the result (a failure keeps the last good number)."""
    acct = accounts.get(name)
    row = BalanceRow(name, acct.family, threshold=threshold(accounts.db, name))
    row.read_at = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    try:
        gw = accounts.gateway(name)
        try:
            bal = gw.balance()
        finally:
            gw.transport.close()
    except SmsDesktopError as exc:
        row.error_zh, row.error_en = _split(str(exc))
        raw = getattr(exc, "raw", None)
        text = getattr(raw, "text", raw)
        row.vendor_text = None if text is None else str(text)[:500]
    else:
        if bal.ok:
            row.messages = bal.messages
        elif bal.code is not None:
            row.error_zh, row.error_en = bal.code.zh, bal.code.en
            row.vendor_text = bal.code.vendor_text or bal.raw
        else:
            row.error_zh, row.error_en = "无法识别的余额回复", "unrecognised balance reply"
            row.vendor_text = bal.raw[:500]
    if row.ok and row.messages is not None:
        accounts.record_balance(name, row.messages, row.read_at)
    else:
        # the last number read and when it was read (not when this read failed): still useful
        # beside the error, as long as its age shows
        last = accounts.last_balance(name)
        row.messages, row.read_at = (last.messages, last.read_at) if last else (None, None)
    return row


def threshold(db: Database, name: str) -> int | None:
    raw = db.get_setting(THRESHOLD_KEY + name)
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def set_threshold(db: Database, name: str, value: int | None) -> None:
    db.set_setting(THRESHOLD_KEY + name, "" if value is None else str(int(value)))


def known_balances(accounts: AccountStore) -> list[BalanceRow]:
    """Every account with its last remembered balance and threshold (no gateway call)."""
    rows = []
    for acct in accounts.list():
        row = BalanceRow(acct.name, acct.family, threshold=threshold(accounts.db, acct.name))
        last = accounts.last_balance(acct.name)
        if last is not None:
            row.messages, row.read_at = last.messages, last.read_at
        rows.append(row)
    return rows


def as_dict(row: BalanceRow) -> dict[str, object]:
    return asdict(row)

"""The account's connection test, shared by the CLI (``account test NAME``) and the GUI.

One balance query with the account's settings. When it fails in a way the family knows another
setting may cure (:meth:`Gateway.alternatives`: txt112088 answers a POST with ``-7`` when its page
reads only the query string), each alternative is tried in turn. The settings that worked are
stored on the account (:meth:`Gateway.effective_options`, e.g. ``method=get``), so every later
send, balance and pull uses them; the result says which one worked. The balance it read is
kept as the account's last reading (the send estimate weighs a job's cost against it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .accounts import AccountStore
from .errors import SmsDesktopError
from .gateways import CodeInfo, Gateway, make_gateway
from .gateways.base import http_refusal
from .gateways.http import HttpRejectedError


@dataclass
class Attempt:
    """One balance query of the test: the options it ran with, and what came back."""

    options: dict[str, str]
    ok: bool
    balance: float | None = None
    code: CodeInfo | None = None
    error: str | None = None  # zh / en explanation when it failed
    postpaid: bool = False  # a postpaid account answers with no messages-left figure
    pay_type: str | None = None  # "prepaid" / "postpaid" as the gateway reported it

    def as_dict(self) -> dict[str, Any]:
        return {
            "options": self.options,
            "ok": self.ok,
            "balance": self.balance,
            "postpaid": self.postpaid,
            "code": self.code.code if self.code else None,
            "vendor_text": self.code.vendor_text if self.code else None,
            "error": self.error,
        }


@dataclass
class ConnectionResult:
    account: str
    family: str
    ok: bool
    attempts: list[Attempt]
    stored: dict[str, str] = field(default_factory=dict)  # options now stored on the account

    @property
    def working(self) -> Attempt | None:
        return next((a for a in self.attempts if a.ok), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "family": self.family,
            "ok": self.ok,
            "balance": self.working.balance if self.working else None,
            "stored_options": self.stored,
            "attempts": [a.as_dict() for a in self.attempts],
        }


def _attempt(gw: Gateway) -> Attempt:
    options = gw.effective_options()
    try:
        bal = gw.balance()
    except HttpRejectedError as exc:
        code = http_refusal(exc)
        return Attempt(options, False, code=code, error=f"{code.zh} / {code.en}")
    except SmsDesktopError as exc:
        return Attempt(options, False, error=str(exc))
    if bal.ok:
        return Attempt(
            options, True, balance=bal.messages, postpaid=bal.postpaid, pay_type=bal.pay_type
        )
    info = bal.code
    why = f"{info.zh} / {info.en} [{info.vendor_text}]" if info else bal.raw[:200]
    return Attempt(options, False, code=info, error=why)


def check_connection(accounts: AccountStore, name: str) -> ConnectionResult:
    """Test an account against its gateway; store the settings that worked (see module doc)."""
    acct = accounts.with_secrets(name)
    config = acct.config(accounts.password(name))
    gw = make_gateway(config)
    attempts = [_attempt(gw)]
    if not attempts[0].ok and attempts[0].code is not None:
        for alt in gw.alternatives(attempts[0].code):
            trial = make_gateway(replace(config, options={**config.options, **alt}))
            attempts.append(_attempt(trial))
            if attempts[-1].ok:
                break
    result = ConnectionResult(acct.name, acct.family, any(a.ok for a in attempts), attempts)
    working = result.working
    if working is not None:  # a good reading: the send estimate weighs costs against it
        accounts.record_balance(name, working.balance, pay_type=working.pay_type)
    if working is not None and working.options:
        changed = {k: v for k, v in working.options.items() if acct.options.get(k) != v}
        if changed:
            accounts.set_options(name, changed)
        result.stored = dict(working.options)
    return result

"""The entry points of a sync: :class:`Syncer` pulls an account's reports and replies.

A sync of one account first re-parses the bodies an earlier run stored but never applied, and
matches again the reports stored without a match; then, unless the gateway pushes, it pulls each
kind whose poll interval has passed (:mod:`.interval`), one request a page (:mod:`.pull`), again
while the pages come back full, up to the family's bound (:mod:`.pages`).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable
from datetime import datetime

from ..accounts import Account, AccountStore
from ..errors import PasswordMissingError, SmsDesktopError
from ..gateways import Gateway, RawReply, gateway_class, make_gateway
from ..store import Database, inbox
from . import apply as applying
from .interval import PollClock, remaining
from .match import rematch_reports
from .pages import pull_pages
from .pull import effective_content_type
from .result import KINDS, SyncResult

GatewayFactory = Callable[[str], Gateway]
log = logging.getLogger(__name__)


class Syncer:
    """Fetches, stores, parses and applies delivery reports and replies.

    ``gateway_factory(name)`` makes the gateway used to *pull* (default: ``accounts.gateway``,
    which needs the password). Stored bodies are *parsed* with a gateway built from the account's
    settings without the password (or with ``gateway_factory`` when one is given).
    ``clock`` (epoch seconds) is replaceable for tests of the poll interval. ``max_pages``
    replaces the families' bound on pulls of one kind in one sync (``Paging.max_pages``).
    """

    def __init__(
        self,
        db: Database,
        accounts: AccountStore,
        gateway_factory: GatewayFactory | None = None,
        *,
        clock: Callable[[], float] = time.time,
        max_pages: int | None = None,
    ) -> None:
        self.db = db
        self.accounts = accounts
        self._factory = gateway_factory
        self.clock = clock
        self.max_pages = max_pages
        self.polls = PollClock(db)

    # ---- gateways ---------------------------------------------------------------------------
    def gateway(self, name: str) -> Gateway:
        """The gateway that pulls for this account."""
        if self._factory is not None:
            return self._factory(name)
        return self.accounts.gateway(name)

    def parser(self, name: str) -> Gateway:
        """A gateway good enough to parse stored bodies of this account (no password needed)."""
        if self._factory is not None:
            return self._factory(name)
        return make_gateway(self.accounts.get(name).config(""))

    def interval(self, name: str) -> float:
        """The vendor's minimum seconds between two pulls of one kind (0 = no rule)."""
        caps = gateway_class(self.accounts.get(name).family).capabilities
        return float(caps.min_poll_interval or 0.0)

    def more_waiting(self, name: str, kind: str) -> bool:
        """The last sync of this kind stopped on a full page (its bound, or the interval)."""
        return self.polls.more(name, kind)

    def is_push(self, name: str) -> bool:
        return bool(gateway_class(self.accounts.get(name).family).capabilities.push)

    # ---- poll interval ----------------------------------------------------------------------
    def last_poll(self, name: str, kind: str) -> float | None:
        return self.polls.last(name, kind)

    def last_synced(self, name: str) -> datetime | None:
        """When this account was last polled (either kind), for display."""
        times = [t for t in (self.last_poll(name, k) for k in KINDS) if t is not None]
        return datetime.fromtimestamp(max(times)) if times else None

    def wait_time(
        self, name: str, kind: str, interval: float | None = None, now: float | None = None
    ) -> float:
        """Seconds until this kind may be polled again (0 = now)."""
        interval = self.interval(name) if interval is None else interval
        now = self.clock() if now is None else now
        return remaining(self.last_poll(name, kind), interval, now)

    # ---- sync -------------------------------------------------------------------------------
    def sync_account(self, name: str, *, force: bool = False) -> SyncResult:
        """Recover unparsed bodies, then pull reports and replies if the interval allows, page
        after page while they come back full (``force`` bypasses the interval for the first
        page of each kind only).

        Raises InputError for an unknown account; every other problem is in ``errors``. The
        result goes to the log: at INFO what a pull brought in, at DEBUG a sync with nothing
        to do (pushed, or polled too soon).
        """
        result = self._sync_account(name, force)
        quiet = not result.polled and not result.errors
        quiet = quiet and not (result.new_reports or result.new_replies or result.rematched)
        if quiet:
            log.debug("sync %s: %s", name, result.skipped_reason or "nothing to do")
        else:
            log.info("sync %s: %s", name, result.log_line())
        return result

    def _sync_account(self, name: str, force: bool) -> SyncResult:
        acct = self.accounts.get(name)
        # One poller per account at a time, across every PC on the store: the vendor hands each
        # report out once, and the one that fetched it applies it (PostgreSQL: an advisory
        # lock, tried, never waited for; SQLite, one PC: the poll clock's claim below)
        with self.db.only_holder(f"sms-desktop sync {name}") as mine:
            if not mine:
                result = SyncResult(account=name)
                result.skipped_reason = (
                    f"另一台电脑或进程正在获取账户 {name} 的状态报告和回复。"
                    f" / Another PC or process is fetching the reports and replies of account"
                    f" {name}."
                )
                return result
            return self._sync_held(acct, name, force)

    def _sync_held(self, acct: Account, name: str, force: bool) -> SyncResult:
        result = SyncResult(account=name)
        result.merge(self.reparse_pending(account=name))
        result.rematched.extend(rematch_reports(self.db, account=name))
        caps = gateway_class(acct.family).capabilities
        if caps.push:
            result.skipped_reason = (
                f"账户 {name} 的状态报告和回复由网关推送到本机的推送接收地址，无需拉取。"
                f" / Reports and replies of account {name} are pushed by the gateway to the"
                " local push receiver; there is nothing to pull."
            )
            return result
        interval = float(caps.min_poll_interval or 0.0)
        now = self.clock()
        due: list[str] = []
        waits: list[float] = []
        for kind in KINDS:
            wait = 0.0 if force else self.wait_time(name, kind, interval, now)
            if wait > 0:
                waits.append(wait)
            else:
                due.append(kind)
        if not due:
            wait_s = math.ceil(max(waits))
            result.wait_seconds = float(wait_s)
            result.skipped_reason = (
                f"该网关要求两次获取至少间隔 {interval:g} 秒，请 {wait_s} 秒后再试"
                f"（或强制获取）。 / The gateway allows one request every {interval:g} s;"
                f" try again in {wait_s} s (or force it)."
            )
            return result
        try:
            gw = self.gateway(name)
        except SmsDesktopError as exc:
            result.errors.append(str(exc))
            if isinstance(exc, PasswordMissingError):
                result.missing_secrets = exc.missing
            return result
        try:
            claimed = self.polls.claim(name, due, interval, now, force)
            if not claimed:
                result.skipped_reason = (
                    "另一个窗口或进程刚刚获取过。 / Another window or process has just fetched."
                )
            for kind, previous in claimed.items():
                paged = pull_pages(
                    self.db,
                    gw,
                    name,
                    kind,
                    self.store_reply,
                    self.polls,
                    previous=previous,
                    interval=interval,
                    clock=self.clock,
                    max_pages=self.max_pages,
                )
                result.merge(paged.result)
                result.polled.append(kind)
                result.pages[kind] = paged.pages
                if paged.more:
                    result.more.append(kind)
                if paged.pages:
                    self.polls.set_more(name, kind, paged.more)
        finally:
            if self._factory is None:  # our own gateway: release its connections
                gw.transport.close()
        return result

    def sync_all(
        self, names: Iterable[str] | None = None, *, force: bool = False
    ) -> list[SyncResult]:
        """Sync every account (or the named ones); one account's failure does not stop the rest."""
        if names is None:
            names = [a.name for a in self.accounts.list()]
        out: list[SyncResult] = []
        for name in names:
            try:
                out.append(self.sync_account(name, force=force))
            except SmsDesktopError as exc:
                out.append(SyncResult(account=name, errors=[str(exc)]))
        return out

    # ---- storing ----------------------------------------------------------------------------
    def store_body(
        self,
        account: str | None,
        kind: str,
        body: bytes,
        *,
        url: str = "",
        content_type: str | None = None,
    ) -> int:
        """Store a raw body (``parsed=0``) in its own committed transaction; return its id."""
        return inbox.add_raw(self.db, account, kind, body, url=url, content_type=content_type)

    def store_reply(self, account: str, kind: str, raw: RawReply, fallback: str) -> int:
        return self.store_body(
            account,
            kind,
            raw.body,
            url=raw.url,
            content_type=effective_content_type(raw, fallback),
        )

    # ---- parsing and applying stored bodies -------------------------------------------------
    def reparse_pending(
        self, account: str | None = None, *, include_failed: bool = False
    ) -> SyncResult:
        """Parse and apply stored bodies that were never applied (a crash after storing).

        ``include_failed`` also retries bodies whose parsing failed before (``parsed=2``), e.g.
        after a client fix.
        """
        return applying.reparse_pending(
            self.db, self.parser, account, include_failed=include_failed
        )

    def process_stored(self, raw_id: int, *, include_failed: bool = False) -> SyncResult:
        """Parse one stored body and apply it (once). Used by re-parse and by the push receiver."""
        return applying.process_stored(self.db, raw_id, self.parser, include_failed=include_failed)


def sync_all(
    db: Database,
    accounts: AccountStore,
    names: Iterable[str] | None = None,
    *,
    force: bool = False,
    gateway_factory: GatewayFactory | None = None,
) -> list[SyncResult]:
    """Sync every account (or the named ones) once."""
    return Syncer(db, accounts, gateway_factory).sync_all(names, force=force)

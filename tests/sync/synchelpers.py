"""Helpers for the sync tests: a home with a database, accounts on the simulator, a Syncer.

Messages are sent through the real family client over HTTP to the simulator; the accepted
recipients are then recorded as ``messages`` rows by hand (what the engine does after a send),
so these tests do not depend on the engine's internals.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.gateways import Gateway, Outcome
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import Database, open_store
from sms_desktop.core.sync import Syncer

PULL_FAMILIES = ("ipyy", "jsm", "txt112088")
ALL_FAMILIES = (*PULL_FAMILIES, "qxt")
PASSWORD = "secret-pw"
VERYCODE = "vc123"


class Crash(BaseException):
    """Stands for the process dying (power cut, kill): not an Exception, nothing catches it."""


@dataclass
class Env:
    home: Any
    db: Database
    accounts: AccountStore
    sim: Any
    syncer: Syncer
    clock: list[float] = field(default_factory=lambda: [1_000_000.0])

    def add(
        self,
        family: str,
        name: str | None = None,
        user: str = "u1",
        *,
        account: dict[str, Any] | None = None,
        **opts: Any,
    ) -> str:
        """A simulator account (``opts``) and the client's account (``account``: more fields)."""
        name = name or family
        self.sim.add_account(family, user, PASSWORD, verycode=VERYCODE, **opts)
        fields: dict[str, Any] = {"read_timeout": 5, **(account or {})}
        self.accounts.add(
            Account(
                name=name,
                family=family,
                base_url=self.sim.base_url(family),
                username=user,
                userid="1",
                verycode=VERYCODE,
                **fields,
            ),
            PASSWORD,
        )
        return name

    def send(
        self, name: str, phones: Sequence[str], text: str = "会员日八折，回复TD退订【测试】"
    ) -> int:
        """Send through the family client and record the accepted recipients; returns the job id."""
        gw = self.accounts.gateway(name)
        res = gw.send(list(phones), text)
        with self.db.write() as c:
            job_id = c.execute(
                "INSERT INTO jobs(account, text, state) VALUES(?,?,'done') RETURNING id",
                (name, text),
            ).fetchone()[0]
            for seq, r in enumerate(res.results):
                assert r.outcome is Outcome.ACCEPTED, r
                assert r.gateway_id, r
                c.execute(
                    "INSERT INTO messages(job_id, seq, phone, text, state, account, gateway_id)"
                    " VALUES(?,?,?,?,?,?,?)",
                    (job_id, seq, r.phone, text, "accepted", name, r.gateway_id),
                )
        assert job_id is not None
        return int(job_id)

    def message(self, job_id: int, phone: str) -> Any:
        row = self.one("SELECT * FROM messages WHERE job_id=? AND phone=?", job_id, phone)
        assert row is not None
        return row

    def rows(self, sql: str, *args: Any) -> list[Any]:
        return list(self.db.read().execute(sql, args).fetchall())

    def one(self, sql: str, *args: Any) -> Any | None:
        row: Any | None = self.db.read().execute(sql, args).fetchone()
        return row

    def count(self, table: str, where: str = "1=1", *args: Any) -> int:
        return int(
            self.db.read()
            .execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", args)
            .fetchone()[0]
        )

    def committed(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        """Read through a separate connection: only committed data is visible."""
        other = open_store(None, self.home)
        try:
            return [tuple(r) for r in other.read().execute(sql, args).fetchall()]
        finally:
            other.close()

    @contextmanager
    def writes_blocked(self) -> Iterator[None]:
        """Another writer holds the store (SQLite: its write lock; PostgreSQL: a lock on the
        raw bodies) until the block ends."""
        if self.db.dialect.sqlite:
            blocker = sqlite3.connect(self.db.path, timeout=30, isolation_level=None)  # type: ignore[attr-defined]
            blocker.execute("BEGIN IMMEDIATE")
        else:
            other = open_store(None, self.home)
            blocker = other.read()
            blocker.execute("BEGIN")
            blocker.execute("LOCK TABLE raw_bodies IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            blocker.execute("ROLLBACK")
            if self.db.dialect.sqlite:
                blocker.close()
            else:
                other.close()

    @contextmanager
    def read_only(self, c: Any) -> Iterator[None]:
        """This thread's connection refuses every write until the block ends."""
        on, off = (
            ("PRAGMA query_only=1", "PRAGMA query_only=0")
            if self.db.dialect.sqlite
            else (
                "SET default_transaction_read_only = on",
                "SET default_transaction_read_only = off",
            )
        )
        c.execute(on)
        try:
            yield
        finally:
            c.execute(off)

    def new_syncer(self, factory: Callable[[str], Gateway] | None = None) -> Syncer:
        return Syncer(self.db, self.accounts, factory, clock=lambda: self.clock[0])

    def reopen(self) -> None:
        """Simulate an application restart: close the database and open it again."""
        self.db.close()
        self.db = open_store(None, self.home)
        self.accounts = AccountStore(self.db, SecretStore(self.home))
        self.syncer = self.new_syncer()


def crash_once(
    accounts_of: Callable[[], AccountStore], method: str
) -> tuple[Callable[[str], Gateway], dict[str, Any]]:
    """A gateway factory whose ``method`` (parse_reports / parse_replies) crashes the first time."""
    state: dict[str, Any] = {"armed": True, "crashed": 0}

    def factory(name: str) -> Gateway:
        gw = accounts_of().gateway(name)
        original = getattr(gw, method)

        def parse(raw: Any) -> Any:
            if state["armed"]:
                state["armed"] = False
                state["crashed"] += 1
                if "check" in state:
                    state["check"](raw)
                raise Crash(f"crash in {method}")
            return original(raw)

        setattr(gw, method, parse)
        return gw

    return factory, state

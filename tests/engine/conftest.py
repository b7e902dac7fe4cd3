from __future__ import annotations

from dataclasses import dataclass

import pytest

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.secrets import SecretStore


@dataclass
class Env:
    sim: object
    db: object
    accounts: AccountStore
    engine: Engine

    def add(
        self,
        family: str,
        name: str | None = None,
        *,
        user: str = "u1",
        password: str = "pw1",
        balance: int = 100000,
        sim_account: bool = True,
        **kw,
    ) -> str:
        name = name or f"{family}-{user}"
        if sim_account:
            extra = {"verycode": "vc"} if family == "jsm" else {}
            self.sim.add_account(family, user, password, balance=balance, **extra)
            if family == "jsm":
                kw.setdefault("verycode", "vc")
        kw.setdefault("read_timeout", 2.0)
        self.accounts.add(
            Account(
                name=name, family=family, base_url=self.sim.base_url(family), username=user, **kw
            ),
            password,
        )
        return name


@pytest.fixture
def env(sim, home, store):
    """The engine on each store (SQLite, then PostgreSQL: the ``store`` fixture)."""
    sim.report_delay = 0.0
    accounts = AccountStore(store, SecretStore(home))
    engine = Engine(store, accounts, sleep=lambda s: None)
    yield Env(sim, store, accounts, engine)

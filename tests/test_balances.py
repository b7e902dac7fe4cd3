"""The one balance reader both clients use (core/balances.py), over real HTTP."""

from __future__ import annotations

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.balances import known_balances, read_balance, set_threshold
from sms_desktop.core.gateways import Gateway
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import open_database


class _Recording(AccountStore):
    """Keeps the gateways it makes, to look at their connections afterwards."""

    made: list[Gateway]

    def gateway(self, name: str) -> Gateway:
        gw = super().gateway(name)
        self.made.append(gw)
        return gw


def _open_pools(gw: Gateway) -> int:
    return sum(len(a.poolmanager.pools) for a in gw.transport.session.adapters.values())


def test_reader_closes_its_connection_and_keeps_the_last_good_figure(sim, home):
    db = open_database(home)
    accounts = _Recording(db, SecretStore(home))
    accounts.made = []
    sim.add_account("ipyy", "u1", "pw1", balance=50)
    accounts.add(Account("a", "ipyy", sim.base_url("ipyy"), "u1"), "pw1")
    set_threshold(db, "a", 80)

    row = read_balance(accounts, "a")
    assert row.ok and row.messages == 50 and row.known_at == row.read_at
    assert row.low and row.threshold == 80 and not row.stale
    assert _open_pools(accounts.made[-1]) == 0  # the HTTP session was closed

    sim.set_fault("ipyy", "http500", count=1)
    failed = read_balance(accounts, "a")
    assert failed.error and not failed.ok and not failed.low
    assert failed.stale and failed.messages == 50 and failed.known_at == row.read_at
    assert _open_pools(accounts.made[-1]) == 0  # closed after a failure too

    (known,) = known_balances(accounts)
    assert (known.messages, known.read_at, known.threshold) == (50, row.read_at, 80)
    db.close()

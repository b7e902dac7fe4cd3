"""The CLI reads balances through the core's one reader: a failed query shows the last good
figure and when it was read. The CLI runs as a subprocess against the simulator."""

from __future__ import annotations

import re

STAMP = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def balance_requests(sim) -> int:
    """txt112088's balance queries (it has an endpoint of its own)."""
    return sum(1 for r in sim.requests if r.endpoint.lower() == "get_account_balance.asp")


def test_a_failed_query_shows_the_last_known_balance(cli):
    cli.add_account("a", "ipyy", balance=4321)
    good = cli("balance", "a", "--json")
    assert good.rc == 0, good.err
    assert good.json["messages"] == 4321 and good.json["last_known"] is None
    assert good.json["error"] is None and STAMP.fullmatch(good.json["read_at"])

    cli.sim.set_fault("ipyy", "http500", count=1)
    r = cli("balance", "a", "--json")
    assert r.rc == 1, r.err
    d = r.json
    assert d["messages"] is None and d["error"]  # this query gave no figure …
    assert d["last_known"] == {"messages": 4321, "read_at": good.json["read_at"]}  # … the last did

    cli.sim.set_fault("ipyy", "http500", count=1)
    r = cli("balance", "a")
    assert r.rc == 1
    assert "查询失败 / query failed" in r.err
    assert "4321" in r.out and good.json["read_at"] in r.out and "last known" in r.out


def test_the_estimate_before_a_send_keeps_the_last_known_balance(cli):
    """The send's estimate weighs the cost against the balance the store remembers: a failed
    query leaves the last good one in place (the send itself asks the gateway nothing more)."""
    cli.add_account("t", "txt112088", balance=900)
    read_at = cli("balance", "t", "--json").json["read_at"]
    cli.sim.account("txt112088", "u1").balance = 5
    cli.sim.set_fault("txt112088", "http500", endpoint="get_account_balance.asp")
    assert cli("balance", "t").rc == 1
    asked = balance_requests(cli.sim)
    r = cli("send", "t", "--to", "13800138000", "--text", "你好", "--dry-run", "--json")
    assert r.rc == 0, r.err
    assert r.json["balance"] == 900 and r.json["balance_read_at"] == read_at
    assert balance_requests(cli.sim) == asked

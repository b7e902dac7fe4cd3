"""Postpaid accounts (ipyy ``<payinfo>后付费</payinfo>``): the ``<overage>`` may be empty or
negative (``-7908770`` is recorded in public client code). A postpaid balance is "后付费 /
postpaid": no messages-left figure, no low-balance warning, no insufficient-balance warning in
the estimate, and the connection test passes. The pay type is stored per account from balance
replies and from send replies (a ``remainpoint`` below zero). The simulator's ipyy accounts
take ``payinfo="后付费"`` and ``show_overage=False`` (empty ``<overage>``/``<remainpoint>``).
"""

from __future__ import annotations

import json

import pytest

from sms_desktop.core.connection import check_connection
from sms_desktop.core.engine import JobSpec
from sms_desktop.core.gateways import AccountConfig, Outcome
from sms_desktop.core.gateways.ipyy import IpyyGateway

A = "13800138000"


def _gw(sim, **opts) -> IpyyGateway:
    sim.add_account("ipyy", "u", "p", **opts)
    return IpyyGateway(AccountConfig("ipyy", sim.base_url("ipyy"), "u", "p", userid="1"))


@pytest.mark.parametrize(
    ("opts", "overage"),
    [
        ({"payinfo": "后付费", "show_overage": False}, b"<overage></overage>"),
        ({"payinfo": "后付费", "balance": -7908770}, b"<overage>-7908770</overage>"),
        ({"payinfo": "", "balance": -12}, b"<overage>-12</overage>"),  # only postpaid go below 0
    ],
)
def test_a_postpaid_balance_has_no_figure_and_is_ok(sim, opts, overage):
    bal = _gw(sim, **opts).balance()
    assert overage in (sim.requests[-1].response or b"")
    assert bal.ok and bal.postpaid and bal.pay_type == "postpaid"
    assert bal.messages is None and bal.code is None


def test_a_prepaid_balance_keeps_its_figure(sim):
    bal = _gw(sim, payinfo="预付费", balance=321).balance()
    assert bal.ok and not bal.postpaid and bal.pay_type == "prepaid" and bal.messages == 321


def test_a_send_reply_below_zero_shows_a_postpaid_account(sim):
    gw = _gw(sim, payinfo="后付费", balance=0)
    res = gw.send([A], "你好")  # never refused for the balance: it goes below zero
    assert res.count(Outcome.ACCEPTED) == 1
    assert b"<remainpoint>-1</remainpoint>" in (sim.requests[-1].response or b"")
    assert res.pay_type == "postpaid"


def _add(env, **sim_opts) -> str:
    env.sim.add_account("ipyy", "pp", "pw", **sim_opts)
    from sms_desktop.core.accounts import Account

    env.accounts.add(
        Account("post", "ipyy", env.sim.base_url("ipyy"), "pp", userid="1", read_timeout=2.0),
        "pw",
    )
    return "post"


@pytest.mark.parametrize("show_overage", [True, False])
def test_the_connection_test_passes_and_the_pay_type_is_stored(env, show_overage):
    name = _add(env, payinfo="后付费", balance=-7908770, show_overage=show_overage)
    res = check_connection(env.accounts, name)
    assert res.ok and res.working is not None and res.working.postpaid


def test_no_insufficient_balance_warning_for_a_postpaid_account(env):
    name = _add(env, payinfo="后付费", balance=-7908770)
    env.accounts.record_balance(name, None, pay_type="postpaid")
    est = env.engine.estimate(JobSpec(name, "会议通知", [A, "13900139000"]))
    assert est.postpaid and est.balance is None and not est.exceeds_balance
    assert not any("余额" in w or "balance" in w for w in est.warnings)
    assert "后付费" in est.summary_lines()[0] and "postpaid" in est.summary_lines()[1]
    assert est.to_dict()["postpaid"] is True
    # a prepaid account with too little left is still warned (control)
    env.accounts.record_balance(name, 1, pay_type="prepaid")
    est = env.engine.estimate(JobSpec(name, "会议通知", [A, "13900139000"]))
    assert est.exceeds_balance and est.warnings


def test_a_send_reply_stores_the_pay_type(env):
    """No balance was ever read: the first send's reply (remainpoint -2) shows postpaid."""
    name = _add(env, payinfo="后付费", balance=0)
    job = env.engine.create_job(JobSpec(name, "会议通知", [A, "13900139000"]))
    assert env.engine.run_job(job).accepted == 2
    last = env.accounts.last_balance(name)
    assert last is not None and last.postpaid and last.messages is None
    est = env.engine.estimate(JobSpec(name, "会议通知", [A] * 1))
    assert est.postpaid and not est.exceeds_balance


def test_cli_balance_and_account_test(env, home, capsys):
    from sms_desktop.cli import main

    name = _add(env, payinfo="后付费", show_overage=False)
    assert main(["--home", str(home), "balance", name]) == 0
    out = capsys.readouterr().out
    assert "后付费" in out and "postpaid" in out and "条 /" not in out
    assert main(["--home", str(home), "balance", name, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["postpaid"] is True and data["messages"] is None and data["error"] is None
    assert main(["--home", str(home), "account", "test", name]) == 0
    out = capsys.readouterr().out
    assert "postpaid" in out and "works" in out
    last = env.accounts.last_balance(name)
    assert last is not None and last.postpaid

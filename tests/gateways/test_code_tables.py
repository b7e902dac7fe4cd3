"""The shared code-table mechanism (``Gateway.code_tables``, ``CodeInfo.listed``), over all families.

* A code the vendor document does not list for an operation is never a certain refusal: a send
  answered with one ends UNKNOWN, shown with the vendor's own text (issue 7, item 7).
* Each operation has its own table: a balance error speaks of the balance, never of sending or
  of the text (item 17).
"""

from __future__ import annotations

import pytest

from sms_desktop.core.gateways import (
    FAMILIES,
    AccountConfig,
    Operation,
    Outcome,
    gateway_class,
)

PHONES = ["13800138000", "13900139000"]


def _ipyy(status: str, message: str) -> str:
    return (
        f"<returnsms><returnstatus>{status}</returnstatus><message>{message}</message>"
        "<remainpoint>10</remainpoint><taskID></taskID><successCounts>0</successCounts>"
        "</returnsms>"
    )


def _jsm(status: str) -> str:
    return f"<sms><mt><status>{status}</status></mt></sms>"


ODBC = "-2147217900|[Microsoft][ODBC SQL Server Driver][SQL Server]对象名 'sms_user' 无效。"

# (family, reply body the gateway answers a send with, vendor text the user must see)
# (A documented failure status with an unlisted message, ipyy ``Faild`` or qxt ``error:``, is a
# certain refusal: tests/gateways/test_failure_status.py.)
UNLISTED_SEND = [
    ("jsm", _jsm("-1"), "-1"),
    ("jsm", _jsm("999"), "999"),
    ("txt112088", "-5", "-5"),
    ("txt112088", ODBC, "[Microsoft][ODBC SQL Server Driver]"),
]

# A listed refusal of each family stays a certain refusal (control).
LISTED_SEND = [
    ("ipyy", _ipyy("Faild", "用户名或密码错误"), "auth_failed"),
    ("qxt", "error:8.moblie 提交数小于10，请重新提交!", "8"),
    ("jsm", _jsm("103"), "103"),
    ("txt112088", "-4", "-4"),
]


def _gw(sim, family: str):
    sim.add_account(family, "u", "p", verycode="v", userid="1")
    cls = gateway_class(family)
    return cls(AccountConfig(family, sim.base_url(family), "u", "p", userid="1", verycode="v"))


@pytest.mark.parametrize(("family", "body", "shown"), UNLISTED_SEND)
def test_an_unlisted_send_code_is_unknown_with_the_vendors_text(sim, family, body, shown):
    gw = _gw(sim, family)
    sim.set_fault(family, "reply", count=1, body=body)
    res = gw.send(PHONES, "你好")
    assert sim.requests[-1].fault == "reply"
    assert [r.outcome for r in res.results] == [Outcome.UNKNOWN] * 2
    for r in res.results:
        assert shown in r.message and shown in (r.vendor_text or "") + (r.code or "")
        assert "unknown" in r.message
    # never an account-level refusal: no failover to a backup for something that may have gone out
    assert not res.account_level_failure
    assert res.code is not None and not res.code.listed


@pytest.mark.parametrize(("family", "body", "code"), LISTED_SEND)
def test_a_listed_send_code_stays_a_certain_refusal(sim, family, body, code):
    gw = _gw(sim, family)
    sim.set_fault(family, "reply", count=1, body=body)
    res = gw.send(PHONES, "你好")
    assert [r.outcome for r in res.results] == [Outcome.REJECTED] * 2
    assert res.code is not None and res.code.code == code and res.code.listed


# (family, balance reply, words the explanation must not use)
BALANCE_ERRORS = [
    ("qxt", "失败:error:系统错误", "sending"),
    ("txt112088", "-3", "refuses"),
    ("txt112088", "-9", "this request"),
    ("jsm", _jsm("110"), "refuses"),
    ("jsm", _jsm("108"), "batch"),
    ("ipyy", _ipyy("Faild", "对不起，您当前要发送的量大于您当前余额"), "batch"),
    ("ipyy", _ipyy("Faild", "发送内容包含sql注入字符"), "text"),
]


@pytest.mark.parametrize(("family", "body", "wrong"), BALANCE_ERRORS)
def test_balance_errors_speak_of_the_balance(sim, family, body, wrong):
    gw = _gw(sim, family)
    sim.set_fault(family, "reply", count=1, body=body)
    bal = gw.balance()
    assert not bal.ok and bal.code is not None
    assert "balance" in bal.code.en.lower() and "余额" in bal.code.zh
    assert wrong not in bal.code.en
    assert not bal.code.listed


@pytest.mark.parametrize("family", FAMILIES)
def test_every_operation_looks_in_its_own_table_only(family):
    cls = gateway_class(family)
    gw = cls(AccountConfig(family, "http://127.0.0.1:9/", "u", "p"))
    send = cls.code_table(Operation.SEND)
    assert send, "every family lists its send codes"
    for op in (Operation.BALANCE, Operation.REPORTS, Operation.REPLIES):
        table = cls.code_table(op)
        for code, info in send.items():
            got = gw.code_info(code, op=op)
            if code in table:
                assert got == table[code]
            else:
                assert not got.listed and got.zh != info.zh

"""A documented failure status is a refusal, whatever its message.

ipyy documents ``returnstatus`` as ``Success`` or ``Faild`` (失败), and qxt ``error:错误描述`` as
the reply of a failure and ``fail:错误代码:tele`` as the numbers that failed. Real hosts send
messages the tables do not list (``需要签名``): the batch is rejected, with the vendor's text. A
*code* whose meaning the document does not give (jsm ``<status>-1</status>``, txt112088 ``-5``)
stays unknown. The simulator's ``send_refusals`` knob answers sends in each family's failure form.
"""

from __future__ import annotations

import pytest

from sms_desktop.core.gateways import AccountConfig, Outcome, gateway_class

PHONES = ["13800138000", "13900139000"]


def _gw(sim, family: str):
    sim.add_account(family, "u", "p", verycode="v", userid="1")
    cls = gateway_class(family)
    return cls(AccountConfig(family, sim.base_url(family), "u", "p", userid="1", verycode="v"))


# (family, refusal text the host sends, what the reply looks like on the wire)
DOCUMENTED = [
    ("ipyy", "需要签名", b"<returnstatus>Faild</returnstatus>"),
    ("ipyy", "通道维护中，请稍后", b"<returnstatus>Faild</returnstatus>"),
    ("qxt", "需要签名", "error:需要签名".encode("gbk")),
    ("qxt", "5.通道关闭", "error:5.通道关闭".encode("gbk")),
    ("qxt", "账户已冻结", "error:账户已冻结".encode("gbk")),
]


@pytest.mark.parametrize(("family", "text", "wire"), DOCUMENTED)
def test_a_documented_failure_with_an_unlisted_message_is_rejected(sim, family, text, wire):
    gw = _gw(sim, family)
    sim.send_refusals = {family: text}
    res = gw.send(PHONES, "你好")
    assert wire in (sim.requests[-1].response or b"")
    assert sim.account(family, "u").sent == []  # nothing went out
    assert [r.outcome for r in res.results] == [Outcome.REJECTED] * 2
    shown = text.split(".", 1)[-1]
    for r in res.results:
        assert shown in (r.vendor_text or "") and shown in r.message
        assert "unknown" not in r.message.lower() and "未知" not in r.message
    assert res.code is not None and res.code.listed
    assert not res.account_level_failure  # a message the client does not know: no failover


def test_ipyy_faild_with_no_message_is_rejected(sim):
    gw = _gw(sim, "ipyy")
    sim.set_fault(
        "ipyy",
        "reply",
        count=1,
        body="<returnsms><returnstatus>Faild</returnstatus><message></message>"
        "<remainpoint>10</remainpoint><taskID></taskID><successCounts></successCounts>"
        "</returnsms>",
    )
    res = gw.send(PHONES, "你好")
    assert [r.outcome for r in res.results] == [Outcome.REJECTED] * 2
    assert "Faild" in res.results[0].message


def test_qxt_fail_with_an_unlisted_code_rejects_the_numbers_it_lists(sim):
    gw = _gw(sim, "qxt")
    sim.set_fault("qxt", "reply", count=1, body=f"fail:888:{PHONES[0]}")
    res = gw.send(PHONES, "你好")
    assert [r.outcome for r in res.results] == [Outcome.REJECTED, Outcome.UNKNOWN]
    assert res.results[0].code == "888" and "888" in res.results[0].message


@pytest.mark.parametrize(("family", "code"), [("jsm", "-1"), ("jsm", "999"), ("txt112088", "-5")])
def test_an_unlisted_code_stays_unknown(sim, family, code):
    gw = _gw(sim, family)
    sim.send_refusals = {family: code}
    res = gw.send(PHONES, "你好")
    assert [r.outcome for r in res.results] == [Outcome.UNKNOWN] * 2
    assert res.code is not None and not res.code.listed and code in res.results[0].message


def test_ipyy_faild_on_the_other_actions_is_a_failure_with_the_vendors_text(sim):
    from sms_desktop.core.gateways.ipyy import GatewayRefusedError

    gw = _gw(sim, "ipyy")
    body = "<returnsms><returnstatus>Faild</returnstatus><message>接口已关闭</message></returnsms>"
    sim.set_fault("ipyy", "reply", count=1, body=body)
    with pytest.raises(GatewayRefusedError) as err:
        gw.check_keyword("你好")
    assert err.value.code.listed and err.value.code.vendor_text == "接口已关闭"
    sim.set_fault("ipyy", "reply", count=1, body=body)
    bal = gw.balance()
    assert not bal.ok and bal.code is not None and bal.code.vendor_text == "接口已关闭"
    assert "余额" in bal.code.zh
    sim.set_fault("ipyy", "reply", count=1, endpoint="statusApi.aspx", body=body)
    res = gw.fetch_reports()
    assert res.code is not None and res.code.vendor_text == "接口已关闭" and res.items == []

"""CDATA is text, not markup to repair (ipyy and jsm, the XML families).

The tolerant clean-ups (a bare ``&``, a stray ``<``, ``< tag >`` spacing) leave CDATA sections
alone, so ``<content><![CDATA[R&D部门：预算<5万]]></content>`` reads ``R&D部门：预算<5万``, never
``R&amp;D部门：预算&lt;5万``. The simulator's ``xml_cdata`` knob writes texts as CDATA.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sms_desktop.core.gateways import AccountConfig, Outcome, gateway_class

PHONE = "13800138000"
TEXTS = [
    "R&D部门：预算<5万",
    "价格<100吗 & 多少>50",
    "<b>粗体</b> &amp; 不是实体",
    "结尾是]]>也行",
    "AT&T; &nbsp; &#",
    "< callbox >",
]


def _gw(sim, family: str):
    sim.add_account(family, "u", "p", verycode="v", userid="1")
    cls = gateway_class(family)
    return cls(AccountConfig(family, sim.base_url(family), "u", "p", userid="1", verycode="v"))


@pytest.mark.parametrize("family", ["ipyy", "jsm"])
@pytest.mark.parametrize("text", TEXTS)
def test_a_cdata_reply_reads_back_exactly(sim, family, text):
    gw = _gw(sim, family)
    sim.xml_cdata = True
    sim.inject_reply(family, "u", PHONE, text)
    res = gw.fetch_replies()
    assert b"<![CDATA[" in (sim.requests[-1].response or b"")
    assert [r.content for r in res.items] == [text]
    assert res.unparsed == []


_PIECES = [*"&<>;]'\"#x0 退订你好RD", "]]>", "&amp;", "<![CDATA[", "</content>"]
_XML_TEXT = (
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=15)
    .map("".join)
    .filter(lambda t: t.strip())
)


@pytest.mark.parametrize("family", ["ipyy", "jsm"])
def test_any_text_in_cdata_reads_back_exactly(sim, family):
    gw = _gw(sim, family)
    sim.xml_cdata = True

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(texts=st.lists(_XML_TEXT, min_size=1, max_size=3))
    def check(texts: list[str]) -> None:
        for t in texts:
            sim.inject_reply(family, "u", PHONE, t)
        got = gw.fetch_replies()
        assert [r.content.strip() for r in got.items] == [t.strip() for t in texts]

    check()


def test_cdata_beside_markup_that_needs_repair(sim):
    """A body that needs the clean-ups elsewhere (spaced tags, a bare ``&``) keeps its CDATA."""
    gw = _gw(sim, "ipyy")
    body = (
        "<returnsms>\n< callbox >\n<mobile>13800138000</mobile><taskid>1</taskid>"
        "<content><![CDATA[R&D部门：预算<5万 & </callbox> 照常]]></content>"
        "<receivetime>2026-12-08 09:00:00</receivetime><extno>A&B</extno>\n</ callbox >\n"
        "<callbox><mobile>13900139000</mobile><content><![CDATA[TD]]></content></callbox>"
        "</returnsms>"
    )
    sim.set_fault("ipyy", "reply", count=1, endpoint="callApi.aspx", body=body)
    res = gw.fetch_replies()
    assert [(r.phone, r.content) for r in res.items] == [
        ("13800138000", "R&D部门：预算<5万 & </callbox> 照常"),
        ("13900139000", "TD"),
    ]
    assert res.items[0].extno == "A&B"


def test_jsm_cdata_beside_a_bare_ampersand(sim):
    gw = _gw(sim, "jsm")
    body = (
        "<sms><mo><mobile>13800138000</mobile><recvcode>1069&01</recvcode>"
        "<content><![CDATA[预算<5万 & R&D]]></content><time>2026-12-08 09:00:00</time></mo></sms>"
    )
    sim.set_fault("jsm", "reply", count=1, body=body)
    res = gw.fetch_replies()
    assert [r.content for r in res.items] == ["预算<5万 & R&D"]


def test_a_record_that_does_not_parse_does_not_cut_a_cdata_record(sim):
    """Read record by record: a ``</callbox>`` inside CDATA does not end its record."""
    gw = _gw(sim, "ipyy")
    body = (
        "<returnsms><callbox><mobile>13800138000</mobile>"
        "<content><![CDATA[甲</callbox>乙]]></content></callbox>"
        "<callbox><mobile>13900139000</mobile><content>坏<记录</content></wrong></callbox>"
        "</returnsms>"
    )
    sim.set_fault("ipyy", "reply", count=1, endpoint="callApi.aspx", body=body)
    res = gw.fetch_replies()
    assert [r.content for r in res.items] == ["甲</callbox>乙"]
    assert len(res.unparsed) == 1


def test_ipyy_messages_in_cdata(sim):
    gw = _gw(sim, "ipyy")
    sim.xml_cdata = True
    ok = gw.send([PHONE], "你好")
    assert b"<message><![CDATA[ok]]></message>" in sim.requests[-1].response
    assert ok.count(Outcome.ACCEPTED) == 1
    sim.send_refusals = {"ipyy": "需要签名 & <审核>"}
    refused = gw.send([PHONE], "你好")
    assert refused.results[0].outcome is Outcome.REJECTED
    assert refused.results[0].vendor_text == "需要签名 & <审核>"
    assert gw.balance().ok

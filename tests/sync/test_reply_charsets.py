"""Decoding of pulled bodies: declared, account, the other common charset, detection last, and
mojibake never applied (issue 7, item 3)."""

from __future__ import annotations

import pytest
from synchelpers import Env

from sms_desktop.core import charsets

A = "13800138000"


def _add(env: Env, family: str, charset: str, **options: str) -> str:
    return env.add(family, account={"charset": charset, "options": dict(options)})


@pytest.mark.parametrize(
    ("text", "fallback"),
    [("退订", "utf-8"), ("退订", "gbk"), ("TD退订", "utf-8"), ("好的", "utf-8"), ("取消", "utf-8")],
)
def test_short_gbk_is_read_as_gbk_not_windows_1252(text: str, fallback: str) -> None:
    body = text.encode("gbk")
    assert charsets.decode_reply(body, None, fallback) == text
    assert charsets.decode_checked(body, "text/plain", fallback) == (text, True)


def test_declared_charset_first_then_account_then_the_other() -> None:
    utf8 = "退订".encode()
    assert charsets.decode_checked(utf8, "text/xml; charset=utf-8", "gbk") == ("退订", True)
    # declared UTF-8, sent GBK: the account's charset reads it
    gbk = "退订".encode("gbk")
    assert charsets.decode_checked(gbk, "text/xml; charset=utf-8", "gbk") == ("退订", True)
    # a Java host declaring ISO-8859-1 for UTF-8 bytes: a Western charset cannot carry Chinese
    assert charsets.decode_checked(utf8, "text/xml;charset=ISO-8859-1", "gbk") == ("退订", True)


def test_a_body_no_gateway_charset_reads_is_mojibake() -> None:
    body = "退订".encode("gbk") + b"\xff"  # invalid in GBK and in UTF-8
    _text, trusted = charsets.decode_checked(b"<a>" + body + b"</a>", "text/xml", "utf-8")
    assert not trusted
    assert charsets.is_single_byte("windows-1252") and charsets.is_single_byte("latin-1")
    assert not any(charsets.is_single_byte(c) for c in ("gbk", "utf-8", "gb18030", "big5"))


def test_ipyy_gbk_account_reads_an_undeclared_gbk_opt_out(env: Env) -> None:
    name = _add(env, "ipyy", "gbk")
    env.sim.undeclared_query_charset = "gbk"
    env.sim.inject_reply("ipyy", "u1", A, "退订")

    res = env.syncer.sync_account(name)

    assert res.errors == []
    assert [r["content"] for r in res.new_replies] == ["退订"]
    assert res.opt_outs and env.count("blacklist", "phone=?", A) == 1
    raw = env.one("SELECT content_type, body FROM raw_bodies WHERE kind='replies'")
    assert raw is not None and "退订".encode("gbk") in bytes(raw["body"])
    assert "charset" not in (raw["content_type"] or "")  # as received: nothing declared


def test_jsm_utf8_account_reads_a_gbk_query_answer(env: Env) -> None:
    name = _add(env, "jsm", "utf-8", method="sendUtf8Msg")
    env.sim.undeclared_query_charset = "gbk"
    env.sim.inject_reply("jsm", "u1", A, "退订")

    res = env.syncer.sync_account(name)

    assert res.errors == []
    assert [r["content"] for r in res.new_replies] == ["退订"]
    assert env.count("blacklist", "phone=?", A) == 1


def test_mojibake_body_is_kept_raw_and_not_marked_parsed(env: Env) -> None:
    name = _add(env, "ipyy", "utf-8")
    body = (
        b"<?xml version='1.0'?><returnsms><callbox><mobile>13800138000</mobile><taskid>1"
        b"</taskid><content>"
        + "退订".encode("gbk")
        + b"\xff</content><receivetime>2026-01-05 09:03:01</receivetime></callbox></returnsms>"
    )
    rid = env.syncer.store_body(name, "replies", body, content_type="text/xml")

    res = env.syncer.reparse_pending(name)

    row = env.one("SELECT parsed, error FROM raw_bodies WHERE id=?", rid)
    assert row is not None and row["parsed"] == 2 and "undecodable" in row["error"]
    assert res.errors and res.new_replies == []
    assert env.count("replies") == 0

"""A reply no family can read is reported as unknown with a readable explanation: quoted when it
is text, summarised by its size when it is bytes (the raw body is kept elsewhere)."""

from __future__ import annotations

import pytest

from sms_desktop.core.accounts import Account
from sms_desktop.core.estimate import offline_gateway
from sms_desktop.core.gateways import RawReply
from sms_desktop.core.textsafe import readable


@pytest.mark.parametrize("family", ["ipyy", "jsm", "qxt", "txt112088"])
@pytest.mark.parametrize(
    ("body", "zh", "en"),
    [
        (b"<html>Service Unavailable</html>", "：<html>Service Unavailable</html>", ": <html>"),
        (
            b"\x00\xff\xfe\x01garbage\x1b[31m",
            "：不可读的内容（16 字节）",
            "unreadable content (16 bytes)",
        ),
        ("\u4e2d\ufffd\x07".encode(), "：不可读的内容（7 字节）", "unreadable content (7 bytes)"),
        (b"", "：空回复", ": an empty reply"),
    ],
)
def test_an_unrecognised_reply_is_explained_readably(family, body, zh, en, caplog):
    gw = offline_gateway(Account(name="a", family=family, base_url="http://h/", username="u"))
    result = gw.unrecognised(["13800138000"], RawReply.from_bytes(body))
    (r,) = result.results
    assert r.outcome == "unknown"
    assert zh in r.message_zh and en in r.message_en
    assert readable(r.message_zh) and readable(r.message_en)
    assert result.raw is not None and result.raw.body == body  # the bytes stay with the result
    assert any(f"({len(body)} bytes)" in m and readable(m) for m in caplog.messages)

"""Fuzzing with Hypothesis, adding to the property tests in tests/gateways (arbitrary and mutated
bytes into every parser), tests/contacts/test_contacts_phones.py and test_vendor_time.py:

* the XML families' parsers fed *generated XML trees* in their own vocabulary (records, fields,
  attributes, CDATA, comments, entity references, DTDs), which random bytes almost never reach;
* the text families' parsers fed *generated reply lines* from their own tokens (codes, ids,
  phones, ``|`` ``;`` ``,`` separators);
* the qxt push decoder (``decode_push_body``) on arbitrary bodies and declared charsets;
* the whole stored-body path every pull and push goes through (``Syncer.store_body`` +
  ``process_stored``: decode, parse, match, store): no exception, every body ends applied or
  marked failed, never left pending;
* the phone normaliser on arbitrary Python values (floats, NaN, huge ints, dates, booleans …, as a
  spreadsheet hands them over) and on pasted text;
* the placeholder renderer, the CSV sniffer (encoding, delimiter, and ``read_table`` on arbitrary
  bytes) and the vendor time parser on date-shaped strings.

The only failure allowed is the typed one the core declares: :class:`ProtocolError` for a reply
(``GatewayRefusedError`` where ipyy answers a query with a code), :class:`InputError` for a file.
Example counts are kept moderate for CI (``FUZZ_EXAMPLES``, default 100 per test).
"""

from __future__ import annotations

import codecs
import math
import os
import string
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.contacts.placeholders import placeholders, render, unknown_placeholders
from sms_desktop.core.contacts.reader import (
    decode_errors,
    detect_delimiter,
    detect_encoding,
    read_table,
)
from sms_desktop.core.errors import InputError, ProtocolError
from sms_desktop.core.gateways import AccountConfig, Outcome, RawReply, SendResult
from sms_desktop.core.gateways.base import parse_vendor_time
from sms_desktop.core.gateways.ipyy import GatewayRefusedError, IpyyGateway
from sms_desktop.core.gateways.jsm import JsmGateway
from sms_desktop.core.gateways.qxt import QxtGateway, decode_push_body
from sms_desktop.core.gateways.txt112088 import Txt112088Gateway
from sms_desktop.core.phones import normalise, normalise_cell, parse_recipients, split_pasted
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import open_database
from sms_desktop.core.sync import Syncer

N = int(os.environ.get("FUZZ_EXAMPLES", "100"))
SETTINGS = settings(
    max_examples=N,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

PHONES = ["13800138000", "13900139001"]
IPYY = IpyyGateway(AccountConfig("ipyy", "http://127.0.0.1:9/", "u", "p"))
JSM = JsmGateway(AccountConfig("jsm", "http://127.0.0.1:9/", "u", "p"))
QXT = QxtGateway(AccountConfig("qxt", "http://127.0.0.1:9/qxt/", "u", "p"))
TXT = Txt112088Gateway(AccountConfig("txt112088", "http://127.0.0.1:9/", "u", "p"))

# ---------------------------------------------------------------------------- generated XML

IPYY_TAGS = [
    "returnsms", "returnstatus", "message", "remainpoint", "taskID", "successCounts", "payinfo",
    "overage", "sendTotal", "statusbox", "callbox", "mobile", "taskid", "status", "receivetime",
    "errorcode", "extno", "content", "errorstatus", "error", "remark",
]  # fmt: skip
JSM_TAGS = [
    "sms", "mt", "status", "msgid", "account", "rpt", "mo", "mobile", "time", "extno",
    "recvcode", "content",
]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(
        [
            "Success",
            "Sucess",
            "Faild",
            "0",
            "-1",
            "110#(赌博)",
            "DELIVRD",
            "10",
            "20",
            "UNDELIV",
            "2024-02-30 25:61:61",
            "13800138000",
            "1,2,3",
            "",
            " ",
            "&amp;",
            "&lt;",
            "&#0;",
            "&#x110000;",
            "&lol;",
            "<![CDATA[ok]]>",
            "<!-- c -->",
            "9" * 40,
            "NaN",
            "1e999",
            "-0",
        ]
    ),
    st.text(max_size=12),
)


@st.composite
def xml_tree(draw: st.DrawFn, tags: list[str], depth: int = 0) -> str:
    tag = draw(st.sampled_from(tags))
    attrs = ""
    if draw(st.booleans()) and depth:
        attrs = f' {draw(st.sampled_from(["id", "x", "status"]))}="{draw(st.text(max_size=5))}"'
    if depth >= 3 or draw(st.integers(0, 3)) == 0:
        inner = draw(VALUES)
    else:
        kids = draw(st.lists(xml_tree(tags, depth + 1), max_size=4))
        inner = "".join(kids)
    close = tag if draw(st.integers(0, 20)) else draw(st.sampled_from(tags))  # a few mismatches
    return f"<{tag}{attrs}>{inner}</{close}>"


PROLOGS = st.sampled_from(
    [
        "",
        '<?xml version="1.0" encoding="utf-8" ?>',
        '<?xml version="1.0" encoding="gb2312" ?>',
        "<?xml version='1.0'?>",
        '<!DOCTYPE r [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;">]>',
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        "\ufeff",
    ]
)


def _xml_reply(draw: st.DrawFn, tags: list[str]) -> RawReply:
    text = draw(PROLOGS) + draw(xml_tree(tags))
    enc = draw(st.sampled_from(["utf-8", "gbk"]))
    ctype = draw(st.sampled_from([None, f"text/xml; charset={enc}", "text/html"]))
    return RawReply.from_bytes(text.encode(enc, errors="replace"), ctype, fallback=enc)


def _parse_all(
    raw: RawReply, parsers: dict[str, Callable[[], Any]], success: Callable[[str], bool]
) -> None:
    """Every parser: a typed error or a value; a send read as accepted only when ``success``."""
    for label, parse in parsers.items():
        try:
            out = parse()
        except (ProtocolError, GatewayRefusedError):
            continue
        event(f"{label} parsed")
        if isinstance(out, SendResult) and out.count(Outcome.ACCEPTED):
            assert success(raw.text), raw.text


@SETTINGS
@given(st.data())
def test_ipyy_parsers_on_generated_xml(data: st.DataObject) -> None:
    raw = _xml_reply(data.draw, IPYY_TAGS)
    parsers = {
        "send": lambda: IPYY.parse_send(raw, PHONES),
        "balance": lambda: IPYY.parse_balance(raw),
        "reports": lambda: IPYY.parse_reports(raw),
        "replies": lambda: IPYY.parse_replies(raw),
        "check_keyword": lambda: IPYY.parse_check_keyword(raw),
        "change_password": lambda: IPYY.parse_change_password(raw),
    }
    _parse_all(raw, parsers, lambda t: any(w in t.lower() for w in ("suc", "ok", "成功")))


@SETTINGS
@given(st.data())
def test_jsm_parsers_on_generated_xml(data: st.DataObject) -> None:
    raw = _xml_reply(data.draw, JSM_TAGS)
    parsers = {
        "send": lambda: JSM.parse_send(PHONES, raw),
        "balance": lambda: JSM.parse_balance(raw),
        "reports": lambda: JSM.parse_reports(raw),
        "replies": lambda: JSM.parse_replies(raw),
    }
    _parse_all(raw, parsers, lambda t: "<status>0</status>" in t.replace(" ", ""))


# ---------------------------------------------------------------------------- generated lines

TOKENS = st.one_of(
    st.sampled_from(
        [
            "0",
            "1",
            "2",
            "3",
            "-1",
            "-3",
            "-7",
            "-99",
            "ok",
            "fail",
            "error",
            "sms",
            "mms",
            "13800138000",
            "13900139001",
            "6408601",
            "10",
            "20",
            "DELIVRD",
            "赌博",
            "",
            " ",
            "失败",
            "9" * 30,
            "1.5",
            "-0",
            "NaN",
            "\ufeff",
            "\r\n",
        ]
    ),
    st.text(max_size=6),
)
SEPS = st.sampled_from(["|", ";", ",", ":", "\n", "||", "|;"])


@st.composite
def line(draw: st.DrawFn) -> str:
    parts = draw(st.lists(TOKENS, min_size=1, max_size=12))
    out = parts[0]
    for p in parts[1:]:
        out += draw(SEPS) + p
    return out


@SETTINGS
@given(line(), st.sampled_from(["gbk", "utf-8"]))
def test_text_family_parsers_on_generated_lines(text: str, enc: str) -> None:
    raw = RawReply.from_bytes(text.encode(enc, errors="replace"), None, fallback=enc)
    for parse in (
        lambda: TXT.parse_send(PHONES, raw),
        lambda: TXT.parse_balance(raw),
        lambda: TXT.parse_reports(raw),
        lambda: TXT.parse_replies(raw),
        lambda: QXT.parse_send(raw, PHONES),
        lambda: QXT.parse_balance(raw),
    ):
        try:
            out = parse()
        except ProtocolError:
            continue
        if hasattr(out, "results"):
            assert [r.phone for r in out.results] == PHONES
            assert out.count(Outcome.ACCEPTED) <= len(PHONES)


# ---------------------------------------------------------------------------- qxt push decoder

CTYPES = st.sampled_from(
    [
        None,
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=utf-8",
        "application/x-www-form-urlencoded; charset=GBK",
        "text/plain; charset=nonsense",
        "application/x-www-form-urlencoded; charset=",
    ]
)


@st.composite
def push_body(draw: st.DrawFn) -> bytes:
    shape = draw(st.integers(0, 2))
    if shape == 0:
        return draw(st.binary(max_size=300))
    if shape == 1:  # a near-valid push: the documented fields, lists of random lengths
        n = draw(st.integers(0, 3))
        fields = {
            "type": draw(st.sampled_from(["1", "4", "2", ""])),
            "mid": ",".join(str(draw(st.integers(0, 10**12))) for _ in range(n)),
            "mobile": ",".join(draw(st.sampled_from([*PHONES, "", "1380"])) for _ in range(n)),
            "msg": ",".join(
                draw(st.sampled_from(["DELIVRD", "UNDELIV", "退订", "好", ""]))
                for _ in range(draw(st.integers(0, 3)))
            ),
            "port": draw(st.sampled_from(["106900", ""])),
        }
        return "&".join(f"{k}={quote(v, encoding='gbk')}" for k, v in fields.items()).encode()
    keys = st.sampled_from(["type", "mid", "mobile", "msg", "port", "area", "city", "TYPE", ""])
    pairs = draw(st.lists(st.tuples(keys, st.text(max_size=12)), max_size=8))
    enc = draw(st.sampled_from(["gbk", "utf-8"]))
    out = []
    for k, v in pairs:
        raw = v.encode(enc, errors="replace")
        quoted = raw if draw(st.booleans()) else "".join(f"%{b:02X}" for b in raw).encode()
        out.append(k.encode() + b"=" + quoted)
    return b"&".join(out)


@SETTINGS
@given(push_body(), CTYPES)
def test_qxt_push_decoder_and_parser(body: bytes, ctype: str | None) -> None:
    params, used = decode_push_body(body, ctype)
    assert isinstance(used, str) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in params.items()
    )
    try:
        reports, replies = QXT.parse_push(params)
    except ProtocolError:
        return
    assert all(r.phone is not None for r in [*reports, *replies])


# ---------------------------------------------------------------------------- stored-body path


@pytest.fixture(scope="module")
def syncer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Syncer]:
    home = tmp_path_factory.mktemp("fuzz-home")
    mp = pytest.MonkeyPatch()
    mp.setenv("SMS_DESKTOP_HOME", str(home))
    mp.setenv("SMS_DESKTOP_NO_KEYRING", "1")
    db = open_database(home)
    accounts = AccountStore(db, SecretStore(home))
    for family in ("ipyy", "jsm", "qxt", "txt112088"):
        acct = Account(
            name=family, family=family, base_url="http://127.0.0.1:9/", username="u", verycode="v"
        )  # jsm requires its veryCode; the others drop it
        accounts.add(acct, "pw")
    try:
        yield Syncer(db, accounts)
    finally:
        db.close()
        mp.undo()


@st.composite
def stored_body(draw: st.DrawFn) -> tuple[str, str, bytes, str | None]:
    family = draw(st.sampled_from(["ipyy", "jsm", "qxt", "txt112088"]))
    if family == "qxt":
        return family, "push", draw(push_body()), draw(CTYPES)
    kind = draw(st.sampled_from(["reports", "replies"]))
    if family == "txt112088":
        text = draw(line())
    else:
        text = draw(PROLOGS) + draw(xml_tree(IPYY_TAGS if family == "ipyy" else JSM_TAGS))
    enc = draw(st.sampled_from(["utf-8", "gbk"]))
    return family, kind, text.encode(enc, errors="replace"), f"text/plain; charset={enc}"


@SETTINGS
@given(stored_body())
def test_stored_bodies_end_applied_or_marked_failed(
    syncer: Syncer, case: tuple[str, str, bytes, str | None]
) -> None:
    family, kind, body, ctype = case
    rid = syncer.store_body(family, kind, body, content_type=ctype)
    result = syncer.process_stored(rid)
    parsed = syncer.db.read().execute("SELECT parsed FROM raw_bodies WHERE id=?", (rid,))
    state = parsed.fetchone()[0]
    event(f"{family} {kind}: {'applied' if state == 1 else 'marked failed'}")
    assert state in (1, 2), state
    assert (state == 2) == bool(result.errors) or result.unparsed


# ---------------------------------------------------------------------------- phone normaliser

CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.binary(max_size=20),
    st.text(max_size=30),
    st.text(alphabet="0123456789+-. ()eE，,；;/、", max_size=30),
)


@SETTINGS
@given(CELL_VALUES, st.booleans())
@example(Decimal("sNaN"), False)
@example(Decimal("-Infinity"), False)
@example(10**5000, False)  # more digits than int -> str converts
def test_phone_normaliser_on_any_cell_value(value: object, landline: bool) -> None:
    r = normalise(value, allow_landline=landline)
    assert r.ok == (r.problem is None)
    if r.ok:
        assert r.phone and r.phone.isdigit()
    if (
        isinstance(value, bool | datetime | date | time)
        or (isinstance(value, float) and not math.isfinite(value))
        or (isinstance(value, Decimal) and not value.is_finite())
    ):
        assert not r.ok  # never a number made out of a date, a boolean or NaN
    for one in normalise_cell(value, allow_landline=landline):
        assert one.ok == (one.problem is None)


@SETTINGS
@given(st.text(max_size=200), st.booleans())
def test_pasted_recipients_never_raise(text: str, landline: bool) -> None:
    assert all(isinstance(p, str) for p in split_pasted(text, allow_landline=landline))
    recips = parse_recipients(text, allow_landline=landline)
    assert recips is not None


# ---------------------------------------------------------------------------- placeholders

NAME = st.text(alphabet=st.characters(blacklist_characters="{}\n"), min_size=1, max_size=8).filter(
    str.strip
)
PLAIN = st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=12)


@SETTINGS
@given(st.text(max_size=120), st.dictionaries(st.text(max_size=8), st.text(max_size=8)))
def test_render_any_text_never_raises(text: str, fields: dict[str, str]) -> None:
    out = render(text, "13800138000", "张三", fields)
    assert isinstance(out, str)
    assert set(unknown_placeholders(text, fields)) <= set(placeholders(text))
    if "{" not in text:
        assert out == text


@SETTINGS
@given(st.lists(st.tuples(PLAIN, NAME), max_size=5), PLAIN, st.data())
def test_render_fills_every_known_placeholder(
    parts: list[tuple[str, str]], tail: str, data: st.DataObject
) -> None:
    fields = {n.strip(): data.draw(PLAIN) for _, n in parts}
    text = "".join(f"{lead}{{{n}}}" for lead, n in parts) + tail
    out = render(text, "13800138000", "张三", fields)
    assert unknown_placeholders(text, fields) == []
    expected = "".join(lead + fields[n.strip()] for lead, n in parts)
    assert out == expected + tail


# ---------------------------------------------------------------------------- CSV sniffer

TEXTS = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).flatmap(
        lambda t: st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]).map(
            lambda enc: t.encode(enc, errors="replace")
        )
    ),
)


@SETTINGS
@given(TEXTS)
def test_encoding_sniffer_answers_a_codec_that_reads_the_sample(sample: bytes) -> None:
    try:
        enc = detect_encoding(sample)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    # the codec named reads the bytes it was named for, as the reader decodes with it (GB text
    # as Windows writes it: a lone 0x80 is €; a character cut at the end of the sample is
    # allowed: the sample is the head of a longer file)
    codecs.getincrementaldecoder(enc)(decode_errors(enc)).decode(sample, final=False)


@SETTINGS
@given(st.text(max_size=300))
def test_delimiter_sniffer(text: str) -> None:
    assert detect_delimiter(text) in (",", "\t", ";", "|")


@SETTINGS
@given(TEXTS, st.sampled_from([".csv", ".txt"]))
def test_read_table_on_any_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes, ext: str):
    path = Path(tmp_path_factory.mktemp("csv")) / f"f{ext}"
    path.write_bytes(data)
    try:
        table = read_table(path)
    except InputError as exc:
        assert str(exc).strip()
        return
    rows = list(table.rows())
    assert all(isinstance(n, int) and isinstance(r, list) for n, r in rows)


# ---------------------------------------------------------------------------- vendor time

DATEISH = st.text(alphabet=string.digits + "-/.: T年月日时分秒上下午AaPpMm+Z", max_size=28)


@SETTINGS
@given(st.one_of(DATEISH, st.datetimes(min_value=datetime(1, 1, 1)).map(str)))
def test_vendor_time_on_date_shaped_text(text: str) -> None:
    value = parse_vendor_time(text)
    assert value is None or isinstance(value, datetime)

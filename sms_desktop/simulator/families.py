"""Vendor-side behaviour of the four gateway families, written from the vendor documents.

The documents are summarised in ``docs/protocols.md``; where they are open, the simulator's
choices are listed in ``sms_desktop/simulator/README.md``.

Each ``handle_*`` function takes the simulator and an :class:`Incoming` request and returns an
:class:`Outgoing` reply (text + charset). The simulator's lock is held around every state change.
Formatting and parameter decoding are this module's own; nothing is shared with the client.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from .cp936 import is_gbk, wire_codec
from .state import (
    DIGITS_RE,
    LANDLINE_RE,
    MOBILE_RE,
    Account,
    fmt_dt,
    from_wall_clock,
    segments,
    split_numbers,
    wall_clock,
)

if TYPE_CHECKING:
    from .server import Simulator

# endpoint (last path segment, lower case) -> family
ENDPOINTS = {
    "sms.aspx": "ipyy",
    "smsgbk.aspx": "ipyy",
    "statusapi.aspx": "ipyy",
    "callapi.aspx": "ipyy",
    "smssenderv2": "qxt",
    "surplus": "qxt",
    "httpinterface.do": "jsm",
    "sendsms_txt.asp": "txt112088",
    "get_report_txt.asp": "txt112088",
    "get_receive_message_txt.asp": "txt112088",
    "get_account_balance.asp": "txt112088",
}


@dataclass
class Incoming:
    family: str
    endpoint: str  # lower case
    params: dict[str, str]
    client_ip: str = "127.0.0.1"
    decode_error: bool = False

    def get(self, name: str, default: str = "") -> str:
        """Exact-name lookup (Java hosts: qxt, jsm)."""
        return self.params.get(name, default)

    def iget(self, name: str, default: str = "") -> str:
        """Case-insensitive lookup (IIS/ASP hosts: ipyy, txt112088)."""
        lname = name.lower()
        for k, v in self.params.items():
            if k.lower() == lname:
                return v
        return default

    def has(self, name: str) -> bool:
        return name in self.params


@dataclass
class Outgoing:
    text: str
    charset: str  # Python codec used to encode the body: "utf-8" or "gbk"
    declared: str  # charset named in the header (and the XML prolog)
    xml: bool = False
    status: int = 200
    extra: dict[str, str] = field(default_factory=dict)
    declare: bool = True  # False: neither the header nor the XML prolog names the charset
    windows_gbk: bool = True  # GBK written as code page 936 (€ is 0x80); False: Python's gbk

    def content_type(self) -> str:
        kind = "text/xml" if self.xml else "text/plain"
        return f"{kind}; charset={self.declared}" if self.declare else kind

    def render(self, wrong_charset: bool = False) -> bytes:
        text = self.text
        if self.xml:
            enc = f' encoding="{self.declared}"' if self.declare else ""
            text = f'<?xml version="1.0"{enc} ?>\n' + text
        codec = self.charset
        if wrong_charset:
            codec = "utf-8" if is_gbk(codec) else "gbk"
        return text.encode(wire_codec(codec, self.windows_gbk), errors="replace")


# --------------------------------------------------------------------------- decoding

_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def parse_form(raw: bytes, charset: str) -> tuple[list[tuple[str, str]], bool]:
    """Decode x-www-form-urlencoded bytes in ``charset``.

    Raw (unescaped) high bytes are accepted too, as some clients post them without encoding.
    Returns the pairs and whether the bytes were not valid in that charset.
    """
    if not raw:
        return [], False
    escaped = _HIGH_BYTE.sub(lambda m: b"%%%02X" % m.group()[0], raw).decode("latin-1")
    try:
        return urllib.parse.parse_qsl(
            escaped, keep_blank_values=True, encoding=charset, errors="strict"
        ), False
    except UnicodeDecodeError:
        return urllib.parse.parse_qsl(
            escaped, keep_blank_values=True, encoding=charset, errors="replace"
        ), True


def _raw_params(query: bytes, body: bytes) -> dict[str, str]:
    pairs, _ = parse_form(query, "latin-1")
    bpairs, _ = parse_form(body, "latin-1")
    return dict(pairs + bpairs)


def _lower_get(d: dict[str, str], name: str) -> str:
    for k, v in d.items():
        if k.lower() == name:
            return v
    return ""


def charset_for(sim: Simulator, family: str, endpoint: str, query: bytes, body: bytes) -> str:
    """The charset an endpoint implies for its parameters."""
    if family == "ipyy":
        return "gbk" if endpoint == "smsgbk.aspx" else "utf-8"
    if family == "qxt":
        return "gbk"
    raw = _raw_params(query, body)
    if family == "jsm":
        method = raw.get("method", "").strip().lower()
        if method == "sendutf8msg":
            return "utf-8"
        if method == "sendgbkmsg":
            return "gbk"
        code = raw.get("code", "").strip().lower().replace("_", "-")
        return "utf-8" if code in ("utf-8", "utf8") else "gbk"
    # txt112088: GBK unless the account says otherwise
    name_raw = _lower_get(raw, "us_name")
    for candidate in ("gbk", "utf-8"):
        try:
            name = name_raw.encode("latin-1").decode(candidate)
        except (UnicodeDecodeError, UnicodeEncodeError):
            continue
        acct = sim._accounts.get(("txt112088", name))
        if acct is not None:
            return acct.charset or "gbk"
    return "gbk"


def decode_params(
    sim: Simulator, family: str, endpoint: str, query: bytes, body: bytes
) -> tuple[dict[str, str], str, bool]:
    charset = charset_for(sim, family, endpoint, query, body)
    codec = wire_codec(charset, sim.windows_gbk)
    qpairs, qbad = parse_form(query, codec)
    bpairs, bbad = parse_form(body, codec)
    params: dict[str, str] = {}
    for k, v in qpairs + bpairs:  # body wins
        params[k] = v
    return params, charset, qbad or bbad


# --------------------------------------------------------------------------- helpers


def x(text: object) -> str:
    """XML-escape text content."""
    s = str(text)
    return (
        s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def cdata(text: str) -> str:
    """``text`` as a CDATA section (a ``]]>`` inside is split across two sections)."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _content(sim: Simulator, text: str) -> str:
    """A reply's text in XML: escaped; a CDATA section for ``sim.xml_cdata``; or as is for
    ``sim.xml_unescaped_content`` (a host that writes ``价格<100吗`` into its XML unescaped)."""
    if sim.xml_cdata:
        return cdata(text)
    return text if sim.xml_unescaped_content else x(text)


_XML_UNESCAPE = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}
_TEXT_FIELD_RE = re.compile(r"<(message|remark|payinfo)>([^<]*)</\1>")


def _cdata_fields(text: str) -> str:
    """ipyy's text elements (``message``, ``remark``, ``payinfo``) as CDATA sections."""

    def wrap(m: re.Match[str]) -> str:
        value = re.sub(r"&(?:amp|lt|gt|quot|apos);", lambda e: _XML_UNESCAPE[e[0]], m[2])
        return f"<{m[1]}>{cdata(value) if value else ''}</{m[1]}>"

    return _TEXT_FIELD_RE.sub(wrap, text)


def _xml_extras(sim: Simulator, ts: float) -> str:
    """``sim.appended_fields`` as elements after a record's known ones (``<ext1>…</ext1>``)."""
    return "".join(f"  <ext{i}>{x(v)}</ext{i}>\n" for i, v in enumerate(sim.appended_values(ts), 1))


def _valid_phone(p: str) -> bool:
    return bool(MOBILE_RE.match(p) or LANDLINE_RE.match(p))


def _parse_dt(sim: Simulator, value: str, fmt: str) -> float | None:
    """A send time as the gateway reads it: its clock's wall-clock time."""
    try:
        return from_wall_clock(datetime.strptime(value.strip(), fmt), sim.clock_zone)
    except ValueError:
        return None


# --------------------------------------------------------------------------- ipyy


def _ipyy_auth(sim: Simulator, inc: Incoming) -> tuple[Account | None, str, int]:
    account = inc.iget("account").strip()
    password = inc.iget("password")
    if not account or not password:
        return None, "用户名或密码不能为空", 1
    acct = sim._accounts.get(("ipyy", account))
    userid = inc.iget("userid").strip()
    if (
        acct is None
        or acct.disabled
        or not acct.password_ok(password)
        or (userid and acct.userid and userid != acct.userid)
    ):
        return None, "用户名或密码错误", 2
    return acct, "", 0


def _ipyy_returnsms(status: str, message: str, remain: object, task: object, count: object) -> str:
    return (
        "<returnsms>\n"
        f" <returnstatus>{status}</returnstatus>\n"
        f" <message>{x(message)}</message>\n"
        f" <remainpoint>{x(remain)}</remainpoint>\n"
        f" <taskID>{x(task)}</taskID>\n"
        f" <successCounts>{x(count)}</successCounts>\n"
        "</returnsms>"
    )


def _ipyy_error(code: int, remark: str) -> str:
    return (
        "<returnsms>\n <errorstatus>\n"
        f"  <error>{code}</error>\n  <remark>{x(remark)}</remark>\n"
        " </errorstatus>\n</returnsms>"
    )


def handle_ipyy(sim: Simulator, inc: Incoming) -> Outgoing:
    ep = inc.endpoint
    out = blank_outgoing(sim, inc)
    with sim._lock:
        if ep in ("sms.aspx", "smsgbk.aspx"):
            action = inc.iget("action").strip().lower()
            if action == "send":
                out.text = _ipyy_send(sim, inc)
            elif action == "overage":
                out.text = _ipyy_overage(sim, inc)
            elif action == "checkkeyword":
                out.text = _ipyy_checkkeyword(sim, inc)
            elif action == "changespwd":
                out.text = _ipyy_changespwd(sim, inc)
            else:
                out.text = _ipyy_returnsms("Faild", "其他错误", 0, 0, 0)
        elif ep in ("statusapi.aspx", "callapi.aspx"):
            out.text = _ipyy_query(sim, inc, reports=(ep == "statusapi.aspx"))
            _undeclared_query(sim, out)
        if sim.xml_cdata:
            out.text = _cdata_fields(out.text)
    return out


def _undeclared_query(sim: Simulator, out: Outgoing) -> None:
    """``sim.undeclared_query_charset``: a reseller whose report and reply queries answer in
    that charset and name none (neither header nor prolog)."""
    if sim.undeclared_query_charset:
        out.charset = sim.undeclared_query_charset
        out.declare = False


def ipyy_vendor_error(inc: Incoming) -> str:
    if inc.endpoint in ("statusapi.aspx", "callapi.aspx"):
        return _ipyy_error(4, "参数不正确")
    return _ipyy_returnsms("Faild", "其他错误", 0, 0, 0)


def _ipyy_send(sim: Simulator, inc: Incoming) -> str:
    acct, err, _ = _ipyy_auth(sim, inc)
    if acct is None:
        return _ipyy_returnsms("Faild", err, 0, 0, 0)

    remain = acct.balance if acct.show_overage else ""

    def fail(msg: str) -> str:
        return _ipyy_returnsms("Faild", msg, remain, 0, 0)

    if sim.send_refusals.get("ipyy"):
        return fail(sim.send_refusals["ipyy"])
    numbers = split_numbers(inc.iget("mobile"))
    if not numbers:
        return fail("短信号码不能为空")
    content = inc.iget("content")
    if not content.strip():
        return fail("短信内容不能为空")
    low = content.lower()
    if any(pat in low for pat in sim.ipyy_sql_patterns):
        return fail("发送内容包含sql注入字符")
    words = sim._find_sensitive(content)
    if words:
        return fail("包含非法字符：" + ",".join(words))
    extno = inc.iget("extno").strip()
    if extno and (not DIGITS_RE.match(extno) or len(extno) > 10):
        return fail("其他错误")
    send_time_raw = inc.iget("sendTime").strip()
    send_time = None
    if send_time_raw:
        send_time = _parse_dt(sim, send_time_raw, "%Y-%m-%d %H:%M:%S")
        if send_time is None:
            return fail("其他错误")
    if len(numbers) > (acct.max_recipients or 1000):
        return fail("其他错误")
    valid = [n for n in numbers if _valid_phone(n)]
    if not valid:
        return fail("短信号码不能为空")
    cost = segments(content) * len(valid)
    if cost > acct.balance and not acct.postpaid:  # 当支付方式为预付费时 only
        return fail("对不起，您当前要发送的量大于您当前余额")
    task = str(sim._next_id("ipyy"))
    sim._accept(acct, valid, content, [task] * len(valid), send_time, extno)
    remain = acct.balance if acct.show_overage else ""
    return _ipyy_returnsms("Success", "ok", remain, task, len(valid))


def _ipyy_overage(sim: Simulator, inc: Incoming) -> str:
    acct, err, _ = _ipyy_auth(sim, inc)
    if acct is None:
        status, message, payinfo, overage, total = "Faild", err, "", "", ""
    else:
        status, message = "Sucess", ""  # sic: the vendor spells it "Sucess" here
        payinfo, overage, total = acct.payinfo, str(acct.balance), str(acct.recharged)
        if not acct.show_overage:
            overage = ""
        if acct.postpaid:
            total = ""  # 当支付方式为预付费时返回总充值点数
    return (
        "<returnsms>\n"
        f" <returnstatus>{status}</returnstatus>\n"
        f" <message>{x(message)}</message>\n"
        f" <payinfo>{x(payinfo)}</payinfo>\n"
        f" <overage>{x(overage)}</overage>\n"
        f" <sendTotal>{x(total)}</sendTotal>\n"
        "</returnsms>"
    )


def _ipyy_checkkeyword(sim: Simulator, inc: Incoming) -> str:
    acct, err, _ = _ipyy_auth(sim, inc)
    if acct is None:
        message = err
    else:
        words = sim._find_sensitive(inc.iget("content"))
        if words:
            message = "包含非法字符"
            if sim.ipyy_checkkeyword_append_words:
                message += "：" + ",".join(words)
        else:
            message = "没有包含屏蔽词"
    return f"<returnsms>\n <message>{x(message)}</message>\n</returnsms>"


def _ipyy_changespwd(sim: Simulator, inc: Incoming) -> str:
    acct, err, _ = _ipyy_auth(sim, inc)
    newpwd, renewpwd = inc.iget("newpwd"), inc.iget("renewpwd")
    if acct is None:
        status, message = "Faild", err
    elif not newpwd or not renewpwd:
        status, message = "Faild", "新密码不能为空"
    elif newpwd != renewpwd:
        status, message = "Faild", "两次输入的密码不一致"
    else:
        acct.password = newpwd
        status, message = "Success", "密码修改成功"
    return (
        "<returnsms>\n"
        f" <returnstatus>{status}</returnstatus>\n"
        f" <message>{x(message)}</message>\n"
        " <checkCounts></checkCounts>\n"
        "</returnsms>"
    )


def _ipyy_query(sim: Simulator, inc: Incoming, reports: bool) -> str:
    acct, err, code = _ipyy_auth(sim, inc)
    if acct is None:
        return _ipyy_error(code, err)
    if inc.iget("action").strip().lower() != "query":
        return _ipyy_error(4, "参数不正确")
    if not acct.allow_reports:
        return _ipyy_error(3, "该用户不允许查看状态报告")
    # a page: statusNum reports (default 4000), callApi as many (sim.page_sizes sets others)
    limit = sim.page_size("ipyy", "reports" if reports else "replies")
    num = inc.iget("statusNum").strip()
    if reports and num:
        if not DIGITS_RE.match(num) or int(num) <= 0:
            return _ipyy_error(4, "参数不正确")
        limit = int(num)
    parts = ["<returnsms>"]
    if reports:
        for r in sim._take_reports(acct, limit):
            status = "10" if r.outcome == "ok" else "20"
            word = sim.status_word("ipyy", r.outcome)
            parts.append(
                " <statusbox>\n"
                f"  <mobile>{x(r.phone)}</mobile>\n"
                f"  <taskid>{x(r.gateway_id)}</taskid>\n"
                f"  <status>{status}</status>\n"
                f"  <receivetime>{fmt_dt(r.due, sim.clock_zone)}</receivetime>\n"
                f"  <errorcode>{x(word)}</errorcode>\n"
                f"  <extno>{x(r.extno)}</extno>\n"
                f"{_xml_extras(sim, r.due)}"
                " </statusbox>"
            )
    else:
        for m in sim._take_replies(acct, limit):
            parts.append(
                " <callbox>\n"
                f"  <mobile>{x(m.phone)}</mobile>\n"
                f"  <taskid>{x(m.gateway_id)}</taskid>\n"
                f"  <content>{_content(sim, m.content)}</content>\n"
                f"  <receivetime>{fmt_dt(m.time, sim.clock_zone)}</receivetime>\n"
                f"  <extno>{x(m.extno)}</extno>\n"
                f"{_xml_extras(sim, m.time)}"
                " </callbox>"
            )
    parts.append("</returnsms>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- qxt


def _qxt_auth(sim: Simulator, inc: Incoming) -> tuple[Account | None, str]:
    user, password = inc.get("user").strip(), inc.get("password").strip()
    if not user or not password:
        return None, "1.用户名或密码错误"
    acct = sim._accounts.get(("qxt", user))
    if acct is None:
        return None, "6.无此用户或者密码不对1"
    if acct.disabled or not acct.password_ok(password):
        return None, "7.无此用户或者密码不对"
    return acct, ""


def handle_qxt(sim: Simulator, inc: Incoming) -> Outgoing:
    out = blank_outgoing(sim, inc)
    with sim._lock:
        if inc.endpoint == "surplus":
            acct, err = _qxt_auth(sim, inc)
            if acct is None:
                out.text = "失败:error:" + err.split(".", 1)[1]
            else:
                out.text = f"ok:sms:{acct.balance}:mms:{acct.mms_balance}"
        else:
            out.text = _qxt_send(sim, inc)
    return out


def qxt_vendor_error(inc: Incoming) -> str:
    if inc.endpoint == "surplus":
        return "失败:error:系统错误"
    return "fail:999:" + ",".join(split_numbers(inc.get("tele")))


def _qxt_send(sim: Simulator, inc: Incoming) -> str:
    acct, err = _qxt_auth(sim, inc)
    if acct is None:
        return "error:" + err
    if sim.send_refusals.get("qxt"):
        return "error:" + sim.send_refusals["qxt"]
    extno = inc.get("extno").strip()
    if extno and (not DIGITS_RE.match(extno) or len(extno) > 20):
        return "error:2.扩展号码错误"
    tele_raw = inc.get("tele")
    if not tele_raw.strip():
        return "error:3.mobile"
    msg = inc.get("msg")
    if not msg.strip():
        return "error:4.smg"
    numbers = split_numbers(tele_raw)
    valid = [n for n in numbers if MOBILE_RE.match(n)]
    if not valid or len(numbers) > (acct.max_recipients or 1000):
        return "error:9.moblie is null or mobile number too many!"
    if acct.min_recipients and len(valid) < acct.min_recipients:
        return f"error:8.moblie 提交数小于{acct.min_recipients}，请重新提交!"
    parts = [msg]
    if inc.get("addseqno").strip() == "1" and len(msg) > 70:
        n = segments(msg)
        size = -(-len(msg) // n)
        chunks = [msg[i : i + size] for i in range(0, len(msg), size)]
        parts = [f"{i + 1}/{len(chunks)}){c}" for i, c in enumerate(chunks)]
    mid = str(sim._next_id("qxt"))
    outcome = None
    if sim._find_sensitive(msg):
        outcome = "reject"  # qxt has no send-time keyword error: the review rejects it later
    elif segments(msg) * len(valid) > acct.balance:
        # 余额不足时，那一批号码将提交成功，但是不会下发成功。
        outcome = "nomoney"
    sim._accept(
        acct,
        valid,
        msg,
        [mid] * len(valid),
        None,
        extno,
        outcome=outcome,
        extra={"parts": parts, "addseqno": inc.get("addseqno")},
    )
    return f"ok:{mid}:" + ",".join(valid)


# --------------------------------------------------------------------------- jsm

_JSM_VAR = re.compile(r"^@(\d+)@=(.*)$", re.S)


def _jsm_xml_status(status: str, extra: str = "") -> str:
    return f"<sms>\n <mt>\n  <status>{x(status)}</status>\n{extra} </mt>\n</sms>"


def _jsm_auth(sim: Simulator, inc: Incoming, verycode_error: str) -> tuple[Account | None, str]:
    username, password = inc.get("username").strip(), inc.get("password")
    if not username or not password:
        return None, "103"
    acct = sim._accounts.get(("jsm", username))
    if acct is None or not acct.password_ok(password):
        return None, "101"
    if acct.disabled:
        return None, "102"
    if not acct.interface_enabled:
        return None, "117"
    if acct.allowed_ips is not None and inc.client_ip not in acct.allowed_ips:
        return None, "109"
    if acct.verycode and inc.get("veryCode") != acct.verycode:
        return None, verycode_error
    return acct, ""


def handle_jsm(sim: Simulator, inc: Incoming) -> Outgoing:
    out = blank_outgoing(sim, inc)
    method = inc.get("method").strip()
    lm = method.lower()
    with sim._lock:
        if lm == "getamount":
            acct, err = _jsm_auth(sim, inc, "105")
            if acct is None:
                out.text = _jsm_xml_status(err)
            else:
                amount = Decimal(acct.balance) / Decimal(10)
                text = format(amount.normalize(), "f")
                out.text = _jsm_xml_status("0", f"  <account>{text}</account>\n")
        elif lm in ("sendmsg", "sendutf8msg", "sendgbkmsg"):
            out.text = _jsm_send(sim, inc, lm)
        elif lm in ("queryreport", "querymo"):
            out.text = _jsm_query(sim, inc, lm == "queryreport")
            _undeclared_query(sim, out)
        else:
            out.text = _jsm_xml_status("103")
    return out


def jsm_vendor_error(inc: Incoming) -> str:
    return _jsm_xml_status("100")


def _jsm_send(sim: Simulator, inc: Incoming, method: str) -> str:
    acct, err = _jsm_auth(sim, inc, "116")
    if acct is None:
        return _jsm_xml_status(err)
    if sim.send_refusals.get("jsm"):
        return _jsm_xml_status(sim.send_refusals["jsm"])
    if method == "sendmsg":
        code = inc.get("code").strip().lower()
        if code and code not in ("utf-8", "utf8", "gbk"):
            return _jsm_xml_status("103")
    msgtype = inc.get("msgtype").strip()
    if msgtype not in ("1", "2"):
        return _jsm_xml_status("103")
    numbers = split_numbers(inc.get("mobile"))
    if (
        not numbers
        or len(numbers) > (acct.max_recipients or 100)
        or not all(MOBILE_RE.match(n) for n in numbers)
    ):
        return _jsm_xml_status("106")
    content = inc.get("content")
    if inc.decode_error or not content.strip() or len(content) > 300:
        return _jsm_xml_status("105")
    extcode = inc.get("extcode").strip()
    if extcode and (not DIGITS_RE.match(extcode) or len(extcode) > 4):
        return _jsm_xml_status("103")
    signtag = inc.get("signtag").strip()
    if signtag and (not DIGITS_RE.match(signtag) or not 1 <= int(signtag) <= acct.jsm_signs):
        return _jsm_xml_status("115")
    sendtime_raw = inc.get("sendtime").strip() or inc.get("sendTime").strip()
    send_time = None
    if sendtime_raw:
        send_time = (
            _parse_dt(sim, sendtime_raw, "%Y%m%d%H%M%S") if len(sendtime_raw) == 14 else None
        )
        if send_time is None:
            return _jsm_xml_status("103")
    text = content
    if msgtype == "2":
        tempid = inc.get("tempid").strip()
        if not tempid or tempid not in acct.templates:
            return _jsm_xml_status("114")
        values: dict[str, str] = {}
        for part in content.split(","):
            m = _JSM_VAR.match(part.strip())
            if not m:
                return _jsm_xml_status("103")
            values[m.group(1)] = m.group(2)
        text = acct.templates[tempid]
        for key, val in values.items():
            text = text.replace(f"@{key}@", val)
        if re.search(r"@\d+@", text):
            return _jsm_xml_status("103")
        if len(text) > 300:
            return _jsm_xml_status("105")
    words = sim._find_sensitive(text)
    if words:
        return _jsm_xml_status("110#(" + ",".join(words) + ")")
    if segments(text) * len(numbers) > acct.balance:
        return _jsm_xml_status("108")
    msgid = f"{sim._rng.getrandbits(128):032x}"
    sim._accept(
        acct,
        numbers,
        text,
        [msgid] * len(numbers),
        send_time,
        extcode,
        extra={"msgtype": msgtype, "tempid": inc.get("tempid").strip(), "raw_content": content},
    )
    return _jsm_xml_status("0", f"  <msgid>{msgid}</msgid>\n")


def _jsm_query(sim: Simulator, inc: Incoming, reports: bool) -> str:
    acct, err = _jsm_auth(sim, inc, "105")
    if acct is None:
        return _jsm_xml_status(err)
    if reports and not acct.allow_reports:
        return _jsm_xml_status("100")
    today = wall_clock(sim._now(), sim.clock_zone).date()
    items = []
    if reports:
        for r in sim._take_reports(acct, sim.page_size("jsm", "reports"), day=today):
            items.append(
                " <rpt>\n"
                f"  <mobile>{x(r.phone)}</mobile>\n"
                f"  <msgid>{x(r.gateway_id)}</msgid>\n"
                f"  <status>{x(sim.status_word('jsm', r.outcome))}</status>\n"
                f"  <time>{fmt_dt(r.due, sim.clock_zone)}</time>\n"
                f"  <extno>{x(r.extno)}</extno>\n"
                f"{_xml_extras(sim, r.due)}"
                " </rpt>"
            )
    else:
        for m in sim._take_replies(acct, sim.page_size("jsm", "replies"), day=today):
            items.append(
                " <mo>\n"
                f"  <mobile>{x(m.phone)}</mobile>\n"
                f"  <recvcode>{x(acct.sp_number + m.extno)}</recvcode>\n"
                f"  <content>{_content(sim, m.content)}</content>\n"
                f"  <time>{fmt_dt(m.time, sim.clock_zone)}</time>\n"
                f"{_xml_extras(sim, m.time)}"
                " </mo>"
            )
    if not items:
        return _jsm_xml_status("104")
    return "<sms>\n" + "\n".join(items) + "\n</sms>"


# --------------------------------------------------------------------------- txt112088


def handle_txt(sim: Simulator, inc: Incoming) -> Outgoing:
    with sim._lock:
        name = inc.iget("us_name").strip()
        acct = sim._accounts.get(("txt112088", name))
        out = blank_outgoing(sim, inc)
        ep = inc.endpoint
        password = inc.iget("us_pwd")
        if ep == "sendsms_txt.asp":
            if acct is None or not acct.password_ok(password):
                out.text = "-7"
            elif acct.disabled:
                out.text = "-10"
            else:
                out.text = _txt_send(sim, inc, acct)
            return out
        if acct is None:
            out.text = "-1"
            return out
        if not acct.password_ok(password) or acct.disabled:
            out.text = "-7"
            return out
        if ep == "get_account_balance.asp":
            out.text = str(acct.balance)
        elif ep == "get_report_txt.asp":
            if not acct.allow_reports:
                out.text = "-3"
            else:
                items = [
                    f"{r.gateway_id};{r.phone};{sim.status_word('txt112088', r.outcome)}"
                    + "".join(f";{v}" for v in sim.appended_values(r.due))
                    for r in sim._take_reports(acct, sim.page_size("txt112088", "reports"))
                ]
                out.text = "|".join([str(len(items)), *items]) if items else "0"
        elif ep == "get_receive_message_txt.asp":
            sep = sim.txt_reply_id_sep
            items = [
                f"{m.reply_id}{sep}{m.phone};{m.content}"
                + "".join(f";{v}" for v in sim.appended_values(m.time))
                for m in sim._take_replies(acct, sim.page_size("txt112088", "replies"))
            ]
            out.text = "|".join([str(len(items)), *items]) if items else "0"
    return out


def txt_vendor_error(inc: Incoming) -> str:
    return "-99" if inc.endpoint == "sendsms_txt.asp" else "-3"


def _txt_send(sim: Simulator, inc: Incoming, acct: Account) -> str:
    if sim.send_refusals.get("txt112088"):
        return sim.send_refusals["txt112088"]
    numbers = split_numbers(inc.iget("send_phone"))
    if not numbers:
        return "-1"
    content = inc.iget("send_content")
    if not content.strip():
        return "-2"
    if len(numbers) > (acct.max_recipients or 100):
        return "-4"
    if len(content) > 335:
        return "-8"
    words = sim._find_sensitive(content)
    if words:
        return "-3|" + ",".join(words)
    send_time = None
    st = inc.iget("send_time").strip()
    if st:
        send_time = _parse_dt(sim, st, "%Y%m%d%H%M%S") if len(st) == 14 else None
        if send_time is None:
            return "-99"
    valid = [n for n in numbers if _valid_phone(n)]
    invalid = len(numbers) - len(valid)
    if not valid:
        return "-1"
    if segments(content) * len(valid) > acct.balance:
        return "-9"
    if sim.txt_smsid_per_number:
        ids = [str(sim._next_id("txt112088")) for _ in valid]
        smsid = ",".join(ids)
    else:
        smsid = str(sim._next_id("txt112088"))
        ids = [smsid] * len(valid)
    sim._accept(acct, valid, content, ids, send_time, "")
    return f"0|{len(valid)}|{invalid}|{smsid}"


def blank_outgoing(sim: Simulator, inc: Incoming) -> Outgoing:
    """An empty reply carrying the family's usual charset and content type."""
    out = _blank(sim, inc)
    out.windows_gbk = sim.windows_gbk
    return out


def _blank(sim: Simulator, inc: Incoming) -> Outgoing:
    if inc.family == "ipyy":
        if inc.endpoint == "smsgbk.aspx":
            return Outgoing("", "gbk", "gb2312", xml=True)
        return Outgoing("", "utf-8", "utf-8", xml=True)
    if inc.family == "qxt":
        return Outgoing("", "gbk", "GBK")
    if inc.family == "jsm":
        return Outgoing("", "utf-8", "UTF-8", xml=True)
    acct = sim._accounts.get(("txt112088", inc.iget("us_name").strip()))
    charset = (acct.charset if acct and acct.charset else "gbk").lower()
    return Outgoing("", charset, charset)


HANDLERS = {
    "ipyy": handle_ipyy,
    "qxt": handle_qxt,
    "jsm": handle_jsm,
    "txt112088": handle_txt,
}

VENDOR_ERRORS = {
    "ipyy": ipyy_vendor_error,
    "qxt": qxt_vendor_error,
    "jsm": jsm_vendor_error,
    "txt112088": txt_vendor_error,
}

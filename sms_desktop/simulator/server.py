"""The gateway simulator: one threaded HTTP server on loopback serving all four families."""

from __future__ import annotations

import json
import random
import socket
import struct
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import fields as dc_fields
from datetime import date, datetime, tzinfo
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .cp936 import wire_codec
from .families import (
    ENDPOINTS,
    HANDLERS,
    VENDOR_ERRORS,
    Incoming,
    blank_outgoing,
    decode_params,
)
from .state import (
    DEFAULT_PAGE_SIZES,
    FAMILIES,
    FAULT_KINDS,
    HUGE_BODY_BYTES,
    PAGE_KINDS,
    XXE_PROBE_PATH,
    Account,
    Fault,
    LoggedRequest,
    PushAttempt,
    PushItem,
    Reply,
    Report,
    SentMessage,
    fmt_dt,
    gateway_zone,
    parse_time_value,
    segments,
    wall_clock,
)

BASE_PATHS = {
    "ipyy": "/",
    "qxt": "/qxt/",
    "jsm": "/service/httpService/",
    "txt112088": "/",
}

STATUS_WORDS = {
    "ipyy": {"ok": "DELIVRD", "fail": "UNDELIV", "unknown": "UNKNOWN", "reject": "REJECT"},
    "qxt": {
        "ok": "DELIVRD",
        "fail": "UNDELIV",
        "unknown": "UNKNOWN",
        "reject": "REJECT",
        "nomoney": "NOMONEY",
    },
    "jsm": {"ok": "DELIVRD", "fail": "MA:0006", "unknown": "UNKNOWN", "reject": "REJECT"},
    "txt112088": {"ok": "10", "fail": "20", "unknown": "-1", "reject": "20"},
}

_ACCOUNT_OPTIONS = {f.name for f in dc_fields(Account)} - {
    "family",
    "username",
    "password",
    "sent",
    "reports",
    "replies",
    "templates",
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    sim: Simulator


class Simulator:
    """Vendor side of the ipyy, qxt, jsm and txt112088 gateways, for tests and demos."""

    def __init__(
        self, host: str = "127.0.0.1", port: int = 0, seed: int | None = None, verbose: bool = False
    ) -> None:
        self.host = host
        self._requested_port = port
        self.verbose = verbose
        self._lock = threading.RLock()
        self._rng = random.Random(seed)
        self._garbage_rng = random.Random(None if seed is None else seed + 1)
        self.clock = time.time  # replaceable for tests (jsm "current day", schedules)
        # The zone of the gateways' clock: every time they read (ipyy sendTime, jsm sendtime,
        # txt112088 send_time) or write (report and reply times; jsm's "current day") is its
        # wall-clock time. Beijing time, as on the real gateways; "local" = this machine's zone.
        self.clock_zone: tzinfo | None = None  # set with gateway_timezone
        self._gateway_timezone: Any = None
        self.gateway_timezone = "Asia/Shanghai"

        # behaviour knobs
        self.sensitive_words: set[str] = set()
        self.report_success_ratio = 1.0
        self.report_unknown_ratio = 0.0  # share of the failures that are "no report" (txt -1)
        self.report_delay = 0.0
        self.auto_reply_ratio = 0.0
        self.auto_reply_texts = ["收到，谢谢", "TD", "好的"]
        # phone -> text: every accepted message to that number is answered with that text (a
        # second after its report falls due), whatever its delivery outcome
        self.auto_replies: dict[str, str] = {}
        self.ipyy_sql_patterns = [
            "'",
            "--",
            "/*",
            "xp_cmdshell",
            "exec(",
            "drop table",
            "delete from",
            "insert into",
            "select * from",
            "union select",
            "truncate table",
        ]
        self.ipyy_checkkeyword_append_words = True
        self.qxt_push_batch = 1
        self.qxt_push_method = "GET"
        self.qxt_push_retry = 1.0  # seconds before a refused push is retried (background)
        self.qxt_push_timeout = 3.0
        self.qxt_push_interval = 0.05
        self.qxt_push_auto = True  # background thread pushes when due
        self.txt_reply_id_sep = ";"
        self.txt_smsid_per_number = False
        # A txt112088 host whose ASP pages read Request.QueryString only: a POST's form body is
        # not seen (no credentials, so -7 on a send and -1 on the queries).
        self.txt_query_string_only = False
        # IIS (ipyy, txt112088) refuses a longer query string with 404.15.
        self.iis_max_query_string = 2048
        # ipyy statusApi/callApi and jsm queryReport/queryMo answer in this charset, naming none
        self.undeclared_query_charset: str | None = None
        self.xml_unescaped_content = False  # ipyy/jsm write reply texts into XML unescaped
        # ipyy/jsm write texts as CDATA sections: reply contents, and ipyy's message, remark and
        # payinfo (<content><![CDATA[R&D部门：预算<5万]]></content>)
        self.xml_cdata = False
        # GBK bodies (requests, replies, pushes) as Windows code page 936, where 0x80 is € (what
        # IIS/ASP hosts do); False: Python's strict gbk (€ is written as "?", 0x80 is refused)
        self.windows_gbk = True
        # family -> text: every send of that family is refused in the family's own failure form
        # with a text the document does not list, nothing charged (a real host's "需要签名"):
        # ipyy <returnstatus>Faild</returnstatus><message>TEXT</message>, qxt error:TEXT; jsm
        # <status>TEXT</status> and txt112088 TEXT, where the text is the (undocumented) code.
        self.send_refusals: dict[str, str] = {}
        # Fields a host appends to every report and reply record, after the documented ones:
        # txt112088 ";v" (id;phone;10;2017-02-09 12:00:00), ipyy and jsm <ext1>v</ext1>
        # elements, qxt push parameters ext1=v. "{time}" is the record's time in the gateway's
        # clock.
        self.appended_fields: list[str] = []
        # Records a report or reply query hands out at most: {family: {kind: n or None}}, None
        # for no limit. The vendors' sizes by default (state.DEFAULT_PAGE_SIZES); tests set
        # smaller ones (sim.page_sizes["txt112088"]["reports"] = 10). ipyy reports: a statusNum
        # in the request wins.
        self.page_sizes: dict[str, dict[str, int | None]] = {
            family: dict(sizes) for family, sizes in DEFAULT_PAGE_SIZES.items()
        }

        # state
        self.requests: list[LoggedRequest] = []
        self.pushes: list[PushAttempt] = []
        self._accounts: dict[tuple[str, str], Account] = {}
        self._faults: list[Fault] = []
        self._push_queue: list[PushItem] = []
        self._push_urls: dict[str, str] = {}
        self._counters = {"ipyy": 1000, "qxt": 6398600, "txt112088": 6408600, "reply": 100}
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._push_thread: threading.Thread | None = None
        self._stop_event = threading.Event()
        self._push_lock = threading.Lock()
        self._connections: set[socket.socket] = set()

    @property
    def gateway_timezone(self) -> Any:
        """The gateways' clock zone as set: an IANA name (``"Asia/Shanghai"``, the default), an
        offset (``"+08:00"``, hours as a number) or ``"local"`` (this machine's zone)."""
        return self._gateway_timezone

    @gateway_timezone.setter
    def gateway_timezone(self, value: Any) -> None:
        self.clock_zone = gateway_zone(value)  # ValueError for a zone it does not know
        self._gateway_timezone = value

    def appended_values(self, ts: float) -> list[str]:
        """:attr:`appended_fields` for a record of epoch ``ts`` ("{time}" filled in)."""
        return [v.replace("{time}", fmt_dt(ts, self.clock_zone)) for v in self.appended_fields]

    def page_size(self, family: str, kind: str) -> int | None:
        """Records one ``kind`` ("reports"/"replies") query of ``family`` hands out at most."""
        return self.page_sizes.get(family, {}).get(kind)

    def set_page_sizes(self, sizes: dict[str, Any]) -> None:
        """Merge ``{family: {kind: n or None}}`` into :attr:`page_sizes` (ValueError if bad)."""
        with self._lock:
            for family, kinds in sizes.items():
                if family not in DEFAULT_PAGE_SIZES:
                    raise ValueError(f"no pulled reports or replies in family {family!r}")
                for kind, n in dict(kinds).items():
                    if kind not in PAGE_KINDS:
                        raise ValueError(f"page kind must be reports or replies: {kind!r}")
                    if n is not None and (isinstance(n, bool) or int(n) <= 0):
                        raise ValueError(f"page size must be a positive number or null: {n!r}")
                    self.page_sizes[family][kind] = None if n is None else int(n)

    def wall_clock(self, ts: float | None = None) -> datetime:
        """The gateway's wall-clock time (naive) at epoch ``ts`` (default: the simulator's now)."""
        return wall_clock(self._now() if ts is None else ts, self.clock_zone)

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> Simulator:
        if self._server is not None:
            return self
        self._stop_event.clear()
        server = _Server((self.host, self._requested_port), _Handler)
        server.sim = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        self._push_thread = threading.Thread(target=self._push_loop, daemon=True)
        self._push_thread.start()
        return self

    def stop(self) -> None:
        server = self._server
        if server is None:
            return
        self._stop_event.set()
        server.shutdown()
        server.server_close()
        with self._lock:
            conns = list(self._connections)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                conn.close()
            except OSError:
                pass
        for t in (self._thread, self._push_thread):
            if t is not None:
                t.join(timeout=2)
        self._server = None

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            return self._requested_port
        return self._server.server_address[1]

    @property
    def root_url(self) -> str:
        host = self.host if self.host not in ("", "0.0.0.0") else "127.0.0.1"
        return f"http://{host}:{self.port}"

    def base_url(self, family: str) -> str:
        if family not in BASE_PATHS:
            raise ValueError(f"unknown family {family!r}")
        return self.root_url + BASE_PATHS[family]

    # ------------------------------------------------------------------ accounts

    def add_account(
        self,
        family: str,
        username: str,
        password: str,
        balance: int = 1000,
        userid: str = "1",
        verycode: str = "",
        charset: str | None = None,
        allow_reports: bool = True,
        disabled: bool = False,
        **options: Any,
    ) -> Account:
        if family not in FAMILIES:
            raise ValueError(f"unknown family {family!r}; expected one of {FAMILIES}")
        unknown = set(options) - _ACCOUNT_OPTIONS
        if unknown:
            raise TypeError(f"unknown account options: {sorted(unknown)}")
        if options.get("password_hash", "none") not in ("none", "md5", "MD5"):
            raise ValueError("password_hash must be 'none', 'md5' or 'MD5'")
        acct = Account(
            family=family,
            username=username,
            password=password,
            balance=int(balance),
            userid=str(userid),
            verycode=verycode,
            charset=charset,
            allow_reports=allow_reports,
            disabled=disabled,
            **options,
        )
        with self._lock:
            self._accounts[(family, username)] = acct
        return acct

    def account(self, family: str, username: str) -> Account:
        with self._lock:
            return self._accounts[(family, username)]

    @property
    def accounts(self) -> list[Account]:
        with self._lock:
            return list(self._accounts.values())

    def add_jsm_template(self, username: str, tempid: str, text: str) -> None:
        with self._lock:
            self._accounts[("jsm", username)].templates[tempid] = text

    # ------------------------------------------------------------------ replies / pushes

    def inject_reply(
        self,
        family: str,
        username: str,
        phone: str,
        content: str,
        time: Any = None,
        extno: str = "",
        area: str = "广东",
        city: str = "深圳",
    ) -> Reply:
        with self._lock:
            acct = self._accounts[(family, username)]
            now = self._now()
            ts = parse_time_value(time, now, self.clock_zone)
            return self._add_reply(acct, phone, content, ts, extno, due=now, area=area, city=city)

    def set_push_url(self, username: str, url: str | None) -> None:
        with self._lock:
            if url:
                self._push_urls[username] = url
            else:
                self._push_urls.pop(username, None)

    @property
    def pending_pushes(self) -> list[PushItem]:
        with self._lock:
            return list(self._push_queue)

    def flush_pushes(self) -> int:
        """Push every due qxt item now, synchronously. Returns how many items were accepted."""
        return self._push_due(respect_backoff=False)

    # ------------------------------------------------------------------ faults / log

    def set_fault(
        self,
        family: str,
        kind: str,
        *,
        count: int | None = None,
        seconds: float = 0.0,
        endpoint: str | None = None,
        body: str = "",
        size: int = 0,
    ) -> Fault:
        if family not in FAMILIES:
            raise ValueError(f"unknown family {family!r}")
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        fault = Fault(family, kind, count, float(seconds), endpoint, body, int(size))
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear_faults(self, family: str | None = None) -> None:
        with self._lock:
            self._faults = [f for f in self._faults if family is not None and f.family != family]

    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    # ------------------------------------------------------------------ internals (lock held)

    def _now(self) -> float:
        return float(self.clock())

    def _next_id(self, kind: str) -> int:
        with self._lock:
            self._counters[kind] += 1
            return self._counters[kind]

    def _find_sensitive(self, text: str) -> list[str]:
        words = [w for w in self.sensitive_words if w and w in text]
        return sorted(words, key=lambda w: (text.index(w), w))

    def status_word(self, family: str, outcome: str) -> str:
        table = STATUS_WORDS[family]
        return table.get(outcome, table["fail"])

    def _decide_outcome(self) -> str:
        if self._rng.random() < self.report_success_ratio:
            return "ok"
        if self.report_unknown_ratio and self._rng.random() < self.report_unknown_ratio:
            return "unknown"
        return "fail"

    def _accept(
        self,
        acct: Account,
        phones: list[str],
        text: str,
        ids: list[str],
        send_time: float | None,
        extno: str,
        outcome: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> list[SentMessage]:
        with self._lock:
            now = self._now()
            seg = segments(text)
            charge = outcome not in ("reject", "nomoney")
            due = max(now, send_time or now) + float(self.report_delay)
            out = []
            for phone, gid in zip(phones, ids, strict=True):
                oc = outcome or self._decide_outcome()
                charged = seg if charge else 0
                acct.balance -= charged
                msg = SentMessage(
                    family=acct.family,
                    phone=phone,
                    text=text,
                    gateway_id=gid,
                    send_time=send_time,
                    extno=extno,
                    segments=seg,
                    charged=charged,
                    accepted_at=now,
                    outcome=oc,
                    extra=dict(extra or {}),
                )
                acct.sent.append(msg)
                out.append(msg)
                if acct.family == "qxt":
                    self._push_queue.append(
                        PushItem(
                            username=acct.username,
                            type=4,
                            mid=gid,
                            mobile=phone,
                            msg=self.status_word("qxt", oc),
                            port=acct.sp_number + extno,
                            due=due,
                        )
                    )
                else:
                    acct.reports.append(
                        Report(acct.family, acct.username, gid, phone, extno, oc, due)
                    )
                if charge and phone in self.auto_replies:
                    content = self.auto_replies[phone]
                    self._add_reply(acct, phone, content, due + 1, extno, due=due + 1)
                elif (
                    oc == "ok"
                    and self.auto_reply_ratio > 0
                    and self._rng.random() < self.auto_reply_ratio
                ):
                    content = self._rng.choice(self.auto_reply_texts)
                    self._add_reply(acct, phone, content, due + 1, extno, due=due + 1)
            return out

    def _add_reply(
        self,
        acct: Account,
        phone: str,
        content: str,
        ts: float,
        extno: str,
        due: float,
        area: str = "广东",
        city: str = "深圳",
    ) -> Reply:
        with self._lock:
            gid = ""
            for m in reversed(acct.sent):
                if m.phone == phone:
                    gid = m.gateway_id
                    break
            reply = Reply(
                family=acct.family,
                username=acct.username,
                reply_id=str(self._next_id("reply")),
                phone=phone,
                content=content,
                time=ts,
                extno=extno,
                gateway_id=gid,
                area=area,
                city=city,
                due=due,
            )
            if acct.family == "qxt":
                self._push_queue.append(
                    PushItem(
                        username=acct.username,
                        type=1,
                        mid=reply.reply_id,
                        mobile=phone,
                        msg=content,
                        port=acct.sp_number + extno,
                        area=area,
                        city=city,
                        due=due,
                    )
                )
            else:
                acct.replies.append(reply)
            return reply

    def _take_reports(
        self, acct: Account, limit: int | None, day: date | None = None
    ) -> list[Report]:
        with self._lock:
            now = self._now()
            out: list[Report] = []
            for r in acct.reports:
                if r.fetched or r.due > now:
                    continue
                if limit and len(out) >= limit:
                    break
                r.fetched = True  # handed out once; or expired (jsm serves only the current day)
                if day is not None and wall_clock(r.due, self.clock_zone).date() != day:
                    continue
                out.append(r)
            acct.reports = [r for r in acct.reports if not r.fetched]
            return out

    def _take_replies(
        self, acct: Account, limit: int | None, day: date | None = None
    ) -> list[Reply]:
        with self._lock:
            now = self._now()
            out: list[Reply] = []
            for m in acct.replies:
                if m.fetched or m.due > now:
                    continue
                if limit and len(out) >= limit:
                    break
                m.fetched = True
                if day is not None and wall_clock(m.time, self.clock_zone).date() != day:
                    continue
                out.append(m)
            acct.replies = [m for m in acct.replies if not m.fetched]
            return out

    def _take_fault(self, family: str, endpoint: str) -> Fault | None:
        with self._lock:
            for f in self._faults:
                if f.matches(family, endpoint):
                    if f.count is not None:
                        f.count -= 1
                        if f.count <= 0:
                            self._faults.remove(f)
                    return f
            return None

    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    # ------------------------------------------------------------------ qxt push

    def _push_loop(self) -> None:
        while not self._stop_event.wait(self.qxt_push_interval):
            if self.qxt_push_auto:
                try:
                    self._push_due(respect_backoff=True)
                except Exception as exc:  # never let the worker die
                    if self.verbose:
                        print(f"push worker: {exc!r}", file=sys.stderr)

    def _push_due(self, respect_backoff: bool) -> int:
        delivered = 0
        with self._push_lock:
            with self._lock:
                now = self._now()
                due = [
                    p
                    for p in self._push_queue
                    if p.due <= now
                    and p.username in self._push_urls
                    and (not respect_backoff or p.next_try <= time.time())
                ]
                urls = dict(self._push_urls)
                batch_size = max(1, int(self.qxt_push_batch))
                method = self.qxt_push_method.upper()
            groups: dict[tuple[str, int, str], list[PushItem]] = {}
            for p in due:
                groups.setdefault((p.username, p.type, p.port), []).append(p)
            for (username, ptype, port), items in groups.items():
                for i in range(0, len(items), batch_size):
                    chunk = items[i : i + batch_size]
                    ok = self._push_one(urls[username], method, ptype, port, chunk)
                    with self._lock:
                        if ok:
                            delivered += len(chunk)
                            for p in chunk:
                                if p in self._push_queue:
                                    self._push_queue.remove(p)
                        else:
                            for p in chunk:
                                p.attempts += 1
                                p.next_try = time.time() + self.qxt_push_retry
        return delivered

    def _push_one(
        self, url: str, method: str, ptype: int, port: str, chunk: list[PushItem]
    ) -> bool:
        params: list[tuple[str, str]] = [
            ("type", str(ptype)),
            ("mid", ",".join(p.mid for p in chunk)),
            ("mobile", ",".join(p.mobile for p in chunk)),
            ("msg", ",".join(p.msg for p in chunk)),
            ("port", port),
        ]
        if ptype == 1:
            params.append(("area", ",".join(p.area for p in chunk)))
            params.append(("city", ",".join(p.city for p in chunk)))
        for i in range(len(self.appended_fields)):
            values = [self.appended_values(p.due)[i] for p in chunk]
            params.append((f"ext{i + 1}", ",".join(values)))
        codec = wire_codec("gbk", self.windows_gbk)
        raw = urllib.parse.urlencode(params, encoding=codec, errors="replace").encode("ascii")
        if method == "POST":
            req = urllib.request.Request(
                url,
                data=raw,
                method="POST",
                headers={"Content-Type": "application/x-www-form-urlencoded; charset=GBK"},
            )
        else:
            sep = "&" if "?" in url else "?"
            req = urllib.request.Request(url + sep + raw.decode("ascii"), method="GET")
        status: int | None = None
        body = b""
        try:
            with urllib.request.urlopen(req, timeout=self.qxt_push_timeout) as resp:
                status = resp.status
                body = resp.read()
        except urllib.error.HTTPError as exc:
            status = exc.code
            try:
                body = exc.read()
            except OSError:
                body = b""
        except (OSError, ValueError) as exc:
            body = repr(exc).encode()
        ok = status == 200 and body.strip().lower() == b"ok"
        with self._lock:
            self.pushes.append(PushAttempt(url, method, params, raw, status, body, ok))
        return ok

    # ------------------------------------------------------------------ control API

    def _control(self, method: str, name: str, data: Any) -> tuple[int, Any]:
        """Handle /_sim/<name>. Returns (HTTP status, JSON-able object)."""
        if method == "GET" and name == "accounts":
            return 200, [a.to_json() for a in self.accounts]
        if method == "GET" and name == "requests":
            with self._lock:
                return 200, [r.to_json() for r in self.requests]
        if method == "GET" and name == "pushes":
            with self._lock:
                return 200, [
                    {
                        "url": p.url,
                        "method": p.method,
                        "params": p.params,
                        "status": p.status,
                        "ok": p.ok,
                        "response": p.response.decode("latin-1"),
                    }
                    for p in self.pushes
                ]
        if method == "GET" and name == "config":
            return 200, self._config_json()
        if method != "POST":
            return 405, {"error": "method not allowed"}
        data = data or {}
        if name == "accounts":
            items = data if isinstance(data, list) else [data]
            made = []
            for item in items:
                item = dict(item)
                family = item.pop("family")
                username = item.pop("username")
                password = item.pop("password")
                templates = item.pop("templates", {}) or {}
                acct = self.add_account(family, username, password, **item)
                for tid, text in templates.items():
                    self.add_jsm_template(username, tid, text)
                made.append(acct.to_json())
            return 200, made if isinstance(data, list) else made[0]
        if name == "reply":
            r = self.inject_reply(
                data["family"],
                data["username"],
                str(data["phone"]),
                data["content"],
                time=data.get("time"),
                extno=str(data.get("extno", "")),
                area=data.get("area", "广东"),
                city=data.get("city", "深圳"),
            )
            return 200, {"reply_id": r.reply_id}
        if name == "fault":
            f = self.set_fault(
                data["family"],
                data["kind"],
                count=data.get("count"),
                seconds=float(data.get("seconds", 0.0)),
                endpoint=data.get("endpoint"),
                body=str(data.get("body", "")),
                size=int(data.get("size", 0)),
            )
            return 200, {"family": f.family, "kind": f.kind, "count": f.count}
        if name == "clear_faults":
            self.clear_faults(data.get("family"))
            return 200, {"ok": True}
        if name == "clear_requests":
            self.clear_requests()
            return 200, {"ok": True}
        if name == "flush_pushes":
            return 200, {"delivered": self.flush_pushes()}
        if name == "jsm_template":
            self.add_jsm_template(data["username"], data["tempid"], data["text"])
            return 200, {"ok": True}
        if name == "config":
            self._apply_config(data)
            return 200, self._config_json()
        return 404, {"error": f"unknown control endpoint {name!r}"}

    _CONFIG_KEYS = (
        "report_success_ratio",
        "report_unknown_ratio",
        "report_delay",
        "auto_reply_ratio",
        "auto_reply_texts",
        "auto_replies",
        "ipyy_checkkeyword_append_words",
        "ipyy_sql_patterns",
        "qxt_push_batch",
        "qxt_push_method",
        "qxt_push_retry",
        "qxt_push_auto",
        "txt_reply_id_sep",
        "txt_smsid_per_number",
        "txt_query_string_only",
        "iis_max_query_string",
        "undeclared_query_charset",
        "xml_unescaped_content",
        "xml_cdata",
        "windows_gbk",
        "send_refusals",
        "gateway_timezone",
        "appended_fields",
    )

    def _apply_config(self, data: dict[str, Any]) -> None:
        with self._lock:
            if "sensitive_words" in data:
                self.sensitive_words = set(data["sensitive_words"])
            if "page_sizes" in data:  # merged: {"txt112088": {"reports": 10}} keeps the rest
                self.set_page_sizes(data["page_sizes"])
            for key in self._CONFIG_KEYS:
                if key in data:
                    setattr(self, key, data[key])
            for user, url in (data.get("push_urls") or {}).items():
                self.set_push_url(user, url)
            if "accounts" in data:  # per-account settings: [{family, username, balance, ...}]
                for item in data["accounts"]:
                    acct = self._accounts[(item["family"], item["username"])]
                    for key, value in item.items():
                        if key in _ACCOUNT_OPTIONS or key == "password":
                            setattr(acct, key, value)

    def _config_json(self) -> dict[str, Any]:
        with self._lock:
            cfg: dict[str, Any] = {k: getattr(self, k) for k in self._CONFIG_KEYS}
            cfg["sensitive_words"] = sorted(self.sensitive_words)
            cfg["page_sizes"] = {f: dict(k) for f, k in self.page_sizes.items()}
            cfg["push_urls"] = dict(self._push_urls)
            cfg["faults"] = [
                {
                    "family": f.family,
                    "kind": f.kind,
                    "count": f.count,
                    "seconds": f.seconds,
                    "endpoint": f.endpoint,
                }
                for f in self._faults
            ]
            return cfg


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "Microsoft-IIS/7.5"
    sys_version = ""
    protocol_version = "HTTP/1.0"
    timeout = 60

    def setup(self) -> None:
        super().setup()
        self.server.sim._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        finally:
            self.server.sim._track(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.sim.verbose:
            sys.stderr.write(f"sim {self.address_string()} - {format % args}\n")

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    # ---------------------------------------------------------------- plumbing

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                line = self.rfile.readline()
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _write(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
        reason: str | None = None,
    ) -> None:
        self.send_response(status, reason)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except OSError:  # the client hung up first (it refused a reply too large): its call
                pass

    def _write_huge(self, entry: LoggedRequest, size: int, content_type: str) -> None:
        """``size`` bytes of filler, no Content-Length (the body ends when the socket closes)."""
        entry.status, entry.response = 200, None
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"0" * 65536
        self.close_connection = True
        try:
            while entry.sent_bytes < size and not self.server.sim._stop_event.is_set():
                n = min(len(chunk), size - entry.sent_bytes)
                self.wfile.write(chunk[:n])
                entry.sent_bytes += n
        except OSError:
            pass  # the client hung up: what it took is in sent_bytes
        self._drop()

    def _write_broken(
        self, entry: LoggedRequest, status: int, body: bytes, content_type: str, kind: str
    ) -> None:
        """The processed reply, broken: "reset" writes half of it and resets the connection;
        "short" announces 1,000 bytes more than it writes, then closes."""
        declared = len(body) + (1000 if kind == "short" else 0)
        written = body[: max(1, len(body) // 2)] if kind == "reset" else body
        entry.status, entry.response = status, written
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(declared))
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(written)
            entry.sent_bytes = len(written)
            if kind == "reset":  # SO_LINGER 0: close() sends RST instead of FIN
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
                return
        except OSError:
            pass
        self._drop()

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _handle(self) -> None:
        sim = self.server.sim
        split = urllib.parse.urlsplit(self.path)
        path, query = split.path, split.query
        try:
            body = self._read_body()
        except (OSError, ValueError):
            self._drop()
            return
        segs = [s for s in path.split("/") if s]
        if segs and segs[0] == "_sim":
            self._handle_control(segs[1] if len(segs) > 1 else "", body)
            return
        endpoint = segs[-1] if segs else ""
        family = ENDPOINTS.get(endpoint.lower())
        query_bytes = query.encode("latin-1", errors="replace")
        iis = family in ("ipyy", "txt112088")
        too_long = iis and len(query_bytes) > sim.iis_max_query_string
        if family is None or too_long:
            params: dict[str, str] = {}
            bad = False
        else:
            form = b"" if family == "txt112088" and sim.txt_query_string_only else body
            params, _, bad = decode_params(sim, family, endpoint.lower(), query_bytes, form)
        entry = LoggedRequest(
            family=family,
            endpoint=endpoint,
            method=self.command,
            path=path,
            query=query,
            body=body,
            headers=dict(self.headers.items()),
            params=params,
            time=time.time(),
            client=self.client_address[0],
        )
        with sim._lock:
            sim.requests.append(entry)
        if family is None:
            payload = b"<html><body><h1>404 - File or directory not found.</h1></body></html>"
            entry.status, entry.response = 404, payload
            self._write(404, payload, "text/html")
            return
        if too_long:
            payload = (
                b"<html><body><h1>HTTP Error 404.15 - Not Found</h1><p>The request filtering"
                b" module is configured to deny a request where the query string is too long."
                b"</p></body></html>"
            )
            entry.status, entry.response = 404, payload
            self._write(404, payload, "text/html")
            return

        inc = Incoming(family, endpoint.lower(), params, self.client_address[0], bad)
        fault = sim._take_fault(family, endpoint)
        kind = fault.kind if fault else None
        entry.fault = kind
        if fault is not None and kind == "latency":
            sim._stop_event.wait(fault.seconds)
        if kind == "hang":
            sim._stop_event.wait()
            self._drop()
            return
        if kind == "drop":
            self._drop()
            return
        if kind == "http500":
            payload = (
                b"<html><head><title>500 - Internal server error.</title></head>"
                b"<body><h2>500 - Internal server error.</h2></body></html>"
            )
            entry.status, entry.response = 500, payload
            self._write(500, payload, "text/html")
            return
        out = blank_outgoing(sim, inc)
        if kind == "empty":
            entry.status, entry.response = 200, b""
            self._write(200, b"", out.content_type())
            return
        if kind == "garbage":
            with sim._lock:
                n = sim._garbage_rng.randint(32, 256)
                payload = b"\x00\xff\xfe" + bytes(sim._garbage_rng.getrandbits(8) for _ in range(n))
            entry.status, entry.response = 200, payload
            self._write(200, payload, out.content_type())
            return
        if kind in _PAGES:
            status, reason, page, extra = _PAGES[kind]
            headers = dict(extra)
            if kind == "redirect":
                headers["Location"] = "/Error.aspx?aspxerrorpath=" + urllib.parse.quote(path)
            entry.status, entry.response = status, page
            self._write(status, page, "text/html; charset=utf-8", headers, reason)
            return
        if kind in ("xml_bomb", "xxe"):
            text = _bomb(family) if kind == "xml_bomb" else _xxe(family, sim.root_url)
            payload = text.encode("ascii")
            entry.status, entry.response = 200, payload
            self._write(200, payload, out.content_type())
            return
        if kind == "huge" and fault is not None:
            self._write_huge(entry, fault.size or HUGE_BODY_BYTES, out.content_type())
            return
        if kind == "vendor_error":
            out.text = VENDOR_ERRORS[family](inc)
        elif kind == "reply" and fault is not None:
            out.text = fault.body
        else:
            try:
                out = HANDLERS[family](sim, inc)
            except Exception as exc:  # a simulator bug must show up, not hang the client
                payload = f"simulator error: {exc!r}".encode()
                entry.status, entry.response = 500, payload
                self._write(500, payload, "text/plain; charset=utf-8")
                if sim.verbose:
                    import traceback

                    traceback.print_exc()
                return
        if kind in ("hang_after", "drop_after"):
            # the gateway did the work (accepted, charged, reports queued); the reply is lost
            if kind == "hang_after":
                sim._stop_event.wait()
            self._drop()
            return
        if kind in ("reset", "short"):
            self._write_broken(entry, out.status, out.render(), out.content_type(), kind)
            return
        payload = out.render(wrong_charset=(kind == "wrong_charset"))
        entry.status, entry.response = out.status, payload
        self._write(out.status, payload, out.content_type())

    def _handle_control(self, name: str, body: bytes) -> None:
        sim = self.server.sim
        data: Any = None
        if body:
            try:
                data = json.loads(body.decode("utf-8"))
            except ValueError as exc:
                self._json(400, {"error": f"bad JSON: {exc}"})
                return
        try:
            status, result = sim._control(self.command, name, data)
        except (KeyError, TypeError, ValueError) as exc:
            status, result = 400, {"error": repr(exc)}
        self._json(status, result)

    def _json(self, status: int, obj: Any) -> None:
        payload = json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8")
        self._write(status, payload, "application/json; charset=utf-8")


# Pages answered instead of the family's reply: (status, reason, body, extra headers).
_PAGES: dict[str, tuple[int, str | None, bytes, dict[str, str]]] = {
    "http502": (
        502,
        "Bad Gateway",
        b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
        b"</h1></center><hr><center>nginx</center></body></html>",
        {},
    ),
    "html": (
        200,
        None,
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>\u767b\u5f55</title></head>'
        '<body><form action="/login"><p>\u8bf7\u5148\u767b\u5f55\u7f51\u7edc\u8ba4\u8bc1'
        '\u7cfb\u7edf</p><input name="user"></form></body></html>'.encode(),
        {},
    ),
    "redirect": (
        302,
        "Found",
        b"<html><head><title>Object moved</title></head><body><h2>Object moved to"
        b' <a href="/Error.aspx">here</a>.</h2></body></html>',
        {},
    ),
}

# The reply's root and status element in the XML families; the text families get the ipyy shape
# (an XML document where a text line is expected).
_XML_SHAPE = {"jsm": ("sms", "status")}


def _bomb(family: str) -> str:
    """A "billion laughs" document: ten levels of ten references, 10**9 "lol"s if expanded."""
    root, status = _XML_SHAPE.get(family, ("returnsms", "returnstatus"))
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [' + "".join(ents) + "]>\n"
        f"<{root}><{status}>&lol9;</{status}></{root}>"
    )


def _xxe(family: str, root_url: str) -> str:
    """A reply whose status is an external entity: a parser that resolved it would fetch
    :data:`XXE_PROBE_PATH` from the simulator (logged in ``requests``)."""
    root, status = _XML_SHAPE.get(family, ("returnsms", "returnstatus"))
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{root_url}{XXE_PROBE_PATH}">]>\n'
        f"<{root}><{status}>&xxe;</{status}></{root}>"
    )


def demo_accounts(sim: Simulator) -> list[Account]:
    """One demo account per family."""
    made = [
        sim.add_account("ipyy", "demo", "demo123", balance=1000, userid="1"),
        sim.add_account("qxt", "demo", "demo123", balance=1000),
        sim.add_account("jsm", "demo", "demo123", balance=1000, verycode="demo"),
        sim.add_account("txt112088", "demo", "demo123", balance=1000),
    ]
    sim.add_jsm_template("demo", "DEMO-0001", "您的验证码为@1@，请在@2@分钟内输入。")
    return made


__all__ = ["Simulator", "demo_accounts"]

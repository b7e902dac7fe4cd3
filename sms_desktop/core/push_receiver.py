"""The optional local HTTP receiver for qxt pushes (delivery reports ``type=4``, replies ``type=1``).

Off by default: nothing in the core starts it; the user turns it on and chooses the address and
port (and, behind a port forward or a reverse proxy, tells the vendor the public URL).

* GET and POST are accepted at ``/``, or only at ``/<token>/`` (``/<token>`` too) when a secret
  path token is set; any other path is 404 and stores nothing. A token is 8–128 characters of
  ``A-Z a-z 0-9 - _`` (:func:`generate_token` makes one); it is compared in constant time and
  never stored or logged.
* The form data (the query string, plus the POST body) is stored **as received** in
  ``raw_bodies`` (kind ``push``, ``url`` = method and path with the token masked) and committed
  **before** anything else. Only then is it parsed (the qxt client's ``parse_push``) and applied
  exactly like a pulled body (:meth:`.sync.Syncer.process_stored`), and the answer ``ok`` written.
  A body the parser cannot read is kept (``parsed=2``) and still answered ``ok``: it is stored,
  and the vendor resending it would not help.
* Storing failed (disk full, database locked) → HTTP 500 and no ``ok``, so the vendor retries.
* A body over ``max_body`` bytes → 413 and no ``ok``; nothing is stored. Chunked bodies (no
  length) → 411.
* An empty request (a URL check from a browser or the vendor's console) is answered ``ok`` and
  stores nothing.

Decoding (:func:`~sms_desktop.core.gateways.qxt.decode_push_body`): the values are percent-decoded to bytes, then decoded with the
charset the request declares, else the receiver's charset (GBK by default, as the vendor document
asks). When that charset cannot decode every value and UTF-8 (or GBK, for a UTF-8 receiver) can,
the other one is used; failing both, the first charset with replacement characters. The charset
used is written into the stored ``content_type``, so a re-parse decodes the same way. Parameter
names are folded to lower case; a name given several times is joined with ``,`` (the document's
multi-value form is ``mobile=a,b&msg=x,y``).

Requests are served by a small fixed pool of threads (each one holds one SQLite connection), with
a socket timeout, so a slow or hostile client cannot exhaust the machine.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
import socket
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from . import charsets
from .accounts import AccountStore
from .errors import InputError
from .gateways.qxt import decode_push_body
from .secrets import SecretStore
from .store import Database
from .sync import PUSH_KIND, Syncer, SyncResult

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 64 * 1024
DEFAULT_CHARSET = "gbk"
FORM_TYPE = "application/x-www-form-urlencoded"
REQUEST_TIMEOUT = 15.0  # seconds a client may take to send its request
WORKERS = 4
_DRAIN_LIMIT = 1024 * 1024  # an oversized body is read and dropped up to this, for a clean 413
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_\-]{8,128}$")


def generate_token() -> str:
    """A fresh secret path token (URL-safe, 22 characters)."""
    return secrets.token_urlsafe(16)


# The decoding itself belongs to the qxt family; the receiver and a re-parse share it.
decode_push = decode_push_body


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = False
    receiver: PushReceiver
    pool: ThreadPoolExecutor

    def process_request(self, request: Any, client_address: Any) -> None:
        # A fixed pool instead of a thread per request: bounded threads, bounded connections.
        self.pool.submit(self.process_request_thread, request, client_address)


class _Server6(_Server):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = REQUEST_TIMEOUT
    protocol_version = "HTTP/1.0"
    server_version = "SMSDesktopPush/1.0"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        # the request line carries the secret path token: never into the log
        log.debug("push receiver: %s", self.server.receiver.masked(format % args))

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _answer(self, status: int, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _drain(self, length: int) -> None:
        left = min(length, _DRAIN_LIMIT)
        try:
            while left > 0:
                chunk = self.rfile.read(min(65536, left))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    def _handle(self, method: str) -> None:
        rx = self.server.receiver
        path, _, query = self.path.partition("?")
        if not rx.path_allowed(path):
            self._answer(404, "not found")
            return
        body = b""
        if method == "POST":
            te = (self.headers.get("Transfer-Encoding") or "").strip().lower()
            if te and te != "identity":
                self._answer(411, "length required")
                return
            try:
                length = int(self.headers.get("Content-Length") or "0")
            except ValueError:
                self._answer(400, "bad content-length")
                return
            if length < 0:
                self._answer(400, "bad content-length")
                return
            if length > rx.max_body:
                self._drain(length)
                self._answer(413, "body too large")
                return
            try:
                body = self.rfile.read(length) if length else b""
            except OSError:  # the client stalled (socket timeout) or went away
                self.close_connection = True
                return
            if len(body) < length:
                self._answer(400, "incomplete body")
                return
        # http.server decodes the request line as latin-1: this gives back the bytes as sent.
        qbytes = query.encode("latin-1", errors="replace")
        data = b"&".join(p for p in (qbytes, body) if p.strip())
        if len(data) > rx.max_body:
            self._answer(413, "body too large")
            return
        if not data.strip():
            self._answer(200, "ok")
            return
        ctype = self.headers.get("Content-Type") if method == "POST" else None
        ok = rx.receive(method, data, ctype)
        if ok:
            self._answer(200, "ok")
        else:
            self._answer(500, "not stored")


class PushReceiver:
    """A local HTTP endpoint for one qxt account's pushes. Nothing starts it but :meth:`start`."""

    def __init__(
        self,
        db: Database,
        account_name: str,
        host: str,
        port: int,
        token: str | None = None,
        max_body: int = DEFAULT_MAX_BODY,
        *,
        accounts: AccountStore | None = None,
        syncer: Syncer | None = None,
        charset: str = DEFAULT_CHARSET,
        on_push: Callable[[SyncResult], None] | None = None,
    ) -> None:
        if token is not None and token != "" and not _TOKEN_RE.match(token):
            raise InputError(
                "推送路径口令只能含字母、数字、- 和 _，长度 8–128。"
                " / The push path token must be 8–128 letters, digits, - or _."
            )
        if not (0 <= int(port) <= 65535):
            raise InputError(f"端口无效：{port} / Invalid port: {port}")
        if max_body <= 0:
            raise InputError("推送大小上限必须大于 0。 / The body limit must be positive.")
        self.db = db
        self.account_name = account_name
        self.host = host
        self._requested_port = int(port)
        self.token = token or None
        self.max_body = int(max_body)
        self.charset = charsets.canonical(charset)
        if syncer is None:
            if accounts is None:
                accounts = AccountStore(db, SecretStore(db.path.parent))
            syncer = Syncer(db, accounts)
        self.syncer = syncer
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.on_push = on_push  # called (in a server thread) with what each push brought in
        self.received = 0  # pushes stored
        self.last_result: SyncResult | None = None

    # ---- lifecycle --------------------------------------------------------------------------
    def start(self) -> PushReceiver:
        with self._lock:
            if self._server is not None:
                return self
            server_cls = _Server6 if ":" in self.host else _Server
            try:
                server = server_cls((self.host, self._requested_port), _Handler)
            except (OSError, OverflowError) as exc:
                raise InputError(
                    f"无法在 {self.host}:{self._requested_port} 上接收推送：{exc}"
                    f" / Cannot listen on {self.host}:{self._requested_port}: {exc}"
                ) from exc
            server.receiver = self
            server.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="qxt-push")
            self._server = server
            self._thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.1},
                name="qxt-push-receiver",
                daemon=True,
            )
            self._thread.start()
            log.info(
                "qxt push receiver for %s listening on %s",
                self.account_name,
                self.masked(self.url),
            )
            return self

    def stop(self) -> None:
        with self._lock:
            server, thread = self._server, self._thread
            self._server = None
            self._thread = None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        server.pool.shutdown(wait=True, cancel_futures=True)
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> PushReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def port(self) -> int:
        server = self._server
        if server is None:
            return self._requested_port
        return int(server.server_address[1])

    @property
    def url(self) -> str:
        """The URL to give the vendor (with the token). A wildcard host shows as 127.0.0.1."""
        host = self.host
        if host in ("", "0.0.0.0", "::"):
            host = "127.0.0.1"
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        path = f"/{self.token}/" if self.token else "/"
        return f"http://{host}:{self.port}{path}"

    def masked(self, text: str) -> str:
        """``text`` with the path token replaced by ``***`` (for the log)."""
        return text.replace(self.token, "***") if self.token else text

    # ---- requests ---------------------------------------------------------------------------
    def path_allowed(self, path: str) -> bool:
        if self.token is None:
            return path in ("/", "")
        segment = path.strip("/")
        if path not in (f"/{segment}", f"/{segment}/"):
            return False
        return hmac.compare_digest(segment.encode(), self.token.encode())

    def receive(self, method: str, data: bytes, content_type: str | None) -> bool:
        """Store one push (committed), then parse and apply it. True when it is stored."""
        try:
            _, used = decode_push(data, content_type, self.charset)
        except Exception:  # never let decoding stand between the vendor and the store
            used = self.charset
        stored_ct = f"{FORM_TYPE}; charset={used}"
        shown_path = "/***/" if self.token else "/"
        try:
            raw_id = self.syncer.store_body(
                self.account_name,
                PUSH_KIND,
                data,
                url=f"{method} {shown_path}",
                content_type=stored_ct,
            )
        except Exception:
            log.exception("qxt push for %s could not be stored", self.account_name)
            return False
        with self._lock:
            self.received += 1
        try:
            result = self.syncer.process_stored(raw_id)
        except Exception:  # stored: a later sync re-parses it
            log.exception("qxt push #%s stored but not applied", raw_id)
            return True
        self.last_result = result
        for e in result.errors:
            log.warning("qxt push #%s: %s", raw_id, e)
        if self.on_push is not None:
            try:
                self.on_push(result)
            except Exception:
                log.exception("qxt push #%s: on_push callback failed", raw_id)
        return True


def free_port(host: str = "127.0.0.1") -> int:
    """A free TCP port on ``host`` (for a settings dialog's suggestion)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])

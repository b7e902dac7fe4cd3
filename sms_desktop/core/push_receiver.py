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

Connections are read by one asyncio loop (a connection costs a socket, not a thread; each has
``REQUEST_TIMEOUT`` seconds in all to send its request, and at most ``MAX_CONNECTIONS`` are open),
and only complete, well-formed requests reach a small fixed pool of threads (each one holds one
SQLite connection) that stores and applies them. So a thousand idle, slow or hostile clients
cannot keep a real push waiting. A request line must end in CRLF and name HTTP/1.x.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import hmac
import logging
import re
import secrets
import socket
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from email.utils import formatdate

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
WORKERS = 4  # threads that store and apply complete requests (one SQLite connection each)
MAX_CONNECTIONS = 4096  # open connections at once; more are closed as they come
SERVER_NAME = "SMSDesktopPush/1.0"
_LINE_LIMIT = 64 * 1024  # a request line or header line longer than this is refused
_MAX_HEADERS = 100
_DRAIN_LIMIT = 1024 * 1024  # an oversized body is read and dropped up to this, for a clean 413
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_\-]{8,128}$")

WILDCARD_HOSTS = ("", "0.0.0.0", "::")  # a receiver on these listens on every interface


def generate_token() -> str:
    """A fresh secret path token (URL-safe, 22 characters)."""
    return secrets.token_urlsafe(16)


# The decoding itself belongs to the qxt family; the receiver and a re-parse share it.
decode_push = decode_push_body


class _Request:
    """One request as read off the wire."""

    def __init__(self, method: str, target: str, headers: dict[str, str], body: bytes) -> None:
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body


class _Refused(Exception):
    """Answer ``status`` with ``text`` (and close); nothing is stored."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status = status
        self.text = text


_REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    408: "Request Timeout",
    411: "Length Required",
    413: "Payload Too Large",
    414: "URI Too Long",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    501: "Not Implemented",
}


class _Front:
    """The network side: one asyncio loop in one thread reads every connection.

    A connection costs a socket and a small coroutine, not a thread, so a thousand idle, slow or
    hostile clients cannot keep a real push waiting; each has ``REQUEST_TIMEOUT`` seconds in all
    to send its whole request. Only complete, well-formed requests reach the worker pool, whose
    ``WORKERS`` threads (each with its SQLite connection) store and apply them.
    """

    def __init__(self, receiver: PushReceiver, host: str, port: int) -> None:
        self.receiver = receiver
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="qxt-push")
        self.loop = asyncio.new_event_loop()
        self.connections = 0
        self._writers: set[asyncio.StreamWriter] = set()
        self._server: asyncio.AbstractServer | None = None
        self._thread = threading.Thread(target=self._run, name="qxt-push-receiver", daemon=True)
        started: concurrent.futures.Future[int] = concurrent.futures.Future()
        self._thread.start()
        self.loop.call_soon_threadsafe(
            lambda: self.loop.create_task(self._listen(host, port, started))
        )
        try:
            self.port = started.result(timeout=30)
        except BaseException:
            self.close()
            raise

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        self.loop.close()

    async def _listen(self, host: str, port: int, started: concurrent.futures.Future[int]) -> None:
        try:
            # "" would mean every interface of every address family to asyncio: keep it IPv4,
            # as the address the user gave means
            self._server = await asyncio.start_server(
                self._serve,
                host or "0.0.0.0",
                port,
                backlog=1024,
                reuse_address=False,
                limit=_LINE_LIMIT,
            )
        except BaseException as exc:
            started.set_exception(exc)
            return
        started.set_result(int(self._server.sockets[0].getsockname()[1]))

    def close(self) -> None:
        async def shutdown() -> None:
            if self._server is not None:
                self._server.close()
            for w in list(self._writers):  # drop open connections at once, waiting for no peer
                w.transport.abort()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self.loop.stop()

        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(lambda: self.loop.create_task(shutdown()))
            self._thread.join(timeout=5)
        self.pool.shutdown(wait=True, cancel_futures=True)

    # ---- one connection ---------------------------------------------------------------------
    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._writers.add(writer)
        try:
            if self.connections > MAX_CONNECTIONS:
                return  # beyond the limit: closed at once
            try:
                request = await asyncio.wait_for(self._read(reader), REQUEST_TIMEOUT)
            except _Refused as refused:
                self._log(refused.status, "-")
                await self._answer(writer, refused.status, refused.text)
                return
            except (TimeoutError, OSError, asyncio.IncompleteReadError):
                return  # stalled or gone: closed without an answer, nothing stored
            status, text = await self.loop.run_in_executor(
                self.pool, self.receiver._answer_for, request
            )
            self._log(status, f"{request.method} {request.target}")
            await self._answer(writer, status, text)
        finally:
            self.connections -= 1
            self._writers.discard(writer)
            writer.close()
            try:
                await asyncio.wait_for(writer.wait_closed(), 5)
            except (TimeoutError, OSError):
                pass

    def _log(self, status: int, line: str) -> None:
        # the request line carries the secret path token: never into the log
        log.debug("push receiver: %s %s", self.receiver.masked(line), status)

    async def _answer(self, writer: asyncio.StreamWriter, status: int, text: str) -> None:
        body = text.encode("utf-8")
        head = (
            f"HTTP/1.0 {status} {_REASONS.get(status, '')}\r\n"
            f"Server: {SERVER_NAME}\r\n"
            f"Date: {formatdate(usegmt=True)}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        )
        try:
            writer.write(head.encode("latin-1") + body)
            await asyncio.wait_for(writer.drain(), REQUEST_TIMEOUT)
        except (TimeoutError, OSError):
            pass

    async def _read(self, reader: asyncio.StreamReader) -> _Request:
        rx = self.receiver
        try:
            line = await reader.readuntil(b"\n")
        except asyncio.LimitOverrunError:
            raise _Refused(414, "request line too long") from None
        parts = line.decode("latin-1").rstrip("\r\n").split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            raise _Refused(400, "bad request")
        method, target = parts[0], parts[1]
        headers: dict[str, str] = {}
        for _ in range(_MAX_HEADERS + 1):
            try:
                raw = await reader.readuntil(b"\n")
            except asyncio.LimitOverrunError:
                raise _Refused(431, "header too long") from None
            text = raw.decode("latin-1").rstrip("\r\n")
            if not text:
                break
            name, sep, value = text.partition(":")
            if not sep:
                raise _Refused(400, "bad header")
            headers[name.strip().lower()] = value.strip()
        else:
            raise _Refused(431, "too many headers")
        if method not in ("GET", "POST"):
            raise _Refused(501, "unsupported method")
        path = target.partition("?")[0]
        if not rx.path_allowed(path):
            raise _Refused(404, "not found")
        body = b""
        if method == "POST":
            te = headers.get("transfer-encoding", "").lower()
            if te and te != "identity":
                raise _Refused(411, "length required")
            try:
                length = int(headers.get("content-length") or "0")
            except ValueError:
                raise _Refused(400, "bad content-length") from None
            if length < 0:
                raise _Refused(400, "bad content-length")
            if length > rx.max_body:
                await self._drain(reader, length)
                raise _Refused(413, "body too large")
            body = await reader.read(length) if length else b""
            while len(body) < length:
                chunk = await reader.read(length - len(body))
                if not chunk:
                    raise _Refused(400, "incomplete body")
                body += chunk
        return _Request(method, target, headers, body)

    async def _drain(self, reader: asyncio.StreamReader, length: int) -> None:
        left = min(length, _DRAIN_LIMIT)
        while left > 0:
            chunk = await reader.read(min(65536, left))
            if not chunk:
                break
            left -= len(chunk)


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
                accounts = AccountStore(db, SecretStore(db.home))
            syncer = Syncer(db, accounts)
        self.syncer = syncer
        self._front: _Front | None = None
        self._lock = threading.Lock()
        self.on_push = on_push  # called (in a server thread) with what each push brought in
        self.received = 0  # pushes stored
        self.last_result: SyncResult | None = None

    # ---- lifecycle --------------------------------------------------------------------------
    def start(self) -> PushReceiver:
        with self._lock:
            if self._front is not None:
                return self
            try:
                self._front = _Front(self, self.host, self._requested_port)
            except (OSError, OverflowError) as exc:
                raise InputError(
                    f"无法在 {self.host}:{self._requested_port} 上接收推送：{exc}"
                    f" / Cannot listen on {self.host}:{self._requested_port}: {exc}"
                ) from exc
            log.info(
                "qxt push receiver for %s listening on %s",
                self.account_name,
                self.masked(self.url),
            )
            return self

    def stop(self) -> None:
        with self._lock:
            front, self._front = self._front, None
        if front is not None:
            front.close()

    def __enter__(self) -> PushReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._front is not None

    @property
    def port(self) -> int:
        front = self._front
        return self._requested_port if front is None else front.port

    @property
    def on_every_interface(self) -> bool:
        """It listens on every network interface (0.0.0.0), as the vendor must reach it."""
        return self.host.strip() in WILDCARD_HOSTS

    @property
    def url(self) -> str:
        """This receiver's URL on this PC (with the token). A wildcard host shows as 127.0.0.1."""
        host = self.host
        if self.on_every_interface:
            host = "127.0.0.1"
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        path = f"/{self.token}/" if self.token else "/"
        return f"http://{host}:{self.port}{path}"

    @property
    def vendor_url(self) -> str:
        """The URL to give the vendor. A receiver on every interface is reached at this PC's
        network address: the vendor's server would take 127.0.0.1 for itself."""
        url = self.url
        lan = lan_address() if self.on_every_interface else None
        return url.replace("//127.0.0.1:", f"//{lan}:", 1) if lan else url

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

    def _answer_for(self, request: _Request) -> tuple[int, str]:
        """Status and text for a complete request on an allowed path (in a worker thread)."""
        query = request.target.partition("?")[2]
        # the request line was read as latin-1: this gives back the bytes as sent
        qbytes = query.encode("latin-1", errors="replace")
        data = b"&".join(p for p in (qbytes, request.body) if p.strip())
        if len(data) > self.max_body:
            return 413, "body too large"
        if not data.strip():
            return 200, "ok"
        ctype = request.headers.get("content-type") if request.method == "POST" else None
        if self.receive(request.method, data, ctype):
            return 200, "ok"
        return 500, "not stored"

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
        log.info("qxt push #%s for %s: %s", raw_id, self.account_name, result.log_line())
        for e in result.errors:
            log.warning("qxt push #%s: %s", raw_id, e)
        if self.on_push is not None:
            try:
                self.on_push(result)
            except Exception:
                log.exception("qxt push #%s: on_push callback failed", raw_id)
        return True


@functools.cache
def lan_address() -> str | None:
    """This PC's address on its network (the interface of the default route), or None. A UDP
    socket's connect only looks the route up: nothing is sent."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1
            ip = str(s.getsockname()[0])
    except OSError:
        return None
    return None if ip.startswith(("127.", "0.")) else ip


def free_port(host: str = "127.0.0.1") -> int:
    """A free TCP port on ``host`` (for a settings dialog's suggestion)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])

"""The local HTTP API for office systems (a booking system sending "您的预约已确认" through the
company's own account): the standard library's HTTP server, JSON in and out.

* **Off by default**; on in the window's settings or ``sms-desktop-cli serve --api``
  (:class:`ApiDuty`). It listens on ``127.0.0.1`` unless an address is given.
* **A bearer token per client** (:mod:`.api_tokens`): ``Authorization: Bearer sdk_…``. No
  token, a wrong one or a revoked one: 401. Only ``/api/v1/openapi.json`` is served without one.
* **Limits**: a body over :data:`MAX_BODY` bytes gets 413 (before it is read), a token over its
  rate (:data:`RATE_PER_MINUTE`, a bucket refilled evenly) 429 with ``Retry-After``. A fixed pool
  of :data:`WORKERS` threads answers (one store connection each); a slow client is dropped after
  :data:`SOCKET_TIMEOUT` seconds.
* **Errors** are JSON ``{error, message_zh, message_en}`` with a 4xx status (5xx only for a
  fault of this program or of the store).
* **Logs** name the method, the path and the status, never a header: a token is never logged.

The endpoints' work is :mod:`.api_requests`; the document is :mod:`.api_openapi`.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ..errors import InputError, SmsDesktopError, StoreError
from ..jobs.engine import run_in_worker
from ..jobs.model import JobControl
from ..session import Core
from ..store import settings
from . import api_requests as requests_
from . import api_tokens
from .api_openapi import document
from .api_requests import ApiError
from .api_webhooks import WebhookSender

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8780
MAX_BODY = 1024 * 1024  # bytes of a request's body
RATE_PER_MINUTE = 600  # requests per token per minute (a burst of as many)
WORKERS = 16  # threads answering requests
SOCKET_TIMEOUT = 15.0  # seconds a client may take to send its request
TOUCH_EVERY = 60.0  # seconds between two writes of a token's last use

# settings keys (the store's ``settings`` table)
ENABLED_KEY = "api.enabled"
LISTEN_KEY = "api.listen"
RATE_KEY = "api.rate_per_minute"


# ---- the settings -----------------------------------------------------------------------------
@dataclass(frozen=True)
class ApiSettings:
    enabled: bool = False
    listen: str = f"{DEFAULT_HOST}:{DEFAULT_PORT}"
    rate_per_minute: int = RATE_PER_MINUTE


def parse_listen(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (or ``PORT``: on 127.0.0.1) as a host and a port. InputError otherwise."""
    value = (value or "").strip()
    host, sep, port = value.rpartition(":")
    if not sep:
        host, port = DEFAULT_HOST, value
    host = host.strip("[]") or DEFAULT_HOST
    try:
        n = int(port)
    except ValueError:
        n = -1
    if not 0 <= n <= 65535:
        raise InputError(
            f"地址应为 主机:端口，例如 127.0.0.1:{DEFAULT_PORT}：{value}"
            f" / The address must be HOST:PORT, e.g. 127.0.0.1:{DEFAULT_PORT}: {value}"
        )
    return host, n


def read_settings(db: Any) -> ApiSettings:
    enabled = settings.get(db, ENABLED_KEY, "0") == "1"
    listen = settings.get(db, LISTEN_KEY) or ApiSettings.listen
    try:
        rate = int(settings.get(db, RATE_KEY) or RATE_PER_MINUTE)
    except ValueError:
        rate = RATE_PER_MINUTE
    return ApiSettings(enabled, listen, max(1, rate))


def write_settings(db: Any, s: ApiSettings) -> ApiSettings:
    """Store the API's settings (the address checked first: InputError)."""
    parse_listen(s.listen)
    if s.rate_per_minute < 1:
        raise InputError("每分钟请求数至少为 1。 / At least 1 request a minute.")
    with db.write():
        settings.put(db, ENABLED_KEY, "1" if s.enabled else "0")
        settings.put(db, LISTEN_KEY, s.listen.strip())
        settings.put(db, RATE_KEY, str(s.rate_per_minute))
    return read_settings(db)


# ---- the rate limit ---------------------------------------------------------------------------
class RateLimit:
    """A bucket per token: ``per_minute`` requests, refilled evenly."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[int, tuple[float, float]] = {}  # token id: (tokens left, when)

    def take(self, key: int) -> float:
        """0 when the request may go on, else the seconds until it may."""
        rate = self.per_minute / 60.0
        now = self.clock()
        with self._lock:
            left, then = self._buckets.get(key, (float(self.per_minute), now))
            left = min(float(self.per_minute), left + (now - then) * rate)
            if left >= 1.0:
                self._buckets[key] = (left - 1.0, now)
                return 0.0
            self._buckets[key] = (left, now)
            return (1.0 - left) / rate


# ---- the server -------------------------------------------------------------------------------
def _on_windows() -> bool:
    return os.name == "nt"


class _Server(ThreadingHTTPServer):
    """A threading server whose requests run on a fixed pool (each thread keeps one store
    connection, instead of a new thread, and a new connection, per request)."""

    daemon_threads = True
    request_queue_size = 512  # connections waiting to be accepted
    api: ApiServer

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        # before the socket is bound: a bind that fails closes the server (and its pool)
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="api")
        super().__init__(address, handler)

    def server_bind(self) -> None:
        # http.server sets SO_REUSEADDR, which on Windows lets a second socket bind a port in
        # use (another program could take the API's port, and the bearer tokens sent to it):
        # there, SO_EXCLUSIVEADDRUSE instead, so a port in use is refused as elsewhere
        windows = _on_windows()
        self.allow_reuse_address = not windows
        exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE", None)  # Windows only
        if windows and exclusive is not None:
            self.socket.setsockopt(socket.SOL_SOCKET, exclusive, 1)
        super().server_bind()

    def process_request(self, request: Any, client_address: Any) -> None:
        self.pool.submit(self.process_request_thread, request, client_address)

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown(wait=True)


class ApiServer:
    """The API on ``host:port`` for one core: :meth:`start`, :meth:`stop`.

    ``run_job(job_id)`` starts a job the API made whose time has come (the service hands it to
    its runner); without one, the server runs it in a thread of its own and pauses it at
    :meth:`stop`. ``by_server``: the jobs are the office sender service's (it runs the API).
    """

    def __init__(
        self,
        core: Core,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        *,
        run_job: Callable[[int], None] | None = None,
        by_server: bool = False,
        rate_per_minute: int = RATE_PER_MINUTE,
        max_body: int = MAX_BODY,
        webhooks: bool = True,
    ) -> None:
        """``webhooks``: record and POST the tokens' webhook events while it runs."""
        self.core = core
        self.host, self.port = host, port
        self.run_job = run_job
        self.by_server = by_server
        self.rate = RateLimit(rate_per_minute)
        self.max_body = max_body
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._jobs: dict[int, tuple[JobControl, threading.Thread]] = {}
        self._touched: dict[int, float] = {}
        self._webhooks: WebhookSender | None = WebhookSender(core) if webhooks else None
        self.requests = 0  # answered, any status

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> ApiServer:
        """Listen (InputError when the address cannot be taken, e.g. the port is in use)."""
        try:
            httpd = _Server((self.host, self.port), _Handler)
        except OSError as exc:
            raise InputError(
                f"HTTP 接口无法监听 {self.host}:{self.port}（{exc.strerror or exc}）：端口可能已被占用。"
                f" / The HTTP API cannot listen on {self.host}:{self.port} ({exc.strerror or exc}):"
                " the port may be in use."
            ) from exc
        httpd.api = self
        self.port = int(httpd.server_address[1])
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.2}, name="api", daemon=True
        )
        self._thread.start()
        if self._webhooks is not None:
            self._webhooks.start()
        log.info("HTTP API listening on %s", self.url)
        return self

    def stop(self) -> None:
        """Stop listening (the requests being answered finish), then pause the jobs this server
        runs itself between batches and wait for them."""
        httpd, self._httpd = self._httpd, None
        if self._webhooks is not None:
            self._webhooks.stop()
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
            if self._thread is not None:
                self._thread.join()
            log.info("HTTP API stopped (%s)", self.url)
        with self._lock:
            runs = list(self._jobs.values())
        for control, _ in runs:
            control.pause()
        for _, thread in runs:
            thread.join()

    def __enter__(self) -> ApiServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- what the handler calls ----------------------------------------------------------------
    def authorize(self, header: str | None) -> api_tokens.ApiToken:
        scheme, _, token = (header or "").partition(" ")
        found = (
            api_tokens.verify(self.core.db, token.strip()) if scheme.lower() == "bearer" else None
        )
        if found is None:
            raise ApiError(
                401,
                "unauthorized",
                "需要有效的 API 令牌（Authorization: Bearer …）。"
                " / A valid API token is needed (Authorization: Bearer …).",
            )
        now = time.monotonic()
        with self._lock:
            due = now - self._touched.get(found.id, -TOUCH_EVERY) >= TOUCH_EVERY
            if due:
                self._touched[found.id] = now
        if due:
            try:
                api_tokens.touch(self.core.db, found)
            except StoreError as exc:  # only the list's "last used" is late
                log.warning("token %s: last use not written: %s", found.name, exc)
        return found

    def limit(self, token: api_tokens.ApiToken) -> None:
        wait = self.rate.take(token.id)
        if wait > 0:
            err = ApiError(
                429,
                "rate_limited",
                f"请求太频繁：每个令牌每分钟最多 {self.rate.per_minute} 次，请 {wait:.0f} 秒后再试。"
                f" / Too many requests: at most {self.rate.per_minute} a minute per token; try"
                f" again in {wait:.0f} s.",
            )
            err.retry_after = max(1, int(wait + 0.999))  # type: ignore[attr-defined]
            raise err

    def started(self, job_id: int) -> None:
        """A job the API made whose time has come: start it."""
        if self.run_job is not None:
            self.run_job(job_id)
            return
        control = JobControl()
        thread = threading.Thread(
            target=self._run, args=(job_id, control), name=f"api-job-{job_id}"
        )
        with self._lock:
            if job_id in self._jobs:  # a replay while this server is starting or sending it
                return
            self._jobs[job_id] = (control, thread)
        thread.start()

    def _run(self, job_id: int, control: JobControl) -> None:
        try:
            run_in_worker(self.core.engine, job_id, control=control)
        finally:
            with self._lock:
                self._jobs.pop(job_id, None)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request a connection: a worker is never held idle
    timeout = SOCKET_TIMEOUT
    server_version = "SMSDesktop-API"

    def version_string(self) -> str:
        return self.server_version

    # ---- the plumbing ---------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:
        pass  # each request is logged once, in _answer (never with its headers)

    def _send(
        self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        api = self.server.api
        api.requests += 1
        log.debug("API %s %s: %s", self.command, urlsplit(self.path).path, status)

    def _answer(self, work: Callable[[], tuple[int, dict[str, Any], dict[str, str]]]) -> None:
        try:
            status, body, headers = work()
        except ApiError as exc:
            headers = {}
            retry = getattr(exc, "retry_after", None)
            if retry is not None:
                headers["Retry-After"] = str(retry)
            if exc.status == 401:
                headers["WWW-Authenticate"] = 'Bearer realm="sms-desktop"'
            status, body = exc.status, exc.body()
            if exc.status in (413, 411):
                self.close_connection = True
        except InputError as exc:
            err = requests_.refused(exc)
            status, body, headers = err.status, err.body(), {}
        except (StoreError, SmsDesktopError) as exc:
            log.warning("API %s %s: %s", self.command, urlsplit(self.path).path, exc)
            err = ApiError(503, "unavailable", str(exc))
            status, body, headers = err.status, err.body(), {}
        except Exception:
            log.exception("API %s %s failed", self.command, urlsplit(self.path).path)
            err = ApiError(
                500, "internal", "程序内部错误，详见日志。 / An internal error: see the log."
            )
            status, body, headers = err.status, err.body(), {}
        try:
            self._send(status, body, headers)
        except OSError:
            pass  # the client went away

    def _token(self) -> api_tokens.ApiToken:
        api = self.server.api
        token = api.authorize(self.headers.get("Authorization"))
        api.limit(token)
        return token

    def _body(self) -> Any:
        if self.headers.get("Transfer-Encoding"):
            raise ApiError(
                411, "length_required", "请求须带 Content-Length。 / Content-Length is required."
            )
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            raise requests_.bad("Content-Length 无效。 / Bad Content-Length.") from None
        limit = self.server.api.max_body
        if length > limit:
            raise ApiError(
                413,
                "body_too_large",
                f"请求体超过 {limit} 字节。 / The body is over {limit} bytes.",
            )
        raw = self.rfile.read(length) if length > 0 else b""
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise requests_.bad(
                "请求体应为 UTF-8 编码的 JSON。 / The body must be JSON in UTF-8.", "bad_json"
            ) from None

    def _route(self) -> tuple[list[str], dict[str, str]]:
        # the request line is read as Latin-1: bytes a client sent unescaped (an account's
        # Chinese name in the query) are UTF-8
        path = self.path.encode("latin-1", "replace").decode("utf-8", "replace")
        split = urlsplit(path)
        parts = [p for p in split.path.split("/") if p]
        if parts[:2] != ["api", "v1"]:
            raise ApiError(404, "not_found", "没有这个地址。 / No such path.")
        return parts[2:], dict(parse_qsl(split.query))

    def _not_allowed(self) -> ApiError:
        return ApiError(405, "method_not_allowed", "不支持这个方法。 / Method not allowed.")

    # ---- the endpoints --------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._answer(self._get)

    def do_POST(self) -> None:
        self._answer(self._post)

    def _other(self) -> None:
        def refuse() -> tuple[int, dict[str, Any], dict[str, str]]:
            raise self._not_allowed()

        self._answer(refuse)

    do_PUT = do_DELETE = do_PATCH = _other

    def _get(self) -> tuple[int, dict[str, Any], dict[str, str]]:
        path, query = self._route()
        api = self.server.api
        core = api.core
        if path == ["openapi.json"]:
            return 200, document(api.url), {}
        token = self._token()
        if len(path) in (2, 3) and path[0] == "jobs":
            try:
                job_id = int(path[1])
            except ValueError:
                raise ApiError(404, "not_found", "没有这个任务。 / No such job.") from None
            job = requests_.own_job(core, token, job_id)
            if len(path) == 2:
                return 200, requests_.job_dict(job), {}
            if path[2] == "recipients":
                offset, limit = requests_.page_args(query)
                return 200, requests_.recipients(core, job, offset, limit), {}
        if path == ["balance"]:
            return 200, requests_.balances(core, query.get("account")), {}
        if path == ["inbox"]:
            _, limit = requests_.page_args(query)
            return 200, requests_.inbox(core, query.get("since"), limit), {}
        if path == ["messages"]:
            raise self._not_allowed()
        raise ApiError(404, "not_found", "没有这个地址。 / No such path.")

    def _post(self) -> tuple[int, dict[str, Any], dict[str, str]]:
        path, _ = self._route()
        if path != ["messages"]:
            if path and path[0] in ("jobs", "balance", "inbox", "openapi.json"):
                raise self._not_allowed()
            raise ApiError(404, "not_found", "没有这个地址。 / No such path.")
        api = self.server.api
        token = self._token()
        body = self._body()
        accepted = requests_.submit(
            api.core, token, body, self.headers.get("Idempotency-Key"), by_server=api.by_server
        )
        job = accepted.job
        # a replay too: the job may have been committed and never started (the program stopped
        # in between); the engine's claim is atomic, so a job being sent is not sent twice
        if requests_.runnable(job):
            api.started(job.job_id)
        out = requests_.job_dict(job)
        out["replayed"] = accepted.replayed
        return (200 if accepted.replayed else 201), out, {"Location": f"/api/v1/jobs/{job.job_id}"}


# ---- the duty: the window's or the service's ----------------------------------------------------
class ApiDuty:
    """The API kept running as the settings say (:func:`read_settings`): each tick starts it when
    switched on, restarts it when its address or rate changed, and stops it when switched off.
    ``always``: run it whatever the setting (``serve --api``), on ``listen`` when given. An error
    (the port in use) is logged once, until it changes or the API runs; with ``always``,
    :meth:`start` raises it instead."""

    def __init__(
        self,
        core: Core,
        *,
        always: bool = False,
        listen: str | None = None,
        run_job: Callable[[int], None] | None = None,
        by_server: bool = False,
    ) -> None:
        self.core = core
        self.always = always
        self.listen = listen
        self.run_job = run_job
        self.by_server = by_server
        self.server: ApiServer | None = None
        self._running: tuple[str, int] | None = None  # (listen, rate) it runs with
        self.error: str | None = None

    def wanted(self) -> tuple[bool, str, int]:
        s = read_settings(self.core.db)
        return (self.always or s.enabled), (self.listen or s.listen), s.rate_per_minute

    def start(self) -> None:
        if self.always:
            _on, listen, rate = self.wanted()
            self._start(listen, rate)  # raises: the service does not start without its API
            return
        self.tick()

    def tick(self) -> None:
        on, listen, rate = self.wanted()
        if self.server is not None and (not on or self._running != (listen, rate)):
            self.stop()
        if on and self.server is None:
            try:
                self._start(listen, rate)
            except InputError as exc:
                text = str(exc)
                if self.error != text:
                    log.warning("HTTP API not running: %s", text)
                self.error = text

    def _start(self, listen: str, rate: int) -> None:
        host, port = parse_listen(listen)
        server = ApiServer(
            self.core,
            host,
            port,
            run_job=self.run_job,
            by_server=self.by_server,
            rate_per_minute=rate,
        ).start()
        self.server, self._running, self.error = server, (listen, rate), None

    @property
    def url(self) -> str | None:
        return None if self.server is None else self.server.url

    def stop(self) -> None:
        server, self.server, self._running = self.server, None, None
        if server is not None:
            server.stop()

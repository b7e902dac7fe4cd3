"""HTTP transport for the gateway clients: timeouts, no automatic resends, certain vs unknown.

The classification is the safety rule of the whole application:

* the request certainly never left (connection refused, DNS failure, connect timeout):
  :class:`NotSentError`, which may be retried;
* the request may have reached the gateway (read timeout, connection dropped after sending,
  HTTP 5xx, HTTP 302/303 and other non-permanent redirects): :class:`OutcomeUnknownError`, never
  resent automatically;
* an HTTP 4xx, or a 301/307/308 redirect: the server refused the request itself:
  :class:`HttpRejectedError`.

urllib3's own retries are switched off, so nothing below this module resends either.

A reply is read as a stream and capped at :data:`MAX_REPLY_BYTES`: a longer body (announced by
its Content-Length, or found while reading one without) is refused with
:class:`ReplyTooLargeError` after reading at most the cap, never held whole in memory. The
request went out, so that error is an :class:`OutcomeUnknownError`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

import requests
from requests.adapters import HTTPAdapter
from urllib3 import exceptions as urllib3_exceptions
from urllib3.exceptions import NameResolutionError, NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry

from .. import charsets
from ..errors import InputError, NotSentError, OutcomeUnknownError, TransportError

USER_AGENT = "SMS-Desktop/0.1"

# Redirects that say "the resource lives elsewhere, ask there": the request was not processed.
_MOVED = frozenset({301, 307, 308})

# The largest reply body read (bytes). The longest real replies are pulls of reports and
# replies: a few hundred bytes per record, at most some thousands of records per pull.
MAX_REPLY_BYTES = 8 * 1024 * 1024
_CHUNK = 64 * 1024


@dataclass
class RawReply:
    """A gateway reply exactly as received, plus its decoded text."""

    url: str
    status: int
    body: bytes
    content_type: str | None = None
    text: str = ""
    elapsed: float = 0.0
    received_at: float = field(default_factory=time.time)

    @classmethod
    def from_bytes(
        cls, body: bytes, content_type: str | None = None, fallback: str = "utf-8", url: str = ""
    ) -> RawReply:
        return cls(
            url=url,
            status=200,
            body=body,
            content_type=content_type,
            text=charsets.decode_reply(body, content_type, fallback),
        )


class HttpRejectedError(TransportError):
    """An HTTP 4xx or 301/307/308: the server refused the request before processing it."""

    def __init__(self, status: int, raw: RawReply) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.raw = raw


class ReplyTooLargeError(OutcomeUnknownError):
    """The reply body is longer than the transport reads (:data:`MAX_REPLY_BYTES`)."""

    def __init__(self, limit: int, declared: int | None) -> None:
        if declared is not None:
            super().__init__(
                f"网关回复过大（{declared:,} 字节，上限 {limit:,}），未读取 / The gateway's reply"
                f" is too large ({declared:,} bytes; the limit is {limit:,}); it was not read"
            )
        else:
            super().__init__(
                f"网关回复超过上限 {limit:,} 字节，其余未读取 / The gateway's reply exceeds the"
                f" limit of {limit:,} bytes; the rest was not read"
            )
        self.limit = limit
        self.declared = declared


def _read_capped(resp: requests.Response, limit: int, buf: bytearray) -> bytes:
    """The body of a streamed response, refusing (without reading on) one longer than ``limit``.

    ``buf`` holds what came in so far, also when the reading fails (:attr:`partial`)."""
    declared: int | None
    try:
        declared = int(resp.headers.get("Content-Length", ""))
    except ValueError:
        declared = None
    if declared is not None and declared > limit:
        raise ReplyTooLargeError(limit, declared)
    for chunk in _chunks(resp):
        buf += chunk
        if len(buf) > limit:
            raise ReplyTooLargeError(limit, None)
    return bytes(buf)


def _chunks(resp: requests.Response) -> Iterator[bytes]:
    """The body of a streamed response as it comes in, each piece as soon as it is read.

    ``iter_content`` would lose the last piece of a reply cut short: urllib3's ``read(amt)``
    keeps what it read while it waits for ``amt`` bytes, and raises on the cut without
    handing it out. urllib3's errors become requests' own, as ``iter_content`` makes them."""
    raw = resp.raw
    try:
        while chunk := raw.read1(_CHUNK, decode_content=True):
            yield chunk
    except urllib3_exceptions.ProtocolError as exc:
        raise requests.exceptions.ChunkedEncodingError(exc) from exc
    except urllib3_exceptions.DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc) from exc
    except ReadTimeoutError as exc:
        raise requests.exceptions.ConnectionError(exc) from exc
    except urllib3_exceptions.SSLError as exc:
        raise requests.exceptions.SSLError(exc) from exc


def _caused_by_connect_failure(exc: BaseException) -> bool:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, NewConnectionError | NameResolutionError | ConnectionRefusedError):
            return True
        for arg in getattr(cur, "args", ()):
            if isinstance(arg, NewConnectionError | NameResolutionError | ConnectionRefusedError):
                return True
            reason = getattr(arg, "reason", None)
            if isinstance(reason, NewConnectionError | NameResolutionError):
                return True
        cur = cur.__cause__ or cur.__context__
    return False


class Transport:
    """A requests session with explicit timeouts and no retries."""

    def __init__(
        self,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        max_reply_bytes: int = MAX_REPLY_BYTES,
    ) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = min(read_timeout, 600.0)
        self.max_reply_bytes = max_reply_bytes
        self.session = requests.Session()
        adapter = HTTPAdapter(
            max_retries=Retry(total=0, connect=0, read=0, redirect=0, status=0, other=0),
            pool_connections=4,
            pool_maxsize=8,
        )
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = USER_AGENT
        # Gateways ignore proxies configured for browsers; a proxy in the environment would
        # also turn "connection refused" into an ambiguous proxy error.
        self.session.trust_env = False

    def close(self) -> None:
        self.session.close()

    def post_form(
        self, url: str, params: dict[str, str], body_charset: str, reply_charset: str
    ) -> RawReply:
        body = urlencode(params, encoding=charsets.codec(body_charset), errors="strict")
        return self._request(
            "POST",
            url,
            data=body.encode("ascii"),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            reply_charset=reply_charset,
        )

    def get(self, url: str, params: dict[str, str], charset: str) -> RawReply:
        """GET with ``params`` in the query string. The reply (and any error) records ``url``
        without that query: it carries the password, which must not reach the store or a log."""
        query = urlencode(params, encoding=charsets.codec(charset), errors="strict")
        sep = "&" if "?" in url else "?"
        return self._request(
            "GET", url + (sep + query if query else ""), reply_charset=charset, shown_url=url
        )

    def _request(
        self,
        method: str,
        url: str,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        reply_charset: str,
        shown_url: str | None = None,
    ) -> RawReply:
        start = time.monotonic()
        target = url
        url = shown_url or url  # what messages and the recorded reply name
        got = bytearray()  # the body as far as it came in
        seen: list[requests.Response] = []  # the response whose body that is
        try:
            return self._answered(
                method, url, target, data, headers, reply_charset, start, got, seen
            )
        except OutcomeUnknownError as exc:
            # Reports and replies are handed out once: what came in before the reply broke
            # off (cut short, reset) stays with the error as ``partial`` (a
            # RawReply), for the sync to keep; a whole reply (5xx, redirect) is its ``raw``.
            # Not for a reply over the cap: the cap bounds the memory a reply may take, and such
            # a body is no gateway's answer.
            broken_off = not isinstance(exc, ReplyTooLargeError)
            if got and seen and broken_off and getattr(exc, "raw", None) is None:
                body, ctype = bytes(got), seen[0].headers.get("Content-Type")
                exc.partial = RawReply(  # type: ignore[attr-defined]
                    url=url,
                    status=seen[0].status_code,
                    body=body,
                    content_type=ctype,
                    text=charsets.decode_reply(body, ctype, reply_charset),
                    elapsed=time.monotonic() - start,
                )
            raise

    def _answered(
        self,
        method: str,
        url: str,
        target: str,
        data: bytes | None,
        headers: dict[str, str] | None,
        reply_charset: str,
        start: float,
        got: bytearray,
        seen: list[requests.Response],
    ) -> RawReply:
        hidden = target[len(url) :] if target != url and target.startswith(url) else ""

        def said(exc: BaseException) -> str:
            """An exception's text without the query string (it may hold the password)."""
            text = str(exc)
            return text.replace(hidden, "?…") if hidden else text

        resp: requests.Response | None = None
        try:
            resp = self.session.request(
                method,
                target,
                data=data,
                headers=headers,
                timeout=(self.connect_timeout, self.read_timeout),
                allow_redirects=False,
                stream=True,
            )
            seen.append(resp)
            body = _read_capped(resp, self.max_reply_bytes, got)
        except ReplyTooLargeError:
            raise
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema) as exc:
            raise InputError(
                f"网关地址无效：{url} / Invalid gateway URL: {url} ({said(exc)})"
            ) from exc
        except requests.exceptions.ConnectTimeout as exc:
            raise NotSentError(f"连接超时 / connect timeout: {url}") from exc
        except requests.exceptions.ReadTimeout as exc:
            raise OutcomeUnknownError(
                f"等待回复超时 / read timeout after {self.read_timeout:g}s"
            ) from exc
        except requests.exceptions.ConnectionError as exc:
            if exc.args and isinstance(exc.args[0], ReadTimeoutError):  # while reading the body
                raise OutcomeUnknownError(
                    f"等待回复超时 / read timeout after {self.read_timeout:g}s"
                ) from exc
            if resp is None and _caused_by_connect_failure(exc):
                raise NotSentError(f"无法连接 / cannot connect: {url}") from exc
            raise OutcomeUnknownError(f"连接中断 / connection dropped: {said(exc)}") from exc
        except requests.exceptions.ChunkedEncodingError as exc:
            raise OutcomeUnknownError(
                f"回复不完整，连接中断 / the reply was cut off: {said(exc)}"
            ) from exc
        except requests.exceptions.RequestException as exc:
            raise OutcomeUnknownError(f"传输错误 / transport error: {said(exc)}") from exc
        finally:
            if resp is not None:
                resp.close()  # a body left unread (too large, broken) must not reuse the socket
        assert resp is not None
        ctype = resp.headers.get("Content-Type")
        raw = RawReply(
            url=url,
            status=resp.status_code,
            body=body,
            content_type=ctype,
            text=charsets.decode_reply(body, ctype, reply_charset),
            elapsed=time.monotonic() - start,
        )
        if resp.status_code >= 500 or (
            300 <= resp.status_code < 400 and resp.status_code not in _MOVED
        ):
            # A 302/303 is also how a server answers after it processed a POST (ASP.NET
            # customErrors redirects to its error page after an exception; post/redirect/get).
            status = resp.status_code
            if status >= 500:
                said_ = (
                    f"网关服务器出错（HTTP {status}） / the gateway's server failed (HTTP {status})"
                )
            else:
                # the path only: a query string may echo the request's (and its password)
                where = resp.headers.get("Location", "").split("?", 1)[0][:120]
                said_ = (
                    f"网关把请求重定向到了 {where or '别处'}（HTTP {status}） / the gateway"
                    f" redirected the request to {where or 'elsewhere'} (HTTP {status})"
                )
            err = OutcomeUnknownError(said_)
            err.raw = raw  # type: ignore[attr-defined]
            raise err
        if 300 <= resp.status_code < 500:
            raise HttpRejectedError(resp.status_code, raw)
        return raw

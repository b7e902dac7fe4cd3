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
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NameResolutionError, NewConnectionError
from urllib3.util.retry import Retry

from .. import charsets
from ..errors import InputError, NotSentError, OutcomeUnknownError, TransportError

USER_AGENT = "SMS-Desktop/0.1"

# Redirects that say "the resource lives elsewhere, ask there": the request was not processed.
_MOVED = frozenset({301, 307, 308})


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

    def __init__(self, connect_timeout: float = 10.0, read_timeout: float = 30.0) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = min(read_timeout, 600.0)
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
        body = urlencode(params, encoding=charsets.canonical(body_charset), errors="strict")
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
        query = urlencode(params, encoding=charsets.canonical(charset), errors="strict")
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
        hidden = target[len(url) :] if target != url and target.startswith(url) else ""

        def said(exc: BaseException) -> str:
            """An exception's text without the query string (it may hold the password)."""
            text = str(exc)
            return text.replace(hidden, "?…") if hidden else text

        try:
            resp = self.session.request(
                method,
                target,
                data=data,
                headers=headers,
                timeout=(self.connect_timeout, self.read_timeout),
                allow_redirects=False,
            )
            body = resp.content
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
            if _caused_by_connect_failure(exc):
                raise NotSentError(f"无法连接 / cannot connect: {url}") from exc
            raise OutcomeUnknownError(f"连接中断 / connection dropped: {said(exc)}") from exc
        except requests.exceptions.RequestException as exc:
            raise OutcomeUnknownError(f"传输错误 / transport error: {said(exc)}") from exc
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
            err = OutcomeUnknownError(f"HTTP {resp.status_code}")
            err.raw = raw  # type: ignore[attr-defined]
            raise err
        if 300 <= resp.status_code < 500:
            raise HttpRejectedError(resp.status_code, raw)
        return raw

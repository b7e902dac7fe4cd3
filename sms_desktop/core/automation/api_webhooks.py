"""The HTTP API's webhooks (optional, per token): a POST to the client's URL when a job it made
finishes (``job.finished``: done or cancelled) or when a reply arrives (``reply.received``).

* **Signed.** Each token with a webhook has its own secret (32 random bytes, shown once when the
  webhook is set, kept in the OS keyring of the PC that set it, like the gateway passwords).
  A POST carries ``X-SMS-Desktop-Event``, ``X-SMS-Desktop-Delivery`` (the event's id: the same on
  every attempt), ``X-SMS-Desktop-Timestamp`` (seconds since 1970) and
  ``X-SMS-Desktop-Signature: sha256=<hex>``, the HMAC-SHA256 of ``timestamp.body`` with the
  secret (:func:`signature`). The API must run on a PC that holds the secret.
* **Once per event, through the store.** The events are rows (``api_events``, unique per token,
  kind and job or reply), made by whichever PC looks first; an attempt is taken by a conditional
  update (one PC wins), so two PCs never POST the same attempt.
* **Retried with backoff.** A POST that fails (no answer, or not 2xx) is tried again after
  :data:`BACKOFF` seconds (5 s, 30 s, 2 min, 10 min, 30 min, then each hour) up to
  :data:`MAX_ATTEMPTS` attempts, then given up (its error kept). Delivery is at least once: a
  POST answered but not recorded (the PC died in between) is sent again, with the same
  delivery id, for the client to recognise.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets as _secrets
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import requests

from ..errors import InputError
from ..jobs.model import JobState, job_stamp
from ..session import Core
from ..store import api as store_api
from . import api_requests, api_tokens

log = logging.getLogger(__name__)

SECRET_KIND = "webhook"
BACKOFF = (5.0, 30.0, 120.0, 600.0, 1800.0, 3600.0)
MAX_ATTEMPTS = 10
TIMEOUT = (5.0, 10.0)  # connect, read
FINISHED = (JobState.DONE, JobState.CANCELLED)
EVERY = 2.0  # seconds between two looks for events
STOP_WAIT = 2.0  # seconds stop() waits for a POST under way


def _secret_key(token_id: int) -> str:
    return f"api-token-{token_id}"


def check_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"网址应以 http:// 或 https:// 开头：{url} / The URL must start with http:// or https://: {url}"
        )
    return url


def set_webhook(core: Core, name: str, url: str | None) -> str | None:
    """Give the live token ``name`` a webhook at ``url`` (None: remove it). Returns the new
    secret (shown once; kept in this PC's keyring), or None when removed."""
    token = api_tokens.live_named(core.db, name)
    if url is None:
        with core.db.write() as c:
            store_api.set_webhook(c, token.id, None, job_stamp())
        core.secrets.delete(_secret_key(token.id), SECRET_KIND)
        return None
    url = check_url(url)
    secret = "whsec_" + _secrets.token_urlsafe(32)
    core.secrets.set(_secret_key(token.id), secret, SECRET_KIND)
    with core.db.write() as c:
        store_api.set_webhook(c, token.id, url, job_stamp())
    return secret


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=`` and the hex HMAC-SHA256 of ``timestamp.body`` (what a client checks)."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


# ---- making the events ----------------------------------------------------------------------------
def collect(core: Core, now: float | None = None) -> int:
    """Record the events not recorded yet (jobs finished, replies received) of every token with a
    webhook; how many this call recorded."""
    now = time.time() if now is None else now
    made = 0
    for t in store_api.webhook_tokens(core.db):
        for job_id in store_api.finished_unannounced(
            core.db, t["id"], t["webhook_since"], FINISHED
        ):
            body = {
                "event": "job.finished",
                "job": api_requests.job_dict(core.engine.summary(job_id)),
            }
            made += _add(core, t["id"], "job.finished", job_id, body, now)
        cursor = int(t["reply_cursor"])
        while True:
            replies = store_api.replies_after(core.db, cursor, None, 200)
            if not replies:
                break
            for r in replies:
                r["opt_out"] = bool(r["opt_out"])
                made += _add(
                    core,
                    t["id"],
                    "reply.received",
                    int(r["id"]),
                    {"event": "reply.received", "reply": r},
                    now,
                )
            cursor = int(replies[-1]["id"])
            with core.db.write() as c:
                store_api.move_reply_cursor(c, t["id"], cursor)
    return made


def _add(core: Core, token_id: int, kind: str, ref: int, body: dict[str, Any], now: float) -> int:
    text = json.dumps(body, ensure_ascii=False, sort_keys=True)
    with core.db.write() as c:
        return int(store_api.add_event(c, token_id, kind, ref, text, job_stamp(), now))


# ---- sending them ---------------------------------------------------------------------------------
def deliver_due(
    core: Core,
    now: float | None = None,
    *,
    backoff: Sequence[float] = BACKOFF,
    post: Callable[..., Any] = requests.post,
    stop: threading.Event | None = None,
) -> int:
    """POST every due event once (signed); how many were delivered. ``stop`` set: leave before
    the next POST (the events left stay due, for the next turn or the next PC)."""
    now = time.time() if now is None else now
    delivered = 0
    for e in store_api.due_events(core.db, now):
        if stop is not None and stop.is_set():
            break
        attempt = int(e["attempts"]) + 1
        wait = backoff[min(attempt - 1, len(backoff) - 1)]
        with core.db.write() as c:  # taken for this attempt: another PC skips it
            if not store_api.claim_event(c, e["id"], now, now + wait):
                continue
        secret = core.secrets.get(_secret_key(int(e["token_id"])), SECRET_KIND)
        error = None
        if not secret:
            error = "this PC has no secret for the webhook (set it again here)"
        else:
            body = e["body"].encode("utf-8")
            stamp = str(int(time.time()))
            try:
                r = post(
                    e["webhook_url"],
                    data=body,
                    headers={
                        "Content-Type": "application/json; charset=utf-8",
                        "X-SMS-Desktop-Event": e["kind"],
                        "X-SMS-Desktop-Delivery": str(e["id"]),
                        "X-SMS-Desktop-Timestamp": stamp,
                        "X-SMS-Desktop-Signature": signature(secret, stamp, body),
                    },
                    timeout=TIMEOUT,
                    allow_redirects=False,
                )
                if not 200 <= r.status_code < 300:
                    error = f"HTTP {r.status_code}"
            except requests.RequestException as exc:
                error = type(exc).__name__
        with core.db.write() as c:
            if error is None:
                store_api.event_done(c, e["id"], job_stamp())
                delivered += 1
            else:
                again = now + wait if attempt < MAX_ATTEMPTS else None
                store_api.event_failed(c, e["id"], error, again)
                log.info(
                    "webhook %s %s (attempt %d): %s; %s",
                    e["kind"],
                    e["id"],
                    attempt,
                    error,
                    "given up" if again is None else f"again in {wait:.0f} s",
                )
    return delivered


class WebhookSender:
    """A thread that records and sends the events every :data:`EVERY` seconds, while the API
    runs (:class:`~.api_server.ApiServer`).

    :meth:`stop` waits at most :data:`STOP_WAIT` seconds: a POST under way to a client that does
    not answer is left to its own timeout (the thread is a daemon, and sends nothing after it);
    its attempt, taken but not recorded, is made again later, with the same delivery id."""

    def __init__(self, core: Core, every: float = EVERY) -> None:
        self.core = core
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="api-webhooks", daemon=True)

    def start(self) -> WebhookSender:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                collect(self.core)
                if not self._stop.is_set():
                    deliver_due(self.core, stop=self._stop)
            except Exception as exc:  # the store is busy or gone: the next turn tries again
                if not self._stop.is_set():
                    log.warning("webhooks: %s", exc)

    def stop(self, wait: float | None = None) -> None:
        """Stop sending; wait for the thread at most ``wait`` seconds (:data:`STOP_WAIT`)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(STOP_WAIT if wait is None else wait)
            if self._thread.is_alive():
                log.info("webhooks: a POST is still under way; not waiting for it")

"""The HTTP API's tokens: one per client (an office system), made and revoked by a person in the
window or the CLI.

A token is ``sdk_`` and 32 random bytes (URL-safe base64). It is shown once, when it is made;
the store keeps only its SHA-256 (:func:`token_hash`) and its first characters (``prefix``), so
a copy of the database, a backup, an export or a log never holds a usable token. A revoked
token is refused at once (each request looks its hash up).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..identity import current
from ..jobs.model import job_stamp
from ..store import Database, IntegrityError
from ..store import api as store_api

PREFIX = "sdk_"
SHOWN = 10  # characters of a token kept to tell it apart: "sdk_" and 6 more
MAX_NAME = 64


@dataclass(frozen=True)
class ApiToken:
    id: int
    name: str
    prefix: str  # the token's first characters, for people
    created_at: str
    created_by: str
    revoked_at: str | None = None
    last_used_at: str | None = None
    webhook_url: str | None = None  # where its events are POSTed (:mod:`.api_webhooks`)

    @property
    def live(self) -> bool:
        return self.revoked_at is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "prefix": self.prefix,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "revoked_at": self.revoked_at,
            "last_used_at": self.last_used_at,
            "webhook_url": self.webhook_url,
            "live": self.live,
        }


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def _token(r: Any) -> ApiToken:
    return ApiToken(
        id=int(r["id"]),
        name=r["name"],
        prefix=r["prefix"],
        created_at=r["created_at"],
        created_by=r["created_by"],
        revoked_at=r["revoked_at"],
        last_used_at=r["last_used_at"],
        webhook_url=r["webhook_url"],
    )


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InputError(
            "请给令牌起个名字（例如调用它的系统）。 / Give the token a name (say, the system that uses it)."
        )
    if len(name) > MAX_NAME:
        raise InputError(
            f"令牌名称最长 {MAX_NAME} 个字符。 / A token's name is at most {MAX_NAME} characters."
        )
    return name


def create(db: Database, name: str) -> tuple[ApiToken, str]:
    """A new live token named ``name``: the token's row, and the token itself (shown once, never
    stored). InputError when a live token has this name."""
    name = check_name(name)
    token = new_token()
    try:
        with db.write() as c:
            token_id = store_api.add_token(
                c, name, token_hash(token), token[:SHOWN], job_stamp(), str(current())
            )
    except IntegrityError as exc:
        raise InputError(
            f"已有名为“{name}”的有效令牌：先吊销它，或换个名字。"
            f" / A live token is already named {name}: revoke it first, or choose another name."
        ) from exc
    return get(db, token_id), token


def live_named(db: Database, name: str) -> ApiToken:
    """The live token of this name (InputError when there is none)."""
    for t in tokens(db, include_revoked=False):
        if t.name == name.strip():
            return t
    raise InputError(f"没有名为“{name}”的有效令牌。 / No live token named {name}.")


def get(db: Database, token_id: int) -> ApiToken:
    for t in tokens(db):
        if t.id == token_id:
            return t
    raise InputError(f"没有这个令牌：{token_id} / No such token: {token_id}")


def tokens(db: Database, include_revoked: bool = True) -> list[ApiToken]:
    """Every token, newest first (revoked ones too, unless ``include_revoked`` is False)."""
    return [_token(r) for r in store_api.tokens(db, include_revoked)]


def revoke(db: Database, name_or_id: str) -> None:
    """Revoke the live token of this name, else (all digits, and no live token has that name)
    the token of this id: requests with it are refused from now on. A name wins over an id:
    :func:`revoke_id` revokes by id alone. InputError when there is none."""
    key = (name_or_id or "").strip()
    with db.write() as c:
        n = store_api.revoke_named(c, key, job_stamp())
        if n == 0 and key.isdigit():
            n = store_api.revoke_id(c, int(key), job_stamp())
    if n == 0:
        raise InputError(f"没有名为“{key}”的有效令牌。 / No live token named {key}.")


def revoke_id(db: Database, token_id: int) -> None:
    """Revoke the token with this id (the window's list names its rows by id, never by name).
    InputError when it is not live."""
    with db.write() as c:
        n = store_api.revoke_id(c, token_id, job_stamp())
    if n == 0:
        raise InputError(f"令牌 {token_id} 不存在或已吊销。 / Token {token_id} is gone or revoked.")


def verify(db: Database, token: str | None) -> ApiToken | None:
    """The live token a request carries, or None (none, wrong or revoked)."""
    if not token or not token.startswith(PREFIX) or len(token) > 200:
        return None
    row = store_api.live_token(db, token_hash(token))
    return None if row is None else _token(row)


def touch(db: Database, token: ApiToken) -> None:
    """Note that the token was used now (shown in the list of tokens)."""
    with db.write() as c:
        store_api.touch(c, token.id, job_stamp())

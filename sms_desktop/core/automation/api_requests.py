"""What the HTTP API's endpoints do, without the HTTP: a send made into a job through the same
path as the CLI's ``send`` (:mod:`sms_desktop.core.jobs.compose`, then
:meth:`~sms_desktop.core.jobs.engine.Engine.create_job`: the same validation, blacklist, caps,
marketing window and journal, and the same refusals), and the answers of the read endpoints.

**Idempotency.** A client's ``Idempotency-Key`` is written with the job, in the job's own
transaction (``api_jobs``, unique per token and key). So a request repeated after a timeout, a
crash of the service, or on another PC of the same office store gets the job made the first
time, never a second one: when two arrive together, the second's transaction fails on the key
and it answers with the first's job. A key repeated with another body is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .. import bilingual, templates
from ..balances import read_balance
from ..contacts.recipients import Recipient
from ..errors import InputError, PasswordMissingError
from ..guard import KindNotConfirmed, optout_of, with_optout
from ..history import message_ids, messages_by_ids
from ..jobs import compose
from ..jobs.model import JobState, JobSummary, job_stamp
from ..session import Core
from ..store import IntegrityError
from ..store import api as store_api
from .api_tokens import ApiToken

MAX_KEY = 200  # characters of an Idempotency-Key
MAX_PAGE = 1000  # recipients or replies in one answer
KINDS = ("notice", "marketing")
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M")


class ApiError(Exception):
    """A refusal: the HTTP status, a short code for programs and the message (``中文 / English``,
    as every core message)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def body(self) -> dict[str, str]:
        return {
            "error": self.code,
            "message_zh": bilingual.pick(self.message, "zh_CN"),
            "message_en": bilingual.pick(self.message, "en"),
        }


def bad(message: str, code: str = "bad_request") -> ApiError:
    return ApiError(400, code, message)


def refused(exc: InputError) -> ApiError:
    """A send the core refused, with the core's own words (those the CLI prints)."""
    if isinstance(exc, PasswordMissingError):
        return ApiError(409, "password_missing", str(exc))
    text = str(exc)
    if isinstance(exc, KindNotConfirmed):
        zh, en = bilingual.pick(text, "zh_CN"), bilingual.pick(text, "en")
        text = (
            f'{zh} 请在请求中注明 "kind": "notice"（通知）或 "marketing"（营销）。'
            f' / {en} Say which with "kind": "notice" or "marketing".'
        )
    return ApiError(422, "refused", text)


# ---- POST /api/v1/messages ----------------------------------------------------------------------
@dataclass(frozen=True)
class Accepted:
    job: JobSummary
    replayed: bool  # the Idempotency-Key was seen before: the job made then


def body_hash(body: Mapping[str, Any]) -> str:
    """The request's body as a fingerprint (key order and spacing do not matter)."""
    canon = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def _text_field(body: Mapping[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad(f'“{key}”应为文字。 / "{key}" must be a string.')
    return value


def _at(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        for fmt in _TIME_FORMATS:
            try:
                return datetime.strptime(value.strip(), fmt)
            except ValueError:
                continue
    raise bad(
        "“at”的格式应为 YYYY-MM-DD HH:MM:SS（本机时间）。"
        ' / "at" must be YYYY-MM-DD HH:MM:SS (this PC\'s local time).'
    )


def _fields(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise bad(f'“{where}”应为对象（列名: 值）。 / "{where}" must be an object (column: value).')
    return {k: "" if v is None else str(v) for k, v in value.items()}


def _recipients(body: Mapping[str, Any]) -> tuple[str, list[Recipient] | None]:
    """``to`` as the CLI's ``--to`` (plain numbers: pasted text), or, when fields come with them,
    as rows (the fields fill ``{列名}``, each row's own over the common ``fields``)."""
    to = body.get("to")
    if isinstance(to, str):
        to = [to]
    if not isinstance(to, list) or not to:
        raise bad('“to”应为号码列表。 / "to" must be a list of numbers.', "no_recipients")
    common = _fields(body.get("fields"), "fields")
    if not common and all(isinstance(x, str | int) for x in to):
        return "\n".join(str(x) for x in to), None
    rows: list[Recipient] = []
    for i, item in enumerate(to, start=1):
        if isinstance(item, str | int):
            rows.append(Recipient(str(item), "", dict(common), row=i))
        elif isinstance(item, dict) and isinstance(item.get("phone"), str | int):
            own = _fields(item.get("fields"), f"to[{i - 1}].fields")
            rows.append(
                Recipient(str(item["phone"]), str(item.get("name") or ""), common | own, row=i)
            )
        else:
            raise bad(
                f'“to”第 {i} 项应为号码，或 {{"phone": …, "fields": {{…}}}}。'
                f' / to[{i - 1}] must be a number or {{"phone": …, "fields": {{…}}}}.'
            )
    return "", rows


def draft(core: Core, body: Mapping[str, Any], note: str) -> compose.Draft:
    """The send a request asks for, as the CLI's ``send`` reads its options."""
    account = _text_field(body, "account")
    if not account or not account.strip():
        raise bad('缺少“account”（账户名称）。 / "account" (the account\'s name) is missing.')
    acct = core.accounts.get(account)  # InputError: no such account
    pasted, rows = _recipients(body)
    text = _text_field(body, "text") or ""
    template = _text_field(body, "template")
    template_id = _text_field(body, "template_id")
    raw_vars = body.get("template_vars") or []
    if not isinstance(raw_vars, list):
        raise bad('“template_vars”应为列表。 / "template_vars" must be a list.')
    template_vars = [str(v) for v in raw_vars]
    kind = _text_field(body, "kind")
    if kind is not None and kind not in KINDS:
        raise bad(
            '“kind”应为 notice（通知）或 marketing（营销）。 / "kind" must be notice or marketing.'
        )
    given = [k for k in ("text", "template", "template_id") if body.get(k)]
    if len(given) > 1:
        raise bad(
            "“text”、“template”、“template_id”只能给一个。"
            ' / Give one of "text", "template" and "template_id".'
        )
    if template:
        saved = templates.get(core.db, template)
        columns = sorted({k for r in rows or () for k in r.fields})
        used = templates.use(saved, acct.family, columns)
        text, template_id, template_vars = used.text, used.template_id, used.template_vars
        kind = kind or saved.job_kind or None
    if body.get("add_optout") and text.strip() and not template_id:
        text = with_optout(text, optout_of(acct))
    return compose.Draft(
        account=acct.name,
        text=text,
        pasted=pasted,
        rows=rows,
        template_id=template_id,
        template_vars=template_vars,
        send_at=_at(body.get("at")),
        kind=kind,
        note=note,
    )


def submit(
    core: Core,
    token: ApiToken,
    body: Any,
    idem_key: str | None,
    *,
    by_server: bool = False,
) -> Accepted:
    """Make the job a ``POST /api/v1/messages`` asks for (or give the one its Idempotency-Key
    made before). ``by_server``: the office sender service runs it (the API runs there).
    ApiError for a refusal."""
    if not isinstance(body, dict):
        raise bad("请求体应为 JSON 对象。 / The body must be a JSON object.")
    if idem_key is not None:
        idem_key = idem_key.strip()
        if not idem_key or len(idem_key) > MAX_KEY or not idem_key.isprintable():
            raise bad(
                f"Idempotency-Key 应为 1 到 {MAX_KEY} 个可打印字符。"
                f" / The Idempotency-Key must be 1 to {MAX_KEY} printable characters.",
                "bad_idempotency_key",
            )
    fingerprint = body_hash(body)
    if idem_key is not None:
        seen = _seen(core, token, idem_key, fingerprint)
        if seen is not None:
            return seen
    try:
        d = draft(core, body, note=f"API: {token.name}")
        d.by_server = by_server
        spec = compose.build(core.accounts, d)
        if not spec.recipients:
            raise bad("没有接收号码 / no recipients", "no_recipients")

        def record(c: Any, job_id: int) -> None:
            store_api.add_job(c, job_id, token.id, idem_key, fingerprint, job_stamp())

        job_id = core.engine.create_job(spec, with_job=record)
    except IntegrityError:
        # the same key, made by a request that committed first (here or on another PC)
        if idem_key is not None:
            seen = _seen(core, token, idem_key, fingerprint)
            if seen is not None:
                return seen
        raise
    except InputError as exc:
        raise refused(exc) from exc
    return Accepted(core.engine.summary(job_id), replayed=False)


def _seen(core: Core, token: ApiToken, idem_key: str, fingerprint: str) -> Accepted | None:
    row = store_api.job_of_key(core.db, token.id, idem_key)
    if row is None:
        return None
    if row["body_hash"] != fingerprint:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "这个 Idempotency-Key 已用于另一个不同的请求。"
            " / This Idempotency-Key was used for a different request.",
        )
    return Accepted(core.engine.summary(int(row["job_id"])), replayed=True)


# ---- the read endpoints -----------------------------------------------------------------------
def job_dict(job: JobSummary) -> dict[str, Any]:
    return {
        "job_id": job.job_id,
        "account": job.account,
        "state": job.state,
        "outcome": job.outcome,
        "kind": job.kind,
        "created_at": job.created_at,
        "send_at": job.send_at,
        "held_for": job.held_for or None,
        "error": job.error,
        "counts": {
            "recipients": job.recipients,
            "queued": job.queued,
            "sending": job.sending,
            "accepted": job.accepted,
            "delivered": job.delivered,
            "undelivered": job.undelivered,
            "rejected": job.rejected,
            "unknown": job.unknown,
            "skipped": job.skipped,
            "invalid": job.invalid,
        },
    }


def own_job(core: Core, token: ApiToken, job_id: int) -> JobSummary:
    """A job this token made; 404 for any other (another client's, or one made by hand)."""
    if store_api.made_by(core.db, job_id) != token.id:
        raise ApiError(404, "not_found", f"没有这个任务：{job_id} / No such job: {job_id}")
    return core.engine.summary(job_id)


def page_args(query: Mapping[str, str], default: int = 100) -> tuple[int, int]:
    try:
        offset = int(query.get("offset", "0"))
        limit = int(query.get("limit", str(default)))
    except ValueError:
        raise bad("offset 和 limit 应为整数。 / offset and limit must be integers.") from None
    if offset < 0 or not 1 <= limit <= MAX_PAGE:
        raise bad(
            f"offset ≥ 0，limit 在 1 到 {MAX_PAGE} 之间。 / offset ≥ 0, limit 1 to {MAX_PAGE}."
        )
    return offset, limit


_RECIPIENT_KEYS = (
    "seq",
    "phone",
    "name",
    "state",
    "code",
    "message",
    "report_status",
    "report_time",
    "updated_at",
)


def recipients(core: Core, job: JobSummary, offset: int, limit: int) -> dict[str, Any]:
    """One page of a job's recipients, in send order (skipped ones with their reason)."""
    ids = message_ids(core.db, job.job_id)
    rows = messages_by_ids(core.db, ids[offset : offset + limit])
    return {
        "job_id": job.job_id,
        "total": len(ids),
        "offset": offset,
        "limit": limit,
        "recipients": [{k: r.get(k) for k in _RECIPIENT_KEYS} for r in rows if r is not None],
    }


def balances(core: Core, account: str | None) -> dict[str, Any]:
    """The balance of each account (or of one), asked of its gateway now."""
    names = [core.accounts.get(account).name] if account else [a.name for a in core.accounts.list()]
    out = []
    for name in names:
        try:
            b = read_balance(core.accounts, name)
        except PasswordMissingError as exc:
            out.append({"account": name, "ok": False, "error": str(exc)})
            continue
        out.append(
            {
                "account": b.account,
                "family": b.family,
                "ok": b.ok,
                "messages": b.messages,
                "postpaid": b.postpaid,
                "read_at": b.read_at,
                "known_at": b.known_at,
                "low": b.low,
                "error": b.error,
            }
        )
    return {"balances": out}


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$")


def inbox(core: Core, since: str | None, limit: int) -> dict[str, Any]:
    """Replies after ``since``: a reply id (what ``next_since`` of the last answer said: each
    reply once), or a local time ``YYYY-MM-DD[ HH:MM:SS]``; oldest first."""
    since = (since or "").strip()
    after_id, since_time = 0, None
    if since.isdigit():
        after_id = int(since)
    elif since:
        if not _DAY.match(since):
            raise bad(
                "since 应为上次的 next_since（回复编号）或时间 YYYY-MM-DD HH:MM:SS。"
                " / since must be the last next_since (a reply id) or a time YYYY-MM-DD HH:MM:SS."
            )
        since_time = since
    rows = store_api.replies_after(core.db, after_id, since_time, limit)
    for r in rows:
        r["opt_out"] = bool(r["opt_out"])
    return {"replies": rows, "next_since": str(rows[-1]["id"]) if rows else (since or "0")}


def runnable(job: JobSummary) -> bool:
    """A job the API starts at once, made now or replayed (others wait for their time, or for
    the window): queued, so neither running nor held for later."""
    return job.state == JobState.QUEUED

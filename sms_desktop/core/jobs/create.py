"""A new job written to the store: the job's row and its recipients, valid or skipped, in one
transaction (:meth:`Engine.create_job` checks everything first, with :func:`compose.estimate`).
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Sequence
from typing import Any

from .. import carriers
from ..accounts import Account
from ..contacts.recipients import Recipient
from ..estimate import Estimate
from ..guard import JobKind
from ..identity import current
from ..store import Connection, Database
from ..store import jobs as store_jobs
from ..store import messages as store_messages
from .model import JobSpec, JobState, MsgState, fmt_time


def store_job(
    db: Database,
    acct: Account,
    spec: JobSpec,
    est: Estimate,
    with_job: Callable[[Connection, int], None] | None = None,
) -> int:
    """Write the job ``est`` found valid (no problems) and its recipients; returns its id.

    Its state: held for the marketing window when that is closed; queued to send now; held here
    until its time (an account that holds locally, or a marketing job, whose window and caps
    are checked as each batch leaves); else scheduled, to go to the gateway with its time.
    ``with_job``: see :meth:`Engine.create_job`."""
    send_at = est.send_at
    given = spec.recipients
    if not isinstance(given, Sequence):
        given = list(given)

    def who(seq: int) -> tuple[str, str]:
        """Name and fields JSON of the recipient at ``seq`` (1-based)."""
        r = given[seq - 1]
        return (r.name, _fields_json(r.fields)) if isinstance(r, Recipient) else ("", "{}")

    # Each number's 号段归属 (carrier, province), kept with it for the job's report: looked
    # up before the write lock is taken (a list of shared answers, 8 bytes a recipient).
    placed = [carriers.lookup(v.phone) for v in est.valid]
    # Rows are made as they are inserted, in send order (valid ones come in order; the
    # skipped ones are merged in by seq): at 1,000,000 recipients a list of rows, and one
    # Recipient per typed number, cost hundreds of MB.
    valid_rows = (
        (
            v.seq,
            v.phone,
            *who(v.seq),
            text,
            parts,
            MsgState.QUEUED,
            "",
            None,
            where.carrier,
            where.province,
        )
        for v, text, parts, where in zip(est.valid, est.texts, est.parts, placed, strict=True)
    )
    skipped_rows = [
        (
            rj.seq,
            rj.value,
            *who(rj.seq),
            "",
            0,
            MsgState.SKIPPED,
            rj.message,
            rj.reason,
            None,
            None,
        )
        for rj in est.rejected
    ]
    skipped_rows.sort(key=lambda row: row[0])
    rows = heapq.merge(valid_rows, skipped_rows, key=lambda row: row[0])
    guard = est.guard
    assert guard is not None
    kind = guard.effective_kind
    held_for = ""
    window_opens = guard.held_until(kind)
    if window_opens is not None:
        # marketing outside its window: held here until the window opens
        send_at, state, held_for = window_opens, JobState.HELD, "window"
    elif send_at is None:
        state = JobState.QUEUED
    elif acct.holds_locally or (
        kind == JobKind.MARKETING and not spec.ignore_window and not spec.test
    ):
        # a marketing job is held here, not handed to the gateway's schedule: the window
        # and the caps are checked as each batch really leaves
        state = JobState.HELD
    else:
        state = JobState.SCHEDULED
    with db.write() as c:
        job_id = store_jobs.insert(
            c,
            account=acct.name,
            backup_account=spec.backup_account,
            text=spec.text,
            template_id=spec.template_id,
            template_vars=json.dumps(list(spec.template_vars), ensure_ascii=False)
            if spec.template_id
            else None,
            send_at=fmt_time(send_at),
            hold_locally=state == JobState.HELD,
            state=state,
            note=spec.note,
            extno=(spec.extno or "").strip(),
            kind=kind,
            ignore_window=spec.ignore_window,
            is_test=spec.test,
            held_for=held_for,
            by=current(),
            by_server=spec.by_server,
        )
        # the caps count the job's messages by its kind; a test send's not at all
        store_messages.insert(c, job_id, rows, None if spec.test else kind)
        if with_job is not None:
            with_job(c, job_id)
    store_messages.added_in_bulk(db, len(est.valid) + len(skipped_rows))
    return job_id


def _fields_json(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, default=str) if fields else "{}"

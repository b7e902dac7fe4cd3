"""The SQL of the ``messages`` aggregate: a job's recipients, and ``job_counts`` (their number per
job and state, kept by triggers on ``messages``).

Functions that take ``c`` run in the caller's write transaction (``with db.write() as c``), or
read through the connection they are given; those that take ``db`` read on their own. The state
values and texts written are the caller's: the rules live in :mod:`sms_desktop.core.jobs`.

Lists of ids go in as one JSON parameter (the dialect's ``json_ints``: ``json_each`` on SQLite):
one statement however many ids.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .base import Connection, Database, Row, insert_rows

# the explanation of a recipient's state: the engine's message, else the reason it was skipped
MESSAGE_OR_REASON = "COALESCE(NULLIF(message, ''), reason) AS message"


# ---- writing ----------------------------------------------------------------------------------
def insert(
    c: Connection,
    job_id: int,
    rows: Iterable[Sequence[Any]],
    cap_class: str | None = None,
) -> None:
    """A job's recipients, in send order: each row is (seq, phone, name, fields JSON, text,
    parts, state, reason, code, carrier, province); ``cap_class``: how the frequency caps count
    them (the job's kind; None: not counted)."""
    insert_rows(
        c,
        "messages",
        (
            "job_id",
            "seq",
            "phone",
            "name",
            "fields",
            "text",
            "parts",
            "state",
            "reason",
            "code",
            "carrier",
            "province",
            "cap_class",
        ),
        ((job_id, *row, cap_class) for row in rows),
    )


def skip_in_state(
    c: Connection, job_id: int, state: str, skipped: str, reason: str, code: str
) -> int:
    """The job's recipients in ``state`` become ``skipped`` with the reason and code."""
    cur = c.execute(
        "UPDATE messages SET state=?, reason=?, code=? WHERE job_id=? AND state=?",
        (skipped, reason, code, job_id, state),
    )
    return int(cur.rowcount)


def skip_ids(
    c: Connection,
    ids: Sequence[int],
    queued: str,
    skipped: str,
    reason: str,
    code: str,
    stamp: str,
) -> int:
    """The ``queued`` recipients among ``ids`` become ``skipped`` with the reason and code;
    returns how many."""
    cur = c.execute(
        "UPDATE messages SET state=?, reason=?, code=?, updated_at=?"
        f" WHERE id IN {c.dialect.json_ints} AND state=?",
        (skipped, reason, code, stamp, json.dumps(list(ids)), queued),
    )
    return int(cur.rowcount)


def unskip_ids(c: Connection, ids: Sequence[int], skipped: str, code: str, queued: str) -> int:
    """The recipients among ``ids`` ``skipped`` with ``code`` go back to ``queued`` (their
    reason cleared); returns how many."""
    cur = c.execute(
        "UPDATE messages SET state=?, reason='', code=NULL"
        f" WHERE id IN {c.dialect.json_ints} AND state=? AND code=?",
        (queued, json.dumps(list(ids)), skipped, code),
    )
    return int(cur.rowcount)


def hold_for_batch(
    c: Connection,
    ids: Sequence[int],
    batch_id: int,
    account: str,
    stamp: str,
    queued: str,
    sending: str,
) -> int:
    """The ``queued`` recipients among ``ids`` become ``sending`` in the batch, sent at
    ``stamp``; returns how many (fewer than ``ids`` when some are no longer queued)."""
    where, params = _ids_where(c, ids)
    cur = c.execute(
        f"UPDATE messages SET state=?, batch_id=?, account=?, updated_at=?, sent_at=? WHERE {where}"
        " AND state=?",
        (sending, batch_id, account, stamp, stamp, *params, queued),
    )
    return int(cur.rowcount)


def _ids_where(c: Connection, ids: Sequence[int] | str) -> tuple[str, tuple[Any, ...]]:
    """A condition on ``id`` for exactly these ids (a list, or a JSON array of them): a range
    when they are consecutive, as a batch of a job read in order is (read along the table's
    key, without building and probing a set of 1,000 values), else the JSON array."""
    lst = json.loads(ids) if isinstance(ids, str) else ids
    if lst:
        lo, hi = min(lst), max(lst)
        if hi - lo == len(lst) - 1 and len(set(lst)) == len(lst):  # all of lo..hi, once
            return "id BETWEEN ? AND ?", (lo, hi)
    return f"id IN {c.dialect.json_ints}", (ids if isinstance(ids, str) else json.dumps(list(ids)),)


def skip_blacklisted_in_batch(
    c: Connection,
    batch_id: int,
    sending: str,
    skipped: str,
    reason: str,
    code: str,
    stamp: str,
) -> list[int]:
    """The batch's ``sending`` recipients whose number is on the blacklist become ``skipped``
    (with the reason and code) and leave the batch; their ids."""
    return [
        r[0]
        for r in c.execute(
            "UPDATE messages SET state=?, reason=?, code=?, batch_id=NULL, updated_at=?"
            " WHERE batch_id=? AND state=? AND phone IN (SELECT phone FROM blacklist)"
            " RETURNING id",
            (skipped, reason, code, stamp, batch_id, sending),
        ).fetchall()
    ]


def without_their_batch(c: Connection) -> list[int]:
    """Ids of the messages whose ``batch_id`` names no batch, in id order (none that this
    program wrote: PostgreSQL does not check that column by a key, SQLite does)."""
    return [
        r[0]
        for r in c.execute(
            "SELECT m.id FROM messages m WHERE m.batch_id IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = m.batch_id) ORDER BY m.id"
        )
    ]


def of_batch(c: Connection, batch_id: int) -> list[tuple[int, str]]:
    """(id, phone) of the recipients a batch holds, in id order."""
    return [
        (r[0], r[1])
        for r in c.execute(
            "SELECT id, phone FROM messages WHERE batch_id=? ORDER BY id", (batch_id,)
        )
    ]


def requeue_batches(
    c: Connection, batch_ids: Sequence[int], sending: str, queued: str, stamp: str
) -> None:
    """The ``sending`` recipients of these batches go back to the queue (no batch, no account)."""
    c.execute(
        "UPDATE messages SET state=?, batch_id=NULL, account=NULL, sent_at=NULL, updated_at=?"
        f" WHERE batch_id IN {c.dialect.json_ints} AND state=?",
        (queued, stamp, json.dumps(list(batch_ids)), sending),
    )


def requeue_batch(c: Connection, batch_id: int, sending: str, queued: str) -> None:
    """The ``sending`` recipients of one batch go back to the queue (no batch, no account)."""
    c.execute(
        "UPDATE messages SET state=?, batch_id=NULL, account=NULL, sent_at=NULL"
        " WHERE batch_id=? AND state=?",
        (queued, batch_id, sending),
    )


def apply_outcomes(
    c: Connection,
    groups: Iterable[Sequence[Any]],
    stamp: str,
    queued: str,
    rejected: str | None = None,
) -> None:
    """A batch's recipients' outcome, one statement per distinct outcome (``groups``: state,
    gateway_id, code, vendor_text, message, ids as JSON). Those that go back to the ``queued``
    state leave their batch; those and the ``rejected`` ones were certainly not sent: their
    ``sent_at`` is cleared (the frequency caps count what has ``sent_at``)."""
    for st, g, co, v, m, ids in groups:
        where, params = _ids_where(c, ids)
        # batch_id and sent_at are only written for recipients not sent: assigning them
        # would rewrite their index entries for every row of the batch
        c.execute(
            "UPDATE messages SET state=?, gateway_id=?, code=?, vendor_text=?, message=?,"
            + (" batch_id=NULL, sent_at=NULL," if st == queued else "")
            + (" sent_at=NULL," if rejected is not None and st == rejected else "")
            + f" updated_at=? WHERE {where}",
            (st, g, co, v, m, stamp, *params),
        )


def settle_in_flight(
    c: Connection, job_id: int, sending: str, unknown: str, why: str, stamp: str
) -> int:
    """The job's ``sending`` recipients become ``unknown`` with ``why``; returns how many."""
    cur = c.execute(
        "UPDATE messages SET state=?, message=?, updated_at=? WHERE job_id=? AND state=?",
        (unknown, why, stamp, job_id, sending),
    )
    return int(cur.rowcount)


def requeue_unknown(c: Connection, job_id: int, unknown: str, queued: str, why: str) -> int:
    """The job's ``unknown`` recipients go back to the queue, their earlier outcome cleared (the
    user asked to send them again)."""
    cur = c.execute(
        "UPDATE messages SET state=?, batch_id=NULL, gateway_id=NULL, code=NULL, message=?,"
        " sent_at=NULL WHERE job_id=? AND state=?",
        (queued, why, job_id, unknown),
    )
    return int(cur.rowcount)


# ---- reading: one job -------------------------------------------------------------------------
def count_in_states(c: Connection, job_id: int, states: Sequence[str]) -> int:
    marks = ",".join("?" * len(states))
    row = c.execute(
        f"SELECT COUNT(*) FROM messages WHERE job_id=? AND state IN ({marks})",
        (job_id, *states),
    ).fetchone()
    return int(row[0])


def counts(db: Database, job_id: int) -> dict[str, int]:
    """The job's recipients by state, from ``job_counts`` (a few rows however many)."""
    rows = db.read().execute("SELECT state, n FROM job_counts WHERE job_id=? AND n > 0", (job_id,))
    return {r[0]: r[1] for r in rows}


def counts_of_jobs(db: Database, job_ids: Sequence[int]) -> Iterator[tuple[int, str, int]]:
    """(job_id, state, n) for these jobs, from ``job_counts``."""
    yield from db.read().execute(
        f"SELECT job_id, state, n FROM job_counts WHERE job_id IN {db.dialect.json_ints} AND n > 0",
        (json.dumps(list(job_ids)),),
    )


def count_with_code(db: Database, job_ids: Sequence[int], state: str, code: str) -> dict[int, int]:
    """Per job, its recipients in ``state`` with ``code`` (jobs without any are left out)."""
    return dict(
        db.read()
        .execute(
            f"SELECT job_id, COUNT(*) FROM messages WHERE job_id IN {db.dialect.json_ints}"
            " AND state=? AND code=? GROUP BY job_id",
            (json.dumps(list(job_ids)), state, code),
        )
        .fetchall()
    )


def id_span(db: Database, job_id: int) -> tuple[int, int] | None:
    """The smallest and largest id of the job's recipients (None: it has none).

    Read through the job's own index. PostgreSQL would otherwise answer MIN and MAX by walking
    the primary key from each end until a row of the job turns up: through every later job's
    rows (0.2-0.4 s at 2,000,000 messages); ``OFFSET 0`` keeps it from rewriting the query so."""
    sql = "SELECT MIN(id), MAX(id) FROM messages WHERE job_id=?"
    if db.dialect.postgresql:
        sql = "SELECT MIN(id), MAX(id) FROM (SELECT id FROM messages WHERE job_id=? OFFSET 0) j"
    row = db.read().execute(sql, (job_id,)).fetchone()
    return None if row is None or row[0] is None else (int(row[0]), int(row[1]))


def queued_page(
    db: Database, job_id: int, queued: str, after: int, last: int, limit: int
) -> list[Row]:
    """Up to ``limit`` of the job's ``queued`` recipients (id, phone, text) with an id above
    ``after`` and at most ``last``, in id order (the order they were added: send order).

    The rows are read along the table's own key (``job_id + 0`` keeps the job index out): a
    page costs what it returns, and the first batch of a large job leaves without the whole
    job being read and sorted first."""
    return (
        db.read()
        .execute(
            "SELECT id, phone, text FROM messages WHERE id > ? AND id <= ? AND job_id + 0 = ?"
            " AND state=? ORDER BY id LIMIT ?",
            (after, last, job_id, queued, limit),
        )
        .fetchall()
    )


def recipients_in_states(
    db: Database, job_id: int, states: Sequence[str], *, reason: str | None = None
) -> list[Row]:
    """(phone, name, fields JSON, carrier) of the job's recipients in ``states``, in send order;
    with ``reason``, only those whose delivery report gave it (:data:`REPORT_REASON`)."""
    sql = (
        "SELECT m.phone, m.name, m.fields, m.carrier FROM messages m WHERE m.job_id=?"
        f" AND m.state IN {db.dialect.json_texts}"
    )
    params: list[Any] = [job_id, json.dumps(list(states))]
    if reason is not None:
        sql += f" AND {REPORT_REASON} = ?"
        params.append(reason)
    return db.read().execute(sql + " ORDER BY m.seq", params).fetchall()


def results(db: Database, job_id: int) -> list[dict[str, Any]]:
    """Each recipient's phone, state, gateway id, code, message and account, in send order."""
    rows = db.read().execute(
        f"SELECT phone, state, gateway_id, code, {MESSAGE_OR_REASON}, account"
        " FROM messages WHERE job_id=? ORDER BY seq",
        (job_id,),
    )
    return [dict(r) for r in rows]


def first_text(db: Database, job_id: int, skipped: str) -> str | None:
    """The text of the job's first recipient that was not skipped (an example)."""
    row = (
        db.read()
        .execute("SELECT text FROM messages WHERE job_id=? AND state!=? LIMIT 1", (job_id, skipped))
        .fetchone()
    )
    return None if row is None else str(row[0])


def rejections(db: Database, job_id: int, rejected: str, limit: int) -> list[Row]:
    """One row per distinct code, vendor text and message among the job's ``rejected``
    recipients, the most frequent first: ``n`` of them, and one example ``phone``."""
    return (
        db.read()
        .execute(
            "SELECT code, vendor_text, message, COUNT(*) AS n, MIN(phone) AS phone"
            " FROM messages WHERE job_id=? AND state=?"
            " GROUP BY code, vendor_text, message ORDER BY n DESC LIMIT ?",
            (job_id, rejected, limit),
        )
        .fetchall()
    )


# ---- reading: what each number was sent lately (the frequency caps) --------------------------
CAP_CHUNK = 1000  # numbers per statement (well under every engine's parameter limit)
NEVER = 1 << 30  # a count no number reaches: "no such cap"


def sent_counts(
    c: Connection,
    phones: Sequence[str],
    *,
    since: str,
    day_start: str,
    marketing: str,
    day_at_least: int | None = 1,
    marketing_day_at_least: int | None = 1,
    marketing_at_least: int | None = 1,
) -> dict[str, tuple[int, int, int]]:
    """The numbers among ``phones`` that reach a count: at least ``day_at_least`` messages
    since ``day_start``, or ``marketing_day_at_least`` marketing ones since ``day_start``, or
    ``marketing_at_least`` marketing ones since ``since`` (None: that count is not asked; with
    all three at 1, every number sent anything). Per number found: (all since ``day_start``,
    ``marketing`` since ``day_start``, ``marketing`` since ``since``); a count below its
    threshold may read 0.

    What counts is what has ``sent_at`` (journalled into a batch; cleared when the recipient was
    certainly not sent: rejected, or back in the queue) and a ``cap_class`` (not a test send).
    At most two short ranges of the number's index (``messages_phone``: phone, sent_at,
    cap_class) per number: today's messages, and the period's for the marketing ones (the
    class is read in the index: on SQLite nothing else is read); only the numbers found come
    back.
    """
    assert marketing == "marketing"  # the caps' own name for the class
    out: dict[str, list[int]] = {}
    asks_marketing = marketing_day_at_least is not None or marketing_at_least is not None
    for i in range(0, len(phones), CAP_CHUNK):
        numbers, chunk = c.dialect.one_of("phone", phones[i : i + CAP_CHUNK])
        if day_at_least is not None:
            today = c.execute(
                "SELECT phone, COUNT(*) FROM messages"
                f" WHERE {numbers} AND cap_class IS NOT NULL AND sent_at >= ?"
                " GROUP BY phone HAVING COUNT(*) >= ?",
                (*chunk, day_start, day_at_least),
            )
            for phone, n in today:
                out[phone] = [n, 0, 0]
        if asks_marketing:
            week = c.execute(
                "SELECT phone, SUM(CASE WHEN sent_at >= ? THEN 1 ELSE 0 END), COUNT(*)"
                f" FROM messages WHERE {numbers} AND cap_class = 'marketing'"
                " AND sent_at >= ? GROUP BY phone"
                " HAVING SUM(CASE WHEN sent_at >= ? THEN 1 ELSE 0 END) >= ? OR COUNT(*) >= ?",
                (
                    day_start,
                    *chunk,
                    since,
                    day_start,
                    NEVER if marketing_day_at_least is None else marketing_day_at_least,
                    NEVER if marketing_at_least is None else marketing_at_least,
                ),
            )
            for phone, today_n, n in week:
                counts = out.setdefault(phone, [0, 0, 0])
                counts[1], counts[2] = int(today_n), n
    return {p: (a, b, w) for p, (a, b, w) in out.items()}


CAP_EPOCH_TABLE = "cap_epoch"  # its one row: set up by the migration, never copied


def cap_epoch(c: Connection, *, lock: bool = False) -> int:
    """How many batches with counted recipients were journalled so far (``cap_epoch``).
    ``lock``: in a write transaction, its row locked until the commit (PostgreSQL; SQLite's
    write transaction holds the whole store): the caps' check and the journal entry of two
    transactions, of any PC or thread, then take turns."""
    sql = "SELECT n FROM cap_epoch WHERE id = 1" + (c.dialect.for_update if lock else "")
    row = c.execute(sql).fetchone()
    return int(row[0]) if row is not None else 0


def bump_cap_epoch(c: Connection) -> None:
    """In the write transaction that journals a batch with counted recipients."""
    c.execute("UPDATE cap_epoch SET n = n + 1 WHERE id = 1")


# ---- reading: one job's report (the campaign report) ------------------------------------------
# Portable SQL: placeholders for lists, no date arithmetic, no JSON functions.

# Why a recipient was not delivered, as its delivery report said: the report's error code where
# it gave one (ipyy's errorcode beside status 20; the status word itself for the others), else
# the status word the message keeps. Kept on the message when the report settles it
# (``report_reason``); for recipients settled before it was kept, read from their report. One
# definition for the report's reasons and for resending by reason.
REPORT_REASON = (
    "COALESCE(m.report_reason, NULLIF((SELECT r.error_code FROM reports r"
    " WHERE r.message_id = m.id AND r.delivered = 0 ORDER BY r.id DESC LIMIT 1), ''),"
    " m.report_status, '')"
)


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _tuples(db: Database, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of a read as plain tuples (no Row object per row: these are counts)."""
    cur = db.read().cursor()
    cur.row_factory = None
    cur.execute(sql, params)
    return cur.fetchall()


def breakdown(db: Database, job_id: int, limits: Sequence[int]) -> list[tuple[Any, ...]]:
    """(state, carrier, province, n, with a report delay, delay at most ``limits[0]``, …) of a
    job's recipients, read from the ``messages_job`` index alone (carrier and province NULL:
    not looked up; a report delay: kept when a final report settled the recipient)."""
    sums = "".join(", SUM(CASE WHEN report_delay <= ? THEN 1 ELSE 0 END)" for _ in limits)
    return _tuples(
        db,
        f"SELECT state, carrier, province, COUNT(*), COUNT(report_delay){sums} FROM messages"
        " WHERE job_id=? GROUP BY state, carrier, province",
        (*limits, job_id),
    )


def unplaced_blocks(db: Database, job_id: int, states: Sequence[str]) -> list[tuple[str, str, int]]:
    """(first 7 digits, state, n) of the job's recipients in ``states`` whose carrier and province
    were never looked up (jobs stored before they were kept)."""
    return _tuples(
        db,
        "SELECT substr(phone, 1, 7), state, COUNT(*) FROM messages WHERE job_id=?"
        f" AND state IN ({_marks(states)}) AND carrier IS NULL GROUP BY substr(phone, 1, 7), state",
        (job_id, *states),
    )


def unmeasured_delays(
    db: Database, job_id: int, states: Sequence[str]
) -> list[tuple[str, str, int]]:
    """(send time, report time, n) of the job's recipients in ``states`` with a report time but
    no report delay (settled before the delay was kept): the send time as the journal has it,
    the batch's ``sent_at``, else the recipient's last change."""
    return _tuples(
        db,
        "SELECT COALESCE(b.sent_at, m.updated_at), m.report_time, COUNT(*) FROM messages m"
        " LEFT JOIN batches b ON b.id = m.batch_id WHERE m.job_id=?"
        f" AND m.state IN ({_marks(states)}) AND m.report_delay IS NULL"
        " AND m.report_time IS NOT NULL GROUP BY COALESCE(b.sent_at, m.updated_at), m.report_time",
        (job_id, *states),
    )


def skipped_by_code(db: Database, job_id: int, skipped: str) -> list[tuple[str, str, int]]:
    """(code, one explanation, n) of the job's ``skipped`` recipients, per skip code."""
    return _tuples(
        db,
        "SELECT COALESCE(code, ''), MIN(reason), COUNT(*) FROM messages"
        " WHERE job_id=? AND state=? GROUP BY COALESCE(code, '')",
        (job_id, skipped),
    )


def report_reasons(db: Database, job_id: int, state: str) -> list[tuple[str, str, int]]:
    """(account, reason, n) of the job's recipients in ``state`` (undelivered), the reason as
    :data:`REPORT_REASON` gives it, the most frequent first."""
    cur = db.read().cursor()
    cur.row_factory = None
    # the reason worked out once per recipient (grouping on the expression itself ran its
    # subquery twice)
    cur.execute(
        "SELECT account, reason, COUNT(*) FROM (SELECT COALESCE(m.account, '') AS account,"
        f" {REPORT_REASON} AS reason FROM messages m WHERE m.job_id=? AND m.state=?) AS t"
        " GROUP BY account, reason ORDER BY COUNT(*) DESC, reason",
        (job_id, state),
    )
    return cur.fetchall()


def daily(
    db: Database, since: str, states: Sequence[str], delivered: str, charged: Sequence[str]
) -> list[tuple[str, str, int, int, int]]:
    """(day, account, sent, delivered, parts charged) per day and account of the recipients in
    ``states`` whose batch was sent at ``since`` (``YYYY-MM-DD``) or later: the day is the
    batch's (the journal's send time); ``delivered`` counts those in that state; the parts are
    those of the recipients in ``charged``. Only jobs that ran since then are read."""
    return _tuples(
        db,
        "SELECT substr(b.sent_at, 1, 10), m.account, COUNT(*),"
        " SUM(CASE WHEN m.state = ? THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN m.state IN ({_marks(charged)}) THEN m.parts ELSE 0 END)"
        " FROM messages m JOIN batches b ON b.id = m.batch_id"
        " WHERE m.job_id IN (SELECT id FROM jobs WHERE updated_at >= ?)"
        f" AND m.state IN ({_marks(states)}) AND b.sent_at >= ?"
        " GROUP BY substr(b.sent_at, 1, 10), m.account",
        (delivered, *charged, since, *states, since),
    )


# ---- reading: the history ---------------------------------------------------------------------
HISTORY_SELECT = (
    "SELECT job_id, seq, phone, name, state, account, gateway_id, code, vendor_text,"
    f" {MESSAGE_OR_REASON}, report_status, report_time, text, updated_at FROM messages"
)


def history(
    db: Database,
    *,
    phone_prefix: tuple[str, str] | None = None,
    phone_within: str | None = None,
    job_id: int | None = None,
    limit: int = 1000,
) -> list[dict[str, Any]]:
    """Sent messages, newest job first. ``phone_prefix`` = (lowest, above): the numbers from
    ``lowest`` up to but not including ``above`` (a range on the phone index);
    ``phone_within``: numbers that hold it anywhere (reads the whole table)."""
    sql = HISTORY_SELECT + " WHERE 1=1"
    params: list[Any] = []
    if phone_within:
        sql += f" AND {db.dialect.instr}(phone, ?) > 0"
        params.append(phone_within)
    elif phone_prefix:
        # a range on the index (LIKE 'x%' would not use it: LIKE ignores letter case)
        sql += " AND phone >= ? AND phone < ?"
        params += list(phone_prefix)
    if job_id is not None:
        sql += " AND job_id=?"
        params.append(job_id)
    sql += " ORDER BY job_id DESC, seq LIMIT ?"
    params.append(limit)
    return [dict(r) for r in db.read().execute(sql, params)]


def export_rows(db: Database, columns: Sequence[str], job_id: int | None = None) -> Iterator[Row]:
    """``columns`` of every message (or one job's), by job and send order; ``message`` is the
    engine's explanation or the skip reason."""
    sql = (
        "SELECT "
        + ", ".join(MESSAGE_OR_REASON if k == "message" else k for k in columns)
        + " FROM messages"
    )
    params: list[Any] = []
    if job_id is not None:
        sql += " WHERE job_id=?"
        params.append(job_id)
    sql += " ORDER BY job_id, seq"
    yield from db.read().execute(sql, params)


BULK_ROWS = 10_000  # recipients added at once from which PostgreSQL's statistics are refreshed


def added_in_bulk(db: Database, count: int) -> None:
    """After ``count`` recipients were added in one go: when they were many, the planner's
    statistics of ``messages`` are refreshed (:meth:`Database.refresh_statistics`; PostgreSQL).
    Without it a large job's send starts with statistics taken before the job existed, and
    the frequency caps' count per batch scanned all of ``messages`` (28 ms a batch at 100,000
    recipients) instead of reading its partial index (0.6 ms). The job is stored already:
    this never fails its creation."""
    if count >= BULK_ROWS:
        db.refresh_statistics(["messages"])


def ids_of_job(db: Database, job_id: int, states: Iterable[str] | None = None) -> array[int]:
    """The ids of a job's recipients in send order, optionally only those in ``states``, in an
    ``array('q')``, read from the covering ``messages_job(job_id, state)`` index alone
    (the job's recipients were inserted in ``seq`` order: id order is send order)."""
    cur = db.read().cursor()
    cur.row_factory = None  # plain tuples: no Row object per id
    if states is None:
        # ``+id``: never "scan the table in rowid order", which the planner picks once
        # statistics (ANALYZE) show one job holding most of the table (a full scan of millions)
        cur.execute("SELECT id FROM messages WHERE job_id=? ORDER BY +id", (job_id,))
    else:
        cur.execute(
            f"SELECT id FROM messages WHERE job_id=? AND state IN {db.dialect.json_texts}"
            " ORDER BY +id",
            (job_id, json.dumps(list(states))),
        )
    return array("q", (r[0] for r in cur))


def by_ids(db: Database, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The rows of these ids (those that still exist), by id."""
    return {
        r["id"]: dict(r)
        for r in db.read().execute(
            "SELECT id, seq, phone, name, state, account, gateway_id, code, vendor_text,"
            f" {MESSAGE_OR_REASON}, report_status, report_time,"
            f" updated_at FROM messages WHERE id IN {db.dialect.json_ints}",
            (json.dumps(list(ids)),),
        )
    }


def sent_to(db: Database, phone: str) -> list[dict[str, Any]]:
    """Everything sent to one number (exact match on the phone index): id, job, account, code,
    time (when its batch was sent, else its last change, to the second), text, state, report,
    message."""
    return [
        dict(r)
        for r in db.read().execute(
            "SELECT m.id, m.job_id, m.account, m.code,"
            " substr(COALESCE(b.sent_at, m.updated_at), 1, 19) AS time, m.text, m.state,"
            " m.report_status, m.report_time, COALESCE(NULLIF(m.message, ''), m.reason) AS message"
            " FROM messages m LEFT JOIN batches b ON b.id = m.batch_id WHERE m.phone = ?",
            (phone,),
        )
    ]

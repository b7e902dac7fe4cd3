"""The schema, as numbered migrations. Append new scripts; never edit an applied one.

A migration is an SQL script, or a function given the connection (inside the migration's
transaction) for one that must compute what it writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

V1 = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE accounts (
    name TEXT PRIMARY KEY,
    family TEXT NOT NULL,
    base_url TEXT NOT NULL,
    username TEXT NOT NULL,
    userid TEXT NOT NULL DEFAULT '',
    verycode TEXT NOT NULL DEFAULT '',
    charset TEXT,
    password_hash TEXT,
    signature TEXT NOT NULL DEFAULT '',
    batch_size INTEGER,
    extno TEXT NOT NULL DEFAULT '',
    connect_timeout REAL NOT NULL DEFAULT 10,
    read_timeout REAL NOT NULL DEFAULT 30,
    options TEXT NOT NULL DEFAULT '{}',
    hold_locally INTEGER NOT NULL DEFAULT 0,
    concurrency INTEGER NOT NULL DEFAULT 2,
    rate_per_second REAL NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime'))
);
CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime'))
);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    phone TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    fields TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
    UNIQUE (group_id, phone)
);
CREATE INDEX contacts_phone ON contacts(phone);
CREATE TABLE blacklist (
    phone TEXT PRIMARY KEY,
    reason TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'manual',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime'))
);
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL,
    backup_account TEXT,
    text TEXT NOT NULL,
    template_id TEXT,
    template_vars TEXT,
    send_at TEXT,
    hold_locally INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    error TEXT,
    runner_pid INTEGER,
    extno TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime'))
);
CREATE TABLE raw_bodies (
    id INTEGER PRIMARY KEY,
    account TEXT,
    kind TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    content_type TEXT,
    body BLOB NOT NULL,
    parsed INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now','localtime'))
);
CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    account TEXT NOT NULL,
    text TEXT NOT NULL,
    state TEXT NOT NULL,
    size INTEGER NOT NULL,
    gateway_batch_id TEXT,
    code TEXT,
    message TEXT,
    raw_id INTEGER REFERENCES raw_bodies(id),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now','localtime')),
    sent_at TEXT,
    finished_at TEXT
);
CREATE INDEX batches_job ON batches(job_id, state);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    phone TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    fields TEXT NOT NULL DEFAULT '{}',
    text TEXT NOT NULL DEFAULT '',
    parts INTEGER NOT NULL DEFAULT 1,
    state TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    batch_id INTEGER REFERENCES batches(id),
    account TEXT,
    gateway_id TEXT,
    code TEXT,
    vendor_text TEXT,
    message TEXT,
    report_status TEXT,
    report_time TEXT,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now','localtime'))
);
CREATE INDEX messages_job ON messages(job_id, state);
CREATE INDEX messages_batch ON messages(batch_id);
CREATE INDEX messages_gateway ON messages(gateway_id, phone);
CREATE INDEX messages_phone ON messages(phone);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL,
    gateway_id TEXT,
    phone TEXT NOT NULL,
    status TEXT NOT NULL,
    delivered INTEGER,
    time TEXT,
    extno TEXT,
    error_code TEXT,
    message_id INTEGER REFERENCES messages(id),
    raw_id INTEGER REFERENCES raw_bodies(id),
    received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime'))
);
CREATE INDEX reports_message ON reports(message_id);
CREATE TABLE replies (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL,
    phone TEXT NOT NULL,
    content TEXT NOT NULL,
    time TEXT,
    gateway_id TEXT,
    extno TEXT,
    opt_out INTEGER NOT NULL DEFAULT 0,
    is_read INTEGER NOT NULL DEFAULT 0,
    raw_id INTEGER REFERENCES raw_bodies(id),
    received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime'))
);
CREATE INDEX replies_phone ON replies(phone)
"""

# A batch's recipients' outcome, committed with the next batch's one-row "leaving" commit
# (compact: one entry per distinct outcome) until the transaction that writes it to
# ``messages`` clears it; recover() applies what a crash left here (engine, rule 1).
V2 = """
ALTER TABLE batches ADD COLUMN staged_outcome TEXT
"""

# Recipients per job and state, so the job list and progress read a few rows instead of counting
# a job's index entries (a GROUP BY over a 1,000,000-recipient job took about half a second).
# Triggers keep it on every insert, state change and delete of ``messages``, whoever writes
# (the engine, sync, recover, a tool or a test writing SQL): about 8 µs more per inserted row. ``replies_unread`` holds only the unread replies, so
# the unread count (the inbox badge, at every start) no longer reads the whole replies table;
# ``batches_open`` holds only the batches in flight, for ``recover()`` at every start (its WHERE
# is ``store.jobs.BATCHES_OPEN``, word for word).
V3 = """
CREATE TABLE job_counts (
    job_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (job_id, state)
) WITHOUT ROWID;
INSERT INTO job_counts(job_id, state, n)
    SELECT job_id, state, COUNT(*) FROM messages GROUP BY job_id, state;
CREATE TRIGGER job_counts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO job_counts(job_id, state, n) VALUES (NEW.job_id, NEW.state, 1)
        ON CONFLICT(job_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER job_counts_update AFTER UPDATE OF job_id, state ON messages
WHEN OLD.state IS NOT NEW.state OR OLD.job_id IS NOT NEW.job_id BEGIN
    UPDATE job_counts SET n = n - 1 WHERE job_id = OLD.job_id AND state = OLD.state;
    INSERT INTO job_counts(job_id, state, n) VALUES (NEW.job_id, NEW.state, 1)
        ON CONFLICT(job_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER job_counts_delete AFTER DELETE ON messages BEGIN
    UPDATE job_counts SET n = n - 1 WHERE job_id = OLD.job_id AND state = OLD.state;
END;
CREATE INDEX replies_unread ON replies(phone) WHERE is_read = 0;
CREATE INDEX batches_open ON batches(job_id) WHERE state IN ('ready', 'sending')
    OR staged_outcome IS NOT NULL
"""

# Contacts: the pinyin sort key of the name (``name_key``, see ``core/pinyin.py``: 通讯录 sorts
# names in pinyin order), and the one uniqueness index as an index of its own, so that a large
# import into an empty group can drop it and build it once after the rows are in (the table is
# rebuilt: SQLite cannot drop a table's own UNIQUE constraint). The second phone index goes: no
# query looked a number up across groups, and its upkeep cost a fifth of an import's time.
# ``sms_name_key()`` is registered by ``Database.migrate`` for this script.
V4 = """
CREATE TABLE contacts_v4 (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    phone TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    fields TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
    name_key TEXT NOT NULL DEFAULT ''
);
INSERT INTO contacts_v4(id, group_id, phone, name, fields, created_at, updated_at, name_key)
    SELECT id, group_id, phone, name, fields, created_at, updated_at, sms_name_key(name)
    FROM contacts ORDER BY id;
DROP TABLE contacts;
ALTER TABLE contacts_v4 RENAME TO contacts;
CREATE UNIQUE INDEX contacts_group_phone ON contacts(group_id, phone)
"""

# The duplicate check of each pulled report (``store.inbox.report_seen``: account, gateway id,
# phone, status, time) had no index and read the whole reports table once per report, so a pull
# of 10,000 reports into a store holding 200,000 read two billion rows: by phone, then gateway
# id. And every sync first looks for stored bodies left unapplied (``inbox.raw_ids_to_parse``):
# that read every raw body kept (one a page, the bodies themselves included); by state and kind.
V5 = """
CREATE INDEX reports_phone ON reports(phone, gateway_id);
CREATE INDEX raw_bodies_parsed ON raw_bodies(parsed, kind)
"""


def _bump_versions(tables: tuple[tuple[str, str], ...], when: dict[str, str]) -> str:
    """A version row per aggregate, and triggers that bump it on every row written to one of
    its tables, in the writer's own transaction (store/changes.py reads them); ``when`` limits a
    trigger (``"table insert"``) to some rows."""
    names = list(dict.fromkeys(aggregate for _, aggregate in tables))
    out = [
        "CREATE TABLE change_versions (\n"
        "    aggregate TEXT PRIMARY KEY,\n"
        "    version INTEGER NOT NULL DEFAULT 0\n"
        ") WITHOUT ROWID",
        "INSERT INTO change_versions(aggregate) VALUES "
        + ", ".join(f"('{name}')" for name in names),
    ]
    for table, aggregate in tables:
        for event in ("INSERT", "UPDATE", "DELETE"):
            cond = when.get(f"{table} {event.lower()}")
            out.append(
                f"CREATE TRIGGER {table}_changes_{event.lower()} AFTER {event} ON {table}"
                + (f" WHEN {cond}" if cond else "")
                + f" BEGIN\n    UPDATE change_versions SET version = version + 1"
                f" WHERE aggregate = '{aggregate}';\nEND"
            )
    return ";\n".join(out)


# Which aggregates changed, whoever wrote them (the window, the CLI in another process, a sync, a
# push, an import): the views re-read what moved. A bump per row written costs 0.2-2.6 µs of CPU
# (a 100,000-row contacts import: +0.02-0.07 s, 4-13 %). A job's recipients are inserted with
# the job itself (whose row bumps the version), so only its first one does: bumping for each
# took create_job 13 % longer. The table list and the helper are this migration's own: never
# edit them (a later table gets its triggers in a later migration). After V4, which rebuilt
# ``contacts``, and V5.
V6 = _bump_versions(
    (
        ("accounts", "accounts"),
        ("groups", "contacts"),
        ("contacts", "contacts"),
        ("blacklist", "blacklist"),
        ("jobs", "jobs"),
        ("messages", "jobs"),
        ("replies", "inbox"),
        ("reports", "inbox"),
    ),
    {"messages insert": "NEW.seq = 1"},
)


def v7_contact_allocation(c: Any) -> None:
    """Contacts: 运营商 and 归属地, the carrier and region of the number's block (号段归属,
    ``core/carriers.py``), kept with the contact and filled at every write (import, add, edit,
    copy), so 通讯录 filters by them in SQL. NULL: not looked up (no row stays so). The rows
    already stored are filled here, in the migration's transaction."""
    from ..carriers import columns

    for column in ("carrier", "province", "city"):
        c.execute(f"ALTER TABLE contacts ADD COLUMN {column} TEXT")
    rows = c.execute("SELECT id, phone FROM contacts").fetchall()
    c.executemany(
        "UPDATE contacts SET carrier=?, province=?, city=? WHERE id=?",
        [(*columns(phone), cid) for cid, phone in rows],
    )


# Message templates (短信模板): a name, a category, the text with its {列名} placeholders, the
# account kind (gateway family, '' for any) and the job kind (notice or marketing) it is meant
# for, and optionally a jsm template id with its variables (a JSON list). Times are written by
# the code (``core/store/templates.py``), not by a default: the same SQL on every engine.
V8 = """
CREATE TABLE templates (
    name TEXT PRIMARY KEY,
    category TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    family TEXT NOT NULL DEFAULT '',
    job_kind TEXT NOT NULL DEFAULT '',
    gateway_template_id TEXT NOT NULL DEFAULT '',
    gateway_template_vars TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""

# The campaign report (``core/jobs/report.py``) reads a job's breakdowns from one index: each
# recipient's 号段归属 (``carrier``, ``province``: the codes contacts keep, written when the job is
# created; NULL: not looked up, as in jobs made before this version) and ``report_delay``
# (seconds from the send, as the journal has it, to the delivery report's time; written when a
# final report settles the recipient). ``messages_job`` carries them after (job_id, state), so
# the states, the carriers, the provinces and the delivery curve of a 100,000-recipient job are
# counted from the index alone, never from its rows (about 20 bytes more per recipient).
# ``report_reason``: why an undelivered recipient was not delivered, as its report said (the
# report's error code, else its status), written with the state.
V9 = """
ALTER TABLE messages ADD COLUMN carrier TEXT;
ALTER TABLE messages ADD COLUMN province TEXT;
ALTER TABLE messages ADD COLUMN report_delay INTEGER;
ALTER TABLE messages ADD COLUMN report_reason TEXT;
DROP INDEX messages_job;
CREATE INDEX messages_job ON messages(job_id, state, carrier, province, report_delay)
"""

# The compliance guard (core/guard): a job's kind (``notice`` or ``marketing``), whether the
# user overrode the marketing window (``ignore_window``), whether it is a test send to the
# user's own numbers (``is_test``: tagged in 发送记录, outside the caps), and why a held job
# waits (``held_for``: ``window`` for a marketing job held until the window's next opening).
# ``messages.sent_at`` is when a recipient was journalled into a batch (the time its request
# left, to the millisecond; cleared when it was certainly not sent: rejected, or back in the
# queue); ``messages.cap_class`` is its job's kind as the frequency caps count it (NULL for a
# test send: not counted). Two partial indexes hold only recipients sent
# to: every counted one (a number's messages of today are one short range), and the marketing
# ones (its marketing of the week, without reading its notifications). Earlier sends take their
# batch's time and count as notifications. ``cap_epoch`` counts the batches journalled with
# counted recipients, by any process: a runner counts before taking the write lock and only
# counts again under it when another job journalled meanwhile.
V10 = """
ALTER TABLE jobs ADD COLUMN kind TEXT NOT NULL DEFAULT 'notice';
ALTER TABLE jobs ADD COLUMN ignore_window INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN is_test INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN held_for TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN sent_at TEXT;
ALTER TABLE messages ADD COLUMN cap_class TEXT;
UPDATE messages SET cap_class = 'notice',
    sent_at = (SELECT b.sent_at FROM batches b WHERE b.id = messages.batch_id)
    WHERE batch_id IS NOT NULL
    AND state IN ('sending', 'accepted', 'delivered', 'undelivered', 'unknown');
CREATE INDEX messages_cap_day ON messages(phone, sent_at)
    WHERE cap_class IS NOT NULL AND sent_at IS NOT NULL;
CREATE INDEX messages_cap_marketing ON messages(phone, sent_at)
    WHERE cap_class = 'marketing' AND sent_at IS NOT NULL;
CREATE TABLE cap_epoch (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO cap_epoch(id, n) VALUES (1, 0)
"""

Migration = str | Callable[[Any], None]
MIGRATIONS: list[Migration] = [V1, V2, V3, V4, V5, V6, v7_contact_allocation, V8, V9, V10]

"""The store: one interface (:class:`Database`, :mod:`.base`), two engines — SQLite
(:mod:`.db`, this PC's own file: WAL, ``user_version`` migrations, one writer) and PostgreSQL
(:mod:`.postgres`, an office server shared by several PCs; psycopg is imported only when one is
configured). :func:`open_store` (:mod:`.url`) opens the configured one; :mod:`.schema` holds the
migrations of both dialects.

The SQL of each aggregate lives in one module: :mod:`.jobs` (jobs, the journal of their
batches), :mod:`.messages` (a job's recipients and their counts), :mod:`.settings`,
:mod:`.accounts`, :mod:`.balances` (kept in ``settings``), :mod:`.inbox` (raw bodies, reports,
replies), :mod:`.templates` (message templates); the contacts, groups and blacklist in ``core/contacts/repository.py`` and
``queries.py``. The statements are the same on both engines (``?`` placeholders, ``ON
CONFLICT``, ``RETURNING id``, ``IS NOT DISTINCT FROM``); the few pieces that differ come from the
connection's :class:`Dialect` (``c.dialect``): the time now, a case-blind ``LIKE``, a JSON list
of ids or texts as one parameter, ``instr``.
"""

from .base import (
    Connection,
    Cursor,
    Database,
    DatabaseError,
    Dialect,
    IntegrityError,
    OperationalError,
    Row,
    StoreLoginRefused,
    StoreUnreachable,
    StoreVersionError,
    insert_rows,
    is_transient,
)
from .db import SqliteDatabase, default_home, open_database
from .url import StoreUrl, check_store, configured_store, open_store, parse_store_url

__all__ = [
    "Connection",
    "Cursor",
    "Database",
    "DatabaseError",
    "Dialect",
    "IntegrityError",
    "OperationalError",
    "Row",
    "SqliteDatabase",
    "StoreLoginRefused",
    "StoreUnreachable",
    "StoreUrl",
    "StoreVersionError",
    "check_store",
    "configured_store",
    "default_home",
    "insert_rows",
    "is_transient",
    "open_database",
    "open_store",
    "parse_store_url",
]

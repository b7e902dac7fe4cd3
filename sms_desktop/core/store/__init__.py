"""The store: one interface (:class:`Database`), two engines — SQLite (this PC's own file: WAL,
``user_version`` migrations, one writer) and PostgreSQL (an office server shared by several PCs;
psycopg is imported only when one is configured). :func:`open_store` opens the configured one.
"""

from .base import (
    Connection,
    Cursor,
    Database,
    DatabaseError,
    Dialect,
    IntegrityError,
    OperationalError,
    StoreVersionError,
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
    "SqliteDatabase",
    "StoreUrl",
    "StoreVersionError",
    "check_store",
    "configured_store",
    "default_home",
    "is_transient",
    "open_database",
    "open_store",
    "parse_store_url",
]

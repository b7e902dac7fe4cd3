"""The local SQLite store: WAL, ``user_version`` migrations, one writer."""

from .db import Database, default_home, open_database

__all__ = ["Database", "default_home", "open_database"]

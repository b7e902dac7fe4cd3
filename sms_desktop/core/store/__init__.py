"""The local SQLite store: WAL, ``user_version`` migrations, one writer.

:mod:`.db` holds the connection and the transaction, :mod:`.schema` the migrations. The SQL of
each aggregate lives in one module: :mod:`.jobs` (jobs, the journal of their batches),
:mod:`.messages` (a job's recipients and their counts), :mod:`.settings`, :mod:`.accounts`,
:mod:`.balances` (kept in ``settings``), :mod:`.inbox` (raw bodies, reports, replies); the
contacts, groups and blacklist in ``core/contacts/repository.py`` and ``queries.py``.

The statements are written so that another SQL engine can take them where that costs nothing
(``ON CONFLICT`` rather than ``INSERT OR IGNORE``, ``lower()`` rather than ``COLLATE NOCASE``).
SQLite's own are left where the portable form would cost: ``json_each(?)`` for a list of ids,
``IS ?`` for a comparison that matches NULL, ``cursor.lastrowid``, ``INSERT OR REPLACE`` and
``strftime(…, 'localtime')`` (the send's journal passes its times in instead).
"""

from .db import Database, default_home, open_database

__all__ = ["Database", "default_home", "open_database"]

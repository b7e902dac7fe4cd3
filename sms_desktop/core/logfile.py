"""The log files: where they go and how they turn over, for the window and the sender service.

Each program writes its own file (the window ``sms-desktop.log``, the service
``sms-desktop-serve.log``), so two processes never rotate one file. A file turns over at 1 MB and
five old ones are kept.
"""

from __future__ import annotations

import logging
from pathlib import Path

# The window imports this after its first paint; logging.handlers (socket, pickle …),
# platformdirs and the store are imported when a function needs them.

LOG_BYTES = 1_000_000
LOG_BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


def default_log_dir() -> Path:
    """The user's log folder (Windows: ``%LOCALAPPDATA%\\SMSDesktop\\SMS Desktop\\Logs``)."""
    from platformdirs import user_log_dir

    from .store.db import APP_AUTHOR, APP_NAME

    return Path(user_log_dir(APP_NAME, APP_AUTHOR))


def log_dir(home: Path) -> Path:
    """The log folder of the data folder ``home``: the user's log folder for the user's data
    folder, else ``logs`` inside it (a data folder of its own, ``--home``, keeps its logs)."""
    from platformdirs import user_data_dir

    from .store.db import APP_AUTHOR, APP_NAME

    home = Path(home)
    try:
        usual = Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))
        is_usual = home.resolve() == usual.resolve()
    except OSError:
        is_usual = False
    return default_log_dir() if is_usual else home / "logs"


def setup_logging(path: Path, level: int = logging.INFO) -> logging.Handler:
    """Log ``sms_desktop.*`` to the file ``path`` (1 MB × 5). Returns the handler."""
    from logging.handlers import RotatingFileHandler

    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger("sms_desktop")
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return handler


def remove_logging(handler: logging.Handler) -> None:
    logging.getLogger("sms_desktop").removeHandler(handler)
    handler.close()

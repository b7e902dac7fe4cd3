"""The send engine's public names, from where they live now (:mod:`sms_desktop.core.jobs`).

Kept so that older imports (``from sms_desktop.core.engine import Engine``) go on working; new
code imports from the :mod:`~sms_desktop.core.jobs` modules.
"""

from .contacts.recipients import Recipient
from .jobs.engine import Engine
from .jobs.model import (
    BOOKKEEPING_ATTEMPTS,
    BOOKKEEPING_BACKOFF,
    NOT_SENT_BACKOFF,
    NOT_SENT_RETRIES,
    OVERDUE_GRACE,
    TIME_FORMAT,
    BatchState,
    JobControl,
    JobOutcome,
    JobSpec,
    JobState,
    JobSummary,
    MsgState,
    Progress,
)

__all__ = [
    "BOOKKEEPING_ATTEMPTS",
    "BOOKKEEPING_BACKOFF",
    "NOT_SENT_BACKOFF",
    "NOT_SENT_RETRIES",
    "OVERDUE_GRACE",
    "TIME_FORMAT",
    "BatchState",
    "Engine",
    "JobControl",
    "JobOutcome",
    "JobSpec",
    "JobState",
    "JobSummary",
    "MsgState",
    "Progress",
    "Recipient",
]

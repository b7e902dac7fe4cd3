"""ChangeBus: what changed, broadcast on the main thread.

Each screen decides for itself whether to reload (Anki's ``operation_did_execute``). The data
signals (accounts, contacts, blacklist, jobs, inbox) come from one place, the
:class:`~.change_watch.ChangeWatch`, for every change made anywhere (this window, a sync, a
push, the CLI in another process): nothing that writes emits them. The others are events
(progress, a finished run, what a sync brought, a request to open 发送 …), emitted by whoever
saw them. Emit only on the main thread; payloads are ``object`` (never ``dict``/``int`` signal
types, which PySide6 converts lossily across threads).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    # data (from the ChangeWatch only)
    accounts_changed = Signal()  # accounts added, edited or removed
    contacts_changed = Signal()  # contacts or groups
    blacklist_changed = Signal()  # numbers added to or removed from the blacklist
    jobs_changed = Signal(object)  # a job id, or None for "several / unknown"
    inbox_changed = Signal(object)  # replies or delivery reports (None)
    # events
    # {account name: core.balances.AccountBalance} just read; {} when the change feed saw
    # readings stored (by anyone: a connection test, the CLI)
    balances_changed = Signal(object)
    job_progress = Signal(object)  # an engine Progress snapshot (throttled)
    job_finished = Signal(object)  # the JobSummary of a run that returned
    settings_changed = Signal(str)  # a settings key
    # what a scheduler tick, "sync now" or a push brought (a list of SyncResult)
    sync_done = Signal(object)
    unread_changed = Signal(int)  # replies not yet read (the 收件箱 tab's count)
    compose_requested = Signal(object)  # list of phones: 发送 opens with them filled in
    # start-up: ids of the jobs a crash interrupted that wait for a decision
    # (Engine.awaiting_decision; the history tab offers to resume)
    interrupted_jobs = Signal(object)
    # start-up: overdue held jobs (JobSummary list) after the user answered
    overdue_jobs = Signal(object)

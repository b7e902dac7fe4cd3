"""ChangeBus: what changed, broadcast on the main thread after every mutating op.

Each screen decides for itself whether to reload (Anki's ``operation_did_execute``). Emit only
on the main thread (from an op's ``on_success``); payloads are ``object`` (never ``dict``/``int``
signal types, which PySide6 converts lossily across threads).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    accounts_changed = Signal()  # accounts added, edited or removed
    balances_changed = Signal(
        object
    )  # {account name: core.balances.AccountBalance}, the refreshed ones
    jobs_changed = Signal(object)  # a job id, or None for "several / unknown"
    job_progress = Signal(object)  # an engine Progress snapshot (throttled)
    job_finished = Signal(object)  # the JobSummary of a run that returned
    contacts_changed = Signal()  # contacts, groups or the blacklist
    inbox_changed = Signal(object)  # list of SyncResult, or None
    settings_changed = Signal(str)  # a settings key
    templates_changed = Signal()  # message templates (短信模板) added, edited or removed
    # inbox, sync and tray (part 2)
    sync_done = Signal(object)  # list of SyncResult of one scheduler tick or "sync now"
    unread_changed = Signal(int)  # replies not yet read (the 收件箱 tab's count)
    compose_requested = Signal(object)  # list of phones: 发送 opens with them filled in
    # start-up: interrupted job ids found by Engine.recover() (the history tab offers to resume)
    interrupted_jobs = Signal(object)
    # start-up: overdue held jobs (JobSummary list) after the user answered
    overdue_jobs = Signal(object)

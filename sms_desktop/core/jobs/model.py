"""The jobs' vocabulary: recipient, batch and job states, what a send is asked to do
(:class:`JobSpec`), what it reports (:class:`Progress`, :class:`JobSummary`) and how it is steered
(:class:`JobControl`); the send rules' constants."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..contacts.recipients import Recipient
from ..estimate import EmptyFields
from ..identity import Identity

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class MsgState:
    QUEUED = "queued"
    SENDING = "sending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNKNOWN = "unknown"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    SKIPPED = "skipped"

    ALL = (QUEUED, SENDING, ACCEPTED, REJECTED, UNKNOWN, DELIVERED, UNDELIVERED, SKIPPED)
    # states that count as "accepted by the gateway" in summaries
    ACCEPTED_LIKE = (ACCEPTED, DELIVERED, UNDELIVERED)


class BatchState:
    """``batches.state`` besides the message states it shares (sending, accepted, rejected,
    unknown) and ``partial``/``not_sent``."""

    READY = "ready"  # journalled ahead, its request has not left: a stop puts it back
    NOT_SENT = "not_sent"


class JobState:
    QUEUED = "queued"  # ready to run
    SCHEDULED = "scheduled"  # handed to the gateway with its own schedule parameter
    HELD = "held"  # held locally until send_at
    OVERDUE = "overdue"  # a held job found past its time at start-up: waits for confirmation
    RUNNING = "running"
    PAUSED = "paused"
    INTERRUPTED = "interrupted"  # stopped by a crash, an error, or certain network failure
    CANCELLED = "cancelled"
    DONE = "done"


# states a job can be cancelled from (a finished job keeps its state; see Engine.cancel)
CANCELLABLE = (
    JobState.QUEUED,
    JobState.HELD,
    JobState.PAUSED,
    JobState.INTERRUPTED,
    JobState.OVERDUE,
)

# grace before a locally held job counts as overdue (it was due while the app was closed)
OVERDUE_GRACE = timedelta(minutes=2)
NOT_SENT_RETRIES = 3
NOT_SENT_BACKOFF = 1.0  # seconds, doubled each time
# recording a batch (journal, outcome) when the store refuses a write ("database is locked"
# after the busy timeout, disk full): attempts, and the first pause between them (doubled)
BOOKKEEPING_ATTEMPTS = 4
BOOKKEEPING_BACKOFF = 1.0


@dataclass
class JobSpec:
    account: str
    text: str  # may hold {column} placeholders; for a template, the template variables
    recipients: Sequence[Recipient | str]
    send_at: datetime | None = None
    backup_account: str | None = None
    template_id: str | None = None  # jsm template id (msgtype=2)
    template_vars: Sequence[str] = ()  # one value per @n@, each may use {column} placeholders
    extno: str = ""  # "" = the account's own
    note: str = ""
    # a placeholder with no value for a recipient: EmptyFields.SKIP that recipient (rows of a
    # file or group), ERROR (numbers typed or pasted), or ALLOW (send it with the field empty)
    empty_fields: str = EmptyFields.SKIP
    # the compliance guard (core/guard): "notice" or "marketing" (None: not stated; refused
    # when the text suggests marketing, else a notification), the marketing window overridden
    # (recorded on the job), a test send to the user's own numbers (no window, no caps)
    kind: str | None = None
    ignore_window: bool = False
    test: bool = False
    # 由服务器发送: the office sender service runs the job (``sms-desktop-cli serve``), so this
    # PC may be switched off; a window or another command never runs it
    by_server: bool = False


@dataclass
class Progress:
    job_id: int
    total: int
    done: int  # recipients in a final state (not queued/sending)
    counts: dict[str, int]
    event: str = ""  # "batch", "retry", "failover", "paused", "finished" …
    detail: str = ""


class JobOutcome:
    """What a job's sent recipients came to, for lists to colour (``JobSummary.outcome``).

    Only recipients a request was made for count (skipped ones do not); ``None`` while nothing
    has been sent (queued, held, cancelled before any batch).
    """

    OK = "ok"  # every recipient sent to was accepted
    PARTIAL = "partial"  # some accepted, others rejected or unknown
    UNDELIVERED = "undelivered"  # every one accepted, some of them reported undelivered
    FAILED = "failed"  # none accepted, none unknown: every sent recipient was refused
    UNKNOWN = "unknown"  # none accepted, and some outcomes are unknown
    # some sent, others still queued (paused, interrupted, running): what the sends came to is
    # not known yet, and "partly successful" would blame a pause on the gateway
    UNFINISHED = "unfinished"
    # every recipient sent to was accepted with the gateway's own schedule, whose time has not
    # come: the gateway holds the messages, nothing has gone out yet
    AT_GATEWAY = "at_gateway"

    ALL = (OK, PARTIAL, UNDELIVERED, FAILED, UNKNOWN, UNFINISHED, AT_GATEWAY)

    @staticmethod
    def of(
        accepted: int, rejected: int, unknown: int, queued: int, undelivered: int = 0
    ) -> str | None:
        """``undelivered`` (a subset of ``accepted``): taken by the gateway, then reported as not
        delivered. Such a job is never ``ok``; when every other one was accepted, it is
        ``undelivered`` (not ``partial``: nothing was refused or left unsent)."""
        if accepted + rejected + unknown == 0:
            return None
        if queued:
            return JobOutcome.UNFINISHED
        if rejected == unknown == queued == undelivered == 0:
            return JobOutcome.OK
        if rejected == unknown == queued == 0 and accepted > undelivered:
            return JobOutcome.UNDELIVERED
        if accepted > undelivered:
            return JobOutcome.PARTIAL
        if unknown:
            return JobOutcome.UNKNOWN
        return JobOutcome.FAILED


@dataclass(frozen=True)
class JobAction:
    """Who did something to a job (started, paused or cancelled it), and when."""

    by: Identity
    at: str | None

    def as_dict(self) -> dict[str, Any]:
        return {**self.by.as_dict(), "at": self.at}


@dataclass
class JobSummary:
    job_id: int
    account: str
    state: str
    recipients: int
    accepted: int
    rejected: int
    unknown: int
    skipped: int
    queued: int
    created_at: str
    invalid: int = 0  # skipped as invalid numbers (a subset of skipped)
    send_at: str | None = None
    error: str | None = None
    undelivered: int = 0  # reported not delivered (a subset of accepted)
    kind: str = "notice"  # "notice" or "marketing" (core/guard)
    test: bool = False  # a test send to the user's own numbers
    ignore_window: bool = False  # the marketing window was overridden
    held_for: str = ""  # "window": held until the marketing window opens
    by_server: bool = False  # handed to the office sender service (由服务器发送)
    delivered: int = 0  # reported delivered (a subset of accepted)
    # interrupted by a crash and waiting for a person's decision (resume, cancel or decide
    # later): every client announces it until then (Engine.recover, Engine.acknowledge)
    needs_decision: bool = False
    # who created it (None: a job made before the program recorded it), and the last who
    # started, paused and cancelled it (None: nobody has)
    created_by: Identity | None = None
    started: JobAction | None = None
    paused: JobAction | None = None
    cancelled: JobAction | None = None
    # recipients whose request is out while the job runs (on this PC or another); a job that
    # is not running has none: what it left in flight counts as unknown
    sending: int = 0

    @property
    def outcome(self) -> str | None:
        """``ok``, ``partial``, ``failed`` or ``unknown`` (:class:`JobOutcome`); None before any
        send. The state says where the job is; the outcome says what its sends came to."""
        found = JobOutcome.of(  # what is in flight is not finished either
            self.accepted, self.rejected, self.unknown, self.queued + self.sending, self.undelivered
        )
        if found == JobOutcome.OK and self.gateway_holds_until() is not None:
            return JobOutcome.AT_GATEWAY
        return found

    def gateway_holds_until(self, now: datetime | None = None) -> datetime | None:
        """The send time when the gateway holds this job's accepted messages until then: a job
        handed over with the gateway's own schedule (it ran before its send time; a job held
        on this computer runs at or after it) whose time has not come yet. Else None."""
        at = parse_time(self.send_at)
        if at is None or self.state != JobState.DONE or not self.accepted:
            return None
        return at if at > (now or local_now()) else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id,
            "account": self.account,
            "state": self.state,
            "outcome": self.outcome,
            "recipients": self.recipients,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "unknown": self.unknown,
            "sending": self.sending,
            "skipped": self.skipped,
            "queued": self.queued,
            "delivered": self.delivered,
            "undelivered": self.undelivered,
            "send_at": self.send_at,
            "created_at": self.created_at,
            "kind": self.kind,
            "test": self.test,
            "ignore_window": self.ignore_window,
            "held_for": self.held_for,
            "by_server": self.by_server,
            "needs_decision": self.needs_decision,
            "created_by": self.created_by.as_dict() if self.created_by else None,
            "started_by": self.started.as_dict() if self.started else None,
            "paused_by": self.paused.as_dict() if self.paused else None,
            "cancelled_by": self.cancelled.as_dict() if self.cancelled else None,
        }


class JobControl:
    """Pause, resume and cancel a running job between batches (thread-safe)."""

    def __init__(self) -> None:
        self._run = threading.Event()
        self._run.set()
        self.cancelled = False

    def pause(self) -> None:
        self._run.clear()

    def resume(self) -> None:
        self._run.set()

    def cancel(self) -> None:
        self.cancelled = True
        self._run.set()

    @property
    def paused(self) -> bool:
        return not self._run.is_set()

    def wait_if_paused(self, timeout: float | None = None) -> None:
        self._run.wait(timeout)


def local_now() -> datetime:
    """Now, local time, to the second (as jobs' send times are kept)."""
    return datetime.now().replace(microsecond=0)


def stamp() -> str:
    """Now, as ``updated_at``, ``sent_at`` and ``finished_at`` of recipients and batches hold it
    (local time, milliseconds)."""
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def job_stamp() -> str:
    """Now, as a job's ``updated_at`` holds it (local time, seconds)."""
    return datetime.now().strftime(TIME_FORMAT)


def fmt_time(t: datetime | None) -> str | None:
    return t.strftime(TIME_FORMAT) if t else None


def parse_time(s: str | None) -> datetime | None:
    return datetime.strptime(s, TIME_FORMAT) if s else None

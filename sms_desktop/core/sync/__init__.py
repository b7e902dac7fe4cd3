"""Sync of delivery reports and replies: pull, store raw first, parse, match, opt-out.

ipyy, jsm and txt112088 hand every delivery report and reply out **once**. So the order is fixed:

1. **Store** the raw reply body in ``raw_bodies`` (``parsed=0``) in its own committed
   transaction, from the gateway's sink, *before* anything parses it (:mod:`.pull`).
2. **Parse** it (the family client does, right after the sink returns).
3. **Apply**: insert the reports and replies, update the matched messages, blacklist opt-outs,
   and mark the raw row ``parsed=1``, all in **one** transaction (:mod:`.apply`). A parse
   failure marks the row ``parsed=2`` with the error; the raw body stays for a later re-parse
   (``reparse_pending(..., include_failed=True)`` once the client is fixed).

If the process dies between 1 and 3, the raw row stays at ``parsed=0``.
:meth:`Syncer.reparse_pending` parses such rows again from the stored bytes, and it runs at the
start of every sync, so a body fetched once is applied even though the gateway will never hand it
out again.

**Matching** (:mod:`.match`): a report settles the message of the same account, gateway id and
phone; one whose id no answered request gave us, or one without an id, may fall back on the
phone and the time. A report of a send this app never made stays unmatched, and is matched
again later (it may have arrived while its batch was still ``sending``).

**Replies** are stored; an opt-out (see :mod:`..optout`) is flagged ``opt_out=1`` and its number
goes on the blacklist (``source='opt-out'``), which later jobs skip.

**Pages** (:mod:`.pages`): a pull returns at most a page (txt112088 100 reports or 50 replies,
ipyy ``statusNum`` reports); a sync pulls again while a page comes back full, up to the family's
bound (``capabilities.paging``), each page stored raw and applied before the next request.

**Poll interval** (:mod:`.interval`): pull families are polled at most once per
``capabilities.min_poll_interval`` (jsm: 180 s) per account and kind, every page of a sync
included; ``force=True`` bypasses it for the first page. :class:`Poller` tells a GUI/CLI timer
which accounts are due, and brings an account whose last sync stopped on a full page back as
soon as the vendor's interval allows.

qxt pushes its reports and replies; :mod:`..push_receiver` stores each push with
:meth:`Syncer.store_body` and applies it with :meth:`Syncer.process_stored`, the same code path a
re-parse uses.

The modules, from the entry points down: :mod:`.poller`, :mod:`.syncer`, :mod:`.pages`,
:mod:`.pull`, :mod:`.apply`, :mod:`.match`, :mod:`.interval`, :mod:`.result`.
"""

from ..store.inbox import unmatched_reports
from .apply import MAX_REPARSE_ATTEMPTS, TIME_FORMAT, normalise_phone
from .interval import last_poll_key
from .match import MATCHED_BY_ID, MATCHED_BY_PHONE_TIME, match_report, rematch_reports
from .poller import DEFAULT_POLL_INTERVAL, Poller
from .pull import effective_content_type
from .result import KINDS, PARSEABLE_KINDS, PUSH_KIND, SyncResult, code_text
from .syncer import GatewayFactory, Syncer, sync_all

__all__ = [
    "DEFAULT_POLL_INTERVAL",
    "KINDS",
    "MATCHED_BY_ID",
    "MATCHED_BY_PHONE_TIME",
    "MAX_REPARSE_ATTEMPTS",
    "PARSEABLE_KINDS",
    "PUSH_KIND",
    "TIME_FORMAT",
    "GatewayFactory",
    "Poller",
    "SyncResult",
    "Syncer",
    "code_text",
    "effective_content_type",
    "last_poll_key",
    "match_report",
    "normalise_phone",
    "rematch_reports",
    "sync_all",
    "unmatched_reports",
]

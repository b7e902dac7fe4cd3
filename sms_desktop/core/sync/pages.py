"""Pulling one kind page after page, while the pages come back full.

A pull returns at most one page: txt112088 100 reports or 50 replies, ipyy ``statusNum``
reports (4000 unless the account says otherwise). ipyy, jsm and txt112088 hand each record out
once, so the pull after a full page brings the next one. :func:`pull_pages` pulls again while

* the page was **full**: it held the page size of its kind (``Gateway.page_size``: the account
  option, else the family's documented size), or, where the document names no size (ipyy
  replies, jsm), it held any record at all;
* it was stored and applied without an error (a failed pull ends the paging: a transport error
  may mean the gateway counts the page as handed out, and nothing is gained by hammering it);
* it brought something new (a full page of records already stored means the host serves them
  again, not that more are waiting);
* the family hands records out once (``Paging.once``; a host that does not would return the
  same page);
* fewer than ``Paging.max_pages`` pulls of the kind were made in this sync (the bound);
* the vendor's minimum interval allows another request now: each page is claimed like the first
  (:class:`.interval.PollClock`), never forced. jsm's 3 minutes never do.

Each page goes through :func:`.pull.pull` on its own: its body is committed raw before it is
parsed, and applied (marked ``parsed=1``) before the next request leaves, so a crash between
pages loses nothing, and a malformed record costs only itself.

When paging stops on a full page because of the bound or the interval, more may be waiting:
:attr:`Paged.more` is set, the syncer remembers it (:meth:`.interval.PollClock.set_more`), and
the :class:`.poller.Poller` makes the account due again as soon as the vendor's minimum interval
allows, instead of after the user's poll interval.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import SmsDesktopError
from ..gateways import Gateway
from ..store import Database
from .interval import PollClock
from .pull import StoreReply, pull
from .result import SyncResult


@dataclass
class Paged:
    """What the pulls of one kind brought, how many requests left, and whether more may wait."""

    result: SyncResult
    pages: int = 0  # requests that left
    more: bool = False  # stopped on a full page (bound or interval): more may be waiting


def is_full(records: int, page_size: int | None) -> bool:
    """A page of ``records`` is full: it holds the page size, or, with no documented size, any."""
    if page_size is None:
        return records > 0
    return records >= page_size


def pull_pages(
    db: Database,
    gw: Gateway,
    name: str,
    kind: str,
    store: StoreReply,
    polls: PollClock,
    *,
    previous: str | None,
    interval: float,
    clock: Callable[[], float],
    max_pages: int | None = None,
) -> Paged:
    """Pull ``kind`` of account ``name`` while the pages come back full (see the module).

    The first request is already claimed against the vendor's interval by the caller
    (``previous`` is the last-poll value that claim replaced); each further one is claimed here.
    """
    paging = gw.capabilities.paging
    bound = max(1, max_pages if max_pages is not None else paging.max_pages)
    out = Paged(SyncResult(account=name))
    try:
        page_size = gw.page_size(kind)
    except SmsDesktopError as exc:  # a bad page-size option: said; nothing leaves
        polls.restore(name, kind, previous)
        out.result.errors.append(str(exc))
        return out
    while True:
        pulled = pull(db, gw, name, kind, store)
        out.result.merge(pulled.result)
        if not pulled.left:  # it never left: it does not count against the interval
            polls.restore(name, kind, previous)
            return out
        out.pages += 1
        if not (pulled.ok and is_full(pulled.records, page_size)):
            return out
        if not paging.once or pulled.fresh == 0:
            return out
        if out.pages >= bound:
            out.more = True
            return out
        claimed = polls.claim(name, [kind], interval, clock(), force=False)
        if kind not in claimed:  # the vendor's interval forbids another request now
            out.more = True
            return out
        previous = claimed[kind]

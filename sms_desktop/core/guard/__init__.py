"""The compliance guard: the rules a send obeys before and while it goes out, in one place for
both clients (the window's confirmation and ``sms-desktop-cli send``) and the engine.

* **Kind.** Every job is a notification (通知) or marketing (营销). A link, or a word from a
  configurable list (优惠, 折扣, 促销 …), suggests marketing; the user confirms the kind. A send
  whose text suggests marketing and whose kind was not given is refused
  (:class:`~.report.KindNotConfirmed`); otherwise a notification is assumed, and said so.
* **Marketing window.** Per account, 08:00–21:00 Beijing time by default (account option
  ``marketing_window``). A marketing job outside it is held and released at the next opening;
  a running one stops taking batches at the window's end and is held until the next opening.
  ``ignore_window`` overrides it and is recorded on the job.
* **Frequency caps** per number across every job and account (settings ``guard.caps``): at most
  1 marketing message a day, 3 in 7 days, 3 of any kind a day (Beijing days). The confirmation
  counts the numbers over a cap; the engine skips them with the reason 频次限制 at each batch,
  inside the transaction that journals the batch.
* **Signature.** The account's 【签名】 once in the message; warnings for a second one, a missing
  one, and a length outside the family's ``Capabilities.signature_chars``.
* **Opt-out marker.** A marketing text ends with the account's suffix (default 回T退订, account
  option ``optout_suffix``); :func:`~.rules.with_optout` appends it.
* **Test sends** (to the user's own numbers, settings ``guard.own_numbers``) are tagged on the
  job and are neither held by the window nor counted or stopped by the caps.
"""

from .caps import SENT_STATES, BatchGuard, CapCount, count_capped
from .report import GuardReport, KindNotConfirmed, OptOutMissing, optout_counts
from .rules import (
    DEFAULT_MARKETING_WORDS,
    DEFAULT_OPTOUT,
    DEFAULT_WINDOW,
    OPTOUT_OPTION,
    WINDOW_OPTION,
    Caps,
    JobKind,
    KindSuggestion,
    MarketingWindow,
    SignatureFinding,
    check_options,
    check_signature,
    ends_with_optout,
    find_links,
    optout_of,
    parse_optout,
    parse_window,
    suggest_kind,
    window_of,
    with_optout,
)
from .settings import MAX_OWN_NUMBERS, GuardSettings
from .settings import load as load_settings
from .settings import save as save_settings

__all__ = [
    "DEFAULT_MARKETING_WORDS",
    "DEFAULT_OPTOUT",
    "DEFAULT_WINDOW",
    "MAX_OWN_NUMBERS",
    "OPTOUT_OPTION",
    "SENT_STATES",
    "WINDOW_OPTION",
    "BatchGuard",
    "CapCount",
    "Caps",
    "GuardReport",
    "GuardSettings",
    "JobKind",
    "KindNotConfirmed",
    "KindSuggestion",
    "MarketingWindow",
    "OptOutMissing",
    "SignatureFinding",
    "check_options",
    "check_signature",
    "count_capped",
    "ends_with_optout",
    "find_links",
    "load_settings",
    "optout_counts",
    "optout_of",
    "parse_optout",
    "parse_window",
    "save_settings",
    "suggest_kind",
    "window_of",
    "with_optout",
]

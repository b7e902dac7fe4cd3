"""Opt-out (退订) replies: which reply texts put the sender's number on the blacklist.

The rule, deliberately narrow (a wrongly blacklisted customer silently stops getting messages):

1. The reply is normalised: Unicode NFKC (full-width ``ＴＤ`` → ``TD``, full-width punctuation →
   ASCII), invisible characters removed, letter case folded, and whitespace and punctuation at
   both ends stripped (``"td。"``, ``" T "``, ``"退订!"``).
2. It is an opt-out when what is left **equals** one of the keywords (default
   :data:`DEFAULT_KEYWORDS`: 退订, TD, T, N, 取消, R; configurable in the ``settings`` table under
   ``optout.keywords``, comma-separated). Single letters and 取消 count only as the whole reply:
   "N" is an opt-out, "No problem" or "会议取消了吗" is not.
3. In addition, a **short** reply (at most :data:`SHORT_REPLY_MAX` characters after
   normalisation) that **contains 退订** is an opt-out (``退订谢谢``, ``我要退订``, ``请帮我退订``),
   unless 退订 is negated right before it (``不退订``, ``别退订``, ``不要退订``, ``无需退订`` …).
   Longer texts that mention 退订 (a complaint, a question about a bill) are left to a person.
   "回复TD" and similar echoes of the instruction are *not* opt-outs by this rule: they are
   neither a keyword nor contain 退订.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .store import Database

SETTING_KEY = "optout.keywords"
DEFAULT_KEYWORDS: tuple[str, ...] = ("退订", "TD", "T", "N", "取消", "R")
# Words that, contained in a short reply, make it an opt-out.
CONTAINED_WORDS: tuple[str, ...] = ("退订",)
SHORT_REPLY_MAX = 10
_NEGATIONS = ("不要", "不用", "不想", "无需", "无须", "不需要", "别", "不", "勿", "没", "未", "莫")

_INVISIBLE = dict.fromkeys(
    [*range(0x200B, 0x2010), *range(0x202A, 0x202F), 0x2060, 0xFEFF, 0x00AD, 0x180E], None
)
# Whitespace and punctuation stripped from both ends (after NFKC).
_EDGES = " \t\r\n\f\v.,;:!?~'\"`()[]{}<>-_=+*/\\|…。，、；：！？·“”‘’（）【】《》「」『』〈〉～"
_SPLIT_RE = re.compile(r"[,;\n\r、，；|]+")


def normalise(text: str) -> str:
    """The comparable form of a reply text or a keyword (see the module docstring)."""
    s = unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE)
    return s.strip(_EDGES).casefold()


def parse_keywords(value: str | None) -> tuple[str, ...]:
    """Keywords from a settings value (``"退订,TD,T"``; ``，``/``、``/``;`` also separate).

    ``None`` or an empty/blank value gives the defaults.
    """
    if value is None:
        return DEFAULT_KEYWORDS
    words = tuple(w.strip() for w in _SPLIT_RE.split(value) if w.strip())
    return words or DEFAULT_KEYWORDS


def format_keywords(keywords: Iterable[str]) -> str:
    """The settings value for a list of keywords."""
    return ",".join(k.strip() for k in keywords if k.strip())


def _negated(s: str, at: int) -> bool:
    before = s[:at].rstrip()
    return any(before.endswith(n) for n in _NEGATIONS)


def is_opt_out(text: str, keywords: Iterable[str] | None = None) -> bool:
    """True when a reply asks to stop receiving messages (the rule is in the module docstring)."""
    s = normalise(text)
    if not s:
        return False
    words = {normalise(k) for k in (DEFAULT_KEYWORDS if keywords is None else keywords)}
    words.discard("")
    if s in words:
        return True
    if len(s) > SHORT_REPLY_MAX:
        return False
    for w in CONTAINED_WORDS:
        start = s.find(w)
        while start != -1:
            if not _negated(s, start):
                return True
            start = s.find(w, start + 1)
    return False


def load_keywords(db: Database) -> tuple[str, ...]:
    """The configured keywords (settings key ``optout.keywords``), or the defaults."""
    return parse_keywords(db.get_setting(SETTING_KEY))


def save_keywords(db: Database, keywords: Iterable[str]) -> tuple[str, ...]:
    """Store the keywords; an empty list restores the defaults. Returns what is now in force."""
    value = format_keywords(keywords)
    db.set_setting(SETTING_KEY, value)
    return parse_keywords(value)

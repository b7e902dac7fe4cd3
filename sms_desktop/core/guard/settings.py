"""The guard's settings, kept in the store's ``settings`` table (they travel with the database):
the words that suggest marketing, the frequency caps, and the user's own numbers for a test
send. The per-account ones (the marketing window, the opt-out suffix) are account options
(:data:`.rules.WINDOW_OPTION`, :data:`.rules.OPTOUT_OPTION`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError
from ..phones import normalise, split_pasted
from ..wordcheck import parse_words
from .rules import DEFAULT_MARKETING_WORDS, Caps

if TYPE_CHECKING:
    from ..store import Database

WORDS_KEY = "guard.marketing_words"
CAPS_KEY = "guard.caps"
OWN_NUMBERS_KEY = "guard.own_numbers"
MAX_OWN_NUMBERS = 3  # a test send goes to at most three of the user's own numbers
MAX_CAP = 100


@dataclass(frozen=True)
class GuardSettings:
    words: tuple[str, ...] = DEFAULT_MARKETING_WORDS
    caps: Caps = field(default_factory=Caps)
    own_numbers: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "marketing_words": list(self.words),
            "caps": self.caps.as_dict(),
            "own_numbers": list(self.own_numbers),
        }


def parse_caps(value: str | dict[str, object] | None) -> Caps:
    """Caps from their stored JSON (or a dict): missing ones keep their default; InputError for
    a value that is not a whole number from 0 (no cap) to 100."""
    if value is None or value == "":
        return Caps()
    data = json.loads(value) if isinstance(value, str) else value
    if not isinstance(data, dict):
        raise InputError("频次限制的设置无法读取。 / The frequency caps cannot be read.")
    given: dict[str, int] = {}
    for rule in Caps.RULES:
        if rule not in data:
            continue
        raw = data[rule]
        try:
            n = int(str(raw).strip())
        except ValueError:
            n = -1
        if n < 0 or n > MAX_CAP or isinstance(raw, bool):
            raise InputError(
                f"频次限制须为 0–{MAX_CAP} 的整数（0 表示不限）：{rule}={raw!r}"
                f" / A frequency cap must be a whole number from 0 (no cap) to {MAX_CAP}:"
                f" {rule}={raw!r}"
            )
        given[rule] = n
    return Caps(**given)


def parse_own_numbers(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """The user's own mobile numbers (one to three), normalised; InputError names a number that
    is not a mobile, or one too many."""
    if value is None:
        return ()
    items = value.splitlines() if isinstance(value, str) else list(value)
    out: dict[str, None] = {}
    for item in items:
        for raw in split_pasted(str(item)):
            r = normalise(raw)
            if not r.ok or r.phone is None:
                raise InputError(f"本人号码无效：{raw}（{r.reason}） / Not a mobile number: {raw}")
            out.setdefault(r.phone, None)
    if len(out) > MAX_OWN_NUMBERS:
        raise InputError(
            f"本人号码最多 {MAX_OWN_NUMBERS} 个。 / At most {MAX_OWN_NUMBERS} own numbers."
        )
    return tuple(out)


def load(db: Database) -> GuardSettings:
    """The settings in force (defaults for what was never saved; a stored value that can no
    longer be read gives its default, never a failed send)."""
    words_value = db.get_setting(WORDS_KEY)
    words = DEFAULT_MARKETING_WORDS if words_value is None else tuple(parse_words(words_value))
    try:
        caps = parse_caps(db.get_setting(CAPS_KEY))
    except (InputError, ValueError):
        caps = Caps()
    try:
        own = parse_own_numbers(db.get_setting(OWN_NUMBERS_KEY))
    except InputError:
        own = ()
    return GuardSettings(words, caps, own)


def save(
    db: Database,
    *,
    words: Iterable[str] | None = None,
    caps: Caps | dict[str, object] | None = None,
    own_numbers: str | Iterable[str] | None = None,
) -> GuardSettings:
    """Store what is given (each checked first: nothing is stored when one is refused); returns
    the settings now in force."""
    values: dict[str, str] = {}
    if words is not None:
        values[WORDS_KEY] = "\n".join(parse_words(list(words)))
    if caps is not None:
        checked = caps if isinstance(caps, Caps) else parse_caps(caps)
        values[CAPS_KEY] = json.dumps(checked.as_dict())
    if own_numbers is not None:
        values[OWN_NUMBERS_KEY] = "\n".join(parse_own_numbers(own_numbers))
    with db.write():  # one transaction
        for key, value in values.items():
            db.set_setting(key, value)
    return load(db)

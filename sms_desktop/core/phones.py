"""Phone numbers: normalise every way a number arrives, validate, split cells, parse pasted lists.

Everything a spreadsheet, a CSV file or a paste can throw at us ends up here:

* numbers stored as ``int`` or ``float`` (``13800138000.0``) and their text form (``"13800138000.0"``);
* scientific notation stored as text (``"1.3800138000E+10"``): recovered only when all the digits
  are present; otherwise rejected, because Excel has already thrown digits away;
* ``+86``, ``0086`` and ``86`` prefixes (also in parentheses: ``(+86)``); spaces, dashes, dots and parentheses; full-width digits;
  tabs, no-break spaces and invisible characters (U+200B–U+200F, U+202A–U+202E, U+2060, U+FEFF);
  a leading apostrophe (Excel's "this is text" marker);
* several numbers in one cell, separated by ``,`` ``;`` ``/`` ``、`` ``|`` or a newline;
  ``13,800,138,000`` (a number column saved as CSV with thousands separators) is one number.

A Chinese mobile is ``1[3-9]`` plus 9 digits. A landline with its area code (``0`` + 9–11 digits,
e.g. ``01012345678``, ``075512345678``) is accepted only when asked (``allow_landline=True``), i.e.
for the gateway families that take landlines.

Every rejection carries a reason in Chinese and English, e.g.
``号码无效（10 位）/ invalid number: 1380013800 (10 digits)``.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "PhoneKind",
    "PhoneProblem",
    "PhoneResult",
    "Recipients",
    "allows_landline",
    "clean_text",
    "is_landline",
    "is_mobile",
    "normalise",
    "normalise_cell",
    "parse_recipients",
    "split_cell",
    "split_pasted",
]

MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
LANDLINE_RE = re.compile(r"0[1-9][0-9]{8,10}")
_DIGITS_RE = re.compile(r"\d+")
_FAST_RE = re.compile(r"1[3-9][0-9]{9}")  # the common case: already clean

# Invisible characters that arrive with copy-and-paste from web pages, phones and Excel.
_INVISIBLE = dict.fromkeys(
    [*range(0x200B, 0x2010), *range(0x202A, 0x202F), 0x2060, 0xFEFF, 0x00AD, 0x180E], None
)
# Separators between numbers in one cell (after NFKC, so "，" is already ",").
_SPLIT_RE = re.compile(r"[,;/、|\n\r]+")
# Characters allowed *inside* one number as decoration.
_DECOR_RE = re.compile(r"[\s\-.()\[\]_·—–−]+")
_SCI_RE = re.compile(r"^([0-9])(?:\.([0-9]*))?[eE]\+?([0-9]{1,3})$")
_FLOAT_TEXT_RE = re.compile(r"^(\d+)\.0*$")
# "(+86)138…", "（86）138…": the country code in parentheses
_PAREN_CC_RE = re.compile(r"^\(\s*(\+?\s*(?:0086|86))\s*\)")
# "13,800,138,000": a mobile shown with thousands separators (a number column saved as CSV)
_THOUSANDS_RE = re.compile(r"(?<!\d)(?<!\d,)(1\d),(\d{3}),(\d{3}),(\d{3})(?!\d|,\d)")


class PhoneKind(enum.StrEnum):
    MOBILE = "mobile"
    LANDLINE = "landline"


class PhoneProblem(enum.StrEnum):
    EMPTY = "empty"
    INVALID = "invalid"
    SCIENTIFIC = "scientific"  # digits lost to scientific notation
    LANDLINE = "landline"  # a landline, and this family does not take them


@dataclass(frozen=True)
class PhoneResult:
    """The outcome of normalising one number: ``phone`` when valid, else ``problem`` + ``reason``."""

    raw: str
    phone: str | None = None
    kind: PhoneKind | None = None
    problem: PhoneProblem | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.phone is not None


def _fail(raw: str, problem: PhoneProblem, reason: str) -> PhoneResult:
    return PhoneResult(raw=raw, problem=problem, reason=reason)


def allows_landline(family: str | None) -> bool:
    """Whether the gateway family takes landline numbers (asks the family's capabilities)."""
    if not family:
        return False
    try:
        from .gateways import gateway_class

        caps = getattr(gateway_class(family), "capabilities", None)
        if caps is not None:
            return bool(caps.landlines)
    except Exception:  # a family module still being written: fall back to what we know
        pass
    return family == "txt112088"


def clean_text(value: str) -> str:
    """NFKC (full-width digits, ``＋``, ``（）``, U+3000), invisible characters removed, trimmed."""
    s = unicodedata.normalize("NFKC", value).translate(_INVISIBLE)
    s = s.strip()
    if s.startswith("'"):  # Excel's text marker
        s = s[1:].strip()
    return s


def is_mobile(s: str) -> bool:
    """True for a normalised Chinese mobile: ``1[3-9]`` + 9 digits."""
    return MOBILE_RE.fullmatch(s) is not None


def is_landline(s: str) -> bool:
    """True for a normalised landline with area code: ``0`` + 9–11 digits."""
    return LANDLINE_RE.fullmatch(s) is not None


_ASCII_DECOR = str.maketrans("", "", " -()\t")


def quick_mobile(value: str) -> str | None:
    """The mobile in an ASCII string with only blanks, dashes and parentheses around the digits.

    A cheap pre-check for the common case; None means "use :func:`normalise`" (not "invalid").
    """
    if value.isascii():
        t = value.translate(_ASCII_DECOR)
        if len(t) == 11 and _FAST_RE.fullmatch(t):
            return t
    return None


# A formula's error result, as Excel shows it (and writes it into a CSV).
EXCEL_ERRORS = frozenset(
    {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!"}
)

# Longer text is never one number, however decorated ("+86 (138) 0013-8000 张三的手机").
_MAX_TEXT = 100

# More digits than any number a cell can mean as a phone (mobile 11, landline with 0086 ~16).
_MAX_DIGITS = 30


def _as_text(value: object) -> str | PhoneResult:
    """A cell value as text, or a rejection for values that cannot be a number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _fail(
            str(value), PhoneProblem.INVALID, f"号码无效：{value} / invalid number: {value}"
        )
    if isinstance(value, int):
        if abs(value) >= 10**_MAX_DIGITS:  # no phone number has this many digits
            return _fail(
                f"({value.bit_length()}-bit number)",
                PhoneProblem.INVALID,
                f"号码无效（位数过多）/ invalid number: more than {_MAX_DIGITS} digits",
            )
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return _fail(
                str(value), PhoneProblem.INVALID, f"号码无效：{value} / invalid number: {value}"
            )
        if value.is_integer():
            return str(int(value))
        return _fail(
            repr(value),
            PhoneProblem.INVALID,
            f"号码无效（不是整数：{value!r}）/ invalid number: {value!r} (not a whole number)",
        )
    if isinstance(value, Decimal):
        if not value.is_finite() or value.adjusted() >= _MAX_DIGITS:  # NaN, sNaN, ±Infinity
            return _fail(
                str(value), PhoneProblem.INVALID, f"号码无效：{value} / invalid number: {value}"
            )
        if value == value.to_integral_value():
            return str(int(value))
        return _fail(
            str(value),
            PhoneProblem.INVALID,
            f"号码无效（不是整数：{value}）/ invalid number: {value} (not a whole number)",
        )
    if isinstance(value, _dt.date | _dt.time | _dt.timedelta):
        return _fail(
            str(value),
            PhoneProblem.INVALID,
            f"号码无效（单元格是日期/时间）/ invalid number: the cell holds a date or time ({value})",
        )
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value)


def _scientific(raw: str, s: str) -> PhoneResult | str:
    """``1.3800138000E+10`` → ``13800138000``; a rejection when digits were lost."""
    m = _SCI_RE.match(s)
    if m is None:
        return s
    lead, frac, exp = m.group(1), m.group(2) or "", int(m.group(3))
    digits = lead + frac
    total = exp + 1  # how many digits the integer has
    if len(digits) < total:
        return _fail(
            raw,
            PhoneProblem.SCIENTIFIC,
            f"科学计数法丢失了数字，请把该列设为“文本”格式后重新导出 / {raw}: digits lost to "
            "scientific notation; format the column as text and export again",
        )
    if frac[total - 1 :].strip("0"):
        return _fail(
            raw,
            PhoneProblem.INVALID,
            f"号码无效（不是整数：{raw}）/ invalid number: {raw} (not a whole number)",
        )
    return digits[:total]


def _describe(digits: str) -> tuple[str, str]:
    """Why these digits are no number, in Chinese and in English (the same detail in both)."""
    n = len(digits)
    if n == 0:
        return "没有数字", "no digits"
    if n == 11 and digits.startswith("1"):
        return "非手机号段", "not a mobile prefix"
    return f"{n} 位", f"{n} digits"


def normalise(value: object, allow_landline: bool = False) -> PhoneResult:
    """Normalise ONE number (see :func:`normalise_cell` for a cell that may hold several)."""
    # Fast paths: an already clean mobile in a str ("13800138000", "138-0013-8000"), or a float.
    if type(value) is str:
        if len(value) > _MAX_TEXT:  # before any regex: a 10 MB cell must cost nothing
            return _fail(
                value[:20] + "…",
                PhoneProblem.INVALID,
                f"号码无效（内容过长，{len(value):,} 字）/ invalid number: {len(value):,}"
                " characters long",
            )
        if len(value) == 11 and _FAST_RE.fullmatch(value):
            return PhoneResult(raw=value, phone=value, kind=PhoneKind.MOBILE)
        fast = quick_mobile(value)
        if fast is not None:
            return PhoneResult(raw=value.strip(), phone=fast, kind=PhoneKind.MOBILE)
    if type(value) is float and value.is_integer() and 13e9 <= value < 2e10:
        s = str(int(value))
        return PhoneResult(raw=s, phone=s, kind=PhoneKind.MOBILE)
    text = _as_text(value)
    if isinstance(text, PhoneResult):
        return text
    raw = text.strip()
    s = clean_text(text)
    if not s:
        return _fail(raw, PhoneProblem.EMPTY, "号码为空 / empty number")
    s = _PAREN_CC_RE.sub(r"\1", s)
    s = s.replace(" ", "") if _SCI_RE.match(s.replace(" ", "")) else s
    sci = _scientific(raw, s)
    if isinstance(sci, PhoneResult):
        return sci
    s = sci
    m = _FLOAT_TEXT_RE.match(s)
    if m:  # "13800138000.0", as pandas and some exports write it
        s = m.group(1)
    international = False
    if s.startswith("+"):
        s = s[1:].lstrip()
        international = True
    s = _DECOR_RE.sub("", s)
    if not s:  # only signs and brackets ("+", "()")
        return _fail(
            raw, PhoneProblem.INVALID, f"号码无效（没有数字）/ invalid number: {raw} (no digits)"
        )
    if not s.isdigit():
        bad = "".join(sorted({c for c in s if not c.isdigit()}))[:10]
        return _fail(
            raw,
            PhoneProblem.INVALID,
            f"号码无效（含非数字字符 {bad}）/ invalid number: {raw} (contains {bad!r})",
        )
    if not s.isascii():  # non-ASCII digits NFKC does not fold (e.g. Arabic-Indic)
        return _fail(raw, PhoneProblem.INVALID, f"号码无效：{raw} / invalid number: {raw}")
    # Country prefixes.
    if s.startswith("0086"):
        s = s[4:]
        international = True
    elif (international and s.startswith("86")) or (
        s.startswith("86") and len(s) == 13 and MOBILE_RE.fullmatch(s[2:])
    ):
        s = s[2:]
    elif international:
        return _fail(
            raw,
            PhoneProblem.INVALID,
            f"号码无效（非中国号码）/ invalid number: {raw} (not a Chinese number)",
        )
    if international and s and not s.startswith("0") and not MOBILE_RE.fullmatch(s):
        s = "0" + s  # +86 10 12345678 → 01012345678
    if len(s) == 12 and s.startswith("01") and MOBILE_RE.fullmatch(s[1:]):
        s = s[1:]  # 0 + mobile: the long-distance prefix some people write before a mobile
    if MOBILE_RE.fullmatch(s):
        return PhoneResult(raw=raw, phone=s, kind=PhoneKind.MOBILE)
    if LANDLINE_RE.fullmatch(s):
        if allow_landline:
            return PhoneResult(raw=raw, phone=s, kind=PhoneKind.LANDLINE)
        return _fail(
            raw,
            PhoneProblem.LANDLINE,
            f"固定电话，当前网关不支持 / landline number, not accepted by this gateway: {raw}",
        )
    zh, en = _describe(s)
    return _fail(raw, PhoneProblem.INVALID, f"号码无效（{zh}）/ invalid number: {raw} ({en})")


def lookup_key(typed: str) -> str:
    """A number the user typed to look something up, as the store keeps numbers:
    ``+86 138-0013-8000`` → ``13800138000``; a partial number keeps its digits (``138 0013`` →
    ``1380013``), for a search by how a number starts."""
    raw = typed.strip()
    res = normalise(raw, allow_landline=True)
    if res.phone:
        return res.phone
    return re.sub(r"[\s\-()（）]", "", raw)


def split_cell(value: object) -> list[str]:
    """The pieces of a cell that may hold several numbers (``,`` ``;`` ``/`` ``、`` ``|`` newline).

    Numbers only separated by blanks (``13800138000 13900139000``) are split too, but only when
    every piece is then a whole number on its own; ``138 0013 8000`` stays one number.
    """
    if value is None:
        return []
    if not isinstance(value, str):
        return [value] if value != "" else []  # type: ignore[list-item]
    s = unicodedata.normalize("NFKC", value).translate(_INVISIBLE)
    if "," in s:
        s = _THOUSANDS_RE.sub(r"\1\2\3\4", s)
    pieces: list[str] = []
    for part in _SPLIT_RE.split(s):
        part = part.strip()
        if not part:
            continue
        words = part.split()
        if len(words) > 1:
            cleaned = [clean_text(w).lstrip("+") for w in words]
            if all(len(w) >= 11 and w.isdigit() for w in cleaned):
                pieces.extend(words)
                continue
        pieces.append(part)
    return pieces


def split_pasted(line: str, allow_landline: bool = False) -> list[str]:
    """The numbers of one pasted line: :func:`split_cell`, and where a piece with blanks is not
    one valid number, each of its words on its own (``13800138000 12345`` is two entries)."""
    out: list[str] = []
    for piece in split_cell(line):
        words = piece.split()
        if len(words) > 1 and not normalise(piece, allow_landline).ok:
            out.extend(words)
        else:
            out.append(piece)
    return out


def normalise_cell(value: object, allow_landline: bool = False) -> list[PhoneResult]:
    """Every number in a cell, normalised. An empty cell gives one EMPTY result."""
    if type(value) is str:
        if len(value) == 11 and _FAST_RE.fullmatch(value):
            return [PhoneResult(raw=value, phone=value, kind=PhoneKind.MOBILE)]
        fast = quick_mobile(value)
        if fast is not None:
            return [PhoneResult(raw=value.strip(), phone=fast, kind=PhoneKind.MOBILE)]
    if not isinstance(value, str):
        return [normalise(value, allow_landline)]
    if value.strip().upper() in EXCEL_ERRORS:  # one value, not "#DIV" and "0!" split at "/"
        shown = value.strip().upper()
        return [
            _fail(
                shown,
                PhoneProblem.INVALID,
                f"号码无效（单元格是公式错误 {shown}）/ invalid number: the cell holds a formula"
                f" error ({shown})",
            )
        ]
    pieces = split_cell(value)
    if not pieces:
        return [_fail("", PhoneProblem.EMPTY, "号码为空 / empty number")]
    return [normalise(p, allow_landline) for p in pieces]


@dataclass
class Recipients:
    """A parsed list of numbers: the valid ones (deduplicated, in order) and the rejected ones."""

    phones: list[str] = field(default_factory=list)
    rejected: list[PhoneResult] = field(default_factory=list)
    duplicates: int = 0


def parse_recipients(text: str | Iterable[str], allow_landline: bool = False) -> Recipients:
    """A pasted list of numbers (one a line, or separated by commas, semicolons, blanks …)."""
    lines = text.splitlines() if isinstance(text, str) else list(text)
    out = Recipients()
    seen: set[str] = set()
    for line in lines:
        for piece in split_pasted(line, allow_landline):
            res = normalise(piece, allow_landline)
            if res.phone is None:
                if res.problem is not PhoneProblem.EMPTY:
                    out.rejected.append(res)
            elif res.phone in seen:
                out.duplicates += 1
            else:
                seen.add(res.phone)
                out.phones.append(res.phone)
    return out

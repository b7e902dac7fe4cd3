"""Which column holds the phone number, which the name: from header synonyms, else from contents.

Also finds the header row (it need not be the first row: a merged title row above the headers is
common), names the columns of a file without a header (``列A``, ``列B`` …), and resolves the
user's override (a header name, an Excel column letter, or a 1-based column number).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..phones import normalise

__all__ = [
    "FORMULA_START",
    "NAME_SYNONYMS",
    "PHONE_SYNONYMS",
    "ColumnMapping",
    "cell_text",
    "column_letter",
    "find_header_row",
    "header_names",
    "resolve_column",
]

# Exact synonyms, best first. Compared after NFKC, lower-casing and removing blanks, "*" and
# bracketed remarks ("手机号码(必填)" → "手机号码").
PHONE_SYNONYMS: tuple[str, ...] = (
    "手机号码", "手机号", "手机", "移动电话", "手机号码1", "联系手机", "客户手机", "联系人手机",
    "mobile", "mobilephone", "mobileno", "mobilenumber", "cellphone", "cell", "cellphonenumber",
    "phone", "phonenumber", "phoneno", "tel", "telephone",
    "联系电话", "电话号码", "电话", "联系方式", "号码", "客户电话", "联系人电话", "手机/电话",
    "收件人号码", "接收号码",
)  # fmt: skip
NAME_SYNONYMS: tuple[str, ...] = (
    "姓名", "名字", "客户姓名", "联系人", "联系人姓名", "客户名称", "名称", "称呼", "收件人",
    "用户名", "真实姓名", "学生姓名", "家长姓名", "员工姓名", "会员姓名",
    "name", "fullname", "contact", "contactname", "customer", "customername",
)  # fmt: skip
_PHONE_PARTS = ("手机", "电话", "mobile", "phone", "号码", "tel")
_NAME_PARTS = ("姓名", "名字", "联系人", "name")
# A header that contains a phone or name word and one of these is a note about it
# ("电话号码备注", "姓名说明"), not the phone or the name itself.
_NOTE_PARTS = ("备注", "说明", "注释", "描述", "remark", "note", "comment", "memo")

_BRACKETS_RE = re.compile(r"[(\[【（][^)\]】）]*[)\]】）]")
_CJK_NAME_RE = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_LATIN_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z .'-]{1,40}$")
# The most common surnames: a column of 2–4 CJK characters starting with these is a name column.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝欧阳司马上官诸葛"
)
# First characters that make a spreadsheet read a cell as a formula (Excel on Chinese Windows
# takes the full-width forms too). Exports prefix such cells with "'"; cell_text removes it again.
FORMULA_START = "=+-@\t\r＝＋－＠"
_FORMULA_CHARS = frozenset(FORMULA_START)
_HEADER_SCAN = 10  # header row searched among the first N non-empty rows
_SAMPLE = 200  # data rows looked at to detect columns by content


def _key(header: str) -> str:
    s = unicodedata.normalize("NFKC", header).lower()
    s = _BRACKETS_RE.sub("", s)
    return re.sub(r"[\s*:：_\-]+", "", s)


def _synonym_score(header: str, exact: tuple[str, ...], parts: tuple[str, ...]) -> int:
    """Higher is better: exact synonyms by rank, then a contained part; 0 when unrelated."""
    k = _key(header)
    if not k:
        return 0
    if k in exact:
        return 1000 - exact.index(k)
    if any(p in k for p in _NOTE_PARTS):
        return 0
    if any(p in k for p in parts):
        return 100 - len(k)  # the shorter, the closer ("客户手机号" over "紧急联系人手机号码")
    return 0


def phone_header_score(header: str) -> int:
    return _synonym_score(header, PHONE_SYNONYMS, _PHONE_PARTS)


def name_header_score(header: str) -> int:
    if phone_header_score(header) >= 900:
        return 0
    return _synonym_score(header, NAME_SYNONYMS, _NAME_PARTS)


def cell_text(value: Any) -> str:
    """A cell as the text stored in a field: ``13800138000.0`` → ``13800138000``, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        s = value.strip()
        if s[:1] == "'" and s.lstrip("'")[:1] in _FORMULA_CHARS:  # undo export's neutralising
            s = s[1:]
        return s
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return f"{value:.15g}"
    if hasattr(value, "isoformat"):
        import datetime as dt

        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date().isoformat()
        return str(
            value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
        )
    return str(value).strip()


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    s = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _letter_index(letters: str) -> int | None:
    if not letters.isascii() or not letters.isalpha() or len(letters) > 3:
        return None
    n = 0
    for c in letters.upper():
        n = n * 26 + (ord(c) - 64)
    return n - 1


def _is_blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _looks_like_phone(v: Any, allow_landline: bool = False) -> bool:
    if _is_blank(v):
        return False
    return normalise(v, allow_landline).ok


def find_header_row(sample: Sequence[Sequence[Any]]) -> int | None:
    """The index in ``sample`` (non-empty rows, in order) of the header row, or None.

    A header row holds a phone or name synonym and no phone number. A title row above the header
    ("2024年客户手机号码登记表", often merged across the columns) also mentions a phone word, so
    among the candidates in the first rows the one naming several columns wins, then the one
    with an exact synonym. Without synonyms, a first row of text only, above rows that hold
    phone numbers in a column, is taken as the header, unless it looks like a data row itself
    (a number-like or empty cell where the others hold numbers, or a person's name where the
    others hold names).
    """
    best: tuple[int, int] | None = None
    best_i: int | None = None
    for i, row in enumerate(sample[:_HEADER_SCAN]):
        texts = [v.strip() for v in row if isinstance(v, str) and v.strip()]
        if not texts:
            continue
        if any(_looks_like_phone(v, True) for v in row):
            continue
        phone_scores = [phone_header_score(t) for t in texts]
        name_scores = [name_header_score(t) for t in texts]
        if not (any(s > 0 for s in phone_scores) or any(s >= 900 for s in name_scores)):
            continue
        exact = any(s >= 900 for s in phone_scores) or any(s >= 900 for s in name_scores)
        key = (min(len(set(texts)), 2), int(exact))
        if best is None or key > best:
            best, best_i = key, i
    if best_i is not None:
        return best_i
    if len(sample) >= 2:
        first = sample[0]
        filled = [v for v in first if not _is_blank(v)]
        if (
            filled
            and all(isinstance(v, str) for v in filled)
            and not any(_looks_like_phone(v, True) for v in filled)
        ):
            rest = sample[1:_SAMPLE]
            phone_cols = []
            for col in range(len(first)):
                hits = sum(1 for r in rest if col < len(r) and _looks_like_phone(r[col], True))
                if rest and hits / len(rest) >= 0.5:
                    phone_cols.append(col)
            if phone_cols and not _first_row_is_data(first, rest, phone_cols):
                return 0
    return None


_DIGIT_RE = re.compile(r"\d")
_NEWLINES_RE = re.compile(r"\s*[\r\n]+\s*")


def _looks_like_name(v: Any) -> bool:
    if not isinstance(v, str):
        return False
    s = v.strip()
    if _CJK_NAME_RE.match(s):
        return s[0] in _SURNAMES
    return bool(_LATIN_NAME_RE.match(s))


def _first_row_is_data(
    first: Sequence[Any], rest: Sequence[Sequence[Any]], phone_cols: Sequence[int]
) -> bool:
    """A text-only first row that is really a data row with a bad or missing phone number."""
    for col in phone_cols:
        v = first[col] if col < len(first) else None
        if _is_blank(v) or len(_DIGIT_RE.findall(str(v))) >= 5:
            return True  # a header names the phone column; digits are a (bad) number
    for col, v in enumerate(first):
        if col in phone_cols or not _looks_like_name(v) or name_header_score(str(v)) > 0:
            continue
        vals = [r[col] for r in rest if col < len(r) and not _is_blank(r[col])]
        if vals and sum(1 for x in vals if _looks_like_name(x)) / len(vals) >= 0.6:
            return True  # a person's name above a column of names
    return False


def header_names(header: Sequence[Any] | None, width: int) -> list[str]:
    """Unique, non-empty column names: the header's text, else ``列A``, ``列B`` …"""
    names: list[str] = []
    seen: set[str] = set()
    for i in range(width):
        raw = cell_text(header[i]) if header is not None and i < len(header) else ""
        # a header wrapped with Alt+Enter ("单位\n名称"): {单位名称} must be able to name it
        raw = _NEWLINES_RE.sub("", raw)
        name = raw or f"列{column_letter(i)}"
        base, n = name, 2
        while name in seen:
            name = f"{base}_{n}"
            n += 1
        seen.add(name)
        names.append(name)
    return names


@dataclass
class ColumnMapping:
    """Column indexes (0-based) of the phone and the name, and the other columns kept as fields."""

    phone: int
    name: int | None = None
    fields: dict[int, str] = field(default_factory=dict)  # column index → field name
    detected_by: str = "header"  # "header" | "content" | "user"

    def describe(self, headers: Sequence[str]) -> dict[str, Any]:
        return {
            "phone": headers[self.phone] if self.phone < len(headers) else self.phone,
            "name": None
            if self.name is None
            else (headers[self.name] if self.name < len(headers) else self.name),
            "fields": list(self.fields.values()),
            "detected_by": self.detected_by,
        }


def resolve_column(headers: Sequence[str], spec: str | int) -> int:
    """A column from a header name, an Excel letter (``C``) or a 1-based number (``3``)."""
    if isinstance(spec, int):
        idx = spec - 1
    else:
        s = spec.strip()
        if s in headers:
            return list(headers).index(s)
        keyed = [_key(h) for h in headers]
        if _key(s) and _key(s) in keyed:
            return keyed.index(_key(s))
        if s.isdigit():
            idx = int(s) - 1
        else:
            li = _letter_index(s)
            if li is None:
                raise InputError(
                    f"找不到列“{spec}”。可用的列：{'、'.join(headers)} / "
                    f"No column {spec!r}. Columns: {', '.join(headers)}"
                )
            idx = li
    if not 0 <= idx < len(headers):
        raise InputError(
            f"列“{spec}”超出范围（共 {len(headers)} 列）/ Column {spec!r} is out of range "
            f"({len(headers)} columns)"
        )
    return idx


def detect_mapping(
    headers: Sequence[str],
    has_header: bool,
    sample: Sequence[Sequence[Any]],
    phone: str | int | None = None,
    name: str | int | None = None,
    allow_landline: bool = False,
) -> ColumnMapping:
    """Detect (or take from the user) the phone and name columns; every other column is a field."""
    width = len(headers)
    rows = list(sample[:_SAMPLE])

    def content_score(col: int, pred: Any) -> float:
        vals = [r[col] for r in rows if col < len(r) and not _is_blank(r[col])]
        if not vals:
            return 0.0
        return sum(1 for v in vals if pred(v)) / len(vals)

    def content_rank(col: int, pred: Any) -> tuple[float, int]:
        """The share of a column's filled cells that match, then how many do: a column of
        numbers wins over a mostly empty one holding a single number."""
        hits = sum(1 for r in rows if col < len(r) and not _is_blank(r[col]) and pred(r[col]))
        return content_score(col, pred), hits

    def phone_pred(v: Any) -> bool:
        return _looks_like_phone(v, allow_landline) or _looks_like_phone(v, True)

    name_pred = _looks_like_name

    detected_by = "user" if phone is not None else "header"
    if phone is not None:
        phone_col = resolve_column(headers, phone)
    else:
        phone_col = -1
        if has_header:
            scored = [(phone_header_score(h), i) for i, h in enumerate(headers)]
            candidates = [(s, i) for s, i in scored if s > 0]
            if candidates:
                # Among header matches, prefer the one whose cells really are numbers.
                best = max(
                    candidates, key=lambda si: (content_score(si[1], phone_pred) >= 0.3, si[0])
                )
                phone_col = best[1]
        share, _, first = max(
            ((*content_rank(i, phone_pred), -i) for i in range(width)), default=(0.0, 0, 1)
        )
        weak = phone_col >= 0 and content_score(phone_col, phone_pred) < 0.2
        if (phone_col < 0 or weak) and share >= 0.5:
            phone_col = -first
            detected_by = "content"
        if phone_col < 0:
            raise InputError(
                "未找到手机号码列，请手动指定（例如 --phone-column 手机号码 或 --phone-column B）/ "
                "No phone number column found; choose it yourself (e.g. --phone-column B). "
                f"列 / columns: {', '.join(headers)}"
            )

    name_col: int | None = None
    if name is not None:
        name_col = resolve_column(headers, name)
        if name_col == phone_col:
            raise InputError(
                "姓名列不能与手机号码列相同 / The name column cannot be the phone column"
            )
    else:
        if has_header:
            scored = [(name_header_score(h), i) for i, h in enumerate(headers) if i != phone_col]
            candidates = [(s, i) for s, i in scored if s > 0]
            if candidates:
                name_col = max(candidates)[1]
        if name_col is None and not has_header:
            by_content = max(
                ((content_score(i, name_pred), -i) for i in range(width) if i != phone_col),
                default=(0.0, 1),
            )
            by_content = (by_content[0], -by_content[1])
            if by_content[0] >= 0.6:
                name_col = by_content[1]

    fields: dict[int, str] = {}
    for i, h in enumerate(headers):
        if i in (phone_col, name_col):
            continue
        unnamed = not has_header or h == f"列{column_letter(i)}"
        if unnamed and not any(i < len(r) and not _is_blank(r[i]) for r in rows):
            # an empty column without a header name: a trailing "," on every CSV line, or the
            # empty columns left of a table that starts in column C
            continue
        fields[i] = h
    return ColumnMapping(phone=phone_col, name=name_col, fields=fields, detected_by=detected_by)

"""Recipients of a send: read from a file, a group or pasted text, then screened.

Both clients (the CLI and the GUI) build the recipients of a send here, and the engine screens
them with the same function before it stores a job, so a preview and the job agree::

    src = read_recipients("客户.xlsx")                 # every row, with its Excel row number
    screened = screen(src.recipients, placeholders=["金额"], blacklist=blocked)
    screened.valid        # numbers to send to (normalised, first occurrence only)
    screened.rejected     # every other entry: invalid, duplicate, blacklisted, empty field

Rows are numbered as Excel shows them (1-based, the header counted); pasted text by its line.
A cell holding several numbers gives one recipient per number, all with the cell's row.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import InputError
from ..phones import MOBILE_RE, normalise, split_cell, split_pasted
from ..store import Database
from .columns import cell_text
from .placeholders import BUILTIN

__all__ = [
    "FileRecipients",
    "Recipient",
    "RejectedRecipient",
    "Screened",
    "SkipReason",
    "ValidRecipient",
    "one_number_a_line",
    "read_recipients",
    "recipients_from_file",
    "recipients_from_group",
    "recipients_from_text",
    "screen",
]


class SkipReason:
    """Why a recipient is not sent to (``messages.code`` of a skipped recipient)."""

    INVALID = "invalid"
    DUPLICATE = "duplicate"
    BLACKLISTED = "blacklisted"
    EMPTY_FIELD = "empty_field"
    CANCELLED = "cancelled"
    FREQUENCY = "frequency"  # 频次限制: a frequency cap of the compliance guard (core/guard)


@dataclass
class Recipient:
    """One entry as it came: the phone as found (str, float from Excel …), name and fields."""

    phone: Any
    name: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    row: int | None = None  # Excel/CSV row or pasted line it came from (1-based); None: a group


class ValidRecipient(NamedTuple):
    """A recipient that passed screening (a tuple: 100,000 of them are built per keystroke)."""

    seq: int  # 1-based position in the list screened
    phone: str  # normalised
    name: str
    values: dict[str, str]  # the placeholder values of this recipient (as a spreadsheet shows)
    row: int | None = None


@dataclass(frozen=True, slots=True)
class RejectedRecipient:
    """A recipient that is not sent to, with the reason (Chinese / English) and where it came from."""

    seq: int  # 1-based position in the list screened
    reason: str  # SkipReason.INVALID | DUPLICATE | BLACKLISTED | EMPTY_FIELD
    message: str  # e.g. "空字段 金额 / empty field 金额"
    value: str  # the phone as found (normalised when it was valid)
    name: str = ""
    row: int | None = None
    field: str | None = None  # the empty field, for EMPTY_FIELD

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "row": self.row,
            "reason": self.reason,
            "message": self.message,
            "value": self.value,
            "name": self.name,
            "field": self.field,
        }


@dataclass
class Screened:
    valid: list[ValidRecipient] = field(default_factory=list)
    rejected: list[RejectedRecipient] = field(default_factory=list)

    def of(self, reason: str) -> list[RejectedRecipient]:
        return [r for r in self.rejected if r.reason == reason]


def _where(row: int | None) -> str:
    return f"第 {row} 行：" if row is not None else ""


def _where_en(row: int | None) -> str:
    return f"row {row}: " if row is not None else ""


def field_value(key: str, phone: str, name: str, fields: dict[str, Any]) -> str:
    """What ``{key}`` becomes for this recipient (as :func:`placeholders.render` fills it).

    A field missing from this recipient (contacts of a group can differ) is empty.
    """
    if key in fields:
        v = fields[key]
        if type(v) is str and v[:1] != "'":
            return v.strip()
        return cell_text(v)
    builtin = BUILTIN.get(key)
    if builtin == "name":
        return name.strip()
    if builtin == "phone":
        return phone
    return ""


def screen(
    recipients: Iterable[Recipient | str],
    *,
    allow_landline: bool = False,
    blacklist: Collection[str] = (),
    placeholders: Sequence[str] = (),
    allow_empty_fields: bool = False,
) -> Screened:
    """Sort recipients into valid ones and rejected ones, in this order of checks.

    1. the number is invalid (or empty, or a landline the family does not take);
    2. the number came earlier in the list: the first occurrence is kept, unless it is a bare
       number (typed or pasted: no name, no fields) and this one has a name or fields (a row of
       a file, a contact): then this one is kept and the bare one is the duplicate, so pasting
       a number that a file also holds never leaves its row without its ``{列名}`` values;
    3. the number is on the blacklist;
    4. a placeholder of the text has no value for this recipient (unless ``allow_empty_fields``).

    Never raises for a bad entry: every entry ends in ``valid`` or ``rejected``.
    """
    out = Screened()
    valid, rejected = out.valid, out.rejected
    # phone → (seq, row, entry, place on its row) of the occurrence kept so far
    seen: dict[str, tuple[int, int | None, Recipient, int]] = {}
    last_row: int | None = None
    place = 0  # the entry's place on its row (pasted text holds several numbers a line)
    replaced: dict[int, RejectedRecipient] = {}  # seq of a bare entry → why it is a duplicate
    names = list(dict.fromkeys(placeholders))
    no_values: dict[str, str] = {}
    clean = MOBILE_RE.fullmatch
    for seq, r in enumerate(recipients, start=1):
        rec = r if type(r) is Recipient else (r if isinstance(r, Recipient) else Recipient(r))
        row = rec.row
        place = place + 1 if row is not None and row == last_row else 1
        last_row = row
        number = rec.phone
        if not (type(number) is str and len(number) == 11 and clean(number)):
            pr = normalise(number, allow_landline=allow_landline)
            number = pr.phone
            if number is None:
                raw = "" if rec.phone is None else cell_text(rec.phone)
                rejected.append(
                    RejectedRecipient(
                        seq, SkipReason.INVALID, _where(row) + pr.reason, raw, rec.name, row
                    )
                )
                continue
        first = seen.get(number)
        if first is not None:
            f_seq, f_row, f_rec, f_place = first
            if (rec.fields or rec.name) and not (f_rec.fields or f_rec.name):
                # the earlier one is a bare number: this one, with its fields, is kept
                replaced[f_seq] = RejectedRecipient(
                    f_seq,
                    SkipReason.DUPLICATE,
                    f"{_where(f_row)}重复号码（{_same(seq, row, place, f_row)}是同一号码，"
                    "带有姓名或字段，保留那一条）"
                    f" / {_where_en(f_row)}duplicate number ({_same_en(seq, row, place, f_row)}"
                    " has the same"
                    " number with a name or fields; that one is kept)",
                    number,
                    f_rec.name,
                    f_row,
                )
            else:
                rejected.append(
                    RejectedRecipient(
                        seq,
                        SkipReason.DUPLICATE,
                        f"{_where(row)}重复号码（与{_same(f_seq, f_row, f_place, row)}相同）"
                        f" / {_where_en(row)}duplicate number"
                        f" (same as {_same_en(f_seq, f_row, f_place, row)})",
                        number,
                        rec.name,
                        row,
                    )
                )
                continue
        seen[number] = (seq, row, rec, place)
        if number in blacklist:
            rejected.append(
                RejectedRecipient(
                    seq,
                    SkipReason.BLACKLISTED,
                    f"{_where(row)}黑名单 / {_where_en(row)}blacklisted",
                    number,
                    rec.name,
                    row,
                )
            )
            continue
        if not names:
            valid.append(ValidRecipient(seq, number, rec.name, no_values, row))
            continue
        f = rec.fields
        values = {
            k: v.strip()
            if type(v := f.get(k)) is str and v[:1] != "'"
            else field_value(k, number, rec.name, f)
            for k in names
        }
        if not allow_empty_fields and "" in values.values():  # every value is stripped
            empty = next((k for k, v in values.items() if not v), None)
            if empty is not None:
                rejected.append(
                    RejectedRecipient(
                        seq,
                        SkipReason.EMPTY_FIELD,
                        f"{_where(row)}空字段 {empty} / {_where_en(row)}empty field {empty}",
                        number,
                        rec.name,
                        row,
                        empty,
                    )
                )
                continue
        valid.append(ValidRecipient(seq, number, rec.name, values, row))
    if replaced:  # the bare entries a later one with fields replaced: duplicates after all
        out.valid = [v for v in valid if v.seq not in replaced]
        out.rejected = [r for r in rejected if r.seq not in replaced]
        out.rejected.extend(replaced.values())
        out.rejected.sort(key=lambda r: r.seq)
    return out


def _same(seq: int, row: int | None, place: int, here: int | None) -> str:
    """The other entry, seen from an entry on row ``here``: its row, or its place on the same
    row (never "row 1 … same as row 1"), or its place in a list without rows."""
    if row is None:
        return f"第 {seq} 个号码"
    return f"本行第 {place} 个号码" if row == here else f"第 {row} 行"


def _same_en(seq: int, row: int | None, place: int, here: int | None) -> str:
    if row is None:
        return f"entry {seq}"
    return f"entry {place} on this row" if row == here else f"row {row}"


# ---------------------------------------------------------------------- sources --------------
@dataclass
class FileRecipients:
    """Every recipient of a file (``recipients``), and, after :func:`recipients_from_file`'s
    screening, the valid ones and every rejected row with its row number and reason."""

    path: str
    sheet: str | None
    headers: list[str]
    columns: list[str]  # the names a text can use as {列名}
    phone_column: str
    name_column: str | None
    rows: int  # data rows read
    recipients: list[Recipient]  # one per number found, in file order
    notes: list[str] = field(default_factory=list)
    valid: list[ValidRecipient] = field(default_factory=list)
    rejected: list[RejectedRecipient] = field(default_factory=list)


def read_recipients(
    path: str | Path,
    sheet: str | int | None = None,
    phone_column: str | int | None = None,
    *,
    allow_landline: bool = False,
) -> FileRecipients:
    """Every row of a spreadsheet or CSV file as recipients, every column kept for ``{列名}``.

    An empty phone cell gives a recipient with an empty phone (reported as invalid when
    screened), so no row disappears silently.
    """
    from .importer import detect_columns
    from .reader import read_table

    table = read_table(path, sheet)
    mapping = detect_columns(table, phone=phone_column, allow_landline=allow_landline)
    headers = table.headers
    out: list[Recipient] = []
    p_col, n_col = mapping.phone, mapping.name
    f_items = list(mapping.fields.items())
    name_header = headers[n_col] if n_col is not None and n_col < len(headers) else None
    nrows = 0
    for num, row in table.rows():
        nrows += 1
        width = len(row)
        name = cell_text(row[n_col]) if n_col is not None and n_col < width else ""
        fields = {fname: cell_text(row[i]) if i < width else "" for i, fname in f_items}
        if name_header is not None:
            fields[name_header] = name
        raw = row[p_col] if p_col < width else None
        pieces = split_cell(raw) if isinstance(raw, str) else ([] if raw is None else [raw])
        for piece in pieces or [""]:
            out.append(Recipient(piece, name, fields, num))
    columns = [*mapping.fields.values()]
    if name_header is not None:
        columns.insert(0, name_header)
    return FileRecipients(
        path=str(table.path),
        sheet=table.sheet,
        headers=list(headers),
        columns=columns,
        phone_column=headers[p_col] if p_col < len(headers) else str(p_col + 1),
        name_column=name_header,
        rows=nrows,
        recipients=out,
        notes=list(table.notes),
    )


def recipients_from_file(
    path: str | Path,
    sheet: str | int | None = None,
    phone_column: str | int | None = None,
    *,
    allow_landline: bool = False,
    blacklist: Collection[str] = (),
    placeholders: Sequence[str] = (),
    allow_empty_fields: bool = False,
) -> FileRecipients:
    """:func:`read_recipients`, then :func:`screen`: ``valid`` and ``rejected`` are filled."""
    src = read_recipients(path, sheet, phone_column, allow_landline=allow_landline)
    s = screen(
        src.recipients,
        allow_landline=allow_landline,
        blacklist=blacklist,
        placeholders=placeholders,
        allow_empty_fields=allow_empty_fields,
    )
    src.valid, src.rejected = s.valid, s.rejected
    return src


def recipients_from_group(db: Database, group: int | str) -> list[Recipient]:
    """The contacts of an imported group as recipients (their fields fill ``{列名}``)."""
    from .repository import iter_contacts

    if isinstance(group, str) and not group.strip():
        raise InputError("分组名为空。 / The group name is empty.")
    return [Recipient(c.phone, c.name, c.fields) for c in iter_contacts(db, group)]


LONG_LINE = 1000  # characters: a longer pasted line is shown one number a line
_STRETCH = 20_000  # characters split at a time (each regex call holds the GIL: 1.2 MB took 90 ms)
# a separator between two runs of 4+ ASCII digits: no thousands-grouped number (13,800,138,000)
# can run across it, start right after it or end right before it, so the pieces split as the
# whole line would
_SAFE_CUT = re.compile(r"(?<=[0-9]{4})[,;/|](?=[0-9]{4})")


def one_number_a_line(text: str, limit: int = LONG_LINE) -> str:
    """Pasted text as a text box should show it: each line longer than ``limit`` characters is
    broken into its numbers, one a line. :func:`recipients_from_text` finds the same recipients
    in the result (only their row numbers follow the new lines); a text box needs minutes to lay
    out one line of 100,000 comma-separated numbers. Text without such a line comes back as is.
    A long line is split a stretch at a time (at a separator between two numbers), so that a
    GUI thread waiting for the GIL is never held up by one long regex call."""
    if len(text) <= limit:
        return text
    lines = text.splitlines()
    if all(len(line) <= limit for line in lines):
        return text
    out: list[str] = []
    for line in lines:
        if len(line) <= limit:
            out.append(line)
            continue
        start = 0
        while start < len(line):
            cut = _SAFE_CUT.search(line, start + _STRETCH) if start + _STRETCH < len(line) else None
            end = cut.start() if cut is not None else len(line)
            out.extend(split_cell(line[start:end]))
            start = end + 1 if cut is not None else end
    return "\n".join(out)


def recipients_from_text(text: str, *, allow_landline: bool = False) -> list[Recipient]:
    """Pasted numbers: one a line, or separated by commas, semicolons, blanks …; ``row`` = line.

    Split as :func:`phones.parse_recipients` splits them (``allow_landline`` decides whether
    ``010 12345678`` is one number or two words)."""
    out: list[Recipient] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        for piece in split_pasted(line, allow_landline):
            out.append(Recipient(piece, row=line_no))
    return out

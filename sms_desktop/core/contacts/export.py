"""Write .xlsx files with openpyxl (write-only, so 100,000 rows stay small in memory).

* Phone numbers are written as text cells with the text number format ``@``, never as numbers,
  so Excel never shows ``1.38001E+10`` nor drops a leading ``0`` of a landline.
* Cells that a spreadsheet would read as a formula (starting with ``=`` ``+`` ``-`` ``@``, their
  full-width forms ``＝`` ``＋`` ``－`` ``＠``, or a tab / carriage return) are written as typed
  text: a string cell with Excel's quote prefix (the style flag Excel sets when ``'`` is typed
  before a value), so the name shows as typed, with no apostrophe, and editing it keeps it text.
  Only a value that itself starts with ``'`` before such a character, or with a tab or carriage
  return, gets a ``'`` (the importer strips one, as it does from the older exports that
  prefixed every such cell), so an export imports back unchanged. :func:`neutralise` (the visible ``'``) is for text formats such
  as CSV, which have no such flag.
* Characters XML cannot hold (NUL, ESC … from a garbage gateway reply or a contact file) are
  written as visible escapes (``\x01``) by :func:`~sms_desktop.core.textsafe.xml_safe`, so no
  value can make an export fail (openpyxl's ``IllegalCharacterError``). Every export writes its
  cells through :class:`Sheet`, which applies it to every string.
* The file is written next to the target and moved into place, so a failure never leaves half a
  file behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..store import Database
from ..textsafe import xml_safe
from .columns import FORMULA_START
from .importer import ImportReport
from .repository import GroupRef, blacklist_list, field_names, iter_contacts

__all__ = [
    "TEMPLATE_HEADERS",
    "Sheet",
    "export_blacklist_xlsx",
    "export_contacts_xlsx",
    "export_report_xlsx",
    "neutralise",
    "write_template",
    "write_xlsx",
]

_DANGEROUS = tuple(FORMULA_START)
_KEEP_QUOTE = frozenset("'\t\r")  # first characters that keep the visible ' in .xlsx too
TEMPLATE_HEADERS = ["手机号码", "姓名", "单位", "职务", "备注"]
TEMPLATE_EXAMPLE = ["13800138000", "张三", "某某科技有限公司", "经理", "示例行，导入前请删除"]


def _needs_quote(value: str) -> bool:
    # "'=x" itself gets one more quote: the importer removes one, so it comes back as "'=x"
    return value.lstrip("'").startswith(_DANGEROUS)


def neutralise(value: str) -> str:
    """``=1+2`` → ``'=1+2`` (also full-width ``＝``, tab, CR): never read as a formula."""
    if value and _needs_quote(value):
        return "'" + value
    return value


def write_xlsx(path: Path, write: Callable[[Any], None]) -> None:
    """Create a write-only workbook, let ``write`` fill it, and move it into place atomically."""
    from openpyxl import Workbook

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"导出文件必须是 .xlsx：{path.name} / The export file must be .xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.xlsx")
    wb = Workbook(write_only=True)
    try:
        write(wb)
        wb.save(tmp)
        os.replace(tmp, path)
    except PermissionError as e:
        raise InputError(
            f"无法写入“{path.name}”：文件可能正在 Excel 中打开，请关闭后重试 / Cannot write "
            f"{path.name!r}: it may be open in Excel; close it and try again"
        ) from e
    finally:
        if tmp.exists():
            try:
                tmp.unlink()
            except OSError:
                pass


class Sheet:
    """A write-only sheet with text phone cells, neutralised and XML-safe strings."""

    def __init__(self, wb: Any, title: str, headers: Sequence[str], widths: Sequence[int]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.ws = wb.create_sheet(title)
        self._cell = WriteOnlyCell
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w
        bold = Font(bold=True)
        row = []
        for h in headers:
            h = xml_safe(h)
            c = self._typed_text(h) if _needs_quote(h) else WriteOnlyCell(self.ws, value=h)
            c.font = bold
            c.data_type = "s"
            row.append(c)
        self.ws.append(row)
        self.ws.freeze_panes = "A2"

    def _typed_text(self, value: str) -> Any:
        """A string cell a spreadsheet never reads as a formula: the quote prefix flag, and a
        ``'`` only before a value that starts with one itself or with a tab or carriage return
        (which an import would otherwise trim away)."""
        c = self._cell(self.ws, value=neutralise(value) if value[:1] in _KEEP_QUOTE else value)
        c.data_type = "s"
        c.quotePrefix = True
        return c

    def text(self, value: str) -> Any:
        value = xml_safe(value)
        if _needs_quote(value):
            c = self._typed_text(value)
        else:
            c = self._cell(self.ws, value=value)
            c.data_type = "s"
        c.number_format = "@"
        return c

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            value = xml_safe(value)
            if _needs_quote(value):
                return self._typed_text(value)
        return value

    def append(self, phone: str | None, values: Iterable[Any], phone_at: int = 0) -> None:
        out = [self.value(v) for v in values]
        if phone is not None:
            out.insert(phone_at, self.text(str(phone)))
        self.ws.append(out)


def export_contacts_xlsx(db: Database, path: str | Path, group: GroupRef | None = None) -> int:
    """Contacts (all, or of one group) to .xlsx: 手机号码, 姓名, 分组, then every field."""
    fields = field_names(db, group)
    headers = ["手机号码", "姓名", "分组", *fields]
    count = 0

    def write(wb: Any) -> None:
        nonlocal count
        sh = Sheet(wb, "联系人", headers, [16, 12, 14, *[14] * len(fields)])
        for c in iter_contacts(db, group):
            sh.append(c.phone, [c.name, c.group, *[c.fields.get(f, "") for f in fields]])
            count += 1

    write_xlsx(Path(path), write)
    return count


def export_blacklist_xlsx(db: Database, path: str | Path) -> int:
    entries = blacklist_list(db)

    def write(wb: Any) -> None:
        sh = Sheet(wb, "黑名单", ["手机号码", "原因", "来源", "加入时间"], [16, 24, 10, 20])
        for e in entries:
            sh.append(e.phone, [e.reason, e.source, e.created_at])

    write_xlsx(Path(path), write)
    return len(entries)


def export_report_xlsx(report: ImportReport, path: str | Path) -> int:
    """The import report: a summary sheet and one row per rejected number."""

    def write(wb: Any) -> None:
        s = Sheet(wb, "汇总", ["项目 / item", "数量 / count"], [30, 14])
        labels = {
            "imported": "新导入 / imported",
            "updated": "已更新 / updated",
            "duplicates": "重复 / duplicates",
            "invalid": "无效 / invalid",
            "empty": "空号码 / empty",
            "blacklisted": "黑名单 / blacklisted",
        }
        s.append(None, ["文件 / file", report.path])
        if report.sheet:
            s.append(None, ["工作表 / sheet", report.sheet])
        s.append(None, ["分组 / group", report.group])
        s.append(None, ["数据行 / rows", report.rows])
        for k, label in labels.items():
            s.append(None, [label, report.counts[k]])
        r = Sheet(
            wb,
            "未导入 rejected",
            ["行号 / row", "结果 / outcome", "号码 / value", "姓名 / name", "原因 / reason"],
            [10, 14, 20, 14, 70],
        )
        for rej in report.rejected:
            r.append(rej.value, [rej.row, rej.outcome, rej.name, rej.reason], phone_at=2)

    write_xlsx(Path(path), write)
    return len(report.rejected)


def write_template(path: str | Path) -> None:
    """The import template: the expected columns, one example row, the phone column as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        raise InputError(f"模板文件必须是 .xlsx：{p.name} / The template must be .xlsx")
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "联系人"
    ws.append(TEMPLATE_HEADERS)
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
    ws.append(TEMPLATE_EXAMPLE)
    ws["A2"].number_format = "@"
    ws["A2"].data_type = "s"
    # Format the phone column as text for the rows the user will fill in.
    for r in range(3, 1001):
        ws.cell(row=r, column=1).number_format = "@"
    for col, w in zip("ABCDE", (16, 12, 24, 12, 30), strict=True):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A2"
    notes = wb.create_sheet("说明")
    for line in (
        "1. 第一行是列名，请勿删除“手机号码”列；其他列可以增删、改名。",
        "2. 手机号码请保持“文本”格式，避免 Excel 显示成 1.38E+10 而丢失数字。",
        "3. 除手机号码、姓名外的每一列都会保存为字段，短信内容中可用 {列名} 引用，例如 {单位}。",
        "4. 一个单元格可以填多个号码，用逗号、分号、顿号或换行分隔。",
        "1. Keep the 手机号码 (mobile) column; other columns can be added, removed or renamed.",
        "2. Keep the phone column formatted as Text so Excel does not turn numbers into 1.38E+10.",
        "3. Every other column becomes a field usable in the message as {column name}.",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 90
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(f".{p.stem}.{os.getpid()}.tmp.xlsx")
    try:
        wb.save(tmp)
        os.replace(tmp, p)
    except PermissionError as e:
        raise InputError(
            f"无法写入“{p.name}”：文件可能正在 Excel 中打开 / Cannot write {p.name!r}: it may be open"
        ) from e
    finally:
        if tmp.exists():
            tmp.unlink()

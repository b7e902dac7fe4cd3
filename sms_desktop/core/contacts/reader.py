"""Read contact files: .xlsx/.xlsm/.xls/.ods with python-calamine, .csv/.txt with encoding detection.

:func:`read_table` opens a file, picks the sheet (the first non-empty one unless told), finds the
header row and returns a :class:`Table` whose rows can be iterated (streamed) as often as needed.
Whatever goes wrong (corrupt file, wrong extension, password, empty sheet, unknown encoding)
becomes an :class:`~sms_desktop.core.errors.InputError` with a clear Chinese and English message.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from ..charsets import windows_gb_errors
from ..errors import InputError
from .columns import find_header_row, header_names

__all__ = [
    "MAX_CELL_CHARS",
    "SPREADSHEET_EXTENSIONS",
    "SUPPORTED_EXTENSIONS",
    "TEXT_EXTENSIONS",
    "Table",
    "cell_too_long",
    "detect_delimiter",
    "detect_encoding",
    "read_table",
]

SPREADSHEET_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_EXTENSIONS = (".csv", ".txt")
SUPPORTED_EXTENSIONS = SPREADSHEET_EXTENSIONS + TEXT_EXTENSIONS
_SAMPLE_ROWS = 200
# Excel's own limit for one cell: a longer cell was not saved by Excel (a damaged or generated
# file), and nothing a text message can carry needs one.
MAX_CELL_CHARS = 32_767
_SNIFF_BYTES = 256 * 1024

Row = list[Any]


@dataclass
class Table:
    """One sheet of a file. ``rows()`` streams the data rows (after the header) with their numbers."""

    path: Path
    format: str  # "xlsx" | "xls" | "ods" | "csv"
    sheet: str | None
    sheet_names: list[str]
    headers: list[str]
    header_row: int | None  # 1-based row number of the header; None when the file has none
    sample: list[Row]  # the first data rows, for detection and preview
    total_rows: int | None = None  # data rows (estimate, blank rows included) when known
    encoding: str | None = None
    delimiter: str | None = None
    notes: list[str] = field(default_factory=list)
    _source: Callable[[], Iterator[tuple[int, Row]]] | None = field(default=None, repr=False)
    # a faster way to the same rows, in blocks (see batches()); None: from _source
    _batches: Callable[[int], Iterator[tuple[Sequence[int], list[Row]]]] | None = field(
        default=None, repr=False
    )

    @property
    def has_header(self) -> bool:
        return self.header_row is not None

    @property
    def width(self) -> int:
        return len(self.headers)

    def rows(self) -> Iterator[tuple[int, Row]]:
        """``(row number, cells)`` for every non-blank row below the header (row 1 = first line)."""
        assert self._source is not None
        skip_to = self.header_row or 0
        for num, row in self._source():
            if num <= skip_to:
                continue
            yield num, row

    def batches(self, size: int = 1000) -> Iterator[tuple[Sequence[int], list[Row]]]:
        """The rows of :meth:`rows` in blocks of about ``size``: ``(row numbers, cells)``.

        A block may also hold blank rows (rows() leaves those out; a reader of blocks checks
        the rows it does not recognise at once with :func:`is_blank`). For a sheet without
        merged cells the blocks come straight from the parsed sheet, without a Python step per
        row.
        """
        skip_to = self.header_row or 0
        if self._batches is not None:
            for nums, rows in self._batches(size):
                if nums[0] <= skip_to:
                    k = min(len(rows), skip_to - nums[0] + 1)
                    nums, rows = nums[k:], rows[k:]
                    if not rows:
                        continue
                yield nums, rows
            return
        block_nums: list[int] = []
        block: list[Row] = []
        for num, row in self.rows():
            block_nums.append(num)
            block.append(row)
            if len(block) >= size:
                yield block_nums, block
                block_nums, block = [], []
        if block:
            yield block_nums, block

    def preview(self, n: int = 20) -> list[Row]:
        return self.sample[:n]


def cell_too_long(row: int, column: str | None, chars: int | None) -> InputError:
    """The error for a cell longer than :data:`MAX_CELL_CHARS` (``chars`` None: not counted)."""
    col_zh = f"“{column}”列" if column else ""
    col_en = f", column {column!r}" if column else ""
    n_zh = f"有 {chars:,} 字" if chars is not None else "过长"
    n_en = f"of {chars:,} characters" if chars is not None else "longer than that"
    return InputError(
        f"第 {row} 行{col_zh}的单元格{n_zh}，超过 Excel 单元格的上限 {MAX_CELL_CHARS:,} 字："
        f"文件不是 Excel 保存的或已损坏，没有导入任何数据。 / Row {row}{col_en}: a cell {n_en},"
        f" above Excel's limit of {MAX_CELL_CHARS:,} characters for a cell; the file was not"
        " saved by Excel or is damaged. Nothing was imported."
    )


def is_blank(row: Row) -> bool:
    """No cell of the row holds anything but blanks."""
    for v in row:
        if v is None:
            continue
        if isinstance(v, str):
            if v.strip():
                return False
            continue
        return False
    return True


# ---- format sniffing ------------------------------------------------------------------------
def _err_corrupt(path: Path, detail: str = "") -> InputError:
    detail = " ".join(detail.split())  # one line on the command line
    extra = f"（{detail}）" if detail else ""
    return InputError(
        f"无法读取“{path.name}”：文件已损坏或不是有效的表格文件{extra}。请用 Excel 打开后另存为 .xlsx 再导入。"
        f" / Cannot read {path.name!r}: the file is damaged or not a valid spreadsheet"
        f"{' (' + detail + ')' if detail else ''}. Open it in Excel and save it as .xlsx."
    )


def _err_password(path: Path) -> InputError:
    return InputError(
        f"“{path.name}”设置了打开密码，无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，"
        f"清空密码）后再导入。 / {path.name!r} is password-protected. Remove the password in Excel "
        "and import again."
    )


def _sniff(path: Path, head: bytes) -> str:
    """The real format of a file from its first bytes: xlsx, ods, xls, text, html, encrypted …"""
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
                if "mimetype" in names:
                    mt = z.read("mimetype").decode("ascii", "replace").strip()
                    if "opendocument.spreadsheet" in mt:
                        return "ods"
                    return "zip-other"
                if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                    return "xlsx"
                if "word/document.xml" in names:
                    return "docx"
                return "zip-other"
        except zipfile.BadZipFile:
            return "corrupt"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<html", b"<!doctype", b"<table", b"<meta")) or (
        stripped.startswith(b"<") and b"<table" in stripped[:20000]
    ):
        return "html"
    if stripped.startswith(b"<?xml"):
        return "xml"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in head[:4096]:
        # UTF-16 without BOM has NULs on every other byte of ASCII text
        sample = head[:4096]
        if len(sample) >= 4 and (
            sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4
        ):
            return "text"
        return "binary"
    if head.startswith(b"%PDF"):
        return "pdf"
    return "text"


def _ole_is_encrypted(path: Path) -> bool:
    """An OLE2 file holding an encrypted OOXML package (a password-protected .xlsx)."""
    return _ole_has(path, "EncryptedPackage")


def _has_macros(path: Path, real: str) -> bool:
    """A workbook carrying a VBA project (.xls ``_VBA_PROJECT_CUR``, .xlsm ``vbaProject.bin``)."""
    if real == "xls":
        return _ole_has(path, "_VBA_PROJECT_CUR")
    if real == "xlsx":
        try:
            with zipfile.ZipFile(path) as z:
                return any(n.lower().endswith("vbaproject.bin") for n in z.namelist())
        except (zipfile.BadZipFile, OSError):
            return False
    return False


def _ole_has(path: Path, name: str) -> bool:
    """Whether an OLE2 file's directory names ``name`` (searched as UTF-16 in the raw bytes)."""
    needle = name.encode("utf-16-le")
    with path.open("rb") as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                return False
            if needle in chunk:
                return True
            if len(chunk) < (1 << 20):
                return False
            f.seek(-len(needle), io.SEEK_CUR)


# ---- text files -----------------------------------------------------------------------------
_CHARDET_MAP = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz-gb-2312": "gb18030",
    "ascii": "utf-8",
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "big5": "big5",
    "utf-16": "utf-16",
    "utf-16le": "utf-16-le",
    "utf-16be": "utf-16-be",
}


def decode_errors(encoding: str) -> str:
    """How a text file in ``encoding`` is decoded: GB files as Windows writes them (a lone 0x80
    is €, code page 936, which Python's GB codecs refuse), any other strictly."""
    return windows_gb_errors() if encoding in ("gb18030", "gbk") else "strict"


def _decodes(sample: bytes, encoding: str) -> bool:
    dec = codecs.getincrementaldecoder(encoding)(decode_errors(encoding))
    try:
        dec.decode(sample, final=False)  # a cut multi-byte character at the end is fine
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _is_gb2312_text(sample: bytes) -> bool:
    """The sample read as GB18030 is ASCII plus GB2312 characters (common simplified Chinese)."""
    text = codecs.getincrementaldecoder("gb18030")("ignore").decode(sample, final=False)
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return any(ord(c) > 127 for c in text)


def _gbk_misread_as_utf8(sample: bytes) -> bool:
    """GBK bytes that happen to be valid UTF-8 too (a file of a few names, e.g. "袁莎", "郑毓").

    They decode into letters of Greek, Cyrillic, Hebrew, Arabic … (U+0370–U+07FF) and no Chinese
    at all; read as GB18030 they are common simplified Chinese. Real UTF-8 contact files from a
    Chinese office hold Chinese characters (or only Latin accents, which are left alone).
    """
    if sample.isascii():
        return False
    text = codecs.getincrementaldecoder("utf-8")("ignore").decode(sample, final=False)
    odd = False
    for c in text:
        o = ord(c)
        if o < 0x80:
            continue
        if 0x370 <= o <= 0x7FF:
            odd = True
        elif o >= 0x2E80:  # CJK, full-width forms …: a real UTF-8 Chinese file
            return False
    return odd and _decodes(sample, "gb18030") and _is_gb2312_text(sample)


def detect_encoding(sample: bytes) -> str:
    """The encoding of a text file from its first bytes.

    BOMs first; then UTF-8 (strict); then UTF-16 without BOM; then chardet; GBK and GB2312 are read
    as GB18030 (their superset, and what Excel writes on Chinese Windows as "CSV").
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if not sample:
        return "utf-8"
    head = sample[:4096]
    if len(head) >= 4 and b"\x00" in head:
        odd_nuls = head[1::2].count(0)
        even_nuls = head[0::2].count(0)
        if odd_nuls > len(head) // 4 and odd_nuls > even_nuls:
            return "utf-16-le"
        if even_nuls > len(head) // 4:
            return "utf-16-be"
    if _decodes(sample, "utf-8"):
        if not _gbk_misread_as_utf8(sample):
            return "utf-8"
        return "gb18030"
    # A short GBK file (a few names) gives chardet too little to go on: it often says Big5, and
    # Big5 decodes the bytes without error into the wrong characters. For mainland office files,
    # GB18030 wins whenever it reads the sample as common simplified Chinese (GB2312 characters).
    if _decodes(sample, "gb18030") and _is_gb2312_text(sample):
        return "gb18030"
    import chardet

    guess = chardet.detect(sample)
    enc = (guess.get("encoding") or "").lower()
    mapped = _CHARDET_MAP.get(enc)
    if mapped and _decodes(sample, mapped):
        return mapped
    # Chinese office files: GB18030 is by far the likeliest of what is left.
    if _decodes(sample, "gb18030"):
        return "gb18030"
    if enc and _decodes(sample, enc):
        return enc
    raise InputError(
        "无法识别文件的文字编码。请用 Excel 打开后另存为 .xlsx，或另存为“CSV UTF-8”。"
        " / Cannot tell the file's text encoding. Save it as .xlsx or as 'CSV UTF-8' and import again."
    )


def detect_delimiter(text: str) -> str:
    """``,`` ``\\t`` ``;`` or ``|``: the one that splits the first lines most consistently."""
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",\t;|").delimiter
    except csv.Error:
        pass
    best, best_score = ",", 0
    for d in (",", "\t", ";", "|"):
        counts = [ln.count(d) for ln in lines]
        if min(counts) > 0:
            score = min(counts) * 10 + (len(set(counts)) == 1)
            if score > best_score:
                best, best_score = d, score
    return best


def _locate_decode_error(path: Path, encoding: str, sep_line: bool) -> tuple[int, int]:
    """(line, byte offset) of the first bytes that do not decode, line 1 = the first row."""
    dec = codecs.getincrementaldecoder(encoding)(decode_errors(encoding))
    newlines, offset = 0, 0
    with path.open("rb") as f:
        for chunk in f:  # split at b"\n": about one line each (the decoder keeps cut characters)
            try:
                newlines += dec.decode(chunk).count("\n")
            except UnicodeDecodeError as e:
                return newlines + 1 - sep_line, offset + max(0, e.start)
            offset += len(chunk)
    return newlines + 1 - sep_line, offset


def _text_source(
    path: Path, encoding: str, delimiter: str, sep_line: bool = False
) -> Callable[[], Iterator[tuple[int, Row]]]:
    """Rows of a text file. ``sep_line``: the first line is Excel's ``sep=,`` hint, which Excel
    does not show as a row, so it is skipped and the next line is row 1."""

    def source() -> Iterator[tuple[int, Row]]:
        try:
            with path.open("r", encoding=encoding, newline="", errors=decode_errors(encoding)) as f:
                if sep_line:
                    f.readline()
                reader = csv.reader(f, delimiter=delimiter)
                for num, row in enumerate(reader, start=1):
                    if row and not is_blank(row):
                        if num == 1 and row[0].startswith("\ufeff"):
                            row[0] = row[0][1:]
                        yield num, row
        except UnicodeDecodeError as e:
            # e.start counts from the start of the decoder's current chunk, not of the file:
            # find the line the user has to look at
            line, pos = _locate_decode_error(path, encoding, sep_line)
            raise InputError(
                f"文件中有无法按 {encoding} 解码的内容（第 {line} 行，第 {pos} 字节附近）。请另存为 .xlsx 或“CSV UTF-8”后再导入。"
                f" / Part of the file cannot be decoded as {encoding} (line {line}, near byte "
                f"{pos}). Save it as .xlsx or 'CSV UTF-8' and import again."
            ) from e
        except csv.Error as e:
            if "field larger than field limit" in str(e):
                raise cell_too_long(reader.line_num, None, None) from e
            raise InputError(f"CSV 格式错误 / Malformed CSV: {e}") from e

    return source


_SEP_LINE_RE = re.compile(r"\A[ \t]*\"?sep=([^\r\n\"])\"?[ \t]*,*[ \t]*(?:\r\n|\n|\r|\Z)", re.I)


_NON_ASCII_RE = re.compile(rb"[\x80-\xff]")


def _first_non_ascii(path: Path, start: int) -> bytes | None:
    """Some lines from the first non-ASCII byte at or after ``start`` on, or None."""
    with path.open("rb") as f:
        f.seek(start)
        pos = start
        while chunk := f.read(1 << 20):
            hit = None if chunk.isascii() else _NON_ASCII_RE.search(chunk)
            if hit is not None:
                i = hit.start()
                f.seek(pos + max(0, chunk.rfind(b"\n", 0, i) + 1))
                return f.read(64 * 1024)
            pos += len(chunk)
    return None


def _read_text(path: Path, head: bytes, fmt_note: list[str]) -> Table:
    encoding = detect_encoding(head)
    if encoding == "utf-8" and head.isascii() and len(head) == _SNIFF_BYTES:
        # The first 256 KB are plain ASCII (numbers, pinyin): the encoding shows only where the
        # first Chinese text is, further down. Without this a GBK file would be read as UTF-8
        # and refused at that line.
        later = _first_non_ascii(path, len(head))
        if later is not None:
            encoding = detect_encoding(later)
    text = head.decode(encoding, errors="ignore")
    if text.startswith("\ufeff"):
        text = text[1:]
    m = _SEP_LINE_RE.match(text)
    if m:  # Excel's "sep=;" first line names the delimiter
        delimiter = m.group(1)
        text = text[m.end() :]
    else:
        delimiter = detect_delimiter(text)
    # Line counts, for progress: an estimate from the file size.
    total = None
    lines_in_head = text.count("\n")
    size = path.stat().st_size
    if lines_in_head:
        total = max(1, int(size / max(1, len(head)) * lines_in_head))
    source = _text_source(path, encoding, delimiter, sep_line=m is not None)
    return _finish(path, "csv", None, [], source, total, encoding, delimiter, fmt_note)


# ---- spreadsheets ---------------------------------------------------------------------------
def _sheet_source(sheet: Any) -> Callable[[], Iterator[tuple[int, Row]]]:
    start = sheet.start
    col0 = start[1] if start else 0
    merged = [
        m for m in (sheet.merged_cell_ranges or []) if m[0] != m[1]
    ]  # ((r0, c0), (r1, c1)), 0-based, inclusive

    def source() -> Iterator[tuple[int, Row]]:
        by_start: dict[int, list[tuple[int, int, int, int]]] = {}
        for (r0, c0), (r1, c1) in merged:
            by_start.setdefault(r0, []).append((r0, c0, r1, c1))
        active: list[tuple[int, int, int, Any]] = []  # (last row, c0, c1, value)
        for r, row in enumerate(sheet.iter_rows()):
            if col0:
                row = [""] * col0 + row
            if by_start or active:
                for _, c0, r1, c1 in by_start.pop(r, ()):
                    value = row[c0] if c0 < len(row) else ""
                    active.append((r1, c0, c1, value))
                if active:
                    for _r1, c0, c1, value in active:
                        if len(row) <= c1:
                            row.extend([""] * (c1 + 1 - len(row)))
                        for c in range(c0, c1 + 1):
                            if row[c] == "" or row[c] is None:
                                row[c] = value
                    active = [a for a in active if a[0] > r]
            if not is_blank(row):
                yield r + 1, row

    return source


def _sheet_batches(sheet: Any) -> Callable[[int], Iterator[tuple[Sequence[int], list[Row]]]] | None:
    """Blocks of a sheet's rows as calamine gives them (numbered as ``_sheet_source`` numbers
    them, blank rows included), or None when the rows need ``_sheet_source``'s work: a sheet
    with merged cells, or one whose data starts right of column A."""
    start = sheet.start
    if (start and start[1]) or any(m[0] != m[1] for m in (sheet.merged_cell_ranges or [])):
        return None

    def batches(size: int) -> Iterator[tuple[Sequence[int], list[Row]]]:
        rows = sheet.iter_rows()
        first = 1
        while block := list(islice(rows, size)):
            yield range(first, first + len(block)), block
            first += len(block)

    return batches


def _open_workbook(path: Path, real: str, ext: str) -> Any:
    import python_calamine as pc

    try:
        if real == ext.lstrip(".") or (real == "xlsx" and ext == ".xlsm"):
            return pc.CalamineWorkbook.from_path(str(path))
        with path.open("rb") as f:  # the extension lies: let calamine look at the content
            return pc.CalamineWorkbook.from_filelike(io.BytesIO(f.read()))
    except pc.PasswordError as e:
        raise _err_password(path) from e
    except (pc.CalamineError, pc.ZipError, pc.XmlError) as e:
        raise _err_corrupt(path, str(e)[:200]) from e
    except Exception as e:  # calamine raises plain errors for some malformed content
        if "password" in str(e).lower() or "encrypt" in str(e).lower():
            raise _err_password(path) from e
        raise _err_corrupt(path, str(e)[:200]) from e


def _pick_sheet(path: Path, wb: Any, sheet: str | int | None) -> tuple[str, Any]:
    import python_calamine as pc

    names: list[str] = list(wb.sheet_names)

    def load(name: str) -> Any:
        try:
            return wb.get_sheet_by_name(name)
        except pc.PasswordError as e:
            raise _err_password(path) from e
        except Exception as e:
            raise _err_corrupt(path, f"{name}: {str(e)[:200]}") from e

    if sheet is not None:
        name: str | None = None
        if isinstance(sheet, int):
            if 1 <= sheet <= len(names):
                name = names[sheet - 1]
        elif sheet in names:
            name = sheet
        elif sheet.strip() in names:
            name = sheet.strip()
        elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
            name = names[int(sheet) - 1]
        if name is None:
            raise InputError(
                f"找不到工作表“{sheet}”。文件中的工作表：{'、'.join(names)} / No sheet {sheet!r}. "
                f"Sheets: {', '.join(names)}"
            )
        s = load(name)
        if not s.height:
            raise InputError(f"工作表“{name}”是空的 / Sheet {name!r} is empty")
        return name, s
    visible = [m.name for m in wb.sheets_metadata if str(m.visible).endswith("Visible")]
    ordered = visible + [n for n in names if n not in visible]
    for name in ordered:
        s = load(name)
        if s.height and any(not is_blank(row) for row in s.iter_rows()):
            return name, s  # a sheet holding only blanks (" ", formatting) is empty too
    raise InputError(
        f"“{path.name}”中没有数据：所有工作表都是空的 / {path.name!r} holds no data: every sheet is empty"
    )


def _finish(
    path: Path,
    fmt: str,
    sheet: str | None,
    sheet_names: list[str],
    source: Callable[[], Iterator[tuple[int, Row]]],
    total: int | None,
    encoding: str | None,
    delimiter: str | None,
    notes: list[str],
) -> Table:
    sample_with_num: list[tuple[int, Row]] = []
    for item in source():
        sample_with_num.append(item)
        if len(sample_with_num) >= _SAMPLE_ROWS + 20:
            break
    if not sample_with_num:
        where = f"工作表“{sheet}”" if sheet else f"“{path.name}”"
        raise InputError(f"{where}是空的 / {sheet or path.name!r} is empty")
    sample = [r for _, r in sample_with_num]
    hidx = find_header_row(sample)
    width = max(len(r) for r in sample)
    header_row: int | None = None
    header: Row | None = None
    data = sample
    if hidx is not None:
        header_row = sample_with_num[hidx][0]
        header = sample[hidx]
        data = sample[hidx + 1 :]
        # trailing empty header cells with no data under them do not make columns
        width = max([len(r) for r in data] + [len(header)]) if data else len(header)
    headers = header_names(header, width)
    data = [r + [""] * (width - len(r)) if len(r) < width else r for r in data][:_SAMPLE_ROWS]
    if hidx is not None and not data:
        raise InputError(
            f"{('工作表“' + sheet + '”') if sheet else '文件'}只有表头，没有数据 / "
            f"{sheet or path.name!r} has a header row but no data"
        )
    if total is not None and header_row is not None:
        total = max(0, total - header_row)
    return Table(
        path=path,
        format=fmt,
        sheet=sheet,
        sheet_names=sheet_names,
        headers=headers,
        header_row=header_row,
        sample=data,
        total_rows=total,
        encoding=encoding,
        delimiter=delimiter,
        notes=notes,
        _source=source,
    )


def read_table(path: str | Path, sheet: str | int | None = None) -> Table:
    """Open a contact file. ``sheet`` is a sheet name or 1-based number; default: first non-empty."""
    p = Path(path)
    ext = p.suffix.lower()
    if not p.exists():
        raise InputError(f"文件不存在：{p} / File not found: {p}")
    if p.is_dir():
        raise InputError(f"这是一个文件夹，不是文件：{p} / This is a folder, not a file: {p}")
    if ext not in SUPPORTED_EXTENSIONS:
        raise InputError(
            f"不支持的文件类型“{ext or '(无扩展名)'}”。支持：{' '.join(SUPPORTED_EXTENSIONS)} / "
            f"Unsupported file type {ext or '(none)'!r}. Supported: {' '.join(SUPPORTED_EXTENSIONS)}"
        )
    try:
        with p.open("rb") as f:
            head = f.read(_SNIFF_BYTES)
    except OSError as e:
        raise InputError(f"无法打开文件：{e} / Cannot open the file: {e}") from e
    if not head:
        raise InputError(f"“{p.name}”是空文件 / {p.name!r} is an empty file")
    real = _sniff(p, head)
    notes: list[str] = []
    if real == "ole":
        if _ole_is_encrypted(p):
            raise _err_password(p)
        real = "xls"
    if real in ("xlsx", "ods", "xls"):
        if ext in TEXT_EXTENSIONS or (
            ext != f".{real}" and not (real == "xlsx" and ext == ".xlsm")
        ):
            notes.append(
                f"文件扩展名是 {ext}，但内容是 .{real} 格式，已按实际格式读取 / The file is named {ext} "
                f"but holds .{real} data; read as .{real}"
            )
        wb = _open_workbook(p, real, ext)
        name, s = _pick_sheet(p, wb, sheet)
        if _has_macros(p, real):
            notes.append(
                "工作簿中有宏（VBA），只读取了单元格内容，宏没有运行 / The workbook holds macros"
                " (VBA); only the cell values were read, no macro was run"
            )
        table = _finish(
            p, real, name, list(wb.sheet_names), _sheet_source(s), s.height, None, None, notes
        )
        table._batches = _sheet_batches(s)
        return table
    if real == "html":
        raise InputError(
            f"“{p.name}”其实是网页（HTML）格式，不是真正的 Excel 文件（很多系统“导出 Excel”时会这样）。"
            "请用 Excel 打开后“另存为” .xlsx 再导入。 / "
            f"{p.name!r} is really a web page (HTML), not an Excel file. Open it in Excel, save it as "
            ".xlsx and import that."
        )
    if real == "xml":
        raise InputError(
            f"“{p.name}”是 XML 表格（Excel 2003 XML），不支持。请用 Excel 另存为 .xlsx。 / "
            f"{p.name!r} is an Excel 2003 XML sheet; save it as .xlsx."
        )
    if real == "docx":
        raise InputError(
            f"“{p.name}”是 Word 文档，不是表格 / {p.name!r} is a Word document, not a sheet"
        )
    if real == "text":
        if ext in (".xlsx", ".xlsm", ".ods"):
            raise _err_corrupt(p, f"内容是纯文本，不是 {ext} / it holds plain text, not {ext}")
        if ext == ".xls":  # web systems often "export to Excel" as CSV named .xls
            notes.append(
                f"文件扩展名是 {ext}，但内容是文本（CSV），已按 CSV 读取 / The file is named {ext} but "
                "holds text (CSV); read as CSV"
            )
        return _read_text(p, head, notes)
    if real == "corrupt":
        raise _err_corrupt(p, "压缩包不完整或已损坏 / the zip archive is incomplete or damaged")
    raise _err_corrupt(p)

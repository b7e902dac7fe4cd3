"""Generate fixture spreadsheets in the tests: .xls (BIFF8 in an OLE2 container), .ods, and .xlsx
with formulas that carry cached values, without any extra package.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

# ---- .xls (BIFF8) ------------------------------------------------------------------------------


def _rec(rtype: int, data: bytes) -> bytes:
    return struct.pack("<HH", rtype, len(data)) + data


def _bof(dt: int) -> bytes:
    return _rec(0x0809, struct.pack("<HHHHII", 0x0600, dt, 0x0DBB, 0x07CC, 0, 0x06))


def _xl_ustr16(s: str) -> bytes:
    return struct.pack("<HB", len(s), 1) + s.encode("utf-16-le")


def _xl_ustr8(s: str) -> bytes:
    return struct.pack("<BB", len(s), 1) + s.encode("utf-16-le")


def _cfb(stream: bytes, name: str = "Workbook") -> bytes:
    """A minimal OLE2 compound file (v3, 512-byte sectors) holding one stream."""
    return cfb({name: stream})


def cfb(tree: dict[str, Any]) -> bytes:
    """An OLE2 compound file (v3, 512-byte sectors). ``tree``: name -> bytes (a stream) or a
    dict (a storage, holding its own tree). Streams are padded to 4 KiB so that none lives in
    the mini stream; siblings are chained to the right (readers walk, they do not rebalance)."""
    sector = 512
    end, free, fatsect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    # flatten: (name, type, data, child ids) with the root first
    nodes: list[list[Any]] = [["Root Entry", 5, b"", []]]

    def add(items: dict[str, Any], parent: int) -> None:
        for nm, val in items.items():
            nodes.append([nm, 1 if isinstance(val, dict) else 2, b"", []])
            idx = len(nodes) - 1
            nodes[parent][3].append(idx)
            if isinstance(val, dict):
                add(val, idx)
            else:
                # a size under 4 KiB would place the stream in the mini stream
                data = val + b"\x00" * max(0, 4096 - len(val))
                nodes[idx][2] = data + b"\x00" * (-len(data) % sector)
                nodes[idx].append(len(data))

    add(tree, 0)
    body = b""
    fat: list[int] = []
    starts: dict[int, int] = {}
    for i, node in enumerate(nodes):
        if node[1] != 2:
            continue
        first, n = len(fat), len(node[2]) // sector
        starts[i] = first
        fat += [first + k + 1 for k in range(n - 1)] + [end]
        body += node[2]
    dir_entries = len(nodes) + (-len(nodes) % 4)
    dir_first, dir_n = len(fat), dir_entries // 4
    fat += [dir_first + k + 1 for k in range(dir_n - 1)] + [end]
    n_fat = 1
    while len(fat) + n_fat > n_fat * 128:
        n_fat += 1
    assert n_fat <= 109, "fixture too large for the header's FAT list"
    fat_first = len(fat)
    fat += [fatsect] * n_fat
    fat += [free] * (n_fat * 128 - len(fat))
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, n_fat, dir_first, 0, 4096, end, 0, end, 0)
        + b"".join(struct.pack("<I", fat_first + k) for k in range(n_fat))
        + struct.pack("<I", free) * (109 - n_fat)
    )
    assert len(header) == 512

    def entry(i: int) -> bytes:
        nm, typ, _data, kids = nodes[i][:4]
        raw = nm.encode("utf-16-le") + b"\x00\x00"
        siblings = next((k for k in nodes if i in k[3]), None)
        right = nostream
        if siblings is not None:
            pos = siblings[3].index(i)
            right = siblings[3][pos + 1] if pos + 1 < len(siblings[3]) else nostream
        child = kids[0] if kids else nostream
        start, size = (starts[i], nodes[i][4]) if typ == 2 else (end if i == 0 else 0, 0)
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB", len(raw), typ, 1)
            + struct.pack("<III", nostream, right, child)
            + b"\x00" * 36
            + struct.pack("<III", start, size, 0)
        )

    empty = (
        b"\x00" * 64
        + struct.pack("<HBB", 0, 0, 0)
        + struct.pack("<III", nostream, nostream, nostream)
        + b"\x00" * 48
    )
    directory = b"".join(entry(i) for i in range(len(nodes)))
    directory += empty * (dir_entries - len(nodes))
    return header + body + directory + struct.pack(f"<{n_fat * 128}I", *fat)


def write_xls(
    path: Path,
    sheets: dict[str, list[list[Any]]],
    merged: dict[str, list[tuple[int, int, int, int]]] | None = None,
    password: bool = False,
    extra: dict[str, Any] | None = None,
) -> Path:
    """A BIFF8 workbook. Cells: str (SST), int/float (NUMBER), None (empty).

    ``merged``: per sheet, (first_row, last_row, first_col, last_col), 0-based.
    ``password``: add a FILEPASS record (RC4), as a workbook with an open password has.
    ``extra``: more entries of the OLE2 file beside "Workbook" (see :func:`cfb`), e.g. a
    ``_VBA_PROJECT_CUR`` storage.
    """
    strings: list[str] = []
    index: dict[str, int] = {}
    for rows in sheets.values():
        for row in rows:
            for v in row:
                if isinstance(v, str) and v not in index:
                    index[v] = len(strings)
                    strings.append(v)
    total = sum(1 for rows in sheets.values() for row in rows for v in row if isinstance(v, str))
    sst = _rec(
        0x00FC, struct.pack("<II", total, len(strings)) + b"".join(_xl_ustr16(s) for s in strings)
    )

    xf = _rec(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    cell_xf = _rec(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    globals_head = _bof(0x0005)
    if password:
        globals_head += _rec(0x002F, struct.pack("<HHH", 1, 1, 1) + b"\x11" * 48)
    globals_head += _rec(0x0042, struct.pack("<H", 1200))
    globals_head += xf * 15 + cell_xf  # 15 style XFs + 1 cell XF (index 15)

    sheet_streams: list[bytes] = []
    for name, rows in sheets.items():
        body = _bof(0x0010)
        nrows = len(rows)
        ncols = max((len(r) for r in rows), default=0)
        body += _rec(0x0200, struct.pack("<IIHHH", 0, nrows, 0, ncols, 0))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, str):
                    body += _rec(0x00FD, struct.pack("<HHHI", r, c, 15, index[v]))
                else:
                    body += _rec(0x0203, struct.pack("<HHHd", r, c, 15, float(v)))
        m = (merged or {}).get(name) or []
        if m:
            body += _rec(
                0x00E5, struct.pack("<H", len(m)) + b"".join(struct.pack("<HHHH", *x) for x in m)
            )
        body += _rec(0x000A, b"")
        sheet_streams.append(body)

    def boundsheets(offsets: list[int]) -> bytes:
        return b"".join(
            _rec(0x0085, struct.pack("<IBB", off, 0, 0) + _xl_ustr8(name))
            for off, name in zip(offsets, sheets, strict=True)
        )

    eof = _rec(0x000A, b"")
    size_globals = len(globals_head) + len(boundsheets([0] * len(sheets))) + len(sst) + len(eof)
    offsets, pos = [], size_globals
    for s in sheet_streams:
        offsets.append(pos)
        pos += len(s)
    stream = globals_head + boundsheets(offsets) + sst + eof + b"".join(sheet_streams)
    path.write_bytes(cfb({"Workbook": stream, **(extra or {})}))
    return path


# ---- .ods --------------------------------------------------------------------------------------
def write_ods(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    def cell(v: Any) -> str:
        if v is None or v == "":
            return "<table:table-cell/>"
        if isinstance(v, int | float) and not isinstance(v, bool):
            return f'<table:table-cell office:value-type="float" office:value="{v!r}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'

    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join(
            "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


# ---- .xlsx -------------------------------------------------------------------------------------
def write_xlsx(
    path: Path,
    sheets: dict[str, list[list[Any]]],
    merged: dict[str, list[str]] | None = None,
) -> Path:
    """openpyxl, normal mode. Strings starting with ``=`` become formulas (no cached value)."""
    from openpyxl import Workbook

    wb = Workbook()
    first = True
    for name, rows in sheets.items():
        ws = wb.active if first else wb.create_sheet(name)
        assert ws is not None
        ws.title = name
        first = False
        for row in rows:
            ws.append(row)
        for rng in (merged or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def set_cached_values(
    path: Path, values: dict[str, Any], sheet_xml: str = "xl/worksheets/sheet1.xml"
) -> None:
    """Give formula cells a cached result, as Excel saves them (openpyxl writes none)."""
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    xml = items[sheet_xml].decode("utf-8")
    for ref, val in values.items():
        pattern = re.compile(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>', re.S)
        if isinstance(val, str):
            repl = rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{escape(val)}</v>'
        else:
            repl = rf'<c r="{ref}"\1><f>\2</f><v>{val!r}</v>'
        xml, n = pattern.subn(repl, xml)
        assert n == 1, f"formula cell {ref} not found"
    items[sheet_xml] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in items.items():
            z.writestr(n, data)

"""Draw the application icon (an original design) and write resources/icons/.

    .venv/bin/python packaging/make_icon.py

Writes ``sms-desktop.png`` (256 px) and ``sms-desktop.ico`` (16–256 px, PNG-compressed
entries). Drawn with Qt, so it needs nothing beyond the project's own dependencies. The files
are committed; run this again only to change the design.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SIZES = (16, 24, 32, 48, 64, 128, 256)
OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    p.scale(s, s)
    # a rounded tile in two blues
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("#1565c0")))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    p.setBrush(QBrush(QColor("#1e88e5")))
    p.drawRoundedRect(QRectF(8, 8, 240, 150), 48, 48)
    p.drawRect(QRectF(8, 100, 240, 58))
    # a back bubble (the "bulk" of bulk SMS), then the front bubble with its tail
    p.setBrush(QBrush(QColor(255, 255, 255, 110)))
    p.drawRoundedRect(QRectF(70, 40, 150, 100), 30, 30)
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(36, 76, 168, 112), 32, 32)
    tail = QPainterPath()
    tail.moveTo(QPointF(70, 180))
    tail.lineTo(QPointF(52, 222))
    tail.lineTo(QPointF(110, 184))
    tail.closeSubpath()
    p.setBrush(QBrush(QColor("#ffffff")))
    p.drawPath(bubble.united(tail))
    # three dots: a message being typed
    p.setBrush(QBrush(QColor("#1565c0")))
    for x in (80, 120, 160):
        p.drawEllipse(QPointF(x, 132), 13, 13)
    if size >= 48:  # a green tick badge: delivered
        p.setBrush(QBrush(QColor("#43a047")))
        p.drawEllipse(QPointF(200, 196), 40, 40)
        pen = QPen(QColor("#ffffff"), 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(QPointF(181, 197))
        path.lineTo(QPointF(195, 211))
        path.lineTo(QPointF(220, 184))
        p.drawPath(path)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def write_ico(path: Path, images: list[bytes]) -> None:
    """An ICO file whose entries are PNG images (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = [], []
    for size, blob in zip(SIZES, images, strict=True):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    path.write_bytes(header + b"".join(entries) + b"".join(blobs))


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    pngs = [png_bytes(draw(n)) for n in SIZES]
    (OUT / "sms-desktop.png").write_bytes(pngs[-1])
    write_ico(OUT / "sms-desktop.ico", pngs)
    print(f"wrote {OUT / 'sms-desktop.png'} and {OUT / 'sms-desktop.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

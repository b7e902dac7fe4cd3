"""The user guides' screenshots as the programs carry them (``build.spec``): only those a guide
shows, each as a 256-colour PNG.

The screenshots (``docs/screenshots/gui-*.png``, 24-bit PNGs of the window drawn by
``sms_desktop.ui.screenshots``) are flat colours and anti-aliased text: 250 to 1,400 colours
each. Kept to their 256 most frequent colours, the few pixels of the others (anti-aliasing
shades, under 2 % of a picture) drawn in the nearest of them, they take 35-40 % of the bytes,
and a PNG does not compress any further inside the one-file program. The guide viewer scales
them down to 860 pixels wide in any case. Imported by the spec file (PyInstaller runs it with
this folder on ``sys.path``); it needs PySide6, which the build has.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

COLOURS = 256


def palette_png(src: Path, out: Path) -> Path:
    """``src`` as an 8-bit palette PNG in ``out`` (made again only when ``src`` is newer)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    if out.is_file() and out.stat().st_mtime >= src.stat().st_mtime:
        return out
    image = QImage(str(src))
    if image.isNull():
        raise SystemExit(f"guide_images: cannot read {src}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if image.hasAlphaChannel():  # not a screenshot of the window: as it is
        out.write_bytes(src.read_bytes())
        return out
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = memoryview(bytes(rgb.constBits())[: rgb.sizeInBytes()]).cast("I")
    table = [colour for colour, _ in Counter(pixels).most_common(COLOURS)]
    indexed = rgb.convertToFormat(
        QImage.Format.Format_Indexed8, table, Qt.ImageConversionFlag.ThresholdDither
    )
    if not indexed.save(str(out), "PNG", 0):  # quality 0: zlib's best compression
        raise SystemExit(f"guide_images: cannot write {out}")
    return out


def guide_images(guides: list[Path], folder: Path, out: Path) -> list[tuple[str, str]]:
    """PyInstaller's (source, destination folder) pairs for the images the ``guides`` show
    (``read_guide``'s rule), found in ``folder``, converted into ``out``; the destination is
    relative to the guides' folder in the bundle."""
    from sms_desktop.ui.dialogs.guide import shown_images

    names: dict[str, None] = {}
    for guide in guides:
        names.update(dict.fromkeys(shown_images(guide.read_text(encoding="utf-8"))))
    pairs = []
    for name in names:
        src = folder / name
        if not src.is_file():
            raise SystemExit(f"guide_images: a guide shows {name}, which is not in {folder}")
        dest = Path(name).parent.as_posix()
        pairs.append((str(palette_png(src, out / name)), dest))
    return pairs

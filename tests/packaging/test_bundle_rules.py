"""What ``build.spec`` puts in the programs, checked without building: the user guides'
screenshots as 256-colour PNGs (``packaging/pyinstaller/guide_images.py``) and one copy of the
C++ runtime (``packaging/pyinstaller/qt_slim.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "pyinstaller"))

from guide_images import guide_images, palette_png  # noqa: E402
from qt_slim import one_msvc_runtime  # noqa: E402

DOCS = ROOT / "docs"
GUIDES = [DOCS / "user-guide.zh-CN.md", DOCS / "user-guide.en.md"]


def _pixels(image: QImage) -> list[int]:
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    return list(memoryview(bytes(rgb.constBits())[: rgb.sizeInBytes()]).cast("I"))


def test_a_screenshot_goes_in_as_a_256_colour_png_that_looks_the_same(tmp_path) -> None:
    src = DOCS / "screenshots" / "gui-history.png"  # the one with the most bytes
    out = palette_png(src, tmp_path / "gui-history.png")
    before, after = QImage(str(src)), QImage(str(out))
    assert after.format() == QImage.Format.Format_Indexed8 and after.colorCount() <= 256
    assert after.size() == before.size()
    a, b = _pixels(before), _pixels(after)
    same = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    assert same > 0.98, same  # the others: anti-aliasing shades, in the nearest colour kept
    assert out.stat().st_size < 0.5 * src.stat().st_size


def test_only_the_screenshots_a_guide_shows_go_in(tmp_path) -> None:
    from sms_desktop.ui.dialogs.guide import read_guide

    pairs = guide_images(GUIDES, DOCS, tmp_path)
    names = {f"{dest}/{Path(src).name}" for src, dest in pairs}
    shown = set()
    for lang in ("zh_CN", "en"):
        shown |= set(read_guide(lang, DOCS).images)
    assert names == shown
    on_disk = {f"screenshots/{p.name}" for p in (DOCS / "screenshots").glob("gui-*.png")}
    assert names < on_disk  # some screenshots are for the README and docs only
    assert all(Path(src).parent == tmp_path / "screenshots" for src, _ in pairs)


def test_one_copy_of_the_cpp_runtime() -> None:
    class Analysis:
        binaries: list[tuple[str, str, str]]

    analysis = Analysis()
    analysis.binaries = [
        (name, f"C:\\site-packages\\{name}", "BINARY")
        for name in (
            "VCRUNTIME140.dll",
            "VCRUNTIME140_1.dll",
            "python313.dll",
            "shiboken6\\MSVCP140.dll",
            "shiboken6\\VCRUNTIME140.dll",
            "shiboken6\\VCRUNTIME140_1.dll",
            "shiboken6\\shiboken6.abi3.dll",
            "PySide6\\MSVCP140.dll",
            "PySide6\\MSVCP140_1.dll",
            "PySide6\\MSVCP140_2.dll",
            "PySide6\\VCRUNTIME140.dll",
            "PySide6\\VCRUNTIME140_1.dll",
            "PySide6\\Qt6Core.dll",
        )
    ]
    one_msvc_runtime(analysis)
    assert [e[0] for e in analysis.binaries] == [
        "VCRUNTIME140.dll",
        "VCRUNTIME140_1.dll",
        "python313.dll",
        "shiboken6\\MSVCP140.dll",
        "shiboken6\\VCRUNTIME140_1.dll",  # not always loaded before shiboken6: its own stays
        "shiboken6\\shiboken6.abi3.dll",
        "PySide6\\MSVCP140_1.dll",  # only PySide6 has these
        "PySide6\\MSVCP140_2.dll",
        "PySide6\\Qt6Core.dll",
    ]

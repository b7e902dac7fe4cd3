"""What ``build.spec`` puts in the programs, checked without building: the user guides'
screenshots as 256-colour PNGs (``packaging/pyinstaller/guide_images.py``), one copy of the
C++ runtime (``packaging/pyinstaller/qt_slim.py``) and one OpenSSL
(``packaging/pyinstaller/one_openssl.py``; its rewrite of libpq is checked by the Windows build
itself and by ``build-windows.sh check-pg``)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "pyinstaller"))

from guide_images import guide_images, palette_png  # noqa: E402
from one_openssl import one_openssl, python_name  # noqa: E402
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


def test_psycopg_binarys_openssl_stands_for_pythons() -> None:
    assert python_name("libssl-3-x64-4e7cec2f17e882170e805bee25b2b412.dll") == "libssl-3.dll"
    assert python_name("LIBCRYPTO-3-x64-CF63D49B9F814EC2621B3CC097F6D68A.dll") == "libcrypto-3.dll"
    for other in (
        "libssl-3.dll",  # Python's own
        "libssl-3-x64.dll",  # not renamed by the wheel's repair tool
        "libpq-f339ee7ec9e22a7678b0830c51679cc4.dll",
        "libssl-1_1-x64-4e7cec2f17e882170e805bee25b2b412.dll",  # another ABI
        "libssl-4e7cec2f.so.3",  # Linux
    ):
        assert python_name(other) is None, other


def test_a_bundle_without_both_openssls_is_left_as_it_is(tmp_path) -> None:
    class Analysis:
        binaries: list[tuple[str, str, str]]

    linux = [
        ("psycopg_binary.libs/libpq-9c1e4a2b.so.5.18", "/sp/libpq.so", "BINARY"),
        ("psycopg_binary.libs/libssl-81ffa89e.so.3", "/sp/libssl.so", "BINARY"),
        ("libssl.so.3", "/usr/lib/libssl.so.3", "BINARY"),
    ]
    windows_without_python_openssl = [
        ("psycopg_binary.libs\\libpq-f339ee7ec9e22a7678b0830c51679cc4.dll", "C:\\pq.dll", "BINARY"),
        (
            "psycopg_binary.libs\\libssl-3-x64-4e7cec2f17e882170e805bee25b2b412.dll",
            "C:\\ssl.dll",
            "BINARY",
        ),
    ]
    for binaries in (linux, windows_without_python_openssl):
        analysis = Analysis()
        analysis.binaries = list(binaries)
        one_openssl(analysis, tmp_path)  # never opens a file: pefile is not needed here
        assert analysis.binaries == binaries
    assert not any(tmp_path.iterdir())

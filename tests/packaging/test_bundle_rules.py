"""What ``build.spec`` puts in the programs, checked without building: one copy of the C++
runtime (``packaging/pyinstaller/qt_slim.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "pyinstaller"))

from qt_slim import one_msvc_runtime  # noqa: E402


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

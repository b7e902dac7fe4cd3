"""The core and the CLI are Qt-free and the simulator shares no code with the client (checked
here and by the import-linter contracts in pyproject.toml)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "sms_desktop"


def _imports(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                mod = node.module or ""
                if node.level:
                    pkg = path.relative_to(ROOT.parent).with_suffix("").parts[: -node.level]
                    mod = ".".join([*pkg, mod] if mod else pkg)
                names.add(mod)
        found[str(path.relative_to(ROOT.parent))] = names
    return found


def test_core_and_cli_never_import_qt_statically():
    for folder in ("core", "cli"):
        found = _imports(ROOT / folder)
        assert len(found) > 5, folder
        bad = {
            f: n
            for f, ns in found.items()
            for n in ns
            if n.split(".")[0] in ("PySide6", "shiboken6")
        }
        assert bad == {}, folder


def test_simulator_imports_nothing_from_the_client():
    sim = _imports(ROOT / "simulator")
    assert sim
    bad = {
        f: n
        for f, ns in sim.items()
        for n in ns
        if n == "sms_desktop.demo"
        or n.startswith(("sms_desktop.core", "sms_desktop.cli", "sms_desktop.ui", "PySide6"))
    }
    assert bad == {}


def test_importing_the_whole_core_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys, sms_desktop.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'sms_desktop.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import sms_desktop.cli, sms_desktop.simulator\n"
        "print(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

"""A plain ``pip install`` of the wheel carries the window's translations and icon.

The wheel is built from this checkout, installed in a fresh virtual environment (no system
site-packages; its dependencies come through pip and its cache), and started offscreen from a
folder outside the checkout with ``--lang en``: the tabs are English, the window has its icon,
and both came from inside the installed package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = {
    "sms_desktop/resources/i18n/sms_desktop_en.qm",
    "sms_desktop/resources/i18n/sms_desktop_zh_CN.qm",
    "sms_desktop/resources/icons/sms-desktop.png",
}

PROBE = r"""
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sms_desktop.ui import app, i18n

seen = {}
qt = app.prepare_qt()  # as main() makes it: the application with its icon

def poll():
    for w in QApplication.topLevelWidgets():
        if w.objectName() == "MainWindow" and getattr(w, "ready", False):
            seen["tabs"] = [w.tabs.tabText(i) for i in range(w.tabs.count())]
            seen["app_icon"] = not QApplication.windowIcon().isNull()
            seen["window_icon"] = not w.windowIcon().isNull()
            seen["qm"] = str(i18n.qm_path("en"))
            seen["icon_file"] = str(app.app_icon_path())
            seen["module"] = app.__file__
            w.close()
            return
    QTimer.singleShot(50, poll)

QTimer.singleShot(0, poll)
seen["rc"] = app.main(["--demo", "--lang", "en", "--home", sys.argv[1]])
print(json.dumps(seen))
"""


def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    p = subprocess.run(args, capture_output=True, text=True, timeout=400, **kw)
    assert p.returncode == 0, (args, p.stdout[-2000:], p.stderr[-4000:])
    return p


def test_the_installed_wheel_speaks_english_and_has_its_icon(tmp_path):
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT)])
    (wheel,) = dist.glob("sms_desktop-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert names >= PACKAGED
    assert not any(n.startswith("resources/") for n in names)  # nothing outside the package

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    py = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _run([str(py), "-m", "pip", "install", "-q", str(wheel)])
    assert any((venv / ("Scripts" if os.name == "nt" else "bin")).glob("sms-desktop*"))

    away = tmp_path / "elsewhere"  # not the checkout: nothing can come from its resources/
    away.mkdir()
    (away / "probe.py").write_text(PROBE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SMS_DESKTOP_"))}
    env.update(QT_QPA_PLATFORM="offscreen", SMS_DESKTOP_NO_KEYRING="1")
    p = _run([str(py), "probe.py", str(tmp_path / "home")], cwd=away, env=env)
    seen = json.loads(p.stdout.strip().splitlines()[-1])
    assert seen["rc"] == 0
    assert seen["tabs"][0] == "Send" and "Balance" in seen["tabs"], seen["tabs"]
    assert seen["app_icon"] and seen["window_icon"]
    installed = str(venv.resolve())
    for key in ("module", "qm", "icon_file"):
        assert seen[key].startswith(installed), (key, seen[key])

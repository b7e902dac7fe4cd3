"""The documentation's screenshots show the program as its Windows users see it: the data folder
where the Windows build keeps it, not the temporary Linux folder the script ran in, and the
Windows platform in 关于. The program itself keeps showing its real paths."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sms_desktop.core.secrets import SecretStore


def test_the_screenshots_show_the_windows_data_folder_and_platform(qtbot, tmp_path: Path):
    from sms_desktop.ui.dialogs.about import versions
    from sms_desktop.ui.screenshots import as_on_windows

    home = tmp_path / "sms-desktop-shots-x"
    warning = SecretStore(home, home_only=True).backend_warning
    assert warning is not None and str(home / "secrets.json") in warning  # the real path
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    note = QLabel(warning)
    about = QLabel("\n".join(f"{k}: {v}" for k, v in versions().items()))
    layout.addWidget(note)
    layout.addWidget(about)
    as_on_windows(page, home)
    folder = r"%LOCALAPPDATA%\SMSDesktop\SMS Desktop\secrets.json"
    assert note.text().count(folder) == 2  # Chinese and English
    assert str(tmp_path) not in note.text() and "/" not in note.text().replace(" / ", "")
    assert "(win32)" in about.text() and f"({sys.platform})" not in about.text().replace(
        "(win32)", ""
    )

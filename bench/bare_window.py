"""The floor for start-up benchmarks: a bare PySide6 window, frozen like the application.

``bench/bare_window.spec`` freezes it with build.spec's Qt rules. With ``SMS_DESKTOP_FIRST_PAINT``
set to a file, it writes ``time.time()`` there at its first paint and exits (as the application
does with ``sms_desktop/ui/startprobe.py``).
"""

import os
import time

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class BareWindow(QMainWindow):
    def paintEvent(self, event):
        path = os.environ.get("SMS_DESKTOP_FIRST_PAINT")
        if path:
            with open(path, "w", encoding="utf-8") as f:
                f.write(repr(time.time()))
            os._exit(0)
        super().paintEvent(event)


def main() -> int:
    app = QApplication([])
    w = BareWindow()
    w.setWindowTitle("bare")
    w.setCentralWidget(QLabel("空白窗口"))
    w.resize(1100, 720)
    w.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())

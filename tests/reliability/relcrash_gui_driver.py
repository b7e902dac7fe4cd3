"""Runs the real application (``sms_desktop.ui.app.main``, offscreen) with scripted prompts, for
the crash tests in test_rel_crash_gui.py. Not a test module: started as a subprocess.

    python relcrash_gui_driver.py send    HOME ACCOUNT NUMBERS_FILE TEXT REPORT.json
    python relcrash_gui_driver.py resume  HOME REPORT.json
    python relcrash_gui_driver.py resume-then-stay HOME REPORT.json
    python relcrash_gui_driver.py full    HOME ACCOUNT NUMBERS_FILE TEXT REPORT.json

``send``: once the window is ready, types the numbers and the text in 发送, presses 发送 and Ok
in the confirmation, and keeps running (the test kills it). ``resume``: answers the start-up
notice of an interrupted job with its first choice (继续发送) and closes the window once that
job has finished (``resume-then-stay``: keeps running, the test kills it again). ``full``: like ``send``, but the store refuses writes (``PRAGMA
max_page_count``, as a full disk) from the send's 3rd request on; the window closes once the
send has stopped and its error was shown. Each writes REPORT.json: every prompt the
application showed (kind, title, text, choices), and the jobs it saw finish.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox


def main(argv: list[str]) -> int:
    mode, home = argv[0], argv[1]
    from sms_desktop.ui.app import main as app_main
    from sms_desktop.ui.interaction import FakePrompts

    prompts = FakePrompts()
    report_path = Path(argv[-1])
    finished: list[dict] = []
    state = {"step": "wait", "window": None}

    def write_report() -> None:
        calls = [
            {"kind": c.kind, "title": c.title, "text": c.text, "extra": _plain(c.extra)}
            for c in prompts.calls
        ]
        report_path.write_text(
            json.dumps({"calls": calls, "finished": finished}, ensure_ascii=False),
            encoding="utf-8",
        )

    if mode in ("resume", "resume-then-stay"):
        prompts.choose_answers.append(0)  # 继续发送（不重发结果未知的）
    if mode == "full":
        _fill_the_disk_at_the_third_request()

    def window():
        from sms_desktop.ui.main_window import MainWindow

        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow):
                return w
        return None

    def tick() -> None:
        w = state["window"] or window()
        if w is None or not w.ready:
            return
        if state["window"] is None:
            state["window"] = w
            w.ctx.changes.job_finished.connect(
                lambda s: (finished.append(s.as_dict()), write_report())
            )
        step = state["step"]
        if mode in ("send", "full"):
            if step == "wait":
                page = w.page("composePage")
                w.tabs.setCurrentWidget(page)
                if page.tab is None or page.tab.account_combo.count() == 0:
                    return
                tab = page.tab
                tab.select_account(argv[2])
                tab.recipients.edit.setPlainText(Path(argv[3]).read_text(encoding="utf-8"))
                tab.editor.edit.setPlainText(argv[4])
                state["tab"] = tab
                state["step"] = "typed"
            elif step == "typed":
                tab = state["tab"]
                if tab._estimate_timer.isActive() or w.ctx.ops.in_flight:
                    return
                tab.send_button.click()
                state["step"] = "confirm"
            elif step == "confirm":
                dialog = state["tab"].confirm_dialog
                if dialog is None or not dialog.isVisible():
                    return
                dialog.findChild(QDialogButtonBox).button(
                    QDialogButtonBox.StandardButton.Ok
                ).click()
                state["step"] = "sending"
                write_report()
            elif (
                step == "sending" and mode == "full" and prompts.errors and not w.ctx.ops.in_flight
            ):
                write_report()
                state["step"] = "closing"
                w.close()
        elif mode == "resume-then-stay" and prompts.of("choose") and step == "wait":
            write_report()  # the notice was answered: the resumed send runs until killed
            state["step"] = "sending"
        elif mode == "resume" and finished and not w.ctx.ops.in_flight:
            write_report()
            state["step"] = "closing"
            w.close()

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(tick)
    QTimer.singleShot(0, timer.start)
    rc = app_main(["--home", home, "--lang", "zh_CN"], prompts=prompts)
    write_report()
    return rc


def _plain(value):
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _fill_the_disk_at_the_third_request() -> None:
    """From the send's 3rd request on, every connection of the store is full (SQLITE_FULL)."""
    from sms_desktop.core.jobs import journal as journal_mod
    from sms_desktop.core.jobs import runner as runner_mod
    from sms_desktop.core.store import db as db_mod

    journal_mod.BOOKKEEPING_BACKOFF = 0.01
    pragma: list[str] = []
    dbs: list[db_mod.SqliteDatabase] = []
    connect = db_mod.SqliteDatabase._connect

    def connect_full(db):
        conn = connect(db)
        if db not in dbs:
            dbs.append(db)
        for p in pragma:
            conn.execute(p)
        return conn

    db_mod.SqliteDatabase._connect = connect_full  # type: ignore[method-assign]
    send = runner_mod.JobRunner._send
    count = [0]

    def send_then_fill(self, *a, **kw):
        count[0] += 1
        if count[0] == 3:
            pages = self.db.read().execute("PRAGMA page_count").fetchone()[0]
            pragma.append(f"PRAGMA max_page_count={pages}")
            for _, conn in self.db._all:
                conn.execute(pragma[0])
        return send(self, *a, **kw)

    runner_mod.JobRunner._send = send_then_fill  # type: ignore[method-assign]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

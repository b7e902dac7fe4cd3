"""``SMSDesktop --self-test REPORT.json``: proof that a build (frozen or not) works end to end.

``app.main`` starts the real main window in demo mode (offscreen where there is no screen), and
this module then drives the application through the window's :class:`AppContext` and the core,
one op at a time, like the tabs do:

* the window is shown and its start-up op opened the store (with the demo simulator);
* Qt's Chinese translations (``qtbase_zh_CN``) and ours are loaded, and the window has its
  icon (both from inside the package: ``assets.py``);
* a balance is read; a message is sent to two recipients and their delivery reports synced;
* the demo's sample contacts file and a GBK CSV of it are imported; the import template is
  written and read back (openpyxl, calamine);
* a password is stored, read and deleted through the keyring backend the platform uses (on
  Windows the Credential Manager, ``WinVaultKeyring``: anything else fails there);
* the user guides and their screenshots are there (帮助 → 使用说明);
* 号段归属: the China carrier and region data of phonenumbers answers a lookup;
* the PostgreSQL driver came with the build (psycopg and its compiled libpq, ``psycopg-binary``)
  and, when an office server is configured (``SMS_DESKTOP_STORE`` or the choice saved by
  设置 → 数据库 in the user's data folder), this PC connects to it and logs in, without writing
  (:func:`~sms_desktop.core.store.url.check_store`); with no server configured the connection is
  reported as skipped. The demo itself always runs on its own SQLite file.

The JSON report lists each check with its result, details and time. Exit code 0 only if all
passed. Checks that the bundle holds what build.spec promises, so CI and the Wine build run it.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import platform
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QObject, QTimer, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from .ops import Op

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

    from .main_window import MainWindow

log = logging.getLogger(__name__)

TIMEOUT = 180.0  # seconds for the whole self-test (a cold one-file start under Wine is slow)
REPORT_WAIT = 30.0  # seconds to wait for delivery reports (the demo delays them a little)
FINAL_STATES = ("delivered", "undelivered")


def prepare_environment() -> None:
    """Before QApplication: with no screen (CI, a container), run offscreen."""
    from .app import has_screen

    if not has_screen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _tr_qt(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class SelfTest(QObject):
    """Runs the checks against a started main window, writes the report, closes the window."""

    def __init__(
        self,
        window: MainWindow,
        report: Path,
        translators: list[QTranslator],
        user_home: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.user_home = user_home  # where a saved store choice is looked for
        self.window = window
        self.ctx = window.ctx
        self.report_path = Path(report)
        self.translators = translators
        self.checks: list[dict[str, Any]] = []
        self.exit_code = 1
        self._t0 = time.perf_counter()
        self._done = False
        self._steps: list[tuple[str, Callable[[], dict[str, Any]]]] = []
        self._job_id = 0
        self._tmp = Path(tempfile.mkdtemp(prefix="sms-desktop-selftest-"))

    # ---- driving -------------------------------------------------------------------------
    def start(self) -> None:
        self.report_path.parent.mkdir(parents=True, exist_ok=True)
        QTimer.singleShot(int(TIMEOUT * 1000), self._timeout)
        self._record("translations", self._check_translations)
        if self.window.ready:
            self._core_checks()
        else:
            self.window.became_ready.connect(self._core_checks)

    def _core_checks(self) -> None:
        self._record("main_window", self._check_window)
        self._steps = [
            ("balance", self._balance),
            ("send_two", self._send),
            ("delivery_reports", self._reports),
            ("import_sample_contacts", self._import_sample),
            ("import_gbk_csv", self._import_gbk),
            ("import_template", self._template),
            ("keyring", self._keyring),
            ("user_guide", self._user_guide),
            ("postgresql", self._postgresql),
            ("number_blocks", self._number_blocks),
        ]
        self._next()

    def _next(self) -> None:
        if self._done:
            return
        if not self._steps:
            self._finish()
            return
        name, fn = self._steps.pop(0)
        t0 = time.perf_counter()

        def ok(detail: dict[str, Any]) -> None:
            self._add(name, bool(detail.pop("ok")), detail, t0)
            self._next()

        def failed(exc: BaseException) -> None:
            tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            self._add(name, False, {"error": f"{type(exc).__name__}: {exc}", "traceback": tb}, t0)
            self._next()

        Op(self.window, fn, ops=self.ctx.ops).in_pool("io").on_success(ok).on_failure(failed).run()

    def _record(self, name: str, fn: Callable[[], dict[str, Any]]) -> None:
        """A check on the GUI thread (it looks at widgets or the QApplication)."""
        t0 = time.perf_counter()
        try:
            detail = fn()
            self._add(name, bool(detail.pop("ok")), detail, t0)
        except Exception as exc:
            self._add(name, False, {"error": f"{type(exc).__name__}: {exc}"}, t0)

    def _add(self, name: str, ok: bool, detail: dict[str, Any], t0: float) -> None:
        seconds = round(time.perf_counter() - t0, 3)
        self.checks.append({"name": name, "ok": ok, "seconds": seconds, **detail})
        log.info("self-test %s: %s", name, "ok" if ok else f"FAILED {detail}")

    def _timeout(self) -> None:
        if not self._done:
            self.checks.append(
                {"name": "timeout", "ok": False, "error": f"not finished after {TIMEOUT:.0f} s"}
            )
            self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        passed = bool(self.checks) and all(c["ok"] for c in self.checks)
        self.exit_code = 0 if passed else 1
        report = {
            "ok": passed,
            "seconds": round(time.perf_counter() - self._t0, 3),
            "app": self._app_facts(),
            "checks": self.checks,
        }
        self.report_path.parent.mkdir(parents=True, exist_ok=True)
        self.report_path.write_text(
            json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        log.info("self-test %s: report in %s", "passed" if passed else "FAILED", self.report_path)
        import shutil

        shutil.rmtree(self._tmp, ignore_errors=True)
        QTimer.singleShot(0, self._close)

    def _close(self) -> None:
        """Close the window (and any dialog) outside the op callback that finished the checks:
        the last window closed ends the event loop. No quit(): with the loop already ended, a
        pending quit would end the next event loop instead (seen under pytest-qt)."""
        self.window.close()
        QApplication.closeAllWindows()

    def _app_facts(self) -> dict[str, Any]:
        from .. import __version__

        return {
            "version": __version__,
            "frozen": bool(getattr(sys, "frozen", False)),
            "executable": sys.executable,
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "qt": qVersion(),
            "pyside6": pyside_version,
            "qpa_platform": QGuiApplication.platformName(),
            "stdout_is_none_safe": sys.stdout is not None and sys.stderr is not None,
            "lang": self.ctx.lang,
            "log_dir": str(self.ctx.log_dir) if self.ctx.log_dir else None,
        }

    # ---- checks on the GUI thread --------------------------------------------------------
    def _check_translations(self) -> dict[str, Any]:
        from PySide6.QtCore import QLibraryInfo

        files = [t.filePath() for t in self.translators]
        # a string of qtbase's: the stock dialogs' Cancel button
        cancel = _tr_qt("QPlatformTheme", "Cancel")
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ours = any("sms_desktop_zh_CN" in f for f in files)
        return {
            "ok": any("qtbase_zh_CN" in f for f in files) and cancel != "Cancel" and ours,
            "ours": ours,
            "loaded": files,
            "qt_translations_dir": qt_dir,
            "QPlatformTheme.Cancel": cancel,
        }

    def _check_window(self) -> dict[str, Any]:
        w = self.window
        tabs = [w.tabs.tabText(i) for i in range(w.tabs.count())]
        shot = self.report_path.with_suffix(".png")
        saved = w.grab().save(str(shot))
        icon = not QApplication.windowIcon().isNull()
        return {
            "ok": w.isVisible() and w.ready and w.tabs.count() > 0 and icon,
            "icon": icon,
            "title": w.windowTitle(),
            "tabs": tabs,
            "visible": w.isVisible(),
            "ready": w.ready,
            "screenshot": str(shot) if saved else None,
        }

    # ---- checks in ops (off the GUI thread), through the window's context and the core ------
    def _demo_account(self) -> str:
        from ..demo import account_name

        return account_name("ipyy")  # pulls its reports: the sync below fetches them

    def _balance(self) -> dict[str, Any]:
        bal = self.ctx.accounts.gateway(self._demo_account()).balance()
        return {
            "ok": bal.messages is not None,
            "account": self._demo_account(),
            "messages": bal.messages,
        }

    def _send(self) -> dict[str, Any]:
        from ..core.contacts.recipients import Recipient
        from ..core.jobs.model import JobSpec
        from ..demo import SAMPLE_CONTACTS, SAMPLE_TEXT

        two = [Recipient(p, n, {"姓名": n, "等级": g}) for p, n, g in SAMPLE_CONTACTS[:2]]
        engine = self.ctx.engine
        self._job_id = engine.create_job(
            JobSpec(account=self._demo_account(), text=SAMPLE_TEXT, recipients=two)
        )
        s = engine.run_job(self._job_id)
        return {
            "ok": s.accepted == len(two) and not (s.rejected or s.unknown),
            "job_id": self._job_id,
            "accepted": s.accepted,
            "rejected": s.rejected,
            "unknown": s.unknown,
        }

    def _reports(self) -> dict[str, Any]:
        if not self._job_id:
            return {"ok": False, "error": "no job was sent"}
        deadline = time.monotonic() + REPORT_WAIT
        syncs = new = 0
        while True:
            res = self.ctx.syncer.sync_account(self._demo_account(), force=True)
            syncs += 1
            new += len(res.new_reports)
            states = {r["phone"]: r["state"] for r in self.ctx.engine.results(self._job_id)}
            if all(s in FINAL_STATES for s in states.values()) or time.monotonic() > deadline:
                break
            time.sleep(1.0)
        # the scheduler may have synced some reports first: the states are what count
        return {
            "ok": bool(states) and all(s in FINAL_STATES for s in states.values()),
            "states": states,
            "syncs": syncs,
            "new_reports_here": new,
            "errors": list(res.errors),
        }

    def _import_sample(self) -> dict[str, Any]:
        from ..core.contacts import import_file
        from ..demo import CONTACTS_FILE, SAMPLE_CONTACTS

        path = self.ctx.home / CONTACTS_FILE
        rep = import_file(self.ctx.db, path, "自检 / self-test")
        handled = rep.imported + rep.updated + rep.invalid + rep.duplicates
        return {
            "ok": rep.imported > 0 and handled == len(SAMPLE_CONTACTS),
            "file": path.name,
            "encoding": rep.encoding,
            **rep.counts,
        }

    def _import_gbk(self) -> dict[str, Any]:
        from ..core.contacts import import_file, iter_contacts
        from ..demo import SAMPLE_CONTACTS, SAMPLE_HEADERS

        path = self._tmp / "通讯录-GBK.csv"
        with path.open("w", encoding="gbk", newline="") as f:
            w = csv.writer(f)
            w.writerow(SAMPLE_HEADERS)
            w.writerows(SAMPLE_CONTACTS)
        rep = import_file(self.ctx.db, path, "自检 GBK")
        names = {c.name for c in iter_contacts(self.ctx.db, rep.group_id)}
        return {
            "ok": rep.imported > 0 and SAMPLE_CONTACTS[0][1] in names,
            "encoding": rep.encoding,
            "imported": rep.imported,
            "names": sorted(names),
        }

    def _template(self) -> dict[str, Any]:
        from ..core.contacts import read_table, write_template
        from ..core.contacts.export import TEMPLATE_HEADERS

        path = self._tmp / "导入模板.xlsx"
        write_template(path)
        table = read_table(path)
        return {
            "ok": list(table.headers[: len(TEMPLATE_HEADERS)]) == list(TEMPLATE_HEADERS),
            "headers": list(table.headers),
        }

    def _user_guide(self) -> dict[str, Any]:
        """帮助 → 使用说明: both guides and every screenshot they show came with the build."""
        from .dialogs.guide import GUIDE_FILES, guide_dir, read_guide

        folder = guide_dir()
        found = {}
        for lang in GUIDE_FILES:
            guide = read_guide(lang, folder)
            wanted = guide.text.count("](screenshots/")
            found[lang] = {"chars": len(guide.text), "images": len(guide.images), "wanted": wanted}
        return {
            "ok": all(f["chars"] > 1000 and f["images"] == f["wanted"] > 0 for f in found.values()),
            "folder": str(folder),
            **found,
        }

    def _number_blocks(self) -> dict[str, Any]:
        """号段归属: China's number blocks came with the build (the tables ``build.spec`` writes
        beside the library; ``source`` says where they were read)."""
        from ..core import carriers

        t0 = time.perf_counter()
        found = {p: carriers.lookup(p).to_dict() for p in ("13800138000", "18912345678")}
        return {
            "ok": found["13800138000"]["carrier"] == carriers.MOBILE
            and found["13800138000"]["province"] == "北京"
            and found["18912345678"]["carrier"] == carriers.TELECOM
            # a frozen program carries the tables: the library's data files are not there
            and (carriers.tables_source() == "bundled" or not getattr(sys, "frozen", False)),
            "load_seconds": round(time.perf_counter() - t0, 3),
            "source": carriers.tables_source(),
            **found,
        }

    def _keyring(self) -> dict[str, Any]:
        from ..core.secrets import SecretStore

        store = SecretStore(self._tmp)  # the OS keyring where there is one (not home_only)
        backend = "file"
        if store.use_keyring:
            import keyring

            backend = type(keyring.get_keyring()).__name__
        account = f"self-test-{uuid.uuid4().hex[:8]}"
        secret = f"自检-{uuid.uuid4().hex}"
        try:
            store.set(account, secret)
            read = store.get(account)
        finally:
            store.delete(account)
        gone = store.get(account) is None
        want_windows = sys.platform == "win32"
        return {
            "ok": read == secret and gone and (not want_windows or backend == "WinVaultKeyring"),
            "backend": backend,
            "read_back": read == secret,
            "deleted": gone,
            "warning": store.backend_warning,
        }

    def _postgresql(self) -> dict[str, Any]:
        """The driver loads (psycopg with a compiled libpq: a Windows PC has no libpq of its
        own); a configured office server is connected to and left unchanged, else skipped."""
        import psycopg
        from psycopg import pq

        from ..core.store.url import check_store, configured_store

        driver = {
            "psycopg": psycopg.__version__,
            "implementation": pq.__impl__,
            "libpq": pq.version(),
        }
        compiled = pq.__impl__ in ("binary", "c")
        url = None
        if self.user_home is not None:
            url = configured_store(None, self.user_home)  # SMS_DESKTOP_STORE, the saved choice
        if url is None or url.is_sqlite:
            return {"ok": compiled, "skipped": "no office server configured", **driver}
        res = check_store(url, self.user_home or self.ctx.home)
        return {
            "ok": compiled and res.ok,
            "skipped": None,
            "server": url.display,
            "connected": res.ok,
            "message": res.message,
            "schema_version": res.version,
            **driver,
        }

"""Chinese and English: the catalogues, the widgets' texts, the language switch, pick().

* Both ``.ts`` catalogues are finished (zh_CN: every entry translated as itself), hold every
  source text of the code (lupdate run on a copy adds nothing), and the committed ``.qm`` are
  what lrelease makes of them.
* Every tab and every dialog that can be built from the window, in both languages: each
  label, button, action, menu, tab, title, placeholder, group box, combo item and header that
  holds Chinese must be made of catalogue sources (zh_CN); in English, no text holds Chinese
  except the demo's own data (account, contact and file names, the sample message).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

from sms_desktop.ui import i18n
from sms_desktop.ui.interaction import FakePrompts

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "i18n"
BIN = Path(sys.executable).parent
# ideographs: full-width punctuation (：【】) alone is not counted (the signature format is 【…】)
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


FORMS = "\x1f"  # between the plural forms of a count's translation (entries())


def ts_path(lang: str) -> Path:
    return TS_DIR / f"sms_desktop_{lang}.ts"


def entries(path: Path) -> list[tuple[str, str, str, str]]:
    """(context, source, translation, type) of every message; type "" when finished."""
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            forms = tr.findall("numerusform")
            # a count's entry: every plural form must be filled (English: one, other)
            text = tr.text or "" if not forms else ""
            if forms and all(f.text for f in forms):
                text = FORMS.join(f.text or "" for f in forms)
            out.append((name, m.findtext("source") or "", text, tr.get("type") or ""))
    return out


def problems(path: Path, lang: str) -> list[str]:
    """What keeps a catalogue from being shipped: unfinished or empty entries; in zh_CN, an
    entry not translated as itself. Entries whose text left the code (vanished) are ignored."""
    found = []
    for ctx, source, translation, kind in entries(path):
        if kind in ("vanished", "obsolete"):
            continue
        if kind == "unfinished" or not translation:
            found.append(f"{ctx}: {source!r} is not translated")
        elif lang == "zh_CN" and set(translation.split(FORMS)) != {source}:
            found.append(f"{ctx}: {source!r} is translated as {translation!r}")
    return found


# ---------------------------------------------------------------------------- catalogues
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_catalogue_is_finished(lang):
    live = [e for e in entries(ts_path(lang)) if e[3] not in ("vanished", "obsolete")]
    assert len(live) > 50
    assert problems(ts_path(lang), lang) == []


def test_a_catalogue_with_unfinished_entries_fails(tmp_path):
    ts = tmp_path / "sms_desktop_en.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="en" sourcelanguage="zh_CN"><context><name>X</name>'
        "<message><source>保存</source><translation>Save</translation></message>"
        '<message><source>取消</source><translation type="unfinished"></translation></message>'
        "<message><source>删除</source><translation></translation></message>"
        '<message><source>旧的</source><translation type="vanished">Old</translation></message>'
        "</context></TS>",
        encoding="utf-8",
    )
    assert problems(ts, "en") == ["X: '取消' is not translated", "X: '删除' is not translated"]
    assert problems(ts, "zh_CN")[0] == "X: '保存' is translated as 'Save'"


def test_every_source_text_is_in_the_catalogues(tmp_path):
    """lupdate over the code, on copies of the catalogues, finds no new text (update.sh's first
    step: the tr()/translate() texts and those of modules' translate shorthands)."""
    stub = tmp_path / "tr_shorthands.py"
    subprocess.run(
        [sys.executable, str(TS_DIR / "catalogue.py"), "stub", str(stub)], check=True, cwd=ROOT
    )
    sources = sorted(str(p) for p in (ROOT / "sms_desktop" / "ui").rglob("*.py"))
    for lang in i18n.LANGS:
        copy = tmp_path / ts_path(lang).name
        shutil.copy(ts_path(lang), copy)
        subprocess.run(
            [
                str(BIN / "pyside6-lupdate"),
                "-silent",
                "-locations",
                "none",
                *sources,
                str(stub),
                "-ts",
                str(copy),
            ],
            check=True,
            cwd=ROOT,
        )
        new = problems(copy, lang)
        assert new == [], f"run resources/i18n/update.sh and translate: {new[:20]}"


def test_the_compiled_catalogues_are_current(tmp_path):
    for lang in i18n.LANGS:
        out = tmp_path / f"{lang}.qm"
        subprocess.run(
            [str(BIN / "pyside6-lrelease"), "-silent", str(ts_path(lang)), "-qm", str(out)],
            check=True,
        )
        assert out.read_bytes() == i18n.qm_path(lang).read_bytes(), (
            f"{i18n.qm_path(lang).name} is stale: run resources/i18n/update.sh"
        )


# ---------------------------------------------------------------------------- the widgets
def _template(source: str) -> str:
    return re.sub(r"%L?[\dn]", lambda _: "(?:.+?)", re.escape(source))


def _sources() -> re.Pattern[str]:
    texts = {
        s for _, s, _, kind in entries(ts_path("zh_CN")) if kind not in ("vanished", "obsolete")
    }
    parts = [_template(s) for s in sorted(texts, key=len, reverse=True) if CJK.search(s)]
    return re.compile("|".join(parts))


def _user_data(extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    """What is shown as it is in either language: the demo's data (account, contact, column and
    file names, the sample message) and ``extra``. The gateways' names are not data: the UI
    shows them in its language (``states.family_label``)."""
    from sms_desktop.core.guard import DEFAULT_MARKETING_WORDS, DEFAULT_OPTOUT
    from sms_desktop.demo import CONTACTS_FILE, SAMPLE_CONTACTS, SAMPLE_HEADERS, SAMPLE_TEXT

    # the opt-out marker and the marketing words are words of the messages, Chinese in both
    words = {CONTACTS_FILE, "【演示公司】", "中文（简体）", *SAMPLE_HEADERS, *extra}
    words |= {DEFAULT_OPTOUT, *DEFAULT_MARKETING_WORDS}
    words |= {v for row in SAMPLE_CONTACTS for v in row if CJK.search(v)}
    text = re.sub(r"\\\{[^{}]*\\\}", "(?:.+?)", re.escape(SAMPLE_TEXT))
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join([text, r"演示-[A-Za-z0-9]+", *(re.escape(w) for w in ordered)]))


def texts_of(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a user reads in ``root`` and its children."""
    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        if w.objectName().startswith(("qt_", "__qt__")):
            continue  # Qt's own parts (QWizard's buttons): qtbase_<lang>.qm translates them
        where = f"{type(w).__name__}#{w.objectName()}"
        if w.isWindow():
            out.append((where + " title", w.windowTitle()))
        if isinstance(w, QLabel):
            out.append((where, w.text()))
        if isinstance(w, QAbstractButton):
            out.append((where, w.text()))
        if isinstance(w, QGroupBox):
            out.append((where, w.title()))
        if isinstance(w, QMenu):
            out.append((where, w.title()))
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            out.append((where + " placeholder", w.placeholderText()))
        if isinstance(w, QTabWidget):
            out += [(f"{where} tab {i}", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QComboBox):
            out += [(f"{where} item {i}", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTableView | QTreeView) and w.model() is not None:
            model = w.model()
            out += [
                (f"{where} header {i}", str(model.headerData(i, Qt.Orientation.Horizontal) or ""))
                for i in range(model.columnCount(QModelIndex()))
            ]
    for action in root.findChildren(QAction):
        out.append((f"QAction#{action.objectName()}", action.text()))
    return [(where, text) for where, text in out if text]


def untranslated(texts: list[tuple[str, str]], lang: str, extra: tuple[str, ...] = ()) -> list[str]:
    """Texts with Chinese that is neither a catalogue source (zh_CN only) nor data."""
    sources, data = _sources(), _user_data(extra)
    bad = []
    for where, text in texts:
        if lang == "en":
            left = [data.sub("", text)]
        else:  # a source may quote data ({姓名}), data may hold a source's words: both orders
            left = [data.sub("", sources.sub("", text)), sources.sub("", data.sub("", text))]
        if all(CJK.search(rest) for rest in left):
            bad.append(f"{where}: {text!r}")
    return bad


def build_dialogs(window) -> list[QWidget]:
    """Every dialog class of ``sms_desktop.ui.dialogs`` whose arguments are known here (the
    context, the window, a demo phone number, the push receivers, None for an optional
    account or contact; the rest left at their defaults), and the settings' language box."""
    import sms_desktop.ui.dialogs as pkg

    known = {
        "ctx": window.ctx,
        "parent": window,
        "phone": "13800138000",
        "receivers": getattr(window, "push", None),
        "account": None,
    }
    built: list[QWidget] = [i18n.LanguageChoice(window.ctx.settings)]
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, QDialog) or cls.__module__ != module.__name__:
                continue
            params = list(inspect.signature(cls.__init__).parameters.values())[1:]
            if any(p.name not in known and p.default is p.empty for p in params):
                continue
            built.append(cls(**{p.name: known[p.name] for p in params if p.name in known}))
    return built


@pytest.fixture(params=i18n.LANGS)
def lang(request, qapp):
    translators = i18n.install(qapp, request.param)
    yield request.param
    i18n.remove(qapp, translators)


@pytest.fixture
def lang_window(lang, make_window):
    return make_window()


def test_every_visible_text_is_in_the_catalogue(lang, lang_window, qtbot, stall_guard):
    window = lang_window
    stall_guard.disarm()  # first paints of every tab and dialog: not what this test measures
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
    texts: list[tuple[str, str]] = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        page = window.tabs.widget(i)
        page.build()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
    texts += texts_of(window)
    dialogs = build_dialogs(window)
    assert {type(d).__name__ for d in dialogs} >= {"AboutDialog", "LanguageChoice"}
    for d in dialogs:
        d.show()
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
    for d in dialogs:
        texts += texts_of(d)
        d.close()
        d.deleteLater()
    assert len(texts) > 20
    warning = window.ctx.secrets.backend_warning  # a core message, shown through pick()
    bad = untranslated(texts, lang, (i18n.pick(warning, lang),) if warning else ())
    assert bad == [], "\n".join(bad)
    if lang == "en":
        assert window.tabs.tabText(0) == "Send"


def test_the_walk_catches_a_text_missing_from_the_catalogue(qapp):
    label = QLabel("这句话不在目录里")
    known = QLabel("余额")
    data = QLabel("演示-ipyy")
    assert untranslated(texts_of(label), "zh_CN") == ["QLabel#: '这句话不在目录里'"]
    assert untranslated(texts_of(known), "zh_CN") == []
    assert untranslated(texts_of(known), "en") == ["QLabel#: '余额'"]
    assert untranslated(texts_of(data), "en") == []


# ---------------------------------------------------------------------------- the switch
def _start(argv: list[str], tmp_path: Path, stall_guard) -> dict[str, object]:
    """Run ``main(argv)`` until the window is ready; read its tabs and a stock button."""
    seen: dict[str, object] = {}

    def poll() -> None:
        for w in QApplication.topLevelWidgets():
            if w.objectName() == "MainWindow" and getattr(w, "ready", False):
                seen["tabs"] = [w.tabs.tabText(i) for i in range(w.tabs.count())]
                seen["title"] = w.windowTitle()
                seen["display"] = QGuiApplication.applicationDisplayName()
                box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
                seen["cancel"] = box.button(QDialogButtonBox.StandardButton.Cancel).text()
                seen["lang"] = i18n.current()
                seen["month"] = QLocale().monthName(1)
                w.close()
                return
        QTimer.singleShot(20, poll)

    stall_guard.disarm()
    QTimer.singleShot(0, poll)
    from sms_desktop.ui.app import main

    rc = main(["--demo", "--home", str(tmp_path / "home"), *argv], prompts=FakePrompts())
    assert rc == 0
    assert i18n.current() is None  # removed at exit
    return seen


def test_lang_en_shows_english_tabs_and_stock_buttons(tmp_path, qapp, stall_guard):
    seen = _start(["--lang", "en"], tmp_path, stall_guard)
    assert seen["lang"] == "en"
    assert seen["tabs"][:1] == ["Send"] and "Balance" in seen["tabs"]  # type: ignore[index]
    assert seen["cancel"] == "Cancel"
    # Qt appends the display name to a title that does not end with it: one name, in English
    assert seen["title"] == "Demo — SMS Desktop" and seen["display"] == "SMS Desktop"
    assert seen["month"] == "January"


def test_lang_zh_cn_shows_chinese_tabs_and_stock_buttons(tmp_path, qapp, stall_guard):
    seen = _start(["--lang", "zh_CN"], tmp_path, stall_guard)
    assert seen["lang"] == "zh_CN"
    assert seen["tabs"][:1] == ["发送"] and "余额" in seen["tabs"]  # type: ignore[index]
    assert seen["cancel"] == "取消"  # Qt's own qtbase_zh_CN.qm
    assert seen["title"] == "演示模式 — 短信群发助手" and seen["display"] == "短信群发助手"
    assert seen["month"] == "一月"


def test_the_settings_choice_applies_at_the_next_start(tmp_path, qapp, stall_guard):
    from sms_desktop.ui.context import open_settings

    home = tmp_path / "home"
    home.mkdir()
    settings = open_settings(home)
    box = i18n.LanguageChoice(settings)
    box.combo.setCurrentIndex(box.combo.findData("en"))
    box.save()
    settings.sync()
    assert i18n.setting_lang(open_settings(home)) == "en"
    assert _start([], tmp_path, stall_guard)["lang"] == "en"  # no --lang: the settings' choice
    assert _start(["--lang", "zh_CN"], tmp_path, stall_guard)["lang"] == "zh_CN"  # --lang wins


def test_without_a_choice_the_system_language_decides():
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    taiwan = QLocale(QLocale.Language.Chinese, QLocale.Country.Taiwan)
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert [i18n.system_lang(x) for x in (chinese, taiwan, english, german)] == [
        "zh_CN",
        "zh_CN",
        "en",
        "en",
    ]


# ---------------------------------------------------------------------------- pick()
@pytest.mark.parametrize(
    ("message", "zh", "en"),
    [
        (
            "账户名称为空。 / The account name is empty.",
            "账户名称为空。",
            "The account name is empty.",
        ),
        (  # a Latin name in both halves
            "ipyy 不支持字符集 gbk / ipyy does not take charset gbk",
            "ipyy 不支持字符集 gbk",
            "ipyy does not take charset gbk",
        ),
        (  # a bilingual detail quoted in both halves (core/sync/pull.py)
            "获取状态报告失败：连接被拒绝 / refused / fetching reports: 连接被拒绝 / refused",
            "获取状态报告失败：连接被拒绝",
            "fetching reports: refused",
        ),
        (  # no space before the slash after a full-width bracket (core/contacts/importer.py)
            "文件内重复（与第 2 行相同）/ duplicate of row 2 in this file: 13800138000",
            "文件内重复（与第 2 行相同）",
            "duplicate of row 2 in this file: 13800138000",
        ),
        ("第一行 / line one\n第二行 / line two", "第一行\n第二行", "line one\nline two"),
        ("中文一\n中文二 / English one\nEnglish two", "中文一\n中文二", "English one\nEnglish two"),
        ("段一 / para one\n\n段二 / para two", "段一\n\n段二", "para one\n\npara two"),
        ("纯中文，没有英文", "纯中文，没有英文", "纯中文，没有英文"),
        ("plain English", "plain English", "plain English"),
    ],
)
def test_pick_shows_one_language(message, zh, en):
    assert i18n.pick(message, "zh_CN") == zh
    assert i18n.pick(message, "en") == en


def test_pick_on_real_core_messages():
    from sms_desktop.core.errors import UnencodableTextError

    msg = str(UnencodableTextError("gbk", ["😀"]))
    assert not CJK.search(i18n.pick(msg, "en").replace("😀", ""))
    assert i18n.pick(msg, "en").startswith("The text holds characters that GBK cannot carry")
    assert i18n.pick(msg, "zh_CN").startswith("内容包含 GBK 无法表示的字符")
    assert "cannot" not in i18n.pick(msg, "zh_CN")


def test_an_input_error_is_shown_in_the_installed_language(qapp, qtbot, ctx, prompts):
    from sms_desktop.core.errors import InputError

    translators = i18n.install(qapp, "en")
    try:
        ctx.ops.report_error(None, InputError("账户名称为空。 / The account name is empty."))
    finally:
        i18n.remove(qapp, translators)
    ctx.ops.report_error(None, InputError("密码为空。 / The password is empty."))
    assert [e.text for e in prompts.errors] == [
        "The account name is empty.",
        "密码为空。 / The password is empty.",  # nothing installed: both halves, as before
    ]


def test_the_settings_dialog_saves_the_language_for_the_next_start(window, qtbot):
    from sms_desktop.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    assert "重新启动" in dialog.language.note.text()
    dialog.language.combo.setCurrentIndex(dialog.language.combo.findData("en"))
    dialog.save()
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
    assert i18n.setting_lang(window.ctx.settings) == "en"
    assert i18n.choose_lang(None, window.ctx.settings) == "en"


# ------------------------------------------------- the English window after a day's work
SINGULAR_AS_PLURAL = re.compile(
    r"(?<![\d,.])1 (messages|replies|numbers|duplicates|rows|contacts|items|requests|characters"
    r"|columns|accounts|jobs|sends|reports|people)\b"
)


def cell_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of the cells, tool tips and status bar a user reads in ``root``: every
    item view's first rows (display and tool-tip roles), list items, and widget tool tips."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStatusBar

    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        if w.objectName().startswith(("qt_", "__qt__")):
            continue
        where = f"{type(w).__name__}#{w.objectName()}"
        out.append((where + " tooltip", w.toolTip()))
        if isinstance(w, QStatusBar):
            out.append((where, w.currentMessage()))
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model():
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list widget's own model: one column
                columns = 1
            for r in range(min(model.rowCount(QModelIndex()), 60)):
                for c in range(columns):
                    index = model.index(r, c)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = model.data(index, role)
                        if isinstance(value, str):
                            out.append((f"{where} [{r},{c}]", value))
    return [(where, text) for where, text in out if text]


def test_the_english_window_shows_no_chinese_from_the_core(
    qapp, make_window, qtbot, sim, tmp_path, stall_guard
):
    """A day's work in English: a send with an invalid and a duplicate number, replies (one an
    opt-out), the import wizard's report, 发送 with a file, the blacklist, a conversation, the
    accounts. Every text, cell, tool tip and notice is English but for the user's own data
    (names, replies, the sample text, the account and group names): the core's ``中文 /
    English`` messages and its Chinese-only names must not reach the screen as they are."""
    from uihelpers import DAY_PAGES, days_work, in_worker, open_day_page

    from sms_desktop.demo import CONTACTS_FILE, account_name
    from sms_desktop.ui.dialogs.account import AccountDialog, AccountsDialog
    from sms_desktop.ui.dialogs.import_wizard import PAGE_REPORT

    translators = i18n.install(qapp, "en")
    try:
        window = make_window()
        stall_guard.disarm()  # first paints of every tab and dialog
        ctx = window.ctx
        days_work(window, qtbot, sim)

        def settle() -> None:
            qtbot.waitUntil(lambda: ctx.ops.in_flight == 0, timeout=10000)

        texts: list[tuple[str, str]] = []
        for page in DAY_PAGES:
            tab = open_day_page(window, qtbot, page)
            settle()
            for _ in range(2):  # lazy pages: asked for, then arrived
                cell_texts(window)
                settle()
            texts += texts_of(window) + cell_texts(window)
            if page == "composePage":
                lists = [tab.recipients.show_list(k) for k in ("invalid", "duplicate")]
                for d in [w for w in qapp.topLevelWidgets() if isinstance(w, QDialog)]:
                    if d.isVisible():
                        texts += texts_of(d) + cell_texts(d)
                        d.close()
                del lists
            if page == "contactsPage":
                wizard = tab.open_import(ctx.home / CONTACTS_FILE)
                qtbot.waitUntil(lambda w=wizard: w.table is not None, timeout=10000)
                wizard.next()
                texts += texts_of(wizard) + cell_texts(wizard)
                preview = wizard.findChild(QTableView, "importPreview")  # the check column
                model = preview.model()
                checks = [model.index(r, model.columnCount() - 1).data() for r in range(7)]
                assert checks[0] == "Can be imported"
                assert checks[5].startswith("invalid number")  # the core's, in English
                assert checks[6].startswith("Duplicate of a number above")  # the file's 2nd
                wizard.next()
                wizard.target_page.group.setEditText("Customers")
                wizard.next()
                qtbot.waitUntil(lambda w=wizard: w.currentId() == PAGE_REPORT, timeout=10000)
                texts += texts_of(wizard) + cell_texts(wizard)
                rejected = wizard.report_page.model  # one row's result is singular
                results = {rejected.data(rejected.index(r, 1)) for r in range(rejected.rowCount())}
                assert results == {"Invalid", "Duplicate", "Blacklisted"}
                assert wizard.findChild(QLabel, "importCount_duplicates").accessibleName() == (
                    "Duplicates"
                )
                wizard.accept()
                settle()
                dialog = tab.show_blacklist()
                settle()
                qtbot.waitUntil(lambda d=dialog: d.model.rowCount() >= 1, timeout=10000)
                cell_texts(dialog)
                settle()
                texts += texts_of(dialog) + cell_texts(dialog)
                dialog.close()
            if page == "inboxPage":
                tab.select_row(tab.model.rowCount() - 1)
                tab.open_conversation()
                conv = tab.conversation
                assert conv is not None
                qtbot.waitUntil(lambda c=conv: c.opened_ms is not None, timeout=10000)
                texts += texts_of(conv) + cell_texts(conv)
                conv.close()
        accounts = AccountsDialog(ctx, window)
        accounts.show()
        qtbot.waitUntil(lambda: accounts.loads >= 1, timeout=10000)
        texts += texts_of(accounts) + cell_texts(accounts)
        account = in_worker(lambda: ctx.accounts.get(account_name("ipyy")))
        edit = AccountDialog(ctx, account, window)
        edit.show()
        texts += texts_of(edit) + cell_texts(edit)
        for d in (accounts, edit):
            d.close()
        for c in ctx.prompts.calls:  # QtPrompts shows them through pick()
            texts += [(f"{c.kind} {c.title}", c.title), (f"{c.kind} text", i18n.pick(c.text))]
            texts += [(f"{c.kind} details", i18n.pick(c.details or ""))]
        settle()
        assert len(texts) > 200
        replies = ("好的", "TD", "周六见", "您好", "Customers")
        bad = untranslated(texts, "en", replies)
        assert bad == [], "\n".join(bad)
        # counts take the plural form of their number (Qt numerus forms): "1 message each"
        wrong = [f"{w}: {t!r}" for w, t in texts if SINGULAR_AS_PLURAL.search(t)]
        assert wrong == [], "\n".join(wrong)
        compose = window.page("composePage").tab
        assert compose.recipients.count_buttons["duplicate"].text() == "1 duplicate"
        assert " · 1 message each" in compose.editor.count_label.text()
        assert conv.summary.text().endswith(" sent, 1 reply")
    finally:
        i18n.remove(qapp, translators)

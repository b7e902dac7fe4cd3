"""Small things a new user meets in the window, each checked in both languages where it shows
text: labels, step numbers, hints, warnings as the user types, the window's width."""

from __future__ import annotations

import contextlib

import pytest

from sms_desktop.ui import i18n


@contextlib.contextmanager
def language(qapp, lang: str):
    translators = i18n.install(qapp, lang)
    try:
        yield
    finally:
        i18n.remove(qapp, translators)


def bracket_depth(text: str) -> int:
    """How deep round brackets (half- or full-width) nest in ``text``."""
    depth = deepest = 0
    for c in text:
        if c in "(（":
            depth += 1
            deepest = max(deepest, depth)
        elif c in ")）":
            depth -= 1
    return deepest


def open_history(window, qtbot, job_id: int):
    """发送记录 with ``job_id`` selected (its recipients below)."""
    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    tab = page.build()
    qtbot.waitUntil(lambda: tab.model.row_of(job_id) >= 0, timeout=10000)
    tab.select_job(job_id)
    return tab


# ---- 设置 → 账户: one pair of brackets ---------------------------------------------------------
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_accounts_list_has_no_brackets_inside_brackets(lang, qapp, make_window, qtbot):
    from sms_desktop.ui.dialogs.account import AccountsDialog

    with language(qapp, lang):
        window = make_window()
        dialog = AccountsDialog(window.ctx, window)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.loads >= 1, timeout=5000)
        texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        assert len(texts) == 4
        assert all(t.startswith("演示-") for t in texts)
        assert [t for t in texts if bracket_depth(t) > 1] == []
        # the send tab's account box names them the same way
        tab = window.page("composePage").build()
        qtbot.waitUntil(lambda: tab.account_combo.count() == 4, timeout=5000)
        assert sorted(tab.account_combo.itemText(i) for i in range(4)) == sorted(texts)


# ---- the import wizard: steps numbered as this file goes through them ------------------------
def write_workbook(path, sheets: dict[str, list[list[object]]]):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def shown_title_size(wizard) -> float:
    """The font size (pixels) of the label that shows the current page's title."""
    from PySide6.QtGui import QFontInfo
    from PySide6.QtWidgets import QLabel

    title = wizard.currentPage().title()
    (label,) = [w for w in wizard.findChildren(QLabel) if w.isVisible() and w.text() == title]
    return QFontInfo(label.font()).pixelSize()


def walk_wizard(tab, qtbot, path, sizes: list[float] | None = None) -> list[str]:
    """The import wizard's page titles, page by page, until its report (and in ``sizes`` the
    font size each title is shown in)."""
    from sms_desktop.ui.dialogs import import_wizard as W

    wizard = tab.open_import(path)
    qtbot.waitUntil(lambda: wizard.table is not None, timeout=10000)
    titles = [wizard.currentPage().title()]
    if sizes is not None:
        qtbot.waitUntil(wizard.isVisible)
        sizes.append(shown_title_size(wizard))
    while wizard.currentId() != W.PAGE_REPORT:
        if wizard.currentId() == W.PAGE_TARGET:
            wizard.target_page.group.setEditText("步骤")
        before = wizard.currentId()
        wizard.next()
        if wizard.currentId() == W.PAGE_PROGRESS:
            titles.append(wizard.currentPage().title())
            if sizes is not None:
                sizes.append(shown_title_size(wizard))
            qtbot.waitUntil(lambda: wizard.currentId() == W.PAGE_REPORT, timeout=20000)
        assert wizard.currentId() != before
        titles.append(wizard.currentPage().title())
        if sizes is not None:
            sizes.append(shown_title_size(wizard))
    qtbot.waitUntil(lambda: tab.ctx.ops.in_flight == 0, timeout=10000)
    wizard.accept()
    return titles


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_import_wizard_numbers_its_steps_without_a_gap(
    lang, qapp, make_window, qtbot, tmp_path
):
    import re

    rows = [["手机号码", "姓名"], ["13800138000", "张三"], ["13900139000", "李四"]]
    one = write_workbook(tmp_path / "one.xlsx", {"名单": rows})
    two = write_workbook(tmp_path / "two.xlsx", {"名单": rows, "说明": [["备注"], ["无"]]})
    with language(qapp, lang):
        window = make_window()
        window.tabs.setCurrentWidget(window.page("contactsPage"))
        tab = window.page("contactsPage").build()
        qtbot.waitUntil(lambda: tab.ctx.ops.in_flight == 0, timeout=10000)
        step = re.compile(r"第 (\d) 步：\S" if lang == "zh_CN" else r"Step (\d): \S")
        for path, pages in ((one, 5), (two, 6)):
            titles = walk_wizard(tab, qtbot, path)
            numbers = [int(m.group(1)) for t in titles if (m := step.match(t))]
            assert numbers == list(range(1, pages + 1)), titles


def test_the_import_wizard_shows_every_step_title_in_one_size(make_window, qtbot, tmp_path):
    rows = [["手机号码", "姓名"], ["13800138000", "张三"], ["13900139000", "李四"]]
    two = write_workbook(tmp_path / "two.xlsx", {"名单": rows, "说明": [["备注"], ["无"]]})
    window = make_window()
    window.tabs.setCurrentWidget(window.page("contactsPage"))
    tab = window.page("contactsPage").build()
    qtbot.waitUntil(lambda: tab.ctx.ops.in_flight == 0, timeout=10000)
    sizes: list[float] = []
    titles = walk_wizard(tab, qtbot, two, sizes)
    assert len(sizes) == len(titles) == 6
    assert len(set(sizes)) == 1, list(zip(titles, sizes, strict=True))


# ---- 发送记录: a paused job says where it is, not "partly successful" ---------------------------
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_paused_job_is_not_called_partly_successful(lang, qapp, make_window, qtbot):
    from uihelpers import in_worker

    from sms_desktop.core.engine import JobControl, JobSpec
    from sms_desktop.demo import account_name
    from sms_desktop.ui.models import jobs as J

    with language(qapp, lang):
        window = make_window()
        engine = window.ctx.engine
        control = JobControl()
        spec = JobSpec(
            account_name("jsm"), "周六见", [f"139{i:08d}" for i in range(1000)]
        )  # 10 batches

        def pause_after_the_first(p) -> None:
            if p.event == "batch":
                control.pause()

        def run():
            return engine.run_job(
                engine.create_job(spec), control=control, progress=pause_after_the_first
            )

        summary = in_worker(run)
        assert summary.state == "paused" and summary.accepted > 0 and summary.queued > 0
        tab = open_history(window, qtbot, summary.job_id)
        row = tab.model.row_of(summary.job_id)
        shown = {
            key: tab.model.index(row, J.KEYS.index(key)).data() for key in ("state", "outcome")
        }
        partly, paused, unfinished = (
            ("部分成功", "已暂停", "未发完")
            if lang == "zh_CN"
            else ("Partly", "Paused", "Not finished")
        )
        assert shown == {"state": paused, "outcome": unfinished}
        assert partly not in tab.detail.title.text() and unfinished in tab.detail.title.text()
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)


# ---- 通讯录: a new search starts at the top ----------------------------------------------------
def test_a_new_contacts_search_starts_at_the_top(ctx, make_window, qtbot, tmp_path, stall_guard):
    from uihelpers import in_worker

    from sms_desktop.core import contacts as C

    path = tmp_path / "3000.csv"
    rows = [f"{13800000000 + i},{'王' if i % 2 else '李'}{i}" for i in range(3000)]
    path.write_text("手机号码,姓名\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with stall_guard.paused():
        in_worker(lambda: C.import_file(ctx.db, path, "三千"))
    window = make_window()
    window.tabs.setCurrentWidget(window.page("contactsPage"))
    tab = window.page("contactsPage").build()
    model, view = tab.model, tab.view
    qtbot.waitUntil(lambda: model.rowCount() == 3000 and not model.loading, timeout=10000)
    # down the list, a row chosen
    view.setCurrentIndex(model.index(2500, 1))
    view.scrollTo(model.index(2500, 1))
    assert view.verticalScrollBar().value() > 0
    with qtbot.waitSignal(tab.searched, timeout=10000):
        tab.search.insert("王")  # as typed (an input method commits the character)
    qtbot.waitUntil(lambda: not tab.search.busy and not model.loading, timeout=10000)
    assert model.rowCount() == 1500
    assert view.verticalScrollBar().value() == 0  # the first matches are in view …
    assert view.rowAt(0) == 0
    current = view.currentIndex()
    assert not current.isValid() or current.row() == 0  # … and no row far below is current
    assert view.selectionModel().selectedRows() == []
    # a change of the contacts (an edit) keeps the place
    view.scrollTo(model.index(1200, 1))
    place = view.verticalScrollBar().value()
    shown: list[int] = []  # the rows the view lays out at each reset of the reload
    model.modelReset.connect(lambda: (view.doItemsLayout(), shown.append(model.rowCount())))
    with qtbot.waitSignal(model.counted, timeout=10000):
        window.ctx.changes.contacts_changed.emit()
    view.doItemsLayout()
    assert shown and set(shown) == {1500}  # never a first page alone: the scroll bar kept its range
    assert view.verticalScrollBar().value() == place


# ---- 发送: placeholders -------------------------------------------------------------------------
def open_compose(window, qtbot):
    page = window.page("composePage")
    window.tabs.setCurrentWidget(page)
    tab = page.build()
    qtbot.waitUntil(lambda: tab.account_combo.count() == 4, timeout=5000)
    return tab


def marked(editor) -> list[str]:
    """The stretches of the message the editor's highlighter marks."""
    block = editor.edit.document().firstBlock()
    text = block.text()
    return [text[r.start : r.start + r.length] for r in block.layout().formats()]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_placeholder_hint_names_placeholders_that_work(lang, qapp, make_window, qtbot):
    import re

    from sms_desktop.core.contacts.placeholders import unknown_placeholders

    with language(qapp, lang):
        tab = open_compose(make_window(), qtbot)
        hint = tab.editor.edit.placeholderText()
        named = re.findall(r"\{[^{}]+\}", hint)
        assert named  # the hint shows the form …
        # … with names a contact always has (no file needed), not a made-up column
        assert unknown_placeholders("".join(named), []) == [], hint


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_an_unknown_placeholder_is_flagged_as_it_is_typed(lang, qapp, make_window, qtbot):
    from sms_desktop.demo import CONTACTS_FILE

    with language(qapp, lang):
        window = make_window()
        tab = open_compose(window, qtbot)
        editor = tab.editor
        warning = editor.placeholder_warning
        # numbers typed, no file: only the contact's own name and number can be filled
        tab.recipients.edit.setPlainText("13800138000")
        editor.set_text("{姓名}您好，等级{等级}")
        assert tab._estimate_timer.isActive()  # the flag does not wait for the estimate
        assert warning.isVisible() and "{等级}" in warning.text()
        assert "{姓名}" in warning.text()  # … among what would work
        assert marked(editor) == ["{等级}"]
        # the file has a 等级 column: the same text is fine …
        tab.recipients.edit.clear()
        tab.load_file(window.ctx.home / CONTACTS_FILE)
        qtbot.waitUntil(lambda: tab.recipients.file is not None, timeout=10000)
        assert not warning.isVisible() and marked(editor) == []
        # … a column it does not have is not, the moment it is typed
        editor.edit.moveCursor(editor.edit.textCursor().MoveOperation.End)
        editor.edit.insertPlainText("，{城市}")
        assert warning.isVisible() and "{城市}" in warning.text()
        assert "{等级}" in warning.text().split("{城市}", 1)[1]  # offered instead
        assert marked(editor) == ["{城市}"]
        qtbot.waitUntil(lambda: not tab._estimate_timer.isActive(), timeout=5000)
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
        assert tab.estimate.unknown_placeholders == ["城市"]  # the core's estimate agrees


# ---- 发送: a send time in the past is flagged when it is chosen --------------------------------
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_past_send_time_is_flagged_as_it_is_entered(lang, qapp, make_window, qtbot, prompts):
    from PySide6.QtCore import QDateTime

    with language(qapp, lang):
        window = make_window()
        tab = open_compose(window, qtbot)
        warning = tab.past_warning
        tab.at_radio.setChecked(True)
        assert not warning.isVisible()  # an hour ahead, as offered
        tab.at_edit.setDateTime(QDateTime.currentDateTime().addDays(-1))
        assert warning.isVisible()  # at once: nothing was sent or asked
        assert warning.text() == ("这个时间已经过去" if lang == "zh_CN" else "This time has passed")
        assert prompts.errors == [] and tab.confirm_dialog is None
        tab.at_edit.setDateTime(QDateTime.currentDateTime().addSecs(2 * 3600))
        assert not warning.isVisible()
        tab.at_edit.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
        assert warning.isVisible()
        tab.now_radio.setChecked(True)  # sent now: no time to flag
        assert not warning.isVisible()
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)


# ---- the window keeps its width as tabs are first shown ----------------------------------------
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_window_does_not_widen_as_tabs_are_first_shown(lang, qapp, make_window, qtbot, sim):
    from uihelpers import DAY_PAGES, days_work, open_day_page

    from sms_desktop.ui.main_window import PAGE_MIN_WIDTH

    with language(qapp, lang):
        window = make_window()
        days_work(window, qtbot, sim)  # replies, a send with skipped numbers: real content
        window.resize(window.minimumSizeHint().width(), 700)  # as narrow as it goes at first
        qtbot.wait(50)
        width = window.width()
        assert width <= PAGE_MIN_WIDTH + 40  # a page's budget and the window's margins
        widths, too_wide = [], []
        for page in DAY_PAGES:
            tab = open_day_page(window, qtbot, page)
            widths.append(window.width())
            if tab.minimumSizeHint().width() > PAGE_MIN_WIDTH:
                too_wide.append(f"{page}: {tab.minimumSizeHint().width()}")
        assert too_wide == []
        assert widths == [width] * len(DAY_PAGES)


# ---- 发送: the confirmation reads the balance itself -------------------------------------------
def press_send(tab, qtbot):
    from PySide6.QtCore import Qt

    qtbot.waitUntil(lambda: not tab._estimate_timer.isActive(), timeout=5000)
    qtbot.waitUntil(lambda: tab.ctx.ops.in_flight == 0, timeout=10000)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    return tab.confirm_dialog


def balance_requests(sim) -> int:
    return sum(
        1 for r in sim.requests if r.family == "ipyy" and r.params.get("action") == "overage"
    )


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_confirmation_reads_the_balance_itself(lang, qapp, make_window, qtbot, sim):
    from sms_desktop.demo import account_name

    sim.account("ipyy", "demo").balance = 3
    with language(qapp, lang):
        window = make_window()  # the 余额 tab is never opened
        tab = open_compose(window, qtbot)
        tab.select_account(account_name("ipyy"))
        tab.recipients.edit.setPlainText("\n".join(str(13800000000 + i) for i in range(5)))
        tab.editor.set_text("余额测试")
        asked = balance_requests(sim)
        dialog = press_send(tab, qtbot)
        qtbot.waitUntil(lambda: dialog.balance_read, timeout=10000)
        assert balance_requests(sim) == asked + 1  # read from the gateway as it opened
        text = dialog.balance_label.text()
        if lang == "zh_CN":
            assert text.startswith("3 条（刚刚查询），发送后约剩 -2 条") and "余额不足" in text
        else:
            assert text.startswith("3 messages (checked just now)") and "too low" in text
        assert "未知" not in text and "Unknown" not in text
        dialog.reject()
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_failed_balance_read_shows_the_last_figure_with_its_age(
    lang, qapp, make_window, qtbot, sim
):
    from datetime import datetime, timedelta

    from uihelpers import in_worker

    from sms_desktop.demo import account_name

    name = account_name("ipyy")
    with language(qapp, lang):
        window = make_window()
        accounts = window.ctx.accounts
        three_hours_ago = (datetime.now() - timedelta(hours=3, minutes=5)).strftime(
            "%Y-%m-%d %H:%M:%S"
        )
        in_worker(lambda: accounts.record_balance(name, 50, three_hours_ago))
        tab = open_compose(window, qtbot)
        tab.select_account(name)
        tab.recipients.edit.setPlainText("13800138000")
        tab.editor.set_text("余额测试")
        sim.set_fault("ipyy", "http500")  # every request, the background sync's too
        dialog = press_send(tab, qtbot)
        qtbot.waitUntil(lambda: dialog.balance_read, timeout=10000)
        sim.clear_faults()
        text = dialog.balance_label.text()
        first, reason = text.split("\n")
        if lang == "zh_CN":
            assert first == "50 条（3 小时前查询），发送后约剩 49 条"
            assert reason.startswith("刚才查询失败：")
        else:
            assert first == "50 messages (checked 3 hours ago); about 49 left after this send"
            assert reason.startswith("Reading it just now failed: ")
        assert len(reason.split("：" if lang == "zh_CN" else ": ", 1)[1]) > 3  # the reason
        dialog.reject()
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)


# ---- 发送记录: a garbled gateway reply is summarised in 说明, never shown as bytes --------------
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_garbage_reply_bytes_do_not_show_in_the_explanation(
    lang, qapp, make_window, qtbot, sim, caplog
):
    import logging

    from uihelpers import in_worker

    from sms_desktop.core.engine import JobSpec
    from sms_desktop.core.textsafe import readable
    from sms_desktop.demo import account_name
    from sms_desktop.ui.models import recipients as R

    with language(qapp, lang):
        window = make_window()
        engine = window.ctx.engine
        spec = JobSpec(account_name("ipyy"), "周六见", ["13800138000"])
        sim.set_fault("ipyy", "garbage")  # every request: the background sync's too
        with caplog.at_level(logging.WARNING, "sms_desktop.core"):
            summary = in_worker(lambda: engine.run_job(engine.create_job(spec)))
        sim.clear_faults()
        assert summary.unknown == 1
        reply = next(r.response for r in reversed(sim.requests) if r.params.get("action") == "send")
        tab = open_history(window, qtbot, summary.job_id)
        model = tab.detail.model
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10000)
        col = R.KEYS.index("message")
        qtbot.waitUntil(lambda: model.index(0, col).data() not in (None, "…"), timeout=10000)
        shown = model.index(0, col).data()
        assert readable(shown), shown
        vendor = model.index(0, R.KEYS.index("vendor_text")).data()  # 网关原文: summarised too
        assert readable(vendor) and ("不可读的内容" if lang == "zh_CN" else "unreadable") in vendor
        size = f"{len(reply):,}"
        if lang == "zh_CN":
            assert shown.startswith("网关回复无法识别") and f"不可读的内容（{size} 字节）" in shown
        else:
            assert shown.startswith("Unrecognised gateway reply")
            assert f"unreadable content ({size} bytes)" in shown
        # the bytes stay where they can be looked at: the log (escaped) and the stored body
        logged = [r.getMessage() for r in caplog.records if "unrecognised reply" in r.getMessage()]
        assert logged and f"({len(reply)} bytes)" in logged[0] and readable(logged[0])
        db = window.ctx.db
        stored = in_worker(
            lambda: (
                db.read()
                .execute(
                    "SELECT r.body FROM raw_bodies r JOIN batches b ON b.raw_id = r.id"
                    " WHERE b.job_id = ?",
                    (summary.job_id,),
                )
                .fetchone()
            )
        )
        assert bytes(stored[0]) == reply
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)


# ---- 发送记录 → 导出: the file speaks the user's language -----------------------------------------
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_history_export_is_in_the_users_language(
    lang, qapp, make_window, qtbot, prompts, tmp_path
):
    import openpyxl
    from uihelpers import in_worker

    from sms_desktop.core.engine import JobSpec
    from sms_desktop.demo import account_name
    from sms_desktop.ui.models import states

    with language(qapp, lang):
        window = make_window()
        engine = window.ctx.engine
        spec = JobSpec(account_name("ipyy"), "周六见", ["13800138000", "1380013800"])
        job = in_worker(lambda: engine.run_job(engine.create_job(spec))).job_id
        tab = open_history(window, qtbot, job)
        path = tmp_path / f"history-{lang}.xlsx"
        prompts.save_answers.append(path)
        with qtbot.waitSignal(prompts.notified, timeout=10000):
            tab.export_button.click()
        rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
        header, sent, skipped = rows
        by = dict(zip(header, zip(sent, skipped, strict=True), strict=True))
        state = "状态" if lang == "zh_CN" else "State"
        explanation = "说明" if lang == "zh_CN" else "Message"
        # the states as the window names them
        assert by[state] == (
            states.label(states.MSG_STATES, "accepted"),
            states.label(states.MSG_STATES, "skipped"),
        )
        assert by[state][0] in (("网关已接收",) if lang == "zh_CN" else ("Accepted by gateway",))
        reason = by[explanation][1]
        if lang == "zh_CN":
            assert reason == "号码无效（10 位）"
        else:
            assert reason == "invalid number: 1380013800 (10 digits)"
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)


# ---- 帮助: the user guide and the diagnostics -------------------------------------------------
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_help_opens_the_user_guide_in_the_chosen_language(lang, qapp, make_window, qtbot):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    with language(qapp, lang):
        window = make_window()
        window.ctx.lang = lang
        action = window.findChild(type(window.sync_action), "userGuideAction")
        assert action is not None and action.isEnabled()
        action.trigger()
        dialog = window.guide
        qtbot.waitUntil(lambda: dialog.loads == 1, timeout=10000)
        assert dialog.isVisible()
        doc = dialog.view.document()
        title = "短信群发助手 使用说明" if lang == "zh_CN" else "SMS Desktop user guide"
        assert doc.firstBlock().text() == title
        # its screenshots, in its language, came with it
        names = list(dialog.guide.images)
        assert len(names) >= 5 and all(n.endswith("-en.png") == (lang == "en") for n in names)
        shown = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(names[0]))
        assert shown is not None and not shown.isNull()
        # the contents' links lead to their sections
        bar = dialog.view.verticalScrollBar()
        assert bar.value() == 0
        last = "#15-遇到问题怎么办" if lang == "zh_CN" else "#15-getting-help"
        dialog.view.anchorClicked.emit(QUrl(last))
        assert bar.value() > bar.maximum() // 2
        # and the other language's guide opens in place
        other = "user-guide.en.md" if lang == "zh_CN" else "user-guide.zh-CN.md"
        dialog.view.anchorClicked.emit(QUrl(other))
        qtbot.waitUntil(lambda: dialog.loads == 2, timeout=10000)
        assert dialog.view.document().firstBlock().text() != title
        action.trigger()  # one viewer
        assert window.guide is dialog
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
        dialog.close()


def test_the_chinese_guide_shows_no_space_where_its_source_wraps_a_line(qapp, make_window, qtbot):
    """The guide's source wraps its paragraphs; a wrap between two Chinese characters showed
    as a space ("编写和发送短信， 到查看结果"). The text shows them joined; code keeps its lines."""
    import re

    with language(qapp, "zh_CN"):
        window = make_window()
        window.ctx.lang = "zh_CN"
        window.show_guide()
        dialog = window.guide
        qtbot.waitUntil(lambda: dialog.loads == 1, timeout=10000)
        shown = dialog.view.document().toPlainText()
        assert "编写和发送短信，到查看结果" in shown
        assert "不需要管理员密码，程序装在" in shown
        cjk = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
        spaced = set(re.findall(rf"[{cjk}] [{cjk}]", shown))
        # the spaces the source really has between two characters (bold and code marks apart)
        source = re.sub(r"[*`]", "", dialog.guide.path.read_text(encoding="utf-8"))
        assert {s for s in spaced if s not in source} == set()
        # a code block's lines stay lines
        assert "sms-desktop-cli run-due" in shown and "\nsms-desktop-cli sync" in shown
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
        dialog.close()


def test_help_exports_diagnostics_without_a_secret(window, qtbot, prompts, tmp_path, sim):
    import logging
    import zipfile

    from secretsearch import find_secrets, password_needles

    from sms_desktop.demo import DEMO_PASSWORD
    from sms_desktop.ui.logs import remove_logging, setup_logging

    ctx = window.ctx
    logs = tmp_path / "logs"
    handler = setup_logging(logs, logging.DEBUG)
    ctx.log_dir = logs
    try:
        logging.getLogger("sms_desktop.ui").info("a line of the log")
        ctx.settings.setValue("sync/poll_interval", 90)  # a settings file, as after 选项 → 保存
        ctx.settings.sync()
        out = tmp_path / "诊断.zip"
        prompts.save_answers.append(out)
        action = window.findChild(type(window.sync_action), "exportDiagnosticsAction")
        assert action.isEnabled()
        with qtbot.waitSignal(prompts.notified, timeout=10000):
            action.trigger()
    finally:
        remove_logging(handler)
    assert window.last_diagnostics.path == out
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        info = z.read("diagnostics.txt").decode("utf-8")
    assert {
        "diagnostics.txt",
        "store-settings.txt",
        "settings.ini",
        "logs/sms-desktop.log",
    } <= names
    from PySide6.QtCore import qVersion

    for needle in (f"Qt: {qVersion()}", "Python: ", "OS: ", "schema version ", "Rows: accounts 4,"):
        assert needle in info, needle
    assert "演示-ipyy: family=ipyy url=http://127.0.0.1:" in info  # settings, no credentials
    with zipfile.ZipFile(out) as z:
        assert "poll_interval=90" in z.read("settings.ini").decode("utf-8")
    needles = password_needles({"demo": DEMO_PASSWORD})
    assert find_secrets([out], needles) == []


# ---- 发送: a pasted number does not knock a file's contact out --------------------------------
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_pasted_copy_of_a_file_number_keeps_the_files_row(lang, qapp, make_window, qtbot, sim):
    from PySide6.QtWidgets import QDialogButtonBox

    from sms_desktop.demo import CONTACTS_FILE, account_name

    with language(qapp, lang):
        window = make_window()
        tab = open_compose(window, qtbot)
        tab.select_account(account_name("ipyy"))
        tab.load_file(window.ctx.home / CONTACTS_FILE)  # 张伟 13800138000 is its row 2
        qtbot.waitUntil(lambda: tab.recipients.file is not None, timeout=10000)
        tab.editor.set_text("{姓名}您好")
        tab.recipients.edit.setPlainText("138 0013 8000")
        qtbot.waitUntil(lambda: not tab._estimate_timer.isActive(), timeout=5000)
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
        est = tab.estimate
        assert est.counts()["empty_field"] == 0  # 张伟 kept his {姓名}
        assert "13800138000" in [v.phone for v in est.valid] and est.ok
        lines, _ = tab.recipients.list_lines("duplicate")
        pasted = [x for x in lines if ("第 1 行" if lang == "zh_CN" else "row 1:") in x]
        kept = "保留那一条" if lang == "zh_CN" else "that one is kept"
        assert len(pasted) == 1 and kept in pasted[0] and pasted[0].startswith("13800138000")
        # sent: 张伟 gets his own text, once
        dialog = press_send(tab, qtbot)
        with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000):
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        sent = [m for m in sim.account("ipyy", "demo").sent if m.phone == "13800138000"]
        assert [m.text for m in sent] == ["【演示公司】张伟您好"]
        qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)


def test_the_confirmation_of_a_postpaid_account_says_so(window, qtbot, sim):
    from sms_desktop.demo import account_name

    acct = sim.account("ipyy", "demo")
    acct.payinfo, acct.balance = "后付费", -7908770  # as the balance test's postpaid account
    tab = open_compose(window, qtbot)
    tab.select_account(account_name("ipyy"))
    tab.recipients.edit.setPlainText("13800138000")
    tab.editor.set_text("后付费测试")
    dialog = press_send(tab, qtbot)
    qtbot.waitUntil(lambda: dialog.balance_read, timeout=10000)
    assert dialog.balance_label.text() == "后付费账户（先发后结，无余额限制）"
    dialog.reject()
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)


def test_the_import_report_counts_read_as_outcomes_in_english(qapp):
    """Beside Imported, Updated, Duplicates and Invalid, the last count said "Blacklist"."""
    from sms_desktop.ui.dialogs.import_wizard import OUTCOME_LABELS, outcome_label

    with language(qapp, "en"):
        labels = {key: outcome_label(key) for key in OUTCOME_LABELS}
    assert labels["blacklisted"] == "Blacklisted"
    assert labels["imported"] == "Imported" and labels["duplicates"] == "Duplicates"

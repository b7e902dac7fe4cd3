"""Scripted demo screenshots of every tab and dialog, for docs/screenshots/.

    SMS_DESKTOP_XVFB=1 bash .ci/setup        # Xvfb, the xcb libraries, fonts-noto-cjk
    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1 \\
        .venv/bin/python -m sms_desktop.ui.screenshots --out docs/screenshots [--lang en]

It refuses to run without a Simplified Chinese font (every character would be a box). The demo
scenario: one personalised job per polling family through the simulator, reports pulled, balances
read; then each tab is selected, the ops are left to finish, and the window is grabbed at
1280×800. Dialogs are grabbed from the dialog widget itself. Add a shot by appending to
``SHOTS`` (name, function that returns the widget to grab). With ``--lang en`` the files are
named ``<name>-en.png`` (the English UI); ``--only gui-balance`` takes one shot.

The pictures show the program as its Windows users see it (:func:`as_on_windows`): the data
folder where the Windows build keeps it, not this run's temporary folder, and the Windows
platform in 关于. Only the pictures: the program itself always shows its real paths.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from . import i18n
from .app import prepare_qt
from .context import AppContext
from .interaction import FakePrompts
from .main_window import MainWindow

SIZE = (1280, 800)


# where the Windows build keeps its data (platformdirs' user data folder; the README's table)
WINDOWS_HOME = "%LOCALAPPDATA%\\SMSDesktop\\SMS Desktop"


def windows_text(text: str, home: Path) -> str:
    """``text`` as the Windows build would show it: a path in ``home`` in the Windows data
    folder, with backslashes; the platform ``win32``."""
    inside = re.escape(str(home)) + r"((?:/[^\s（）()，。,;；]*)?)"
    text = re.sub(inside, lambda m: WINDOWS_HOME + m.group(1).replace("/", "\\"), text)
    return text.replace(f"({sys.platform})", "(win32)")


def as_on_windows(widget: QWidget, home: Path) -> None:
    """Every label of ``widget`` as on Windows (:func:`windows_text`), before it is grabbed."""
    for label in [widget, *widget.findChildren(QLabel)]:
        if isinstance(label, QLabel):
            text = label.text()
            shown = windows_text(text, home)
            if shown != text:
                label.setText(shown)


def wait_until(cond: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(window: MainWindow, extra: float = 0.3) -> None:
    wait_until(lambda: window.ctx.ops.in_flight == 0)
    end = time.monotonic() + extra
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def _in_thread(fn: Callable[[], object]) -> None:
    """Store and gateway work off the GUI thread, the window kept painting; its error is
    raised here (a shot without its data would look right and show nothing)."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:
            failed.append(exc)

    t = threading.Thread(target=run)
    t.start()
    while t.is_alive():
        QApplication.processEvents()
        time.sleep(0.01)
    if failed:
        raise failed[0]


def changes_seen(window: MainWindow) -> None:
    """Wait until the ChangeWatch has told the tabs what the script just wrote."""
    watch = window.ctx.watch
    if watch is not None:
        n = watch.emitted
        watch.poke()
        end = time.monotonic() + 5.0
        while watch.emitted == n and time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.01)


def demo_scenario(window: MainWindow) -> None:
    """Some history to show: one personalised job per polling family, reports pulled."""
    from ..core.contacts.recipients import Recipient
    from ..core.jobs.model import JobSpec
    from ..demo import SAMPLE_CONTACTS, SAMPLE_TEXT, account_name

    ctx = window.ctx
    engine = ctx.engine
    recipients = [Recipient(p, n, {"姓名": n, "等级": g}) for p, n, g in SAMPLE_CONTACTS]
    # The demo put the sample contacts in 通讯录 at start; the shots show the import wizard
    # bringing them in as a user does it (a first import: 新导入 5, one group, not a second copy
    # under the English group name), so the demo's own group goes first.
    from ..core.contacts import delete_group, groups
    from ..demo import CONTACTS_GROUP

    def forget_demo_group() -> None:
        if any(g.name == CONTACTS_GROUP for g in groups(ctx.db)):
            delete_group(ctx.db, CONTACTS_GROUP)

    _in_thread(forget_demo_group)

    def send() -> None:
        for family in ("ipyy", "txt112088"):
            job = engine.create_job(
                JobSpec(account=account_name(family), text=SAMPLE_TEXT, recipients=recipients)
            )
            engine.run_job(job)

    _in_thread(send)
    # a low-balance threshold above one account's balance: the tab's warning shows
    from ..core.balances import set_threshold

    _in_thread(lambda: set_threshold(ctx.db, account_name("txt112088"), 1000))
    assert ctx.sim is not None
    time.sleep(max(0.0, ctx.sim.report_delay) + 0.2)
    _in_thread(lambda: ctx.syncer.sync_all(force=True))
    changes_seen(window)


def inbox_shot(window: MainWindow) -> QWidget:
    """收件箱 after replies came back (the demo gateway's own, one of them an opt-out, and a
    customer's question), the first reply selected."""
    from ..demo import SAMPLE_CONTACTS
    from .tabs.inbox import InboxTab

    ctx = window.ctx
    sim = ctx.sim
    scheduler = window.scheduler
    assert sim is not None and scheduler is not None
    sim.inject_reply("ipyy", "demo", SAMPLE_CONTACTS[0][0], "好的，周六几点开门？")
    sim.inject_reply("txt112088", "demo", SAMPLE_CONTACTS[2][0], "收到，谢谢")
    syncs = scheduler.syncs
    scheduler.sync_now()
    wait_until(lambda: scheduler.syncs > syncs)
    page = window.page("inboxPage")
    window.tabs.setCurrentWidget(page)
    tab = page.build()
    assert isinstance(tab, InboxTab)
    settle(window)
    wait_until(lambda: tab.model.rowCount() > 0)
    tab.select_row(tab.model.rowCount() - 1)
    settle(window)
    return window


def conversation_shot(window: MainWindow) -> QWidget:
    """查看对话 for the first demo contact: the personalised send, its report, the reply."""
    from .tabs.inbox import InboxTab

    tab = window.page("inboxPage").build()
    assert isinstance(tab, InboxTab)
    tab.select_row(tab.model.rowCount() - 1)
    tab.open_conversation()
    dialog = tab.conversation
    assert dialog is not None
    wait_until(lambda: dialog.opened_ms is not None)
    settle(window, 0.2)
    return dialog


def tab_shot(page: str) -> Callable[[MainWindow], QWidget]:
    def shot(window: MainWindow) -> QWidget:
        window.tabs.setCurrentWidget(window.page(page))
        settle(window)
        return window

    return shot


def about_shot(window: MainWindow) -> QWidget:
    from .dialogs.about import AboutDialog

    dialog = AboutDialog(window)
    dialog.show()
    settle(window, 0.2)
    return dialog


def compose_shot(window: MainWindow) -> QWidget:
    """发送 filled in: the demo contacts file, the sample text with {姓名}, its counts."""
    from ..demo import CONTACTS_FILE, SAMPLE_TEXT, account_name
    from .tabs.compose import ComposeTab

    page = window.page("composePage")
    window.tabs.setCurrentWidget(page)
    tab = page.build()
    assert isinstance(tab, ComposeTab)
    wait_until(lambda: tab.account_combo.count() > 0)
    tab.select_account(account_name("ipyy"))
    from ..core.balances import read_balance

    accounts = window.ctx.accounts
    _in_thread(lambda: read_balance(accounts, account_name("ipyy")))  # the cost's yardstick
    tab.load_file(window.ctx.home / CONTACTS_FILE)
    wait_until(lambda: tab.recipients.file is not None)
    tab.editor.set_text(SAMPLE_TEXT)
    wait_until(lambda: not tab._estimate_timer.isActive())
    settle(window)
    return window


def confirm_shot(window: MainWindow) -> QWidget:
    """The confirmation of the send filled in by :func:`compose_shot` (Cancel afterwards)."""
    from .tabs.compose import ComposeTab

    tab = window.page("composePage").build()
    assert isinstance(tab, ComposeTab)
    tab.send()
    wait_until(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    settle(window, 0.2)
    assert tab.confirm_dialog is not None
    return tab.confirm_dialog


GUARD_TEXT = "{姓名}您好，会员日全场优惠，详情见 t.cn/A6xYz"  # the user's words: Chinese in both


def confirm_guard_shot(window: MainWindow) -> QWidget:
    """The confirmation of a marketing text (a listed word, a link) without its opt-out marker,
    to the demo contacts, one of whom had a marketing message today: the guard's findings."""
    from ..core.jobs.model import JobSpec
    from ..demo import SAMPLE_CONTACTS, account_name
    from .tabs.compose import ComposeTab

    engine = window.ctx.engine
    earlier = JobSpec(
        account_name("ipyy"),
        "会员日全场优惠，回T退订",
        [SAMPLE_CONTACTS[0][0]],
        kind="marketing",
        ignore_window=True,  # sent whatever the hour the shots are taken
    )
    _in_thread(lambda: engine.run_job(engine.create_job(earlier)))
    tab = window.page("composePage").build()
    assert isinstance(tab, ComposeTab)
    tab.editor.set_text(GUARD_TEXT)
    wait_until(lambda: not tab._estimate_timer.isActive())
    settle(window)
    tab.send()
    wait_until(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    settle(window, 0.3)
    assert tab.confirm_dialog is not None
    return tab.confirm_dialog


def _contacts_tab(window: MainWindow) -> QWidget:
    page = window.page("contactsPage")
    window.tabs.setCurrentWidget(page)
    tab = page.build()
    settle(window)
    return tab


def _wizard_at_columns(window: MainWindow) -> Any:
    from ..demo import CONTACTS_FILE
    from .tabs.contacts import ContactsTab

    tab = _contacts_tab(window)
    assert isinstance(tab, ContactsTab)
    wizard = tab.open_import(window.ctx.home / CONTACTS_FILE)
    wait_until(lambda: wizard.table is not None)
    wizard.next()
    settle(window, 0.2)
    return wizard


def import_columns_shot(window: MainWindow) -> QWidget:
    """The import wizard on its columns page, with the demo contacts file."""
    wizard: QWidget = _wizard_at_columns(window)
    return wizard


def import_report_shot(window: MainWindow) -> QWidget:
    """The demo contacts file imported through the wizard: its report."""
    from .dialogs.import_wizard import PAGE_REPORT

    wizard = _wizard_at_columns(window)
    wizard.next()
    # the group a user of that language would type (window.tr gave lupdate a context, "window",
    # that is not the class's, so the English shots showed the Chinese name)
    wizard.target_page.group.setEditText(QCoreApplication.translate("Screenshots", "演示客户"))
    wizard.next()
    wait_until(lambda: wizard.currentId() == PAGE_REPORT)
    settle(window, 0.2)
    return wizard


def contacts_shot(window: MainWindow) -> QWidget:
    """通讯录 after the import: the new group selected. The blacklist holds the opt-out that came
    back in 收件箱 (inbox_shot, through the core's sync) and one number added by hand."""
    from ..core.contacts import blacklist_add
    from .tabs.contacts import ContactsTab

    db = window.ctx.db
    reason = QCoreApplication.translate("Screenshots", "客户投诉")  # typed by the user
    _in_thread(lambda: blacklist_add(db, "13912345670", reason=reason, source="manual"))
    tab = _contacts_tab(window)
    assert isinstance(tab, ContactsTab)
    changes_seen(window)
    settle(window)
    tab.view.selectRow(1)
    settle(window, 0.2)
    return window


def blacklist_shot(window: MainWindow) -> QWidget:
    from .tabs.contacts import ContactsTab

    tab = _contacts_tab(window)
    assert isinstance(tab, ContactsTab)
    dialog = tab.show_blacklist()
    settle(window, 0.3)
    return dialog


def history_shot(window: MainWindow) -> QWidget:
    """发送记录 with the newest job selected: its recipients below, states in words and colour."""
    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    settle(window)
    from .tabs.history import HistoryTab

    tab = page.tab
    if isinstance(tab, HistoryTab) and tab.model.rows:
        tab.select_job(tab.model.rows[0].job_id)
    settle(window, 0.5)
    return window


def account_shot(window: MainWindow) -> QWidget:
    """设置 → 账户 → 编辑: an ipyy account, advanced settings shown, a connection test."""
    from ..core.accounts import Account
    from ..demo import account_name
    from .dialogs.account import AccountDialog

    ctx = window.ctx
    box: dict[str, Account] = {}
    _in_thread(lambda: box.setdefault("a", ctx.accounts.get(account_name("ipyy"))))
    dialog = AccountDialog(ctx, box["a"], window)
    dialog.advanced_toggle.setChecked(True)
    dialog.show()
    dialog.test_connection()
    wait_until(lambda: dialog.tests >= 1)
    dialog.resize(560, dialog.sizeHint().height())
    settle(window, 0.2)
    return dialog


def settings_shot(window: MainWindow) -> QWidget:
    from .dialogs.settings import SettingsDialog

    dialog = SettingsDialog(window.ctx, window)
    dialog.show()
    wait_until(lambda: dialog.loaded)
    settle(window, 0.2)
    return dialog


def push_shot(window: MainWindow) -> QWidget:
    """设置 → 推送接收 for the qxt demo account: switched on, a token, the URL for the vendor."""
    from .dialogs.push import PushDialog

    assert window.push is not None
    dialog = PushDialog(window.ctx, window.push, window)
    dialog.show()
    wait_until(lambda: dialog.loaded and bool(dialog.boxes))
    box = dialog.boxes[0]
    box.enabled.setChecked(True)
    box.token.setText("demo-token-2026")
    settle(window, 0.2)
    return dialog


def templates_shot(window: MainWindow) -> QWidget:
    """设置 → 短信模板: three templates a user of that language wrote (a marketing text, a
    notice, a jsm gateway template), the first one open."""
    from ..core import templates as T
    from .dialogs.templates import TemplatesDialog

    samples = [
        T.Template(
            QCoreApplication.translate("Screenshots", "会员日"),
            QCoreApplication.translate(
                "Screenshots", "{姓名}您好，本周六会员日全场八折，详询门店。回T退订"
            ),
            QCoreApplication.translate("Screenshots", "促销"),
            job_kind="marketing",
        ),
        T.Template(
            QCoreApplication.translate("Screenshots", "到货提醒"),
            QCoreApplication.translate(
                "Screenshots", "{姓名}您好，您的订单已到货，取件码{取件码}，请于三日内领取。"
            ),
            QCoreApplication.translate("Screenshots", "物流"),
            job_kind="notice",
        ),
        T.Template(
            QCoreApplication.translate("Screenshots", "验证码"),
            category=QCoreApplication.translate("Screenshots", "账户"),
            family="jsm",
            job_kind="notice",
            gateway_template_id="DEMO-0001",
            gateway_template_vars=["{手机号}", "5"],
        ),
    ]
    db = window.ctx.db

    def save() -> None:
        for t in samples:
            T.save(db, t)

    _in_thread(save)
    changes_seen(window)
    dialog = window.show_templates()
    assert isinstance(dialog, TemplatesDialog)
    wait_until(lambda: dialog.loaded and dialog.list.count() == len(samples))
    dialog.select(samples[0].name)
    settle(window, 0.2)
    return dialog


def office_store_shot(window: MainWindow) -> QWidget:
    """设置 → 数据库 → 办公室服务器, filled in, after a connection test (no server here: the
    test says it cannot reach it)."""
    from .dialogs.office_store import OfficeStoreDialog

    dialog = OfficeStoreDialog(window.ctx, window)
    dialog.show()
    wait_until(lambda: dialog.loaded)
    dialog.office_radio.setChecked(True)
    dialog.host.setText("192.0.2.10")  # a documentation address: nothing answers there
    dialog.port.setText("5432")
    dialog.database.setText("sms_office")
    dialog.user.setText("front_desk")
    dialog.password.setText("example-pw")
    dialog.test()
    wait_until(lambda: dialog.check is not None)
    settle(window, 0.2)
    return dialog


def office_unreachable_shot(window: MainWindow) -> QWidget:
    """The question at start when the office server is out of reach (not run: shown)."""
    from .interaction import QtPrompts

    title, text, choices = window.unreachable_question("192.168.1.10:5432")
    box, _ = QtPrompts.choose_box(window, title, text, choices, default=0, cancel=2)
    box.show()
    settle(window, 0.2)
    return box


def office_login_shot(window: MainWindow) -> QWidget:
    """The question at start when the office server wants a password this PC has not kept."""
    from ..core.store.postgres import pg_store_error
    from ..core.store.url import parse_store_url
    from .i18n import pick
    from .interaction import QtPrompts

    url = parse_store_url("postgresql://sms@192.168.1.10:5432/sms_office")
    import psycopg  # the server's own answer, put in the user's words as at a real start

    said = pg_store_error(psycopg.OperationalError("fe_sendauth: no password supplied"), url)
    assert said is not None
    title, text, choices = window.login_question(pick(str(said)))
    box, _ = QtPrompts.choose_box(window, title, text, choices, default=0, cancel=2)
    box.show()
    settle(window, 0.2)
    return box


# A campaign for the report's shot: numbers of every carrier's blocks (seeded), how often the
# gateway reports them undelivered (China Telecom's numbers twice as often), and the delays of
# the reports after the send.
_PREFIXES = (
    "134 135 136 137 138 139 150 151 152 157 158 159 182 183 187 188 198"
    " 130 131 132 155 156 185 186 166 176 133 153 173 177 180 181 189 199 170 171 192"
)
CAMPAIGN_PREFIXES = _PREFIXES.split()
CAMPAIGN_DELAYS = (8, 20, 35, 50, 90, 150, 240, 600, 1800, 5400, 30000, 100000)


def _campaign(window: MainWindow, n: int = 600) -> int:
    """A demo campaign of ``n`` recipients through the ipyy simulator: most delivered, some
    undelivered (UNDELIV, or REJECT after the vendor's review), a few still without a report;
    the reports' times spread from seconds to a day after the send (the gateway's clock is
    moved a day ahead to hand them out now). Returns the job's id."""
    import random

    from ..core.contacts.recipients import Recipient
    from ..core.jobs.model import JobSpec
    from ..demo import account_name

    ctx = window.ctx
    sim = ctx.sim
    assert sim is not None
    rng = random.Random(2026)
    phones = [rng.choice(CAMPAIGN_PREFIXES) + f"{rng.randrange(10**8):08d}" for _ in range(n)]
    phones[5] = phones[4]  # a duplicate
    phones[9] = phones[9][:10]  # and a number one digit short
    text = QCoreApplication.translate("Screenshots", "【演示商城】双十二会员日，全场八折。回T退订")
    engine = ctx.engine
    box: dict[str, int] = {}

    def send() -> None:
        spec = JobSpec(account_name("ipyy"), text, [Recipient(p) for p in phones])
        box["job"] = engine.create_job(spec)
        engine.run_job(box["job"])

    _in_thread(send)
    account = sim.account("ipyy", "demo")
    sent = {m.gateway_id + m.phone: m.accepted_at for m in account.sent}
    pending = [r for r in account.reports if not r.fetched]
    for r in pending:
        bad = (
            0.14
            if r.phone[:3] in ("133", "153", "173", "177", "180", "181", "189", "199")
            else 0.06
        )
        u = rng.random()
        r.outcome = "fail" if u < bad else "reject" if u < bad + 0.02 else "ok"
        r.due = sent.get(r.gateway_id + r.phone, r.due) + rng.choice(CAMPAIGN_DELAYS)
    for r in pending[::33]:  # these reports have not come yet
        account.reports.remove(r)
    clock = sim.clock
    sim.clock = lambda: clock() + 2 * 86400
    try:
        _in_thread(lambda: ctx.syncer.sync_all(force=True))
    finally:
        sim.clock = clock
    return box["job"]


def report_shot(window: MainWindow) -> QWidget:
    """任务报告 of a demo campaign of 600 numbers (:func:`_campaign`), opened from 发送记录."""
    from .tabs.history import HistoryTab

    job = _campaign(window)
    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    tab = page.build()
    assert isinstance(tab, HistoryTab)
    settle(window)
    wait_until(lambda: tab.model.row_of(job) >= 0)
    tab.select_job(job)
    tab.open_report()
    dialog = tab.report
    assert dialog is not None
    dialog.resize(1180, 900)
    wait_until(lambda: dialog.painted_ms is not None)
    settle(window, 0.3)
    return dialog


def stats_shot(window: MainWindow) -> QWidget:
    """统计 after the demo sends (the campaign of the report's shot included)."""
    page = window.page("statsPage")
    window.tabs.setCurrentWidget(page)
    tab = page.build()
    settle(window)
    tab.reload()  # type: ignore[attr-defined]
    settle(window, 0.3)
    return window


def _automation_rules(window: MainWindow) -> None:
    """Two rules on a small 会员 group: a monthly notice, and the birthdays (one born on Feb 29,
    one whose date cannot be read)."""
    from datetime import time as clock

    from ..core.automation import rules
    from ..core.automation.schedule import Schedule
    from ..core.contacts.repository import add_contact, group_id
    from ..demo import account_name

    ctx = window.ctx

    def work() -> None:
        if rules.rules(ctx.db):
            return
        for phone, name, born in (
            ("13800138000", "张伟", "1990-12-10"),
            ("13912345678", "王芳", "1992-02-29"),
            ("15023239810", "李娜", "12月9日"),
            ("18688886666", "刘洋", "不详"),
        ):
            add_contact(ctx.db, "会员", phone, name, {"生日": born})
        acct = account_name("ipyy")
        rules.add_rule(
            ctx.db,
            ctx.engine,
            rules.Rule(
                "月末账单提醒",
                acct,
                Schedule("monthly", clock(9, 30), month_day="last"),
                text="{姓名}您好，本月账单已出，请及时查看。",
                group=group_id(ctx.db, "会员"),
            ),
        )
        rules.add_rule(
            ctx.db,
            ctx.engine,
            rules.Rule(
                "会员生日祝福",
                acct,
                Schedule("date", clock(9, 0)),
                text="{姓名}，生日快乐！本月到店消费享九折。",
                group=group_id(ctx.db, "会员"),
                date_field="生日",
                days_before=1,
            ),
        )

    _in_thread(work)


def _automation_section(window: MainWindow, name: str) -> Any:
    """The 自动化 tab shown with its section ``name`` (rules, autoreplies, api) current."""
    page = window.page("automationPage")
    window.tabs.setCurrentWidget(page)
    tab = page.build()
    section = getattr(tab, name)
    tab.sections.setCurrentWidget(section)  # type: ignore[attr-defined]
    settle(window)
    return section


def automation_shot(window: MainWindow) -> QWidget:
    """自动化 with its two rules, their next runs."""
    _automation_rules(window)
    _automation_section(window, "rules").load()
    settle(window, 0.3)
    return window


def automation_rule_shot(window: MainWindow) -> QWidget:
    """The birthday rule's form with its preview (the next 7 days, the Feb 29 rule)."""
    _automation_rules(window)
    section = _automation_section(window, "rules")
    section.load()
    settle(window)
    section.select("会员生日祝福")
    dialog = section.edit_rule()
    wait_until(lambda: dialog.loaded)
    dialog.run_preview()
    wait_until(lambda: dialog.previews > 0)
    settle(window, 0.2)
    return dialog


def autoreply_shot(window: MainWindow) -> QWidget:
    """自动化 → 关键词自动回复 with two rules of the demo's ipyy account."""
    from ..core.automation import autoreply
    from ..demo import account_name

    ctx = window.ctx

    def work() -> None:
        if autoreply.rules(ctx.db):
            return
        acct = account_name("ipyy")
        autoreply.add(
            ctx.db,
            ctx.accounts,
            account=acct,
            name="门店地址",
            match="contains",
            keywords="地址，怎么走",
            answer="本店地址：北京市朝阳区建国路 88 号，地铁 1 号线国贸站 B 口。",
        )
        autoreply.add(
            ctx.db,
            ctx.accounts,
            account=acct,
            name="营业时间",
            match="exact",
            keywords="1",
            answer="营业时间：每天 09:00–21:00，节假日照常营业。",
        )

    _in_thread(work)
    _automation_section(window, "autoreplies").load()
    settle(window, 0.3)
    return window


def api_shot(window: MainWindow) -> QWidget:
    """自动化 → HTTP 接口 with two tokens (one revoked); the API itself left off."""
    from ..core.automation import api_tokens

    ctx = window.ctx

    def work() -> None:
        if api_tokens.tokens(ctx.db):
            return
        api_tokens.create(ctx.db, "预约系统")
        api_tokens.create(ctx.db, "旧版订单系统")
        api_tokens.revoke(ctx.db, "旧版订单系统")

    _in_thread(work)
    _automation_section(window, "api").refresh(settings=True)
    settle(window, 0.3)
    return window


SHOTS: list[tuple[str, Callable[[MainWindow], QWidget]]] = [
    ("gui-import-columns", import_columns_shot),
    ("gui-import-report", import_report_shot),
    ("gui-compose", compose_shot),
    ("gui-confirm-send", confirm_shot),
    ("gui-confirm-guard", confirm_guard_shot),
    ("gui-history", history_shot),
    ("gui-inbox", inbox_shot),
    ("gui-conversation", conversation_shot),
    ("gui-contacts", contacts_shot),  # after the inbox: its opt-out is on the blacklist
    ("gui-blacklist", blacklist_shot),
    ("gui-balance", tab_shot("balancePage")),
    ("gui-about", about_shot),
    ("gui-account", account_shot),
    ("gui-settings", settings_shot),
    ("gui-push", push_shot),
    ("gui-office-store", office_store_shot),
    ("gui-office-unreachable", office_unreachable_shot),
    ("gui-office-login", office_login_shot),
    ("gui-templates", templates_shot),
    ("gui-report", report_shot),  # last: its campaign moves the gateway's clock for a moment
    ("gui-stats", stats_shot),
    ("gui-automation", automation_shot),
    ("gui-automation-rule", automation_rule_shot),
    ("gui-automation-autoreply", autoreply_shot),
    ("gui-automation-api", api_shot),
]


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m sms_desktop.ui.screenshots")
    p.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN")
    p.add_argument("--only", help="comma-separated shot names")
    args = p.parse_args(argv)
    app = prepare_qt()
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        print(
            "no Simplified Chinese font: install fonts-noto-cjk (SMS_DESKTOP_XVFB=1 bash .ci/setup)",
            file=sys.stderr,
        )
        return 2
    translators = i18n.install(app, args.lang)
    suffix = "-en" if args.lang == "en" else ""  # gui-balance.png, gui-balance-en.png
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sms-desktop-shots-") as tmp:
        ctx = AppContext(Path(tmp), prompts=FakePrompts(), demo=True, demo_report_delay=0.0)
        ctx.lang = args.lang
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        window.start()
        wait_until(lambda: window.ready)
        demo_scenario(window)
        wanted = set(args.only.split(",")) if args.only else None
        for name, shot in SHOTS:
            if wanted and name not in wanted:
                continue
            widget = shot(window)
            as_on_windows(widget, ctx.home)
            settle(window, 0.1)
            path = args.out / f"{name}{suffix}.png"
            widget.grab().save(str(path))
            print(path)
            if widget is not window:
                widget.close()
        window.close()
    i18n.remove(app, translators)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

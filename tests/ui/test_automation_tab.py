"""自动化: the tab and its sections, a rule made, previewed, paused and deleted in the window, and
the start-up's question about the runs missed while nothing ran (one sent now, one skipped)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLabel, QTableView, QTabWidget
from uihelpers import in_worker

from sms_desktop.core.automation import rules
from sms_desktop.core.automation.schedule import Schedule, beijing_now, fmt
from sms_desktop.core.contacts.repository import add_contact, create_group
from sms_desktop.demo import account_name


def _sends(sim) -> list[tuple[str, str]]:
    return [
        (r.params["mobile"], r.params["content"])
        for r in sim.requests
        if r.params.get("action") == "send"
    ]


def _open(window, qtbot):
    page = window.page("automationPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.rules.loads > 0, timeout=5000)
    return tab


def test_a_rule_made_previewed_paused_and_deleted_in_the_tab(window, qtbot, prompts):
    ctx = window.ctx
    in_worker(lambda: add_contact(ctx.db, "会员", "13800138000", "张三", {"生日": "1990-05-17"}))
    tab = _open(window, qtbot)
    assert tab.objectName() == "automationTab"
    assert tab.findChild(QTableView, "automationView") is tab.rules.view
    # its sections: the rules, the keyword auto-replies, the HTTP API with its tokens
    sections = tab.findChild(QTabWidget, "automationSections")
    assert [sections.tabText(i) for i in range(sections.count())] == [
        "定期与按日期发送",
        "关键词自动回复",
        "HTTP 接口",
    ]
    assert tab.findChild(QTableView, "autoRepliesView") is not None
    assert tab.findChild(QTableView, "apiTokensView") is not None
    assert tab.add_section("更多", QLabel("more")) == 3

    dialog = tab.rules.new_rule()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    dialog.name.setText("会员生日")
    dialog.account.setCurrentText(account_name("ipyy"))
    dialog.text.setPlainText("{姓名}，生日快乐！")
    dialog.group.setCurrentIndex(dialog.group.findText("会员"))
    dialog.schedule.setCurrentIndex(dialog.schedule.findData("date"))
    dialog.date_field.setText("生日")
    dialog.run_preview()
    qtbot.waitUntil(lambda: dialog.previews == 1, timeout=5000)
    text = dialog.preview_text.toPlainText()
    assert "2月29日" in text and "北京时间" in text  # the Feb 29 rule, the schedule's clock
    dialog.save()
    qtbot.waitUntil(lambda: tab.rules.model.rowCount() == 1, timeout=5000)
    assert prompts.errors == []
    [status] = tab.rules.model.items
    assert status.rule.name == "会员生日" and status.next_run is not None
    assert tab.rules.model.data(tab.rules.model.index(0, 3)) == "启用"

    tab.rules.view.selectRow(0)
    tab.rules.toggle_rule()
    qtbot.waitUntil(lambda: tab.rules.model.items[0].rule.state == "paused", timeout=5000)
    assert tab.rules.model.data(tab.rules.model.index(0, 4)) == "—"  # no next run
    assert tab.rules.toggle_button.text() == "启用"

    prompts.confirm_answers.append(True)
    tab.rules.delete_rule()
    qtbot.waitUntil(lambda: tab.rules.model.rowCount() == 0, timeout=5000)
    assert in_worker(lambda: rules.rules(ctx.db)) == []
    assert _sends(window.ctx.sim) == []


def test_a_rule_refused_by_the_core_names_the_problem(window, qtbot, prompts):
    tab = _open(window, qtbot)
    dialog = tab.rules.new_rule()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    dialog.name.setText("无内容")
    dialog.save()
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=5000)
    assert "短信内容" in prompts.errors[0].text
    assert dialog.isVisible()


def test_runs_missed_while_nothing_ran_are_asked_at_start_never_sent_late(
    make_window, ctx, qtbot, prompts, sim
):
    def prepare() -> None:
        gid = create_group(ctx.db, "客户")
        add_contact(ctx.db, gid, "13800138000", "张三")
        now = beijing_now()
        at = (now - timedelta(hours=1)).time().replace(second=0)
        rule = rules.add_rule(
            ctx.db,
            ctx.engine,
            rules.Rule(
                "日报", account_name("ipyy"), Schedule("daily", at), text="{姓名}您好", group=gid
            ),
        )
        # the PC was off over the last two runs
        with ctx.db.write() as c:
            c.execute(
                "UPDATE automation_rules SET since=? WHERE id=?",
                (fmt(now - timedelta(hours=47)), rule.id),
            )

    in_worker(prepare)
    prompts.choose_answers.extend([0, 1])  # the older: 现在发送; the newer: 跳过
    window = make_window()
    qtbot.waitUntil(lambda: len(prompts.of("choose")) == 2, timeout=10000)
    asked = prompts.of("choose")
    assert all(q.title == "错过的自动发送" and "日报" in q.text for q in asked)
    assert asked[0].extra["choices"][:2] == ["现在发送(&S)", "跳过(&K)"]
    sent = [("13800138000", "【演示公司】张三您好")]  # the demo account's signature
    qtbot.waitUntil(lambda: _sends(sim) == sent, timeout=10000)

    def states() -> list[str]:
        return [r.state for r in rules.runs(ctx.db)]

    qtbot.waitUntil(lambda: in_worker(states) == ["skipped", "sent"], timeout=5000)
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
    assert _sends(sim) == sent  # one send: nothing else went late
    # 发送记录: the job carries the rule's name
    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    history = page.build()
    qtbot.waitUntil(lambda: bool(history.model.rows), timeout=10000)
    assert history.model.display(history.model.rows[0], "text") == "〔自动化：日报〕{姓名}您好"


def test_a_rule_edited_in_the_window_keeps_its_carrier_and_province(window, qtbot, prompts):
    """A rule made on the command line with --carrier / --province, opened and saved in the
    window with a new text: its recipients stay narrowed to that carrier and province."""
    from datetime import time

    ctx = window.ctx

    def make() -> rules.Rule:
        gid = create_group(ctx.db, "会员")
        add_contact(ctx.db, gid, "13800138000", "张三")
        return rules.add_rule(
            ctx.db,
            ctx.engine,
            rules.Rule(
                "移动北京",
                account_name("ipyy"),
                Schedule("daily", time(9, 0)),
                text="{姓名}您好",
                group=gid,
                filter=rules.RecipientFilter(carrier="mobile", province="北京"),
            ),
        )

    in_worker(make)
    tab = _open(window, qtbot)
    tab.rules.load()
    qtbot.waitUntil(lambda: tab.rules.view.model().rowCount() == 1, timeout=5000)
    tab.rules.select("移动北京")
    dialog = tab.rules.edit_rule()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    dialog.text.setPlainText("{姓名}您好，新品到店")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    stored = in_worker(lambda: rules.get_rule(ctx.db, "移动北京"))
    assert stored.text == "{姓名}您好，新品到店"
    assert (stored.filter.carrier, stored.filter.province) == ("mobile", "北京")
    assert prompts.errors == []

"""发送记录: who created, started, paused and cancelled each job (the 创建者 column and the
details line), and 只看我的 (the jobs this user created on this PC), also at 100k jobs."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from test_history_tab import open_history
from uihelpers import in_worker

from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.demo import account_name
from sms_desktop.ui.models.jobs import KEYS


def as_pc(monkeypatch, user: str, pc: str) -> None:
    monkeypatch.setenv("USERNAME", user)
    monkeypatch.setenv("COMPUTERNAME", pc)


def create_held(ctx, text: str) -> int:
    spec = JobSpec(
        account=account_name("ipyy"),
        text=text,
        recipients=["13900000001"],
        send_at=datetime.now() + timedelta(days=1),
    )
    return in_worker(lambda: ctx.engine.create_job(spec))


def cell(tab, job: int, key: str) -> str:
    return tab.model.data(tab.model.index(tab.model.row_of(job), KEYS.index(key)))


def test_history_shows_who_made_each_job_and_filters_mine(ctx, make_window, qtbot, monkeypatch):
    as_pc(monkeypatch, "bob", "PC-B")
    bobs = create_held(ctx, "鲍勃的通知")
    as_pc(monkeypatch, "alice", "PC-A")  # this window's user and PC
    mine = create_held(ctx, "我的通知")
    window = make_window()
    tab = open_history(window, qtbot)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    assert cell(tab, bobs, "created_by") == "bob@PC-B"
    assert cell(tab, mine, "created_by") == "alice@PC-A"
    header = tab.model.headerData(
        KEYS.index("created_by"), Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
    )
    assert header == "创建者"

    # the details line: created, then cancelled here (by alice on PC-A)
    assert tab.select_job(bobs)
    who = tab.detail.who
    assert who.isVisible() and who.text().startswith("bob@PC-B 创建于 ")
    ctx.prompts.confirm_answers.append(True)
    tab.cancel_button.click()
    qtbot.waitUntil(lambda: "alice@PC-A 取消于" in who.text(), timeout=5000)
    assert who.text().startswith("bob@PC-B 创建于")

    # 只看我的: alice's job only; unticked, everyone's again
    assert "alice@PC-A" in tab.mine_box.toolTip()
    loads = tab.loads
    tab.mine_box.setChecked(True)
    qtbot.waitUntil(lambda: tab.loads > loads and tab.model.rowCount() == 1, timeout=5000)
    assert tab.model.rows[0].job_id == mine
    # bob's job, selected before, is no longer listed: its details go with it
    assert tab.selected_job() is None and tab.detail.job_id is None
    assert tab.detail.title.text() == "选择上方的任务，查看每个号码的结果。" and not who.text()
    tab.mine_box.setChecked(False)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    assert tab.detail.job_id is None

    # a user who made none here: the empty list says so, and how to see every job
    as_pc(monkeypatch, "carol", "PC-C")
    loads = tab.loads
    tab.mine_box.setChecked(True)
    qtbot.waitUntil(lambda: tab.loads > loads and tab.model.rowCount() == 0, timeout=5000)
    said = tab.detail.title.text()
    assert "没有你在这台电脑上创建的任务（carol@PC-C）" in said and "只看我的" in said


@pytest.fixture
def hundred_k_jobs(ctx, stall_guard, monkeypatch):
    """100,000 jobs of a year, one in ten made by this user on this PC (written as rows:
    set-up, not the application)."""
    as_pc(monkeypatch, "alice", "PC-A")
    db = ctx.db

    def fill() -> None:
        with db.write() as c:
            c.executemany(
                "INSERT INTO jobs(account, text, state, created_by_user, created_by_pc)"
                " VALUES(?,?,'done',?,?)",
                (
                    (
                        account_name("ipyy"),
                        f"第{i}号通知",
                        "alice" if i % 10 == 0 else "bob",
                        "PC-A" if i % 10 == 0 else "PC-B",
                    )
                    for i in range(100_000)
                ),
            )

    stall_guard.disarm()
    in_worker(fill)
    stall_guard.arm()


def test_mine_at_100k_jobs_lists_my_newest_through_the_index(hundred_k_jobs, make_window, qtbot):
    from sms_desktop.ui.models.jobs import JOBS_LIMIT

    window = make_window()
    tab = open_history(window, qtbot)
    qtbot.waitUntil(lambda: tab.model.rowCount() == JOBS_LIMIT, timeout=10000)
    assert {r.summary.created_by.user for r in tab.model.rows} == {"alice", "bob"}
    loads = tab.loads
    t0 = time.perf_counter()
    tab.mine_box.setChecked(True)
    qtbot.waitUntil(lambda: tab.loads > loads, timeout=10000)
    took = time.perf_counter() - t0
    # my newest JOBS_LIMIT jobs (of my 10,000), not my share of everyone's newest
    assert tab.model.rowCount() == JOBS_LIMIT
    assert {str(r.summary.created_by) for r in tab.model.rows} == {"alice@PC-A"}
    assert tab.model.rows[0].text.text == "第99990号通知"
    assert tab.model.rows[-1].text.text == f"第{100_000 - 10 * JOBS_LIMIT}号通知"
    assert took < 3.0, f"{took:.2f} s"  # the stall guard holds the GUI thread to 250 ms

"""设置 → 数据库 → 办公室服务器, and what the window does at start when the office server cannot
be used: unreachable (重试 / 使用本机数据, labelled while in use), a wrong or missing password
(输入密码, tried before it is kept / 使用本机数据), a database newer than the program (a dialog;
nothing written)."""

from __future__ import annotations

import json
import socket

from uihelpers import in_worker

from sms_desktop.core.store.url import parse_store_url

CLERK, CLERK_PW = "clerk_ui", "right-pw-31"


def _dialog(qtbot, ctx, stall_guard):
    from sms_desktop.ui.dialogs.office_store import OfficeStoreDialog

    stall_guard.arm()  # from here (the database fixtures, set up first, work on this thread)
    d = OfficeStoreDialog(ctx)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.loaded, timeout=5000)
    return d


def _fill(d, url: str, password: str) -> None:
    spec = parse_store_url(url)
    d.office_radio.setChecked(True)
    d.host.setText(spec.host)
    d.port.setText(str(spec.port))
    d.database.setText(spec.database)
    d.user.setText(spec.user)
    d.password.setText(password)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens here once closed


def _start(qtbot, ctx):
    from sms_desktop.ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.start()
    return w


def _clerk(pg, pg_url: str, name: str):
    """A role that must give its password (``CLERK_PW``) over TCP, and the office store's URL
    with it as the user."""
    pg.server.add_password_user(name, CLERK_PW)
    return parse_store_url(pg_url.replace("//sms@", f"//{name}@"))


def _forget_logged_failures(clean_log) -> None:
    for records in clean_log:  # the start-up's failure is logged, on purpose
        records.records.clear()


# ---- the page -----------------------------------------------------------------------------------
def test_the_page_tests_the_connection_and_saves_for_the_next_start(
    pg_url, qtbot, ctx, prompts, stall_guard
):
    d = _dialog(qtbot, ctx, stall_guard)
    assert d.local_radio.isChecked() and not d.server.isEnabled()
    _fill(d, pg_url, "pw-kept-in-the-keyring")
    assert d.server.isEnabled()
    d.test_button.click()
    qtbot.waitUntil(lambda: d.check is not None, timeout=15000)
    assert d.check.ok and "连接成功" in d.test_result.text()
    d.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(prompts.of("info")), timeout=5000)
    said = prompts.of("info")[0].text
    assert "下次启动" in said and parse_store_url(pg_url).host in said
    home = ctx.home
    choice = in_worker(lambda: json.loads((home / "store.json").read_text(encoding="utf-8")))
    assert choice == {"url": pg_url}
    secrets = in_worker(lambda: (home / "secrets.json").read_text())
    assert "pw-kept-in-the-keyring" in secrets  # the keyring (its fallback file in tests)

    def holding_it() -> list[str]:  # nowhere else: not the choice, not settings.ini
        return [
            p.name
            for p in home.iterdir()
            if p.is_file() and p.name != "secrets.json" and b"pw-kept" in p.read_bytes()
        ]

    assert in_worker(holding_it) == []

    again = _dialog(
        qtbot, ctx, stall_guard
    )  # reopened: the fields as saved, the password not shown
    assert again.office_radio.isChecked() and again.host.text() == parse_store_url(pg_url).host
    assert again.password.text() == "" and "已保存" in again.password.placeholderText()
    again.local_radio.setChecked(True)
    again.buttons.accepted.emit()
    qtbot.waitUntil(lambda: len(prompts.of("info")) == 2, timeout=5000)
    assert "本机数据" in prompts.of("info")[1].text
    assert not in_worker((home / "store.json").exists)


def test_the_connection_test_names_a_wrong_password_and_saves_nothing(
    pg, pg_url, qtbot, ctx, stall_guard
):
    pg.server.add_password_user(CLERK, CLERK_PW)
    d = _dialog(qtbot, ctx, stall_guard)
    _fill(d, pg_url.replace("//sms@", f"//{CLERK}@"), "wrong")
    d.test_button.click()
    qtbot.waitUntil(lambda: d.check is not None, timeout=15000)
    assert not d.check.ok and f"拒绝了用户 {CLERK}" in d.test_result.text()
    d.host.setText("")
    d.test_button.click()  # a field missing: said at once, nothing tried
    assert "服务器地址" in d.test_result.text()
    d.reject()
    assert not in_worker((ctx.home / "store.json").exists)


def test_the_menu_opens_the_page_before_the_store_is_open(qtbot, qapp, home, prompts):
    """设置 → 数据库 → 办公室服务器 works while the start-up op has not opened a store (to put
    right an address that cannot be reached)."""
    from sms_desktop.ui.context import AppContext
    from sms_desktop.ui.main_window import MainWindow

    ctx = AppContext(home, prompts=prompts)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    action = w.findChild(type(w.sync_action), "officeStoreAction")
    assert action is not None and action.isEnabled() and not w.ready
    ctx.close()


# ---- at start -----------------------------------------------------------------------------------
def test_an_unreachable_server_offers_retry_then_this_pcs_own_data_labelled(
    qtbot, qapp, home, prompts, stall_guard, clean_log
):
    from sms_desktop.ui.context import AppContext

    port = _closed_port()
    ctx = AppContext(home, prompts=prompts, store=f"postgresql://sms@127.0.0.1:{port}/office")
    prompts.choose_answers.extend([0, 1])  # 重试, then 使用本机数据
    stall_guard.disarm()
    w = _start(qtbot, ctx)
    qtbot.waitUntil(lambda: w.ready, timeout=20000)
    asked = prompts.of("choose")
    assert len(asked) == 2 and prompts.errors == []
    assert f"127.0.0.1:{port}" in asked[0].text
    assert asked[0].extra["choices"][:2] == ["重试(&R)", "使用本机数据(&L)"]
    assert ctx.db.dialect.sqlite and ctx.db.location == str(home / "sms_desktop.sqlite3")
    assert w.windowTitle().startswith("本机数据")
    assert w.local_label.isVisible() and "本机数据" in w.local_label.text()
    _forget_logged_failures(clean_log)
    w.close()
    ctx.close()


def test_a_wrong_password_at_start_asks_for_it_and_keeps_it_once_it_works(
    qtbot, qapp, home, prompts, stall_guard, clean_log, pg, pg_url
):
    import psycopg

    from sms_desktop.core.store.url import set_store_password, store_password
    from sms_desktop.ui.context import AppContext

    spec = _clerk(pg, pg_url, CLERK + "2")

    def hand_over() -> None:  # the clerk's role may use the office's tables (made by another)
        with psycopg.connect(pg_url, autocommit=True) as c:
            c.execute(f'ALTER ROLE "{CLERK}2" SUPERUSER')

    in_worker(hand_over)
    in_worker(lambda: set_store_password(home, spec, "wrong"))
    ctx = AppContext(home, prompts=prompts, store=spec.display)
    # 输入密码, a wrong one (tried, not kept), 输入密码 again, the right one
    prompts.choose_answers.extend([0, 0])
    prompts.password_answers.extend(["still-wrong", CLERK_PW])
    stall_guard.disarm()
    w = _start(qtbot, ctx)
    qtbot.waitUntil(lambda: w.ready, timeout=30000)
    asked = prompts.of("choose")
    assert len(asked) == 2 and prompts.errors == []
    assert f"拒绝了用户 {CLERK}2" in asked[0].text and "输入密码" in asked[0].extra["choices"][0]
    assert f"拒绝了用户 {CLERK}2" in asked[1].text  # the second password, refused in its turn
    assert len(prompts.of("ask_password")) == 2
    assert f"{CLERK}2" in prompts.of("ask_password")[0].text
    assert ctx.db.dialect.postgresql and not ctx.local_fallback
    assert in_worker(lambda: store_password(home, spec)) == CLERK_PW
    # the status bar says whose data this is: the office's, on that server
    assert (
        w.store_label.isVisible()
        and w.store_label.text() == f"办公室服务器：127.0.0.1 · {spec.database}"
    )
    _forget_logged_failures(clean_log)
    w.close()
    ctx.close()


def test_no_saved_password_at_start_offers_this_pcs_own_data_and_keeps_nothing(
    qtbot, qapp, home, prompts, stall_guard, clean_log, pg, pg_url
):
    from sms_desktop.core.store.url import store_password
    from sms_desktop.ui.context import AppContext

    spec = _clerk(pg, pg_url, CLERK + "3")
    ctx = AppContext(home, prompts=prompts, store=spec.display)
    prompts.choose_answers.extend([0, 1])  # 输入密码 (then cancelled), 使用本机数据
    stall_guard.disarm()
    w = _start(qtbot, ctx)
    qtbot.waitUntil(lambda: w.ready, timeout=30000)
    asked = prompts.of("choose")
    assert len(asked) == 2 and prompts.errors == []
    assert f"要求用户 {CLERK}3 的密码，但本机没有保存" in asked[0].text
    assert "没有输入密码" in asked[1].text
    assert ctx.db.dialect.sqlite and w.windowTitle().startswith("本机数据")
    assert in_worker(lambda: store_password(home, spec)) is None
    _forget_logged_failures(clean_log)
    w.close()
    ctx.close()


def test_an_office_database_newer_than_the_program_is_refused_untouched(
    qtbot, qapp, home, prompts, stall_guard, clean_log, pg_url
):
    import psycopg

    from sms_desktop.core.store.schema import PG_MIGRATIONS
    from sms_desktop.ui.context import AppContext

    newer = len(PG_MIGRATIONS) + 1
    snapshot = (
        "SELECT (SELECT array_agg(version ORDER BY version) FROM schema_migrations),"
        " (SELECT array_agg(writer ORDER BY aggregate, writer) FROM change_versions),"
        " (SELECT COUNT(*) FROM pg_stat_user_tables)"
    )

    def prepare():
        with psycopg.connect(pg_url, autocommit=True) as c:
            c.execute(
                "INSERT INTO schema_migrations(version, applied_at) VALUES (%s, 'later')", (newer,)
            )
            return c.execute(snapshot).fetchone()

    before = in_worker(prepare)
    ctx = AppContext(home, prompts=prompts, store=pg_url)
    stall_guard.disarm()
    w = _start(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=20000)
    assert "更新版本" in prompts.errors[0].text and f"数据库版本 {newer}" in prompts.errors[0].text
    assert "Traceback" not in (prompts.errors[0].details or "")  # words, not a stack
    assert not w.ready and prompts.of("choose") == []

    def after():
        with psycopg.connect(pg_url, autocommit=True) as c:
            return c.execute(snapshot).fetchone()

    assert in_worker(after) == before
    _forget_logged_failures(clean_log)
    w.close()
    ctx.close()

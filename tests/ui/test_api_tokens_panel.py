"""自动化 → HTTP 接口 (ui/automation/tokens.py): a token made in the panel is shown once and
copyable, works against the API over real HTTP, and is refused once revoked there; the API's
setting is saved to the store."""

from __future__ import annotations

import requests
from PySide6.QtWidgets import QApplication
from uihelpers import in_worker

from sms_desktop.core.automation import api_server, api_tokens
from sms_desktop.ui.automation.tokens import ApiTokensPanel


def _panel(qtbot, ctx) -> ApiTokensPanel:
    panel = ApiTokensPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(720, 520)
    panel.show()
    qtbot.waitUntil(lambda: panel.loaded, timeout=5000)
    return panel


def test_a_token_is_made_shown_once_used_and_revoked(qtbot, ctx):
    panel = _panel(qtbot, ctx)
    assert panel.findChild(type(panel.view), "apiTokensView") is panel.view
    assert panel.view.rowCount() == 0 and not panel.new_box.isVisible()
    assert panel.status.text() == "已关闭：不接受任何请求。"  # off by default
    panel.listen.setText("127.0.0.1:9999")  # an edit not saved yet
    ctx.prompts.text_answers.append("预约系统")
    panel.loaded = False
    panel.new_button.click()
    qtbot.waitUntil(lambda: panel.new_box.isVisible() and panel.loaded, timeout=5000)
    assert panel.listen.text() == "127.0.0.1:9999"  # the list's refresh leaves it
    token = panel.new_token.text()
    assert token.startswith("sdk_") and panel.new_token.isReadOnly()
    assert panel.view.rowCount() == 1
    shown = [panel.view.item(0, c).text() for c in range(panel.COLUMNS)]
    assert shown[0] == "预约系统" and shown[1] == token[:10] + "…" and shown[4] == "有效"
    assert token not in " ".join(shown)
    panel.copy_button.click()
    assert QApplication.clipboard().text() == token
    panel.findChild(type(panel.copy_button), "apiNewTokenDone").click()
    assert panel.new_token.text() == "" and not panel.new_box.isVisible()

    # the token works over real HTTP, against the same store
    from sms_desktop.core.session import open_core

    def serve_and_ask(tok: str) -> int:
        core = open_core(ctx.home, accounts=ctx.accounts)
        with api_server.ApiServer(core, "127.0.0.1", 0) as server:
            r = requests.get(
                f"{server.url}/api/v1/inbox", headers={"Authorization": f"Bearer {tok}"}, timeout=10
            )
        return r.status_code

    assert in_worker(lambda: serve_and_ask(token)) == 200

    # revoked in the panel: refused at once
    panel.view.selectRow(0)
    assert panel.revoke_button.isEnabled()
    panel.loaded = False
    panel.revoke_button.click()
    qtbot.waitUntil(lambda: panel.loaded, timeout=5000)
    [asked] = ctx.prompts.of("confirm")
    assert "预约系统" in asked.text
    assert panel.view.item(0, 4).text().startswith("已吊销")
    assert not panel.revoke_button.isEnabled()
    assert in_worker(lambda: api_tokens.verify(ctx.db, token)) is None
    assert in_worker(lambda: serve_and_ask(token)) == 401
    assert ctx.prompts.errors == []


def test_the_api_setting_is_saved_and_shown(qtbot, ctx):
    panel = _panel(qtbot, ctx)
    panel.enabled.setChecked(True)
    panel.listen.setText("127.0.0.1:18781")
    panel.rate.setValue(120)
    panel.loaded = False
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.loaded, timeout=5000)
    saved = in_worker(lambda: api_server.read_settings(ctx.db))
    assert saved == api_server.ApiSettings(True, "127.0.0.1:18781", 120)
    assert "http://127.0.0.1:18781/api/v1/" in panel.status.text()
    # a bad address is refused with the core's words, and nothing is saved
    panel.listen.setText("here")
    panel.save_button.click()
    qtbot.waitUntil(lambda: bool(ctx.prompts.errors), timeout=5000)
    assert "HOST:PORT" in ctx.prompts.errors[0].text or "主机:端口" in ctx.prompts.errors[0].text
    assert in_worker(lambda: api_server.read_settings(ctx.db)).listen == "127.0.0.1:18781"


def test_the_window_runs_the_api_as_its_setting_says(qtbot, ctx):
    """Switched on and saved in the panel, the window's API answers at once (not only at the
    next scheduler tick); switched off, it stops listening; closing the window stops it too."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/v1/openapi.json"

    def ask() -> int | str:
        try:
            return requests.get(url, timeout=5).status_code
        except requests.ConnectionError:
            return "refused"

    panel = _panel(qtbot, ctx)
    assert in_worker(ask) == "refused"
    panel.enabled.setChecked(True)
    panel.listen.setText(f"127.0.0.1:{port}")
    panel.loaded = False
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.loaded, timeout=5000)
    assert in_worker(ask) == 200
    panel.enabled.setChecked(False)
    panel.loaded = False
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.loaded, timeout=5000)
    assert in_worker(ask) == "refused"
    panel.enabled.setChecked(True)
    panel.loaded = False
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.loaded, timeout=5000)
    assert in_worker(ask) == 200
    ctx.close()
    assert in_worker(ask) == "refused"


def test_revoking_a_row_revokes_that_token_not_one_named_like_its_id(qtbot, ctx):
    """The row's token is revoked by its id: a live token whose name is that id's digits stays."""
    booking, _ = in_worker(lambda: api_tokens.create(ctx.db, "预约系统"))
    named_like_it, _ = in_worker(lambda: api_tokens.create(ctx.db, str(booking.id)))
    assert named_like_it.id != booking.id
    panel = _panel(qtbot, ctx)
    [row] = [r for r in range(panel.view.rowCount()) if panel.view.item(r, 0).text() == "预约系统"]
    panel.view.selectRow(row)
    panel.loaded = False
    panel.revoke_button.click()
    qtbot.waitUntil(lambda: panel.loaded, timeout=5000)
    live = {t.name: t.live for t in in_worker(lambda: api_tokens.tokens(ctx.db))}
    assert live == {"预约系统": False, str(booking.id): True}
    assert ctx.prompts.errors == []

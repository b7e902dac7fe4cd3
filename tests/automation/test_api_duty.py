"""Who runs the HTTP API: the window's duty follows its setting (off by default, 127.0.0.1),
steps aside while a live service runs the API, and the service started with the API runs the
jobs it accepts as its own (由服务器发送)."""

from __future__ import annotations

import socket
import time

import pytest
import requests
from apiclient import post_message

from sms_desktop.core.accounts import Account
from sms_desktop.core.automation import api_server, api_tokens
from sms_desktop.core.automation.api_server import ApiDuty, ApiSettings
from sms_desktop.core.errors import InputError
from sms_desktop.core.service import Duty, Service, window_api
from sms_desktop.core.session import open_core


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def core(home, sim):
    sim.report_delay = 0.0
    c = open_core(home)
    sim.add_account("ipyy", "u1", "pw1", balance=1000)
    c.accounts.add(
        Account(name="i", family="ipyy", base_url=sim.base_url("ipyy"), username="u1"), "pw1"
    )
    yield c
    c.close()


def _up(url: str) -> bool:
    try:
        return requests.get(url + "/api/v1/openapi.json", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def test_off_by_default_on_loopback():
    assert ApiSettings() == ApiSettings(False, "127.0.0.1:8780", 600)
    assert api_server.parse_listen("8781") == ("127.0.0.1", 8781)
    assert api_server.parse_listen("0.0.0.0:9000") == ("0.0.0.0", 9000)
    assert api_server.parse_listen("[::1]:9000") == ("::1", 9000)
    for bad in ("", "host:", "h:70000", "h:x"):
        with pytest.raises(InputError):
            api_server.parse_listen(bad)


def test_the_window_duty_follows_the_setting_and_leaves_it_to_a_live_service(core):
    duty = ApiDuty(core)
    window_api(core, duty)
    assert duty.server is None  # off by default
    port = _free_port()
    api_server.write_settings(core.db, ApiSettings(True, f"127.0.0.1:{port}", 600))
    window_api(core, duty)
    assert duty.url == f"http://127.0.0.1:{port}" and _up(duty.url)
    # a service started with the API takes it: the window's stops (the port is the service's)
    service = Service(core, interval=0.2, duties=[*Duty.SERVICE, Duty.API],
                      api_listen=f"127.0.0.1:{_free_port()}")  # fmt: skip
    service.start()
    try:
        window_api(core, duty)
        assert duty.server is None and not _up(f"http://127.0.0.1:{port}")
        assert service.api is not None and _up(service.api.url or "")
    finally:
        service.stop()
    window_api(core, duty)  # the service is gone: the window runs it again
    assert duty.url == f"http://127.0.0.1:{port}"
    api_server.write_settings(core.db, ApiSettings(False, f"127.0.0.1:{port}", 600))
    window_api(core, duty)
    assert duty.server is None and not _up(f"http://127.0.0.1:{port}")


def test_a_port_in_use_stops_the_service_from_starting_with_the_api(core):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        service = Service(core, duties=[Duty.HELD, Duty.API], api_listen=f"127.0.0.1:{port}")
        with pytest.raises(InputError, match=str(port)):
            service.start()
    assert core.db.read().execute("SELECT COUNT(*) FROM services").fetchone()[0] == 0


def test_the_service_runs_the_jobs_its_api_accepts(core, sim):
    _, token = api_tokens.create(core.db, "booking")
    service = Service(core, interval=0.2, duties=[*Duty.SERVICE, Duty.API],
                      api_listen="127.0.0.1:0")  # fmt: skip
    service.start()
    try:
        url = service.api.url if service.api else ""
        r = post_message(url, token)
        assert r.status_code == 201, r.text
        job_id = r.json()["job_id"]
        deadline = time.monotonic() + 30
        while core.engine.summary(job_id).state != "done" and time.monotonic() < deadline:
            time.sleep(0.05)
        job = core.engine.summary(job_id)
        assert job.state == "done" and job.accepted == 1
        assert job.by_server  # the service's: after a crash, the next service goes on with it
    finally:
        service.stop()


def test_the_service_api_refuses_a_send_its_pc_has_no_password_for(core, sim):
    """The service sends what its API accepts: without the account's password in its keyring,
    409 password_missing and nothing journalled (not a job that would never move)."""
    _, token = api_tokens.create(core.db, "booking")
    core.accounts.secrets.delete("i")
    core.engine.forget_account("i")
    service = Service(core, interval=0.2, duties=[*Duty.SERVICE, Duty.API],
                      api_listen="127.0.0.1:0")  # fmt: skip
    service.start()
    try:
        r = post_message(service.api.url if service.api else "", token)
        assert r.status_code == 409, r.text
        assert r.json()["error"] == "password_missing"
        assert core.engine.jobs() == []
    finally:
        service.stop()


@pytest.mark.parametrize("windows", [False, True], ids=["posix", "windows"])
def test_a_second_api_on_the_same_port_is_refused_and_windows_binds_exclusively(
    core, monkeypatch, windows
):
    """The port is the API's alone: a second server on it is refused (port in use). On Windows
    SO_REUSEADDR would let it bind (and take the clients' bearer tokens): there the socket has
    SO_EXCLUSIVEADDRUSE and not SO_REUSEADDR. (Linux has no SO_EXCLUSIVEADDRUSE: SO_REUSEPORT
    stands for it here, to see that it is set.)"""
    monkeypatch.setattr(api_server, "_on_windows", lambda: windows, raising=False)
    if windows:
        monkeypatch.setattr(socket, "SO_EXCLUSIVEADDRUSE", socket.SO_REUSEPORT, raising=False)
    with api_server.ApiServer(core, "127.0.0.1", 0, webhooks=False) as first:
        sock = first._httpd.socket  # type: ignore[union-attr]
        reuse = sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)
        exclusive = sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT)
        assert (bool(reuse), bool(exclusive)) == ((False, True) if windows else (True, False))
        # the second one as elsewhere (two sockets with SO_REUSEPORT could share the port)
        monkeypatch.setattr(api_server, "_on_windows", lambda: False, raising=False)
        second = api_server.ApiServer(core, "127.0.0.1", first.port, webhooks=False)
        with pytest.raises(InputError, match="port may be in use"):
            second.start()
        assert _up(first.url)  # the first one still answers

"""Bad input about the store: a bad URL (given, in the environment, saved), a folder where no
file can be made, a wrong password for the office server, a database newer than the program.
Each is one line on stderr and exit 2 from the CLI, and nothing is written."""

from __future__ import annotations

import pytest

from sms_desktop.cli import main
from sms_desktop.core.store import open_database, open_store
from sms_desktop.core.store.schema import MIGRATIONS


def _one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("postgresql://a@[::1/d", "server's address"),
        ("postgresql://a@h:0/d", "port"),
        ("postgresql://a@h/d?sslmode=bogus", "sslmode"),
        ("mysql://a@h/d", "unsupported kind"),
    ],
)
def test_a_bad_url_anywhere_is_one_line_and_exit_2(url, words, home, monkeypatch, capsys):
    assert main(["--store", url, "jobs"]) == 2
    assert words in _one_line(capsys)
    monkeypatch.setenv("SMS_DESKTOP_STORE", url)
    assert main(["jobs"]) == 2
    assert words in _one_line(capsys)
    monkeypatch.delenv("SMS_DESKTOP_STORE")
    (home / "store.json").write_text(f'{{"url": "{url}"}}', encoding="utf-8")
    assert main(["jobs"]) == 2
    assert words in _one_line(capsys)
    assert not (home / "sms_desktop.sqlite3").exists()  # no fall-back to other data


def test_a_file_that_cannot_be_made_is_named(home, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    target = blocker / "sub" / "s.sqlite3"
    assert main(["--store", f"sqlite:///{target}", "jobs"]) == 2
    err = _one_line(capsys)
    assert str(target) in err and "cannot be made" in err
    assert "data folder" not in err
    assert not (home / "sms_desktop.sqlite3").exists()


def test_a_wrong_office_password_is_one_line_never_shown_and_nothing_set_up(pg, home, capsys):
    pg.server.add_password_user("clerk2", "right-pw")
    name, url = pg.empty()
    pg._admin(f'ALTER DATABASE "{name}" OWNER TO clerk2')
    try:
        bad = url.replace("//sms@", "//clerk2:wrong-pw@")
        assert main(["--store", bad, "account", "list"]) == 2
        err = _one_line(capsys)
        assert "refused user clerk2" in err and "wrong-pw" not in err
        assert main(["--store", url.replace("//sms@", "//clerk2@"), "jobs"]) == 2
        assert "none saved" in _one_line(capsys)
        import psycopg

        with psycopg.connect(url) as c:  # nothing was set up by the refused logins
            n = c.execute(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
            ).fetchone()[0]
        assert n == 0
    finally:
        pg.drop(name)


def test_db_password_is_tried_then_kept_and_the_refusal_names_it(pg, home, capsys, monkeypatch):
    """The office server's password on a PC with no window (a server running ``serve``): the
    refusal names ``db password``; a wrong one is not kept; the right one is, and then works."""
    import io

    pg.server.add_password_user("clerk3", "right-pw")
    name, url = pg.empty()
    pg._admin(f'ALTER DATABASE "{name}" OWNER TO clerk3')
    office = url.replace("//sms@", "//clerk3@")
    try:
        assert main(["--store", office, "jobs"]) == 2
        said = _one_line(capsys)
        assert "none saved" in said and "sms-desktop-cli db password --password-stdin" in said
        monkeypatch.setattr("sys.stdin", io.StringIO("wrong-pw\n"))
        assert main(["--store", office, "db", "password", "--password-stdin"]) == 2
        said = _one_line(capsys)
        assert "refused user clerk3" in said and "not kept" in said and "wrong-pw" not in said
        assert main(["--store", office, "jobs"]) == 2  # still none saved
        assert "none saved" in _one_line(capsys)
        monkeypatch.setattr("sys.stdin", io.StringIO("right-pw\n"))
        assert main(["--store", office, "db", "password", "--password-stdin"]) == 0
        out = capsys.readouterr().out
        assert "clerk3@" in out and "kept" in out and "right-pw" not in out
        assert main(["--store", office, "jobs", "--json"]) == 0
        assert capsys.readouterr().out.strip() == "[]"
        assert b"right-pw" not in b"".join(
            p.read_bytes() for p in home.rglob("*") if p.is_file() and p.name != "secrets.json"
        )
    finally:
        pg.drop(name)


def test_db_password_of_this_pcs_own_file_is_refused(home, capsys):
    assert main(["db", "password", "--password-stdin"]) == 2
    assert "needs no password" in _one_line(capsys)


def test_a_newer_sqlite_file_is_one_line_and_left_as_it_was(home, capsys):
    db = open_database(home)
    db.read().execute(f"PRAGMA user_version={len(MIGRATIONS) + 3}")
    db.close()
    path = home / "sms_desktop.sqlite3"
    before = path.read_bytes()
    assert main(["jobs"]) == 2
    err = _one_line(capsys)
    assert f"数据库版本 {len(MIGRATIONS) + 3}" in err and "newer SMS Desktop" in err
    assert path.read_bytes() == before


def test_db_copy_to_a_bad_or_newer_target_is_one_line_and_the_source_untouched(
    pg_url, home, tmp_path, capsys
):
    src = open_database(home)
    with src.write() as c:
        c.execute("INSERT INTO groups(name) VALUES ('g')")
    src.close()
    path = home / "sms_desktop.sqlite3"
    before = path.read_bytes()
    assert main(["db", "copy", "--to", "postgresql://a@h:0/d"]) == 2
    assert "port" in _one_line(capsys)
    newer = tmp_path / "newer.sqlite3"
    db = open_store(f"sqlite:///{newer}", tmp_path)
    db.read().execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    db.close()
    target_before = newer.read_bytes()
    assert main(["db", "copy", "--to", f"sqlite:///{newer}"]) == 2
    assert "newer SMS Desktop" in _one_line(capsys)
    assert newer.read_bytes() == target_before
    assert path.read_bytes() == before

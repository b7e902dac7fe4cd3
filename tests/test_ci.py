"""The continuous integration: a Linux workflow runs `.ci/run` beside the Windows build."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_linux_workflow_runs_ci_run_beside_the_windows_one():
    workflows = ROOT / ".github" / "workflows"
    assert (workflows / "windows.yml").is_file()
    ci = (workflows / "ci.yml").read_text(encoding="utf-8")
    lines = [line.split("#")[0].strip() for line in ci.splitlines()]
    assert "runs-on: ubuntu-latest" in lines
    assert "run: bash .ci/run" in lines
    assert 'python-version: "3.13"' in lines  # what .ci/setup and the Windows exe use
    assert any(line.startswith("pull_request") for line in lines)
    # .ci/run is what the README calls CI: the test command, then the frozen build's tests
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash .ci/test -q" in run and "-m frozen tests/packaging" in run


def test_the_test_command_runs_pytest_on_two_workers_and_can_run_it_serially():
    """CI has 2 cores: `.ci/test` runs pytest on two workers (pytest-xdist, a file per worker at
    a time); extra arguments come after, so `bash .ci/test -n 0` runs it in one process."""
    test = (ROOT / ".ci" / "test").read_text(encoding="utf-8")
    pytest_line = next(line for line in test.splitlines() if line.startswith(".venv/bin/pytest"))
    assert '-n "${SMS_DESKTOP_TEST_WORKERS:-2}"' in pytest_line
    assert "--dist loadfile" in pytest_line
    assert pytest_line.endswith('"$@"')  # a later -n (or -p no:xdist) wins
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"pytest-xdist' in pyproject.split("[project.optional-dependencies]")[1].split("\n[")[0]

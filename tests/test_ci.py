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

"""The README's set-up commands stay true: CI runs the README's test command."""
import re

from conftest import ROOT


def _commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text, flags=re.S)


def test_readme_starts_with_two_commands():
    cmds = _commands()
    assert len(cmds) >= 2
    assert "peacecorpus analyze data/seeds" in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1].strip() in ci


def test_cli_main_job_prints_summary(capsys, tmp_path):
    from peacecorpus.cli import main
    assert main(["analyze", "-q", str(ROOT / "data" / "seeds"), "--db", str(tmp_path / "c.duckdb")]) == 0
    out = capsys.readouterr().out
    assert "5 documents" in out and "sentences" in out and "Radio Free Europe/Radio Liberty" in out

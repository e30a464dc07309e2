"""Every Python code block of README.md runs, in order, against a local sandbox."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def python_blocks():
    return BLOCK.findall(README.read_text(encoding="utf-8"))


def test_readme_has_examples():
    assert len(python_blocks()) >= 5


def test_readme_python_blocks_run(smtp_sandbox, monkeypatch, capsys):
    monkeypatch.setenv("SMTPCOM_HOST", smtp_sandbox.url)
    monkeypatch.setenv("SMTPCOM_API_KEY", smtp_sandbox.api_key)
    namespace = {"__name__": "readme_example"}
    for number, block in enumerate(python_blocks(), 1):
        try:
            exec(compile(block, f"README.md python block {number}", "exec"), namespace)
        except Exception as error:  # report which block failed, with its text
            pytest.fail(f"README.md python block {number} failed: {error!r}\n{block}")
    out = capsys.readouterr().out
    assert "accepted:" in out
    assert smtp_sandbox.messages, "the README examples should have sent messages to the sandbox"


def cli_commands():
    """The commands of the README's command-line block, continuations joined; the lines that
    start a sandbox or export its address are left to the test, which provides both."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## The command line") :]
    block = re.search(r"^```sh\n(.*?)^```", section, re.S | re.M).group(1)
    commands = block.replace("\\\n", " ").splitlines()
    return [c for c in commands if c.strip() and not c.startswith(("smtp sandbox", "export "))]


def test_readme_command_line_block_runs(smtp_sandbox, tmp_path):
    import os
    import subprocess
    import sys

    commands = cli_commands()
    assert any(c.startswith("smtp send ") for c in commands) and any(c.startswith("smtp messages ") for c in commands)
    env = dict(os.environ, SMTPCOM_HOST=smtp_sandbox.url, SMTPCOM_API_KEY=smtp_sandbox.api_key)
    for command in commands:
        if command.startswith("smtp "):  # the console script, run with this interpreter
            command = '"{}" -m smtp {}'.format(sys.executable, command[len("smtp ") :])
        done = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, f"README command failed: {command}\n{done.stderr}"
        assert "Traceback" not in done.stderr
    assert len(smtp_sandbox.messages) >= 2
    assert (tmp_path / "failed.csv").exists()

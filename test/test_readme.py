"""Every Python code block of README.md runs, in order, against a local sandbox."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
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
            exec(compile(block, "README.md python block %d" % number, "exec"), namespace)
        except Exception as error:  # report which block failed, with its text
            pytest.fail("README.md python block %d failed: %r\n%s" % (number, error, block))
    out = capsys.readouterr().out
    assert "accepted:" in out
    assert smtp_sandbox.messages, "the README examples should have sent messages to the sandbox"

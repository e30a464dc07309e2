"""docs/callbacks.md: its Python examples compile, and the receiving one runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "callbacks.md"


def _blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", DOC.read_text(encoding="utf-8"), flags=re.S | re.M)


def test_the_examples_compile() -> None:
    blocks = _blocks()
    assert len(blocks) >= 3
    for number, block in enumerate(blocks, 1):
        compile(block, f"docs/callbacks.md python block {number}", "exec")


def test_the_wsgi_example_builds_an_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from smtp.callbacks import CallbackApp

    (block,) = [b for b in _blocks() if "wsgi_app(handle" in b and "SQLiteDedupe" in b]
    monkeypatch.setenv("SMTPCOM_CALLBACK_SECRET", "docs-secret-0123456789")
    monkeypatch.chdir(tmp_path)  # the example's SQLite file lands here
    namespace: dict[str, object] = {"os": os, "suppress": lambda *args, **kwargs: None}
    exec(compile(block, "docs/callbacks.md", "exec"), namespace)  # noqa: S102 - our own docs
    assert isinstance(namespace["app"], CallbackApp)
    assert (tmp_path / "callbacks.db").exists()

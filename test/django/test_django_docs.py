"""docs/django.md: its code compiles, and its settings block names what the backend reads."""

from __future__ import annotations

import re
from pathlib import Path

PAGE = Path(__file__).resolve().parents[2] / "docs" / "django.md"


def _blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", PAGE.read_text(encoding="utf-8"), flags=re.S | re.M)


def test_python_blocks_compile():
    blocks = _blocks()
    assert len(blocks) >= 4
    for i, block in enumerate(blocks):
        compile(block, f"docs/django.md block {i}", "exec")


def test_settings_block_names_what_the_backend_reads():
    from smtp.django import backend

    settings_block = _blocks()[0]
    for name in (backend.SETTING_API_KEY, backend.SETTING_CHANNEL, backend.SETTING_HOST):
        assert name in settings_block


def test_the_callback_settings_are_documented():
    from smtp.django import views

    text = PAGE.read_text(encoding="utf-8")
    assert views.SETTING_SECRET in text and views.SETTING_DEDUPE in text

"""The API classes in ``smtp/api/`` are what ``tools/gen_api.py`` writes from the declarations."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_committed_api_classes_are_current() -> None:
    if importlib.util.find_spec("ruff") is None and shutil.which("ruff") is None:
        pytest.skip("ruff is needed to format the generated text")
    spec = importlib.util.spec_from_file_location("gen_api", ROOT / "tools" / "gen_api.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    problems = gen.check()
    assert not problems, "smtp/api/ does not match the declarations; run `python tools/gen_api.py`:\n" + "\n".join(
        problems
    )

"""docs/ cannot drift from the code: the committed pages are what ``tools/gen_docs.py`` writes,
every public model has a page, links between the pages resolve, and the examples run."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from support.servers import RecordingServer

import smtp

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "tools" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()
GENERATED = sorted(gen.build())


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def _anchors(text: str) -> set[str]:
    """The anchors GitHub gives a page: one per heading, plus explicit ``<a id=...>``."""
    found = set(re.findall(r'<a (?:id|name)="([^"]+)"', text))
    for heading in re.findall(r"^#{1,6} (.+)$", text, flags=re.M):
        found.add(re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-"))
    return found


def test_committed_pages_are_current() -> None:
    problems = gen.check()
    assert not problems, (
        "docs/ does not match the code; run `python tools/gen_docs.py` and commit docs/:\n" + "\n".join(problems)
    )


def test_every_public_model_has_a_page() -> None:
    missing = [name for name in smtp.models.__all__ if not (DOCS / (name + ".md")).is_file()]
    assert not missing, f"models without a page in docs/ (run `python tools/gen_docs.py`): {missing}"


def test_generated_pages_carry_the_mark_and_hand_written_ones_are_left_alone() -> None:
    assert {"MessagesApi.md", "README.md"} <= set(GENERATED)
    for name in GENERATED:
        assert _read(name).startswith(gen.MARK), name
    index = _read("README.md")
    for name, _title in gen.hand_written(GENERATED):
        assert f"]({name})" in index, f"docs/README.md does not link the hand-written page {name}"


@pytest.mark.parametrize("name", GENERATED)
def test_links_resolve(name: str) -> None:
    text = _read(name)
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target == "#":
            continue
        file, _, anchor = target.partition("#")
        path = DOCS / file if file else DOCS / name
        if not path.is_file():
            broken.append(f"{target} (no such file)")
        elif anchor and anchor not in _anchors(path.read_text(encoding="utf-8")):
            broken.append(f"{target} (no such anchor)")
    assert not broken, "docs/{} links to: {}".format(name, ", ".join(broken))


def test_api_examples_compile() -> None:
    blocks = _python_blocks(_read("MessagesApi.md"))
    assert len(blocks) == len(gen.OPERATIONS)
    for i, block in enumerate(blocks):
        compile(block, f"docs/MessagesApi.md#example{i}", "exec")


def test_api_examples_run_against_a_local_server(server: RecordingServer, capsys: pytest.CaptureFixture[str]) -> None:
    host = smtp.Configuration().host
    sent = set()
    for block in _python_blocks(_read("MessagesApi.md")):
        assert host in block
        exec(compile(block.replace(host, server.url), "docs/MessagesApi.md", "exec"), {})  # noqa: S102 - our own docs
        last = server.last
        assert last.header("X-SMTPCOM-API") == "YOUR_API_KEY"
        sent.add((last.method, last.path))
    assert sent == {(op.method, op.path) for op in gen.OPERATIONS}
    assert "failed" not in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(smtp.models.__all__))
def test_model_example_builds_the_model(name: str) -> None:
    (block,) = _python_blocks(_read(name + ".md"))
    namespace: dict[str, Any] = {}
    exec(compile(block, f"docs/{name}.md", "exec"), namespace)  # noqa: S102 - our own docs
    cls = getattr(smtp, name)
    built = [value for value in namespace.values() if type(value) is cls]
    assert built, f"the example of docs/{name}.md builds no {name}"
    if name in gen.request_models():
        assert built[0].validate() == {}

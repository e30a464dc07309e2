"""The generated docs cover the whole v4 API: one page per API class whose examples compile and
run against a local server, one page per model, and an index that lists every operation."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from helpers import RecordingServer

import smtp

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs_all", ROOT / "tools" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _blocks(name: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", (DOCS / name).read_text(encoding="utf-8"), flags=re.S | re.M)


def test_every_api_class_and_model_has_a_page() -> None:
    assert sorted(gen.APIS) == sorted(smtp.api.__all__)
    for name in list(smtp.api.__all__) + list(smtp.models.__all__):
        assert (DOCS / f"{name}.md").is_file(), name
    assert sum(len(ops) for ops in gen.APIS.values()) == 43


def test_index_lists_every_operation_with_its_http_request() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for api, op in gen.ALL_OPERATIONS:
        row = f"*{api}* | [**{op.name}**]({api}.md#{op.name}) | **{op.method}** {op.path} |"
        assert row in index, row


@pytest.mark.parametrize("api", sorted(gen.APIS))
def test_api_examples_run_against_a_local_server(
    api: str, server: RecordingServer, capsys: pytest.CaptureFixture[str]
) -> None:
    handler = server.httpd.RequestHandlerClass
    if not hasattr(handler, "do_PATCH"):  # the shared recorder predates PATCH
        handler.do_PATCH = handler.do_GET  # type: ignore[attr-defined]
    host = smtp.Configuration().host
    blocks = _blocks(f"{api}.md")
    operations = gen.APIS[api]
    assert len(blocks) == len(operations)
    for block, op in zip(blocks, operations, strict=True):
        assert host in block and f"smtp.{api}(api_client)" in block
        before = len(server.requests)
        exec(compile(block.replace(host, server.url), f"docs/{api}.md", "exec"), {})  # noqa: S102 - our own docs
        assert len(server.requests) == before + 1, op.name
        last = server.last
        assert last.header("X-SMTPCOM-API") == "YOUR_API_KEY"
        assert last.method == op.method
        pattern = re.sub(r"\\{\w+\\}", "[^/{}]+", re.escape(op.path))
        assert re.fullmatch(pattern, last.path), (op.name, last.path)
    assert "failed" not in capsys.readouterr().out

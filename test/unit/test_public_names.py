"""The public names: every one importable, loaded lazily where it is an API class or a model,
listed once in each table that must know it, and visible to ``mypy --strict`` in user code."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import smtp
import smtp.api
import smtp.models

ROOT = Path(__file__).resolve().parents[2]


def type_checking_names(module_file: Path) -> set[str]:
    """The names a module imports as ``X as X`` inside its ``if TYPE_CHECKING:`` block."""
    tree = ast.parse(module_file.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom):
                    names.update(alias.name for alias in stmt.names if alias.asname == alias.name)
    return names


def test_every_public_name_resolves():
    for name in smtp.__all__:
        assert getattr(smtp, name) is not None, name
    for name in smtp.models.__all__:
        assert getattr(smtp, name) is getattr(smtp.models, name)
    for name in smtp.api.__all__:
        assert getattr(smtp, name) is getattr(smtp.api, name)
    with pytest.raises(AttributeError):
        smtp.NoSuchThing  # noqa: B018
    with pytest.raises(AttributeError):
        smtp.models.NoSuchModel  # noqa: B018


def test_the_public_submodules_are_reached_from_a_bare_import():
    code = "import smtp\nprint(smtp.rest.ApiException is smtp.ApiException, smtp.configuration.DEFAULT_HOST)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["True", "https://api.smtp.com"]


def test_the_tables_agree():
    assert len(smtp.__all__) == len(set(smtp.__all__))
    assert list(smtp.models.MODEL_MODULES) == smtp.models.__all__
    assert list(smtp.api.API_MODULES) == smtp.api.__all__
    assert set(smtp.models.__all__) | set(smtp.api.__all__) <= set(smtp.__all__)
    assert type_checking_names(ROOT / "smtp" / "models" / "__init__.py") == set(smtp.models.__all__)
    assert type_checking_names(ROOT / "smtp" / "api" / "__init__.py") == set(smtp.api.__all__)
    lazy = set(smtp.models.__all__) | set(smtp.api.__all__) | {"ApiClient", "Client", "Configuration", "RetryPolicy"}
    assert type_checking_names(ROOT / "smtp" / "__init__.py") == lazy


def test_the_lists_are_what_the_tables_give():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_public_names.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_smtp_loads_no_http_client_no_api_class_and_no_model_module():
    code = (
        "import sys, smtp\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'urllib3' or m == 'smtp.api_client'], 'eager'\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('smtp.api.', 'smtp.models.')))\n"
        "print(' '.join(m for m in loaded if m != 'smtp.models._base'))\n"
        "smtp.MessagesApi, smtp.InlineObject\n"
        "print('smtp.api.messages_api' in sys.modules, 'smtp.models.send' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.splitlines() == ["", "True True"]


USER_CODE = """
    from __future__ import annotations

    import smtp
    import smtp.rest
    from smtp import InlineObject, MessagesResponse


    def read(api: smtp.MessagesApi) -> MessagesResponse:
        return api.v4_messages_get(1700000000, 10, 0, "main")


    def main() -> None:
        config: smtp.Configuration = smtp.Configuration(api_key={"apiKey": "k"})
        with smtp.ApiClient(config) as client:
            api = smtp.MessagesApi(client)
            message: InlineObject = smtp.InlineObject(channel="main")
            body = smtp.V4MessagesBody(parts=[smtp.V4MessagesBodyParts(type="text/plain", content="Hi")])
            message.body = body
            try:
                api.v4_messages_post(message)
                read(api)
            except smtp.rest.ApiException as error:
                print(error.status)
            except smtp.ApiValueError as error:
                print(error.errors)
        client2: smtp.Client = smtp.Client(api_key="k")
        print(client2, smtp.__version__, smtp.RetryPolicy(total=1))
"""


def test_mypy_strict_sees_every_public_name_in_user_code(tmp_path):
    pytest.importorskip("mypy")
    (tmp_path / "user_code.py").write_text(textwrap.dedent(USER_CODE), encoding="utf-8")
    env = dict(os.environ, MYPYPATH=str(ROOT))
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--follow-imports=silent",
        "--no-incremental",
        "--cache-dir",
        str(tmp_path / "cache"),
    ]
    out = subprocess.run(command + ["user_code.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr

"""The insides of ``smtp.models`` import downwards only: field kinds and type rules, then JSON
writing, then the plans, then the base, then the model modules (issue 9, item 1), which may
import any of them."""

from __future__ import annotations

import ast
import pathlib

import smtp.models

ORDER = ["smtp.models._kinds", "smtp.models._json", "smtp.models._plans", "smtp.models._base"]
FOLDER = pathlib.Path(smtp.models.__file__).parent


def imports_of(module: str) -> set[str]:
    """Every ``smtp`` module imported anywhere in ``module`` (functions included)."""
    tree = ast.parse((FOLDER / (module.rsplit(".", 1)[1] + ".py")).read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("smtp"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("smtp"))
    return found


def test_each_layer_of_the_models_imports_only_the_layers_below_it():
    for level, module in enumerate(ORDER):
        below = set(ORDER[:level])
        for imported in imports_of(module):
            if imported.startswith("smtp.models"):
                assert imported in below, f"{module} imports {imported}"
            else:
                assert imported == "smtp.exceptions", f"{module} imports {imported}"
    assert imports_of("smtp.models._kinds") == set()

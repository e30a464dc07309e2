"""Import benchmark: ``python -X importtime -c "import smtp"`` against ``import urllib3``.

Each figure is the cumulative microseconds that ``-X importtime`` reports for the top-level
module, median of several fresh interpreters, run alternately. Bytecode is cached the way an
installed package has it: this machine sets ``PYTHONDONTWRITEBYTECODE=1`` and the checkout has
no ``__pycache__``, which would make every ``import smtp`` compile the SDK's source while urllib3
loads its cached bytecode, so the runs here use a private ``PYTHONPYCACHEPREFIX`` (both packages
compile once, in the warm-up, and load bytecode after). ``--venv DIR`` measures in a fresh
virtual environment with the project installed from this checkout (created if missing).

It also lists the heavy modules ``import smtp`` loads that a bare interpreter has not:
there must be none.

Run alone: ``python benchmarks/bench_import.py [--runs N] [--venv DIR]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from typing import Any

import harness

IMPORT_BUDGET = 1.3

#: modules that ``import smtp`` must not load (each is imported where it is needed)
HEAVY = (
    "dateutil",
    "certifi",
    "multiprocessing",
    "concurrent.futures",
    "smtp.sandbox",
    "smtp.cli",
    "smtp.client",
    "smtp.mail",
    "pprint",
    "inspect",
    "dataclasses",
    "sqlite3",
    "http.server",
    "argparse",
    "copy",
)


def _env(bytecode: str, tree: str | None = None) -> dict[str, str]:
    """The environment of the timed interpreters. ``bytecode``: "cached" (a private cache that
    the warm-up fills, for both packages), "none" (an empty cache that is never written: both
    compile their source every time) or "as-is" (this environment's own settings)."""
    env = dict(os.environ)
    if tree:  # the checkout these benchmarks belong to, ahead of any installed copy
        env["PYTHONPATH"] = os.pathsep.join(p for p in (tree, env.get("PYTHONPATH")) if p)
    if bytecode == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="smtp-bench-pyc-")
    elif bytecode == "none":
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="smtp-bench-nocache-")
    return env


def import_time(python: str, module: str, env: dict[str, str]) -> int:
    """Cumulative microseconds of ``module`` in one ``python -X importtime -c 'import module'``."""
    done = subprocess.run(
        [python, "-X", "importtime", "-c", "import " + module],
        capture_output=True,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
    )
    if done.returncode:
        raise RuntimeError(f"import {module} failed:\n{done.stderr[-2000:]}")
    for line in reversed(done.stderr.splitlines()):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == module:
            return int(parts[1])
    raise RuntimeError(f"no importtime line for {module}")


#: what a program that uses every public name of ``smtp`` imports (the API classes, the models and
#: the client are loaded on first use, so ``import smtp`` alone does not show their cost)
WHOLE_API = "import smtp\nfor name in smtp.__all__: getattr(smtp, name)"


def whole_api_time(python: str, env: dict[str, str]) -> int:
    """Microseconds of every import that ``WHOLE_API`` makes, from ``import smtp`` on: the sum of
    the cumulative times of the top-level lines of ``-X importtime``."""
    done = subprocess.run(
        [python, "-X", "importtime", "-c", WHOLE_API],
        capture_output=True,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
    )
    if done.returncode:
        raise RuntimeError(f"the whole API failed to load:\n{done.stderr[-2000:]}")
    total, started = 0, False
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2][1:]  # one space, then the name indented two spaces per level of nesting
        started = started or name == "smtp"
        if started and not name.startswith(" "):
            total += int(parts[1])
    return total


def heavy_imports(python: str, env: dict[str, str]) -> list[str]:
    """The modules of ``HEAVY`` that ``import smtp`` loads and a bare interpreter does not."""
    code = "import sys; before = set(sys.modules); import smtp; print(' '.join(sorted(set(sys.modules) - before)))"
    done = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, env=env, cwd=tempfile.gettempdir(), check=True
    )
    loaded = set(done.stdout.split())
    return sorted(m for m in loaded if m in HEAVY or m.split(".")[0] in HEAVY)


def measure(python: str, runs: int, bytecode: str = "cached", tree: str | None = None) -> dict[str, Any]:
    """Median cumulative import times of smtp and urllib3 with ``python`` (smtp from ``tree``
    when given, else as installed; ``bytecode`` as in ``_env``)."""
    env = _env(bytecode, tree)
    times: dict[str, list[int]] = {"smtp": [], "urllib3": [], "whole": []}
    import_time(python, "smtp", env)  # warm-up (with "cached": compile and cache both)
    import_time(python, "urllib3", env)
    for i in range(runs):
        order = ("smtp", "urllib3") if i % 2 == 0 else ("urllib3", "smtp")
        for module in order:
            times[module].append(import_time(python, module, env))
        times["whole"].append(whole_api_time(python, env))
    smtp_us, urllib3_us = statistics.median(times["smtp"]), statistics.median(times["urllib3"])
    whole_us = statistics.median(times["whole"])
    return {
        "whole_api_us": int(whole_us),
        "whole_api_ratio": round(whole_us / urllib3_us, 3),
        "smtp_us": int(smtp_us),
        "urllib3_us": int(urllib3_us),
        "ratio": round(smtp_us / urllib3_us, 3),
        "heavy": heavy_imports(python, env),
    }


def fresh_venv(path: str) -> str:
    """The python of a virtual environment at ``path`` with this checkout installed (not
    editable), created when it does not exist yet."""
    python = os.path.join(path, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", path], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", harness.ROOT], check=True)
    return python


def run(runs: int = 15, venv: str | None = None, extra: bool = True) -> list[dict[str, Any]]:
    """The import ratio with this interpreter (and in ``venv``, when given). With ``extra``,
    two more rows without a budget: both packages compiled from source on every import, and
    imports exactly as this environment does them (``PYTHONDONTWRITEBYTECODE=1`` here, which
    makes the checkout compile its source every time while urllib3 loads its bytecode)."""
    results = []
    targets = [("import", sys.executable, "cached", IMPORT_BUDGET, harness.ROOT)]
    if venv:
        targets.append(("import_venv", fresh_venv(venv), "cached", IMPORT_BUDGET, None))
    if extra:
        targets.append(("import_no_bytecode", sys.executable, "none", None, harness.ROOT))
        targets.append(("import_env_as_is", sys.executable, "as-is", None, harness.ROOT))
    for name, python, bytecode, budget, tree in targets:
        samples = runs if budget is not None else max(5, runs // 3)
        m = measure(python, samples, bytecode, tree)
        result: dict[str, Any] = {
            "benchmark": name,
            "kind": "time",
            "sdk_ms": round(m["smtp_us"] / 1000, 2),
            "raw_ms": round(m["urllib3_us"] / 1000, 2),
            "ratio": m["ratio"],
            "budget": budget,
            "samples": samples,
            "bytecode": bytecode,
            "heavy_modules": m["heavy"],
            # every public name loaded (no budget: a program pays this only for what it uses)
            "whole_api_ms": round(m["whole_api_us"] / 1000, 2),
            "whole_api_ratio": m["whole_api_ratio"],
        }
        if budget is not None:
            result["ok"] = m["ratio"] <= budget and not m["heavy"]
        results.append(harness.emit(result))
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--venv", help="also measure in a fresh virtual environment at this path (created if missing)")
    args = parser.parse_args(argv)
    run(args.runs, args.venv)


if __name__ == "__main__":
    main()

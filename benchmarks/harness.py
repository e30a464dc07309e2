"""Shared benchmark machinery: the server in its own process, alternating timed runs,
medians, and one JSON line per result.

Every comparison runs the SDK and the raw baseline in the same process, alternating
(SDK, raw, raw, SDK, ...) after a warm-up, so that drifts of the machine hit both alike;
the figure reported is the ratio of the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:  # run from a checkout: benchmark the tree next to this folder
    sys.path.insert(0, ROOT)


class Server:
    """A benchmark server (``server.py``, or any command that prints ``... http://HOST:PORT``)
    in a separate process; closed by closing its standard input, killed if it lingers."""

    def __init__(self, command: list[str] | None = None, items: int = 1000) -> None:
        if command is None:
            command = [sys.executable, os.path.join(HERE, "server.py"), "--port", "0", "--items", str(items)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        import select

        ready, _, _ = select.select([self.process.stdout], [], [], 60)  # it prints its address when it listens
        line = self.process.stdout.readline() if ready else ""
        if "http://" not in line:
            self.close()
            raise RuntimeError(f"benchmark server did not start: {line!r}")
        self.url = "http://" + line.split("http://", 1)[1].strip()
        pin(self.process.pid, self.process_cpu)

    #: the CPU the server is kept on (the client takes the other one): with each process on
    #: a core of its own, a run does not depend on how the scheduler happens to place them
    process_cpu = 1

    def close(self) -> None:
        """Stop the server: close its standard input (``server.py`` exits on that), then
        SIGTERM (the sandbox stops cleanly on it), then SIGKILL."""
        if self.process.poll() is not None:
            return
        try:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=1)
            return
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def alternate(
    sdk: Callable[[], Any], raw: Callable[[], Any], reps: int, warmup: int = 3, inner: int = 1
) -> tuple[list[float], list[float]]:
    """Time ``sdk`` and ``raw`` ``reps`` times each (``inner`` calls per sample), alternating
    the order of each pair; returns the seconds per call of every sample of each."""
    for _ in range(warmup):
        sdk()
        raw()
    sdk_times: list[float] = []
    raw_times: list[float] = []
    clock = time.perf_counter
    for i in range(reps):
        order = ((sdk, sdk_times), (raw, raw_times)) if i % 2 == 0 else ((raw, raw_times), (sdk, sdk_times))
        for fn, out in order:
            start = clock()
            for _ in range(inner):
                fn()
            out.append((clock() - start) / inner)
    return sdk_times, raw_times


def median(values: list[float]) -> float:
    return statistics.median(values)


def emit(result: dict[str, Any]) -> dict[str, Any]:
    """Print one result as a JSON line (and return it)."""
    print(json.dumps(result, sort_keys=False), flush=True)
    return result


def comparison(
    name: str, sdk_times: list[float], raw_times: list[float], kind: str, budget: float | None, **extra: Any
) -> dict[str, Any]:
    """A result comparing two timings. ``kind`` 'time' reports sdk/raw (lower is better);
    'throughput' reports raw/sdk time, i.e. SDK throughput over raw throughput (higher is better)."""
    sdk_med, raw_med = median(sdk_times), median(raw_times)
    ratio = sdk_med / raw_med if kind == "time" else raw_med / sdk_med
    result: dict[str, Any] = {
        "benchmark": name,
        "kind": kind,
        "sdk_ms": round(sdk_med * 1e3, 4),
        "raw_ms": round(raw_med * 1e3, 4),
        "ratio": round(ratio, 3),
        "budget": budget,
        "samples": len(sdk_times),
    }
    if budget is not None:
        result["ok"] = ratio <= budget if kind == "time" else ratio >= budget
    result.update(extra)
    return result


def config_for(url: str) -> Any:
    """A ``smtp.Configuration`` for the benchmark server, with an API key set (as a real client would)."""
    import smtp

    return smtp.Configuration(host=url, api_key={"apiKey": "bench-key-0123456789abcdef"})


# headers urllib3 adds by itself to every request: the raw baseline lets it add them too
_AUTOMATIC = {"host", "content-length", "accept-encoding", "transfer-encoding", "connection"}


def last_request(url: str) -> tuple[str, dict[str, str], bytes]:
    """The last request the benchmark server got: target, headers (without those urllib3
    adds by itself) and body, so that the raw baseline can send exactly the same."""
    import urllib3

    with urllib3.PoolManager() as pm:
        info = json.loads(pm.request("GET", url + "/_last").data)
        body = pm.request("GET", url + "/_last_body").data
    headers = {name: value for name, value in info["headers"] if name.lower() not in _AUTOMATIC}
    return info["target"], headers, body


def pin(pid: int, cpu: int) -> bool:
    """Keep process ``pid`` (0: this one) on CPU ``cpu`` when the machine has it; False otherwise."""
    setaffinity = getattr(os, "sched_setaffinity", None)
    if setaffinity is None or cpu not in os.sched_getaffinity(0) | {0} or (os.cpu_count() or 1) < 2:
        return False
    try:
        setaffinity(pid, {cpu})
    except OSError:
        return False
    return True


def standalone(
    doc: str, run: Callable[..., Any], reps: int, argv: list[str] | None = None, **more: tuple[type, Any]
) -> None:
    """The command line of one benchmark file: ``--url`` (a server already running; by default
    ``server.py`` is started, on the other CPU), ``--reps`` and the ``more`` options
    (name: (type, default)); then ``run(url, reps=..., **more)``."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--url", help="a benchmark server already running (default: start server.py)")
    parser.add_argument("--reps", type=int, default=reps)
    for name, (kind, default) in more.items():
        parser.add_argument("--" + name, type=kind, default=default)
    options = vars(parser.parse_args(argv))
    url = options.pop("url")
    if url:
        run(url, **options)
        return
    with Server() as server:
        pin(0, 0)
        run(server.url, **options)

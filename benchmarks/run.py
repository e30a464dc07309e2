"""Run every benchmark of the SDK against raw urllib3, print one JSON line per result and a
table, and check the performance budgets of ARCHITECTURE.md.

    python benchmarks/run.py              everything; exit 1 if a budget is missed
    python benchmarks/run.py --no-check   the same, but always exit 0
    python benchmarks/run.py --venv DIR   also time ``import smtp`` in a fresh virtual environment

Budgets (ratios measured in this one run, against a server in another process):
read <= 2.0x raw urllib3 + json.loads; send >= 0.95x raw urllib3 throughput;
import smtp <= 1.3x import urllib3 (and no heavy module imported); a 10 MB MIME send
<= 4x the payload in peak memory. Against the sandbox (``smtp.sandbox``) the read and send
ratios are reported too, without a budget.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_import  # noqa: E402
import bench_memory  # noqa: E402
import bench_read  # noqa: E402
import bench_send  # noqa: E402
import harness  # noqa: E402


def environment() -> dict[str, Any]:
    """Where and with what the figures were taken."""
    import urllib3

    import smtp

    return {
        "benchmark": "environment",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count() or 0:d} CPUs",
        "system": platform.platform(terse=True),
        "python": platform.python_version(),
        "urllib3": urllib3.__version__,
        "smtp": smtp.__version__,
    }


def table(results: list[dict[str, Any]]) -> str:
    """The results as a text table."""
    lines = ["{:<22} {:>12} {:>12} {:>8} {:>9}  {}".format("benchmark", "sdk", "raw", "ratio", "budget", "")]
    for r in results:
        if r.get("kind") == "memory":
            sdk, raw = "{:.1f} MB".format(r["peak_growth_mb"]), f"{r['payload_bytes'] / 2**20:.1f} MB"
        else:
            sdk, raw = "{:.3f} ms".format(r["sdk_ms"]), "{:.3f} ms".format(r["raw_ms"])
        budget = ""
        if r.get("budget") is not None:
            budget = (">= " if r["kind"] == "throughput" else "<= ") + str(r["budget"])
        verdict = "" if "ok" not in r else ("ok" if r["ok"] else "MISSED")
        lines.append(f"{r['benchmark']:<22} {sdk:>12} {raw:>12} {r['ratio']:8.3f} {budget:>9}  {verdict}")
    return "\n".join(lines)


def sandbox_available() -> bool:
    try:
        import smtp.sandbox  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-check", action="store_true", help="report only: exit 0 even when a budget is missed")
    parser.add_argument(
        "--venv", help="also time `import smtp` in a fresh virtual environment at this path (created if missing)"
    )
    parser.add_argument("--no-sandbox", action="store_true", help="skip the runs against smtp.sandbox")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke test, not figures to record)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    scale = 4 if args.quick else 1

    results: list[dict[str, Any]] = []
    harness.emit(environment())
    with harness.Server() as server:
        harness.pin(0, 0)  # the server has CPU 1, this process CPU 0 (children inherit it)
        results += bench_read.run(server.url, reps=max(5, 25 // scale))
        results += bench_send.run(server.url, reps=max(9, 101 // scale), threaded_sends=400 // scale)
        results += bench_memory.run(server.url, reps=1 if args.quick else 3)
        if not args.no_sandbox and sandbox_available():
            sandbox = harness.Server([sys.executable, "-m", "smtp.sandbox", "--port", "0", "--quiet"])
            try:
                bench_read.seed_sandbox(sandbox.url, 1000)
                results += bench_read.run(
                    sandbox.url, reps=max(5, 15 // scale), label="sandbox", capture_url=server.url
                )
                results += bench_send.run(
                    sandbox.url,
                    reps=max(9, 31 // scale),
                    threaded_sends=200 // scale,
                    label="sandbox",
                    capture_url=server.url,
                )
            finally:
                sandbox.close()
    results += bench_import.run(runs=max(5, 15 // scale), venv=args.venv, extra=not args.quick)

    print()
    print(table(results))
    missed = [r["benchmark"] for r in results if r.get("ok") is False]
    print(
        f"\n{len(results)} results in {time.monotonic() - started:.0f} s; "
        + ("budgets missed: " + ", ".join(missed) if missed else "every budget met")
    )
    if missed and not args.no_check:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Memory benchmark: peak RSS of sending a 10 MB MIME message with ``v4_messages_mime_post``,
over the payload size.

Each measurement runs in a fresh interpreter: it imports everything, sends one small message
(so that connections, compiled plans and lazy imports exist), takes its RSS as the baseline
and resets its peak RSS there (``/proc/self/clear_refs``; a child process starts with its
parent's ``ru_maxrss``, so that is used only where /proc is missing), then builds the MIME
text and sends it. The figure is (peak - baseline) / payload: it counts the caller's own copy
of the message, so 1.0 is the floor.

Run alone: ``python benchmarks/bench_memory.py [--url URL] [--mb N]``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import harness

MEMORY_BUDGET = 4.0

_CHILD = r"""
import gc, json, resource, sys
sys.path[:0] = [%(here)r, %(root)r]
import smtp, harness
from fixtures import make_mime


def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])


def reset_peak():
    # Linux: writing 5 to clear_refs resets the peak (VmHWM) to the current RSS; ru_maxrss
    # cannot be used as it is, because a child starts with its parent's peak
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return status("VmRSS"), "VmHWM"
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, None


size = %(size)d
with smtp.ApiClient(harness.config_for(%(url)r)) as client:
    api = smtp.MessagesApi(client)
    api.v4_messages_mime_post(make_mime(2000))
    gc.collect()
    base, peak_field = reset_peak()
    message = make_mime(size)
    payload = len(message.mime)  # ASCII text: characters are bytes
    reply = api.v4_messages_mime_post(message)
    peak = status(peak_field) if peak_field else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
assert reply.data.msg_id
print(json.dumps({"payload": payload, "base_kib": base, "peak_kib": peak, "source": peak_field or "ru_maxrss"}))
"""


def measure(url: str, size: int) -> dict[str, Any]:
    """One fresh-process measurement of a ``size``-byte MIME send to ``url``."""
    code = _CHILD % {"here": harness.HERE, "root": harness.ROOT, "size": size, "url": url}
    env = dict(os.environ)
    # glibc's malloc raises its mmap threshold after a large block is freed, and then serves the
    # next large blocks from the heap, where freed memory may or may not be reused: RSS would
    # measure that luck. A fixed threshold keeps every large buffer in its own mapping, returned
    # when freed, so the peak is what the SDK really held at once.
    env.setdefault("MALLOC_MMAP_THRESHOLD_", "131072")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if done.returncode:
        raise RuntimeError("memory benchmark child failed:\n" + done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run(url: str, mb: int = 10, reps: int = 3) -> list[dict[str, Any]]:
    """Median over ``reps`` fresh processes of the peak RSS growth of one ``mb`` MB MIME send."""
    size = mb * 1000 * 1000  # 10 MB of MIME: its JSON (CRLF escaped as \\r\\n) stays under the 10 MiB request limit
    samples = [measure(url, size) for _ in range(reps)]
    ratios = sorted((s["peak_kib"] - s["base_kib"]) * 1024 / s["payload"] for s in samples)
    ratio = ratios[len(ratios) // 2]
    result = {
        "benchmark": f"memory_mime_{mb:d}mb",
        "kind": "memory",
        "payload_bytes": samples[0]["payload"],
        "peak_growth_mb": round(ratio * samples[0]["payload"] / 2**20, 1),
        "ratio": round(ratio, 2),
        "budget": MEMORY_BUDGET,
        "samples": reps,
        "ok": ratio <= MEMORY_BUDGET,
    }
    return [harness.emit(result)]


if __name__ == "__main__":
    harness.standalone(__doc__, run, reps=3, mb=(int, 10))

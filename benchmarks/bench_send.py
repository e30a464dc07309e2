"""Send benchmark: sequential ``v4_messages_post`` over keep-alive against raw urllib3 POST of
the same pre-encoded bytes with the same headers (throughput ratio), and the same with 8
threads sharing one ``ApiClient`` against 8 threads sharing one ``PoolManager``.

The SDK side does everything a real send does: client-side validation of the message,
JSON encoding, authentication, the request, and decoding the reply into a model. The raw side
only sends bytes prepared beforehand and reads the reply.

Run alone: ``python benchmarks/bench_send.py [--url URL] [--reps N]``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import harness
from fixtures import make_message

SEND_BUDGET = 0.95
THREADS = 8


def run(
    url: str,
    reps: int = 101,
    inner: int = 10,
    threaded_sends: int = 400,
    label: str = "",
    capture_url: str | None = None,
) -> list[dict[str, Any]]:
    """Time sequential and threaded sends against ``url`` (see ``bench_read.run`` for ``capture_url``)."""
    import urllib3

    import smtp

    suffix = label and "_" + label
    results = []
    message = make_message()
    config = harness.config_for(url)
    with smtp.ApiClient(config) as client:
        api = smtp.MessagesApi(client)

        def sdk() -> Any:
            return api.v4_messages_post(message)

        reply = sdk()
        assert reply.data.msg_id, "the server sent no msg_id"
        if capture_url:
            with smtp.ApiClient(harness.config_for(capture_url)) as other:
                smtp.MessagesApi(other).v4_messages_post(message)
        target, headers, body = harness.last_request(capture_url or url)
        raw_url = url + target
        # the same pool size as the SDK's, so that the threaded run compares like with like
        pm = urllib3.PoolManager(maxsize=config.connection_pool_maxsize)

        def raw() -> Any:
            return pm.request("POST", raw_url, body=body, headers=headers).data

        raw()
        sdk_times, raw_times = harness.alternate(sdk, raw, reps, warmup=20, inner=inner)
        results.append(
            harness.comparison(
                "send" + suffix,
                sdk_times,
                raw_times,
                "throughput",
                SEND_BUDGET if not label else None,
                body_bytes=len(body),
            )
        )

        per_thread = max(1, threaded_sends // THREADS)
        sdk_times, raw_times = harness.alternate(
            lambda: threaded(sdk, per_thread), lambda: threaded(raw, per_thread), max(3, reps // 4), warmup=1
        )
        results.append(
            harness.comparison(
                f"send_{THREADS:d}threads{suffix}",
                sdk_times,
                raw_times,
                "throughput",
                None,
                sends_per_sample=per_thread * THREADS,
            )
        )
        pm.clear()
    return [harness.emit(r) for r in results]


def threaded(send: Callable[[], Any], count: int) -> None:
    """``count`` sends on each of ``THREADS`` threads started together."""
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def work() -> None:
        start.wait()
        try:
            for _ in range(count):
                send()
        except BaseException as error:  # report it in the main thread
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


if __name__ == "__main__":
    harness.standalone(__doc__, run, reps=101)

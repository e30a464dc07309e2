"""Read benchmark: ``v4_messages_get(limit=1000)`` of a realistic page, end to end, against
raw urllib3 GET of the same URL with the same headers + ``json.loads`` of the same bytes;
and deserialization alone (``ApiClient.deserialize`` against ``json.loads``).

Run alone: ``python benchmarks/bench_read.py [--url URL] [--reps N]``.
"""

from __future__ import annotations

import json
from typing import Any

import harness
from fixtures import CHANNEL, START, make_message

READ_BUDGET = 2.0


def run(url: str, reps: int = 25, label: str = "", capture_url: str | None = None) -> list[dict[str, Any]]:
    """Time the read end to end and the deserialization alone against ``url``.

    The raw side sends the request the SDK sent, as the benchmark server recorded it: at
    ``capture_url`` when ``url`` is another server (such as the sandbox), which records nothing.
    """
    import urllib3

    import smtp
    from smtp.rest import RESTResponse

    suffix = label and "_" + label
    results = []
    with smtp.ApiClient(harness.config_for(url)) as client:
        api = smtp.MessagesApi(client)

        def sdk() -> Any:
            return api.v4_messages_get(START, 1000, 0, CHANNEL)

        page = sdk()
        assert page.status == "success" and page.data.items, "the server sent no items"
        if capture_url:
            with smtp.ApiClient(harness.config_for(capture_url)) as other:
                smtp.MessagesApi(other).v4_messages_get(START, 1000, 0, CHANNEL)
        target, headers, _ = harness.last_request(capture_url or url)
        pm = urllib3.PoolManager()
        raw_url = url + target

        def raw() -> Any:
            return json.loads(pm.request("GET", raw_url, headers=headers).data)

        items = len(raw()["data"]["items"])
        sdk_times, raw_times = harness.alternate(sdk, raw, reps)
        results.append(
            harness.comparison(
                "read" + suffix, sdk_times, raw_times, "time", READ_BUDGET if not label else None, items=items
            )
        )

        reply = pm.request("GET", raw_url, headers=headers, preload_content=False)
        response = RESTResponse(reply, reply.read())
        data = response.data

        def sdk_decode() -> Any:
            return client.deserialize(response, "MessagesResponse")

        def raw_decode() -> Any:
            return json.loads(data)

        sdk_times, raw_times = harness.alternate(sdk_decode, raw_decode, reps)
        results.append(harness.comparison("deserialize" + suffix, sdk_times, raw_times, "time", None, bytes=len(data)))
        pm.clear()
    return [harness.emit(r) for r in results]


def seed_sandbox(url: str, items: int = 1000, per_message: int = 10) -> None:
    """Send messages to the sandbox at ``url`` until it holds ``items`` items, with recipients
    whose simulated mailboxes open, click, complain and unsubscribe (so nested fields are filled)."""
    import smtp

    kinds = ("click", "complaint", "unsubscribe", "open", "click")
    with smtp.ApiClient(harness.config_for(url)) as client:
        api = smtp.MessagesApi(client)
        message = make_message()
        for n in range(items // per_message):
            message.recipients = smtp.V4MessagesRecipients(
                to=[
                    smtp.V4MessagesRecipientsTo(
                        address=f"{kinds[i % len(kinds)]}+{n * per_message + i:d}@simulator.test"
                    )
                    for i in range(per_message)
                ]
            )
            message.custom_headers = {
                "X-SMTPAPI": json.dumps({"unique_args": {"batch": str(n), "campaign": "autumn-sale"}})
            }
            api.v4_messages_post(message)


if __name__ == "__main__":
    harness.standalone(__doc__, run, reps=25)

"""One ApiClient shared by many threads, and an ApiClient used again in a child after fork()."""

from __future__ import annotations

import os
import threading
import time

import pytest
from support.payloads import make_message
from support.servers import MisbehavingServer, messages_api, read_page

THREADS = 8
PER_THREAD = 50


def test_one_client_shared_by_many_threads_has_no_cross_talk():
    failures: list[str] = []
    start = threading.Barrier(THREADS)
    with MisbehavingServer() as server, messages_api(server.url, timeout=(5, 5), connection_pool_maxsize=4) as api:

        def work(thread: int) -> None:
            start.wait(timeout=10)
            for i in range(PER_THREAD):
                marker = f"t{thread:d}-r{i}"
                try:
                    if i % 2:
                        got = api.v4_messages_post(make_message(subject=marker)).data.msg_id
                    else:
                        got = read_page(api, msg_id=marker).data.items[0].msg_id
                except Exception as error:  # noqa: BLE001 - every failure is reported below
                    failures.append(f"{marker}: {error!r}")
                    continue
                if got != marker:
                    failures.append(f"{marker} got the reply of {got}")

        threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads)
        assert failures == []
        assert server.count == THREADS * PER_THREAD
        seen = sorted(r.json["subject"] if r.method == "POST" else r.query["msg_id"][0] for r in server.requests)
    assert seen == sorted(f"t{t}-r{i}" for t in range(THREADS) for i in range(PER_THREAD))


def wait_for_child(pid: int, seconds: float = 30.0) -> int:
    """The child's exit code; kill it if it has not finished in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.01)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    pytest.fail(f"the child did not finish within {seconds:.0f} s")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="this platform has no fork()")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Python 3.12+ warns about fork() with threads
def test_after_fork_the_child_gets_fresh_connections_and_a_new_async_pool():
    with MisbehavingServer() as server, messages_api(server.url, timeout=(5, 5)) as api:
        client = api.api_client
        assert api.v4_messages_post(make_message(subject="parent-sync")).data.msg_id == "parent-sync"
        assert (
            api.v4_messages_post(make_message(subject="parent-async"), async_req=True).get(10).data.msg_id
            == "parent-async"
        )
        parent_pool = client._pool
        parent_ports = {r.peer[1] for r in server.requests}
        pid = os.fork()
        if pid == 0:  # the child: report through the exit code only, never return into pytest
            code = 1
            try:
                ok = client._pool is None and client._pool is not parent_pool
                ok = ok and api.v4_messages_post(make_message(subject="child-sync")).data.msg_id == "child-sync"
                ok = (
                    ok
                    and api.v4_messages_post(make_message(subject="child-async"), async_req=True).get(10).data.msg_id
                    == "child-async"
                )
                code = 0 if ok else 2
            finally:
                os._exit(code)
        assert wait_for_child(pid) == 0
        child = [r for r in server.requests if r.json.get("subject", "").startswith("child")]
        assert len(child) == 2
        assert not {r.peer[1] for r in child} & parent_ports, "the child reused a connection of its parent"
        # the parent's own connections and pool still work
        assert (
            api.v4_messages_post(make_message(subject="parent-again"), async_req=True).get(10).data.msg_id
            == "parent-again"
        )
        assert client._pool is parent_pool

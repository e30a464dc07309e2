"""Dedupe stores: bounded in memory, persistent in SQLite, and any object with the two methods."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from smtp.callbacks import DedupeStore, MemoryDedupe, Receiver, SQLiteDedupe


def test_memory_store_remembers_and_is_bounded() -> None:
    store = MemoryDedupe(max_entries=3)
    assert isinstance(store, DedupeStore)
    for n in range(5):
        store.remember(f"e{n}")
    assert len(store) == 3
    assert [store.seen(f"e{n}") for n in range(5)] == [False, False, True, True, True]
    store.remember("e2")  # remembered again: now the newest
    store.remember("e5")
    assert store.seen("e2") and not store.seen("e3")


def test_sqlite_store_survives_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "seen.db"
    with SQLiteDedupe(path) as store:
        assert isinstance(store, DedupeStore)
        assert not store.seen("a")
        store.remember("a")
        store.remember("a")  # twice is once
        assert store.seen("a")
    with SQLiteDedupe(str(path)) as reopened:
        assert reopened.seen("a") and not reopened.seen("b")


def test_sqlite_store_drops_the_oldest_past_its_bound(tmp_path: Path) -> None:
    with SQLiteDedupe(tmp_path / "seen.db", max_entries=10) as store:
        for n in range(25):
            store.remember(str(n))
        assert not store.seen("0") and store.seen("24")
        held = sum(store.seen(str(n)) for n in range(25))
        assert 10 <= held <= 20


def test_two_stores_on_one_file_share_what_they_saw(tmp_path: Path) -> None:
    with SQLiteDedupe(tmp_path / "seen.db") as one, SQLiteDedupe(tmp_path / "seen.db") as two:
        one.remember("x")
        assert two.seen("x")


def test_sqlite_store_is_safe_across_threads(tmp_path: Path) -> None:
    with SQLiteDedupe(tmp_path / "seen.db") as store:

        def work(base: int) -> None:
            for n in range(50):
                store.remember(f"{base}-{n}")

        threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert all(store.seen(f"{t}-{n}") for t in range(4) for n in range(50))


@pytest.mark.parametrize("bad", [0, -1])
def test_bounds_must_be_positive(bad: int, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        MemoryDedupe(max_entries=bad)
    with pytest.raises(ValueError):
        SQLiteDedupe(tmp_path / "x.db", max_entries=bad)


def test_any_object_with_the_two_methods_plugs_in() -> None:
    class SetStore:
        def __init__(self) -> None:
            self.ids: set[str] = set()

        def seen(self, event_id: str) -> bool:
            return event_id in self.ids

        def remember(self, event_id: str) -> None:
            self.ids.add(event_id)

    store = SetStore()
    got: list[str | None] = []
    receiver = Receiver(lambda event: got.append(event.id), dedupe=store)
    assert receiver.receive(b'[{"id": "1"}, {"id": "2"}, {"id": "1"}]').status == 200
    assert receiver.receive(b'[{"id": "2"}, {"id": "3"}]').status == 200
    assert got == ["1", "2", "3"] and store.ids == {"1", "2", "3"}


def test_an_object_without_the_methods_is_refused() -> None:
    with pytest.raises(TypeError):
        Receiver(lambda event: None, dedupe=object())  # type: ignore[arg-type]

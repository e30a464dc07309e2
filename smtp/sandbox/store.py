"""Where the sandbox keeps messages: SQLite, in memory by default or in a file.

One connection per store, used under a lock, so every request thread of one sandbox goes
through it in turn. A file database is opened in WAL mode with a busy timeout, so that several
sandbox processes may write the same file; each write is one ``BEGIN IMMEDIATE`` transaction
committed before the request is answered, so an accepted message survives a stop or a crash
of the process.

Two tables: ``messages`` (envelope and raw MIME of each accepted message) and ``items`` (one
row per recipient: the state that the ``event`` filter selects, the event time that orders
them, and the item's JSON, rendered once when the message was stored).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from email.message import EmailMessage
from typing import Any

from smtp.sandbox.events import Item

__all__ = ["Store", "StoredMessage"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    msg_id TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    mail_from TEXT NOT NULL,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    created REAL NOT NULL,
    source TEXT NOT NULL,
    raw BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_created ON messages (created);
CREATE TABLE IF NOT EXISTS items (
    seq INTEGER NOT NULL,
    rcpt_index INTEGER NOT NULL,
    msg_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    rcpt TEXT NOT NULL,
    state TEXT NOT NULL,
    event_time REAL NOT NULL,
    item BLOB NOT NULL,
    PRIMARY KEY (seq, rcpt_index)
);
CREATE INDEX IF NOT EXISTS items_by_time ON items (channel, event_time, seq, rcpt_index);
CREATE INDEX IF NOT EXISTS items_by_msg ON items (msg_id);
CREATE TABLE IF NOT EXISTS message_meta (
    msg_id TEXT PRIMARY KEY,
    attachments INTEGER NOT NULL
);
"""

# the tables of the other v4 resources (``smtp.sandbox.resources``): one per resource, each row
# the state the service would keep; ``callback_attempts`` is written by callback delivery
_RESOURCE_SCHEMA = """
CREATE TABLE IF NOT EXISTS account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL,
    date_created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS channels (
    name TEXT PRIMARY KEY,
    smtp_username TEXT NOT NULL,
    smtp_password TEXT NOT NULL,
    quota INTEGER NOT NULL,
    date_created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    status TEXT NOT NULL,
    date_created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS domains (
    domain_name TEXT PRIMARY KEY,
    enabled INTEGER NOT NULL,
    date_created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dkim_keys (
    domain_name TEXT PRIMARY KEY,
    selector TEXT NOT NULL,
    private_key TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alerts (
    alert_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    threshold REAL NOT NULL,
    date_created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS callbacks (
    channel TEXT NOT NULL,
    event TEXT NOT NULL,
    medium TEXT NOT NULL,
    address TEXT NOT NULL,
    aws_data TEXT,
    date_created INTEGER NOT NULL,
    PRIMARY KEY (channel, event)
);
CREATE TABLE IF NOT EXISTS callback_attempts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    event TEXT NOT NULL,
    address TEXT NOT NULL,
    time REAL NOT NULL,
    code INTEGER NOT NULL,
    msg TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS callback_attempts_by_channel ON callback_attempts (channel, seq);
CREATE TABLE IF NOT EXISTS reports (
    report_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    params TEXT NOT NULL,
    name TEXT NOT NULL,
    time_req INTEGER NOT NULL,
    csv BLOB
)
"""

_COLUMNS = "msg_id, channel, mail_from, recipients, subject, created, source"
# the keys of a message's summary: the columns (``mail_from`` as ``from``) and the size in bytes
_SUMMARY_KEYS = ("msg_id", "channel", "from", "recipients", "subject", "created", "source", "size")


class StoredMessage:
    """One accepted message with its envelope.

    ``msg_id``, ``channel``, ``mail_from`` (envelope sender), ``recipients`` (envelope
    addresses), ``subject``, ``created`` (epoch seconds), ``source`` (``"json"`` for
    ``POST /v4/messages``, ``"mime"`` for ``POST /v4/messages/mime``), ``raw`` (the MIME
    bytes) and ``message`` (``raw`` parsed into an ``email.message.EmailMessage``).
    """

    __slots__ = ("msg_id", "channel", "mail_from", "recipients", "subject", "created", "source", "raw", "_message")

    def __init__(
        self,
        msg_id: str,
        channel: str,
        mail_from: str,
        recipients: list[str],
        subject: str,
        created: float,
        source: str,
        raw: bytes,
    ) -> None:
        self.msg_id = msg_id
        self.channel = channel
        self.mail_from = mail_from
        self.recipients = recipients
        self.subject = subject
        self.created = created
        self.source = source
        self.raw = raw
        self._message: EmailMessage | None = None

    @property
    def message(self) -> EmailMessage:
        """The raw MIME parsed with the modern ``email`` policy (parsed on first use)."""
        if self._message is None:
            from smtp.sandbox.mime import parse

            self._message = parse(self.raw)
        return self._message

    def outline(self) -> str:
        """The MIME structure on one line, e.g. ``multipart/alternative [text/plain, text/html]``."""
        from smtp.sandbox.mime import outline

        return outline(self.message)

    def summary(self) -> dict[str, Any]:
        """The envelope as JSON values, for the inspection endpoints."""
        values = (
            self.msg_id,
            self.channel,
            self.mail_from,
            self.recipients,
            self.subject,
            self.created,
            self.source,
            len(self.raw),
        )
        return dict(zip(_SUMMARY_KEYS, values, strict=True))

    def __repr__(self) -> str:
        return f"<StoredMessage {self.msg_id} from {self.mail_from} to {', '.join(self.recipients)}: {self.subject!r}>"


def _message(row: Sequence[Any]) -> StoredMessage:
    msg_id, channel, mail_from, recipients, subject, created, source, raw = row
    return StoredMessage(msg_id, channel, mail_from, json.loads(recipients), subject, created, source, bytes(raw))


class Store:
    """The messages of one sandbox. Safe to use from many threads.

    :param path: a SQLite file that keeps the messages across restarts, or None for memory.
    :param busy_timeout: seconds a write waits for another process holding the file's lock.
    """

    def __init__(self, path: str | None = None, busy_timeout: float = 10.0) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            path or ":memory:", timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
        if path:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")

        def create(db: sqlite3.Connection) -> None:
            # not executescript: it would commit the transaction
            for statement in (_SCHEMA + ";" + _RESOURCE_SCHEMA).split(";"):
                if statement.strip():
                    db.execute(statement)

        self._write(create)

    def _write(self, work: Any) -> Any:
        """Run ``work(db)`` in one immediate transaction, under the lock."""
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                result = work(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return result

    def _read(self, sql: str, args: Iterable[Any] = ()) -> list[Any]:
        with self._lock:
            return self._db.execute(sql, tuple(args)).fetchall()

    # -- writing ------------------------------------------------------------------------
    def add(self, message: StoredMessage, items: Sequence[Item]) -> None:
        """Store a message and its per-recipient items, in one transaction."""

        def work(db: sqlite3.Connection) -> None:
            cursor = db.execute(
                f"INSERT INTO messages ({_COLUMNS}, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    message.msg_id,
                    message.channel,
                    message.mail_from,
                    json.dumps(message.recipients, ensure_ascii=False),
                    message.subject,
                    message.created,
                    message.source,
                    message.raw,
                ),
            )
            seq = cursor.lastrowid
            db.executemany(
                "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (seq, i, message.msg_id, message.channel, it.rcpt, it.state, it.event_time, it.json)
                    for i, it in enumerate(items)
                ],
            )

        self._write(work)

    def delete_all(self) -> int:
        """Delete every message; returns how many there were."""

        def work(db: sqlite3.Connection) -> int:
            db.execute("DELETE FROM items")
            db.execute("DELETE FROM message_meta")
            return db.execute("DELETE FROM messages").rowcount

        return int(self._write(work))

    def prune(self, before: float) -> int:
        """Delete the messages accepted before ``before`` (epoch seconds); returns how many."""

        def work(db: sqlite3.Connection) -> int:
            db.execute("DELETE FROM items WHERE seq IN (SELECT seq FROM messages WHERE created < ?)", (before,))
            db.execute(
                "DELETE FROM message_meta WHERE msg_id IN (SELECT msg_id FROM messages WHERE created < ?)", (before,)
            )
            return db.execute("DELETE FROM messages WHERE created < ?", (before,)).rowcount

        return int(self._write(work))

    # -- reading ------------------------------------------------------------------------
    def messages(self, channel: str | None = None) -> list[StoredMessage]:
        """Every stored message (of ``channel``, when given), oldest first."""
        where, args = ("WHERE channel = ?", (channel,)) if channel is not None else ("", ())
        return [_message(row) for row in self._read(f"SELECT {_COLUMNS}, raw FROM messages {where} ORDER BY seq", args)]

    def summaries(self, channel: str | None = None) -> list[dict[str, Any]]:
        """The envelope of every stored message (without the raw MIME), oldest first."""
        where, args = ("WHERE channel = ?", (channel,)) if channel is not None else ("", ())
        rows = self._read(f"SELECT {_COLUMNS}, length(raw) FROM messages {where} ORDER BY seq", args)
        return [dict(zip(_SUMMARY_KEYS, (*row[:3], json.loads(row[3]), *row[4:]), strict=True)) for row in rows]

    def message(self, msg_id: str) -> StoredMessage | None:
        """The message with this ID, or None."""
        rows = self._read(f"SELECT {_COLUMNS}, raw FROM messages WHERE msg_id = ?", (msg_id,))
        return _message(rows[0]) if rows else None

    def count(self) -> int:
        """How many messages are stored."""
        return int(self._read("SELECT count(*) FROM messages")[0][0])

    def items(
        self,
        channel: str,
        start: float,
        end: float,
        states: Sequence[str] = (),
        msg_id: str | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[bytes]:
        """The JSON of the items of ``channel`` with ``start <= event time < end``, ordered by
        event time (then by acceptance and recipient order), one page of them."""
        sql = "SELECT item FROM items WHERE channel = ? AND event_time >= ? AND event_time < ?"
        args: list[Any] = [channel, start, end]
        if states:
            sql += " AND state IN (%s)" % ",".join("?" * len(states))  # noqa: UP031 - placeholders only
            args.extend(states)
        if msg_id is not None:
            sql += " AND msg_id = ?"
            args.append(msg_id)
        sql += " ORDER BY event_time, seq, rcpt_index LIMIT ? OFFSET ?"
        args += [limit, offset]
        return [bytes(row[0]) for row in self._read(sql, args)]

    def items_of(self, msg_id: str) -> list[bytes]:
        """The JSON of every item of one message, in recipient order."""
        return [
            bytes(row[0])
            for row in self._read("SELECT item FROM items WHERE msg_id = ? ORDER BY rcpt_index", (msg_id,))
        ]

    # -- the other resources (smtp.sandbox.resources) ----------------------------------
    def transaction(self, work: Any) -> Any:
        """Run ``work(db)`` (a ``sqlite3.Connection``) in one immediate transaction, under the
        lock: whatever it raises rolls back everything it wrote."""
        return self._write(work)

    def query(self, sql: str, args: Iterable[Any] = ()) -> list[Any]:
        """The rows of one read-only statement."""
        return self._read(sql, args)

    # -- for the web inbox ---------------------------------------------------------------
    def search(self, terms: Sequence[tuple[str, str]], limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """Newest first, one page of the envelopes matching every ``(field, text)`` term, and
        how many match in all. ``field`` is ``to``, ``from``, ``subject``, ``channel`` or ``any``;
        ``text`` matches anywhere in it, case-insensitively (ASCII)."""
        columns = {"to": ("recipients",), "from": ("mail_from",), "subject": ("subject",), "channel": ("channel",)}
        every = ("recipients", "mail_from", "subject", "channel")
        clauses: list[str] = []
        args: list[Any] = []
        for field, text in terms:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            names = columns.get(field, every)
            clauses.append("(" + " OR ".join(f"{name} LIKE ? ESCAPE '\\'" for name in names) + ")")
            args += [pattern] * len(names)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        with self._lock:
            total = int(self._db.execute(f"SELECT count(*) FROM messages {where}", args).fetchone()[0])
            rows = self._db.execute(
                f"SELECT {_COLUMNS}, length(raw) FROM messages {where} ORDER BY seq DESC LIMIT ? OFFSET ?",
                (*args, limit, offset),
            ).fetchall()
        return total, [dict(zip(_SUMMARY_KEYS, (*r[:3], json.loads(r[3]), *r[4:]), strict=True)) for r in rows]

    def item_rows(self, msg_ids: Sequence[str]) -> list[tuple[str, int, str, str, bytes]]:
        """``(msg_id, rcpt_index, rcpt, state, item JSON)`` of every item of these messages."""
        if not msg_ids:
            return []
        marks = ",".join("?" * len(msg_ids))
        sql = f"SELECT msg_id, rcpt_index, rcpt, state, item FROM items WHERE msg_id IN ({marks}) ORDER BY rcpt_index"
        return [(r[0], r[1], r[2], r[3], bytes(r[4])) for r in self._read(sql, msg_ids)]

    def update_item(self, msg_id: str, rcpt_index: int, state: str, item: bytes) -> bool:
        """Replace one recipient's item (its state and JSON); False when there is no such item."""

        def work(db: sqlite3.Connection) -> int:
            sql = "UPDATE items SET state = ?, item = ? WHERE msg_id = ? AND rcpt_index = ?"
            return db.execute(sql, (state, item, msg_id, rcpt_index)).rowcount

        return bool(self._write(work))

    def attachment_flags(self, msg_ids: Sequence[str], count: Any) -> dict[str, int]:
        """How many attachments each message has: remembered, or worked out once by
        ``count(raw)`` for a message seen for the first time (one raw message read at a time)."""
        if not msg_ids:
            return {}
        marks = ",".join("?" * len(msg_ids))
        known = dict(self._read(f"SELECT msg_id, attachments FROM message_meta WHERE msg_id IN ({marks})", msg_ids))
        for msg_id in msg_ids:
            if msg_id in known:
                continue
            rows = self._read("SELECT raw FROM messages WHERE msg_id = ?", (msg_id,))
            if not rows:
                continue
            known[msg_id] = n = int(count(bytes(rows[0][0])))
            self._write(
                lambda db, m=msg_id, n=n: db.execute("INSERT OR REPLACE INTO message_meta VALUES (?, ?)", (m, n))
            )
        return known

    def close(self) -> None:
        """Close the database (a file database is checkpointed by SQLite on close)."""
        with self._lock:
            self._db.close()

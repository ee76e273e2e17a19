"""Rasa's SQL tracker store, with the same table and rows, made cheaper per turn.

endpoints.yml names it (``type: bot.tracker_store.LocalSQLTrackerStore``). Profiling the
Rasa server under load showed about 40% of its CPU per turn in the stock
``SQLTrackerStore`` (see bench/README.md). Three causes, three changes:

* **A new database connection for every read and every write.** SQLAlchemy 1.4 gives a
  SQLite file no connection pool. Here connections are pooled (and still used by one
  caller at a time; all of this runs on the server's event loop thread).
* **The ORM for plain reads and appends.** Retrieval selects only the ``data`` column and
  saving inserts all new events in one statement, with SQLAlchemy Core; the rows written
  are exactly those Rasa writes (same columns, same JSON), so Rasa's own store, the
  retention purge (bot/privacy.py) and "Forget" (bot/web/channel.py) read them as before.
* **A rollback journal written and deleted at every commit.** SQLite runs in WAL mode
  (write-ahead log), still with ``synchronous=FULL``: a committed turn is on disk before
  the reply is sent, as before.

Deleted conversations do not linger in the file: every connection has ``secure_delete``
on (deleted rows are overwritten) and :func:`scrub` folds the write-ahead log back into
the database and empties it, which the purge and "Forget" call after deleting.

Which events are new is decided as Rasa decides it (count the events stored since the
latest session start, append the rest), so behaviour under Rasa's lock store is unchanged.
On PostgreSQL (the scaled-out profile uses Rasa's stock class) only the Core statements
would differ; the pragmas apply to SQLite alone.
"""

from __future__ import annotations

import itertools
import json
import logging
import sqlite3
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import event as sa_event
from sqlalchemy.pool import QueuePool

logger = logging.getLogger(__name__)

SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA secure_delete=ON")


def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()


class LocalSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` with pooled connections, Core statements and WAL on SQLite."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(
                url,
                poolclass=QueuePool,
                pool_size=2,
                max_overflow=4,
                connect_args={"check_same_thread": False},
            )
            sa_event.listen(self.engine, "connect", _on_connect)
            self.sessionmaker.configure(bind=self.engine)
        self._events = self.SQLEvent.__table__

    def _since_session_start(self, sender_id: str, all_sessions: bool = False) -> Any:
        """Rasa's filter: this sender's events from the latest session start on (or all of them)."""
        events = self._events
        mine = events.c.sender_id == sender_id
        if all_sessions:
            return mine
        session_start = (
            sa.select(sa.func.max(events.c.timestamp))
            .where(mine, events.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        return sa.and_(mine, sa.or_(events.c.timestamp >= session_start, session_start.is_(None)))

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        query = (
            sa.select(self._events.c.data)
            .where(self._since_session_start(sender_id, fetch_events_from_all_sessions))
            .order_by(self._events.c.id)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).scalars().all()
        if not self.domain or not rows:
            return None
        return DialogueStateTracker.from_dict(sender_id, [json.loads(row) for row in rows], self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        count = sa.select(sa.func.count()).select_from(self._events).where(self._since_session_start(tracker.sender_id))
        with self.engine.begin() as connection:
            stored = connection.execute(count).scalar_one()
            rows = []
            for event in itertools.islice(tracker.events, stored, len(tracker.events)):
                data = event.as_dict()
                rows.append(
                    {
                        "sender_id": tracker.sender_id,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
            if rows:
                connection.execute(self._events.insert(), rows)


def scrub(store: Any) -> bool:
    """After deleting conversations: leave no copy of them in SQLite's write-ahead log.

    Returns False (and logs a warning) if another process was reading the database at that
    moment, so the log could not be emptied now; SQLite then overwrites it in later use.
    """
    engine = getattr(store, "engine", None)
    if engine is None or engine.dialect.name != "sqlite":
        return True
    with engine.connect() as connection:
        busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy:
        logger.warning("Deleted conversations: the write-ahead log is in use by another reader; not emptied yet.")
    return not busy

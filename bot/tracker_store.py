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
on (deleted rows are overwritten) and ``scrub`` folds the write-ahead log back into
the database and empties it, which the purge and "Forget" call after deleting; while another
process reads the file that is pending, and a forgotten conversation is not written back by a
turn that read it before (bot/forgetting.py).

A turn does not read the whole conversation: it reads the session's current state and its last
turns (bot/history.py), so its cost does not grow with the conversation; Rasa's full read
(``retrieve_full_tracker``, the HTTP API's tracker) still reads everything. A tracker read here
knows how many of its events are stored, and a save appends the rest; for any other tracker the
events stored since the latest session start are counted, as Rasa does. Under Rasa's lock store
a conversation is read and saved by one turn at a time, so both give the same rows.
The scaled-out profile uses the same class on PostgreSQL (endpoints.scaled.yml): only the Core
statements differ, the pragmas apply to SQLite alone, and turns use an engine whose lock and
statement waits are short (``POSTGRESQL_TURN_OPTIONS``), so the retry below bounds them.

**A turn is stored or the person is told.** Rasa wraps every store in its
``FailSafeTrackerStore``, which on a failed read starts a new, empty conversation and on a
failed write keeps the turn in memory, silently; a store that could not create its table at
start stayed unusable until restart. Here every read and write is retried, with the event loop
free in between (SQLite's own busy wait would stall every conversation), for at most
``retry_seconds`` (endpoints.yml, default 3). A write that still fails is not passed to Rasa's
fallback: the turn is noted in bot/store_state.py, so the reply says this conversation could not
be saved, and the health endpoints report the store as failing. After a failure the pooled
connections are dropped and the table is created if it is missing, so a store that comes back
(space freed, made writable, lock released) is used again on the next turn, without a restart. A
conversation whose read failed is not written in that turn: the fresh tracker Rasa made up
would be appended to the stored one as if it were its continuation.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import event as sa_event
from sqlalchemy.pool import QueuePool

from bot.forgetting import Forgetting
from bot.history import add_index, mark_stored, recent_rows, stored_count
from bot.store_state import StoreHealth, current_turn

logger = logging.getLogger(__name__)

T = TypeVar("T")
DEFAULT_RETRY_SECONDS = 3.0
FIRST_PAUSE, LONGEST_PAUSE = 0.05, 0.5


class StoreUnavailable(Exception):
    """The store could not be read or written within the retry time."""


# A writer holding the events table, or a statement that hangs, is given up on quickly and retried
# (appends never wait for each other's locks, so a lock wait means someone else holds the table).
POSTGRESQL_TURN_OPTIONS = ("-c lock_timeout=20", "-c statement_timeout=2000")
SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA secure_delete=ON")


def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()


def _pooled_sqlite(url: Any, **connect_args: Any) -> sa.engine.Engine:
    """An engine with a connection pool (SQLAlchemy 1.4 gives SQLite files none) and the pragmas above."""
    engine = sa.create_engine(
        url,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        hide_parameters=True,  # errors name the statement, never whose data (bot/log_privacy.py)
        connect_args={"check_same_thread": False, **connect_args},
    )
    sa_event.listen(engine, "connect", _on_connect)
    return engine


def _bounded_postgresql(url: Any) -> sa.engine.Engine:
    """Rasa's PostgreSQL engine settings, with every wait bounded (psycopg2 blocks the event loop while it waits)."""
    kwargs = create_engine_kwargs(url)
    options = [kwargs.get("connect_args", {}).get("options", ""), *POSTGRESQL_TURN_OPTIONS]
    kwargs["hide_parameters"] = True
    kwargs["connect_args"] = {"connect_timeout": 2, "options": " ".join(o for o in options if o)}
    return sa.create_engine(url, **kwargs)


class LocalSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` with pooled connections, Core statements and WAL on SQLite."""

    def __init__(self, *args: Any, retry_seconds: float = DEFAULT_RETRY_SECONDS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retry_seconds = float(retry_seconds)
        self.store_health = StoreHealth()
        # Conversations whose last read failed: writing Rasa's fresh tracker would corrupt them.
        self._unreadable: set[str] = set()
        # Turns read and write through their own engine. On SQLite it has no busy wait: SQLite's
        # wait would hold the event loop (every conversation and the health check) while another
        # writer has the lock; _retry waits instead. Forget, the retention purge and Rasa's own
        # calls keep SQLite's usual wait (self.engine).
        self._turn_engine = self.engine
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = _pooled_sqlite(url)
            self._turn_engine = _pooled_sqlite(url, timeout=0)
            self.sessionmaker.configure(bind=self.engine)
        elif self.engine.dialect.name == "postgresql":
            self._turn_engine = _bounded_postgresql(self.engine.url)
        self._events = self.SQLEvent.__table__
        # A turn's statements, built once with the sender as a parameter (building them is CPU on every turn).
        sender = self._events.c.sender_id == sa.bindparam("sender")
        self._session_rows = (
            sa.select(self._events.c.data).where(self._since_session_start(sender)).order_by(self._events.c.id)
        )
        self._all_rows = sa.select(self._events.c.data).where(sender).order_by(self._events.c.id)
        self._insert = self._events.insert()
        self.forgetting = Forgetting(self)
        self._schema_ready = False
        try:
            self._create_schema()
        except (sa.exc.SQLAlchemyError, OSError) as error:
            self.store_health.failed("write", error)

    def _create_schema(self) -> None:
        self.Base.metadata.create_all(self._turn_engine)
        # The index for recent turns (bot/history.py). On PostgreSQL, building it on a large table can
        # take longer than a turn's statement timeout allows.
        ddl = self._turn_engine if self.engine.dialect.name == "sqlite" else self.engine
        try:
            with ddl.begin() as connection:
                add_index(connection, self._events)
        except sa.exc.SQLAlchemyError as error:  # another server creating it at the same moment, or no right to
            logger.warning("Conversation store: no index for recent turns (%s).", type(error).__name__)
        self._schema_ready = True

    async def _retry(self, kind: str, work: Callable[[], T]) -> T:
        """``work()``, retried with pauses (the event loop stays free) for ``retry_seconds`` per turn.

        The time starts at the turn's first failure and covers all its reads and writes; a call
        after it has run out still makes one attempt.
        """
        loop = asyncio.get_running_loop()
        turn = current_turn()
        deadline = turn.give_up_at if turn is not None else None
        pause = FIRST_PAUSE
        while True:
            try:
                if not self._schema_ready:
                    self._create_schema()
                result = work()
            except Exception as error:  # anything raised from here would reach Rasa's silent fallback
                if not isinstance(error, (sa.exc.SQLAlchemyError, OSError)):
                    logger.error("Conversation store: unexpected %s", type(error).__name__, exc_info=True)
                self.store_health.failed(kind, error)
                # A connection opened while the file was unwritable stays read-only, and one that
                # saw a failed write may keep a broken state: the next attempt opens new ones.
                self._turn_engine.dispose()
                self.engine.dispose()
                if "no such table" in str(getattr(error, "orig", error)):
                    self._schema_ready = False
                if deadline is None:
                    deadline = loop.time() + self.retry_seconds
                    if turn is not None:
                        turn.give_up_at = deadline
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise StoreUnavailable(type(error).__name__) from None
                await asyncio.sleep(min(pause, remaining))
                pause = min(pause * 2, LONGEST_PAUSE)
                continue
            return result

    def _since_session_start(self, mine: Any) -> Any:
        """Rasa's filter: this sender's events (``mine``) from the latest session start on."""
        events = self._events
        session_start = (
            sa.select(sa.func.max(events.c.timestamp))
            .where(mine, events.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        return sa.and_(mine, sa.or_(events.c.timestamp >= session_start, session_start.is_(None)))

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        self.forgetting.read(sender_id)

        def read() -> list[str]:
            with self._turn_engine.connect() as connection:
                # A turn's tracker: the session's state and its recent turns (bot/history.py).
                recent = None if fetch_events_from_all_sessions else recent_rows(connection, self._events, sender_id)
                if recent is not None:
                    return recent
                # The whole session (or every session).
                query = self._all_rows if fetch_events_from_all_sessions else self._session_rows
                return list(connection.execute(query, {"sender": sender_id}).scalars().all())

        try:
            rows = await self._retry("read", read)
        except StoreUnavailable:
            # Rasa starts a new conversation for this turn; save() must not append it to the stored one.
            self._unreadable.add(sender_id)
            return None
        self.store_health.worked("read")
        self._unreadable.discard(sender_id)
        if not self.domain or not rows:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, [json.loads(row) for row in rows], self.domain.slots)
        return mark_stored(tracker)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Append the tracker's new events; if that cannot be done in time, note the turn as not saved.

        Never raises: Rasa's fail-safe wrapper would keep the turn in memory and say nothing.
        """
        turn = current_turn()
        if tracker.sender_id in self._unreadable:
            self._not_saved(tracker)
            return
        if self.forgetting.forgotten_since_read(tracker.sender_id):
            logger.info("Conversation store: a turn of a conversation forgotten while it ran was not saved.")
            return
        await self.stream_events(tracker)
        try:
            written = await self._retry("write", lambda: self._append(tracker))
        except StoreUnavailable:
            self._not_saved(tracker)
            return
        if written:  # a transaction with nothing to insert proves nothing about writing
            self.store_health.worked("write")
            self.forgetting.after_write()
        if turn is not None:
            turn.saved(tracker)

    def _not_saved(self, tracker: DialogueStateTracker) -> None:
        turn = current_turn()
        if turn is None or id(tracker) not in turn.unsaved:
            self.store_health.lost_turn()
        if turn is not None:
            turn.not_saved(tracker)

    def _append(self, tracker: DialogueStateTracker) -> int:
        """One transaction: insert the tracker's events that are not stored yet.

        A tracker read by this store knows how many of its events are stored (it holds the
        session's state and recent turns, not the whole session: bot/history.py). For any other
        tracker, count what is stored since the session start and insert the rest, as Rasa does.
        Returns how many events were inserted.
        """
        known = stored_count(tracker)
        with self._turn_engine.begin() as connection:
            if known is not None:
                stored = known
            else:  # the count is built only for such a tracker: building it costs CPU on every turn
                count = sa.select(sa.func.count()).select_from(self._events)
                mine = self._events.c.sender_id == tracker.sender_id
                stored = connection.execute(count.where(self._since_session_start(mine))).scalar_one()
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
                connection.execute(self._insert, rows)
        mark_stored(tracker)  # committed: a later save of this tracker appends only what follows
        return len(rows)

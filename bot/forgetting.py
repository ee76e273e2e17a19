"""What "Forget" needs from the conversation store: no copy left behind, no turn writing it back.

* **No copy left behind.** Deleted rows are overwritten in the database file (``secure_delete``,
  bot/tracker_store.py), but earlier versions of their pages stay in SQLite's write-ahead log until
  it is checkpointed and emptied. :func:`scrub` does that and says whether it completed: another
  process reading the file (a backup, an ``sqlite3`` shell) keeps the log in use. Then the removal
  is *pending*: :class:`Forgetting` tries again after every stored turn and in a background retry
  (pauses growing to ``LONGEST_PAUSE``, for at most ``RETRY_FOR`` seconds), and Forget's reply
  says so (``"removal_pending": true``, README "Privacy").
* **No turn writing it back.** A turn reads its conversation, then saves what it added. If the
  conversation was forgotten in between (a turn that outlived its lock, a slow action), that save
  would store the turn's events again. A channel's turn notes how many forgets had happened when
  it started (bot/store_state.py), a request of Rasa's HTTP API when it read the conversation; a
  save whose conversation was forgotten after that writes nothing.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
from collections import OrderedDict
from typing import Any, List

from bot.store_state import count_forget, current_turn, forgets_so_far

logger = logging.getLogger(__name__)

FIRST_PAUSE, LONGEST_PAUSE = 0.2, 5.0
RETRY_FOR = 600.0
# Forgotten conversations remembered for turns still in flight; far more than turns in flight at once.
MARKS_KEPT = 10_000

# Outside a channel's turn (Rasa's HTTP API), reads are noted in the request's context.
_READS: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar("mnd_reads", default=None)


def scrub(store: Any) -> bool:
    """After deleting conversations: checkpoint SQLite's write-ahead log and empty it.

    True only if that completed (no deleted text is left in the log); False if another reader
    holds the log. It never waits for that reader: the caller is on the event loop.
    """
    engine = getattr(store, "_turn_engine", None) or getattr(store, "engine", None)
    if engine is None or engine.dialect.name != "sqlite":
        return True
    with engine.connect() as connection:
        busy, log, checkpointed = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy and log == checkpointed


class Forgetting:
    """One store's forget marks and its pending removal."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self._forgotten: OrderedDict[str, int] = OrderedDict()
        self.pending = False
        self._task: asyncio.Task[None] | None = None

    @staticmethod
    def _reads() -> dict[str, int]:
        reads = _READS.get()
        if reads is None:
            reads = {}
            _READS.set(reads)
        return reads

    def read(self, sender_id: str) -> None:
        """A request outside a channel's turn is reading this conversation (call before the read)."""
        if current_turn() is None:
            self._reads()[sender_id] = forgets_so_far()

    def forgotten_since_read(self, sender_id: str) -> bool:
        """True if this conversation was forgotten after the current turn started (or, outside a
        channel's turn, after this request read it)."""
        turn = current_turn()
        started = turn.forgets_at_start if turn is not None else self._reads().get(sender_id)
        forgotten_at = self._forgotten.get(sender_id)
        return started is not None and forgotten_at is not None and forgotten_at > started

    def forgot(self, sender_id: str) -> None:
        """This conversation's events were deleted (call after the delete)."""
        self._forgotten[sender_id] = count_forget()
        self._forgotten.move_to_end(sender_id)
        while len(self._forgotten) > MARKS_KEPT:
            self._forgotten.popitem(last=False)

    def remove_copies(self) -> bool:
        """Empty the log now if possible; otherwise mark the removal pending and keep trying. True if done."""
        try:
            self.pending = not scrub(self._store)
        except Exception as error:  # the delete is committed; the copies go at the next attempt
            logger.warning("Deleted conversations: the log could not be emptied (%s).", type(error).__name__)
            self.pending = True
        if self.pending:
            logger.warning("Deleted conversations: the write-ahead log is in use by another reader; removal pending.")
            self._retry_in_background()
        return not self.pending

    def after_write(self) -> None:
        """A turn was stored: a good moment to finish a pending removal."""
        if self.pending:
            self.remove_copies()

    def _retry_in_background(self) -> None:
        if self._task is not None and not self._task.done():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script): the next write or forget tries again
            return
        self._task = loop.create_task(self._retry())

    async def _retry(self) -> None:
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + RETRY_FOR
        pause = FIRST_PAUSE
        while self.pending and loop.time() < give_up_at:
            await asyncio.sleep(pause)
            pause = min(pause * 2, LONGEST_PAUSE)
            try:
                self.pending = not scrub(self._store)
            except Exception as error:
                logger.warning("Deleted conversations: retry failed (%s).", type(error).__name__)
        if self.pending:
            logger.warning("Deleted conversations: removal still pending; the next stored turn tries again.")
        else:
            logger.info("Deleted conversations: removal finished.")


# --- deleting one person's conversation from whichever tracker store is configured ----------------


class ForgetUnsupported(Exception):
    """The configured tracker store is of a kind this channel cannot delete from."""


def _tracker_stores(store: Any) -> List[Any]:
    """The store and every store it wraps (Rasa wraps the configured one in fail-safe/awaitable shells)."""
    found: List[Any] = []
    todo = [store]
    while todo:
        current = todo.pop()
        if current is None or any(current is seen for seen in found):
            continue
        found.append(current)
        todo.append(getattr(current, "_tracker_store", None))
        todo.append(getattr(current, "_fallback_tracker_store", None))
    return found


def forget_sender(tracker_store: Any, sender_id: str) -> int:
    """Delete every stored event of ``sender_id`` (and of no one else); return how many were deleted.

    Copies left in SQLite's write-ahead log are removed now or, while another process reads the
    file, as soon as it can be done: :func:`removal_pending` says which (bot/forgetting.py).
    """
    from rasa.core.tracker_store import (
        AwaitableTrackerStore,
        FailSafeTrackerStore,
        InMemoryTrackerStore,
        SQLTrackerStore,
    )

    deleted = 0
    for store in _tracker_stores(tracker_store):
        if isinstance(store, (FailSafeTrackerStore, AwaitableTrackerStore)):
            continue
        if isinstance(store, SQLTrackerStore):
            with store.session_scope() as session:
                deleted += (
                    session.query(store.SQLEvent)
                    .filter(store.SQLEvent.sender_id == sender_id)
                    .delete(synchronize_session=False)
                )
                session.commit()
            forgetting = getattr(store, "forgetting", None)
            if forgetting is not None:
                forgetting.forgot(sender_id)
                forgetting.remove_copies()
            else:
                scrub(store)
        elif isinstance(store, InMemoryTrackerStore):
            serialised = store.store.pop(sender_id, None)
            if serialised:
                deleted += len(json.loads(serialised).get("events") or [])
        else:
            raise ForgetUnsupported(type(store).__name__)
    return deleted


def removal_pending(tracker_store: Any) -> bool:
    """True while deleted conversations may still be in the store's write-ahead log."""
    stores = _tracker_stores(tracker_store)
    return any(getattr(getattr(store, "forgetting", None), "pending", False) for store in stores)

"""Rasa's Redis lock store, made safe for several Rasa servers (endpoints.scaled.yml, ``lock_store: type``).

Rasa handles one conversation's messages one at a time through a ticket lock kept in the lock
store. Rasa 3.6's :class:`~rasa.core.lock_store.RedisLockStore` has two faults that only show
with more than one Rasa server (both reproduced by tests/scaled/cluster):

1. Every change of a lock is a GET, a change in Python, then a SET, with nothing to stop another
   server changing it in between. Two messages of one conversation that reach two servers at the
   same moment can both get the same ticket and be handled at the same time; the SQL tracker store
   then saves only one of the two turns (it stores "the events after the ones already stored", by
   count). Here every change is one Redis transaction (WATCH/MULTI/EXEC, retried on conflict).
2. A ticket expires a fixed time after it was issued, whether its holder is alive or not. When a
   server dies holding a conversation's lock, the next message's ticket, issued right after, expires
   at nearly the same time as the dead one; both are dropped together and the lock is left with no
   ticket to serve, so that message waits until its client gives up. Here a server renews its
   ticket while it waits and while it works (every third of the lifetime), a dead server's ticket
   simply stops being renewed, and a message goes ahead as soon as no live ticket is ahead of its own.

So ``TICKET_LOCK_LIFETIME`` (MND_LOCK_LIFETIME) is now how long a dead server keeps a conversation
locked, not a limit on how long a turn may take. Everything else (keys, format, options) is Rasa's.
"""

from __future__ import annotations

import asyncio
import bisect
import json
import logging
import time
from collections import deque
from collections.abc import AsyncGenerator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import redis
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

T = TypeVar("T")
# How often a waiting message looks again whether its turn has come (Rasa's own waits 1 s).
WAIT_SECONDS = 0.1


class AtomicRedisLockStore(RedisLockStore):
    """:class:`RedisLockStore` with atomic lock changes and renewed tickets (see the module docstring)."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        # Rasa builds a lock store named by its module path with the endpoint config alone.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    # --- every change of a lock is one transaction ----------------------------------------------

    def _change(self, conversation_id: str, change: Callable[[TicketLock | None], tuple[TicketLock | None, T]]) -> T:
        """Apply ``change`` to the stored lock atomically: it gets the lock (or None) and returns the lock
        to store (None: delete it) and a result; it runs again if another server changed the lock meanwhile."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new, result = change(lock)
                    pipe.multi()
                    if new is None or not new.tickets:
                        pipe.delete(key)
                    else:
                        pipe.set(key, new.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as exc:
            raise LockError(f"Error while acquiring lock. Error:\n{exc}") from exc

    def renew_ticket(self, conversation_id: str, ticket: int, lock_lifetime: float = LOCK_LIFETIME) -> None:
        """Extend ``ticket`` by ``lock_lifetime`` from now; put it back in its place if it had expired."""

        def renew(lock: TicketLock | None) -> tuple[TicketLock, None]:
            lock = lock or TicketLock(conversation_id)
            lock.remove_expired_tickets()
            tickets = [t for t in lock.tickets if t.number != ticket]
            numbers = [t.number for t in tickets]
            tickets.insert(bisect.bisect(numbers, ticket), Ticket(ticket, time.time() + lock_lifetime))
            return TicketLock(conversation_id, deque(tickets)), None

        self._change(conversation_id, renew)

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)  # drops expired tickets too
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        # Finishing the ticket deletes the lock in the same transaction when no ticket is left.
        self.finish_serving(conversation_id, ticket_number)

    # --- waiting for one's turn, with renewed tickets -------------------------------------------

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = WAIT_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        renewing = asyncio.create_task(self._keep_renewing(conversation_id, ticket, lock_lifetime))
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            renewing.cancel()
            self.cleanup(conversation_id, ticket)

    async def _keep_renewing(self, conversation_id: str, ticket: int, lock_lifetime: float) -> None:
        while True:
            await asyncio.sleep(max(0.2, lock_lifetime / 3))
            try:
                self.renew_ticket(conversation_id, ticket, lock_lifetime)
            except redis.RedisError as exc:
                logger.warning(f"Could not renew the lock of a conversation: {exc}")

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        """Return as soon as no live ticket issued before ``ticket`` is left."""
        while True:
            lock = self.get_lock(conversation_id)
            if lock is None or not any(t.number < ticket and not t.has_expired() for t in lock.tickets):
                return lock or TicketLock(conversation_id)
            await asyncio.sleep(wait_time_in_seconds)

"""The lock store of the scaled profile (bot/scaled/lock_store.py) against a real Redis.

Each "server" is a lock store instance of its own, as each Rasa server has one. Every test also runs
against Rasa 3.6's own RedisLockStore, where it is expected to fail (strict xfail): that is why the
profile does not use it. If a Rasa upgrade makes those pass, the subclass may no longer be needed.
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.core.lock_store import RedisLockStore

from bot.scaled import Redis
from bot.scaled.lock_store import AtomicRedisLockStore
from bot.serve import free_port

RASA_FAULT = "Rasa 3.6's RedisLockStore: non-atomic lock changes, tickets that expire under a waiting message"


@pytest.fixture(scope="module")
def redis_server() -> Iterator[Redis]:
    base = Path(tempfile.mkdtemp(prefix="mnd-redis-"))
    server = Redis(base, host="127.0.0.1", port=free_port(), password=secrets.token_urlsafe(16), log=base / "redis.log")
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(
    params=[
        AtomicRedisLockStore,
        pytest.param(RedisLockStore, marks=pytest.mark.xfail(strict=True, reason=RASA_FAULT)),
    ],
    ids=["profile", "rasa"],
)
def kind(request: pytest.FixtureRequest) -> type[RedisLockStore]:
    return request.param


def _store(server: Redis, kind: type[RedisLockStore]) -> RedisLockStore:
    return kind(host=server.host, port=server.port, password=server.password, db=1, key_prefix="t")


def test_servers_issuing_tickets_at_the_same_moment_get_different_ones(
    redis_server: Redis, kind: type[RedisLockStore]
) -> None:
    conversation = f"c-{uuid.uuid4().hex}"
    stores = [_store(redis_server, kind) for _ in range(8)]
    start = threading.Barrier(len(stores))
    issued: list[int] = []

    def issue(store: RedisLockStore) -> None:
        start.wait()
        for _ in range(25):
            issued.append(store.issue_ticket(conversation, 60))

    threads = [threading.Thread(target=issue, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(issued) == list(range(200))  # no number handed out twice, none lost


def test_one_conversation_is_handled_by_one_server_at_a_time(redis_server: Redis, kind: type[RedisLockStore]) -> None:
    conversation = f"c-{uuid.uuid4().hex}"
    inside: list[str] = []
    overlaps: list[str] = []

    async def turn(store: RedisLockStore, name: str) -> None:
        async with store.lock(conversation, lock_lifetime=5):
            if inside:
                overlaps.append(f"{name} while {inside}")
            inside.append(name)
            await asyncio.sleep(0.02)
            inside.remove(name)

    async def main() -> None:
        stores = [_store(redis_server, kind) for _ in range(4)]
        await asyncio.gather(*(turn(stores[i % 4], f"turn{i}") for i in range(20)))

    asyncio.run(asyncio.wait_for(main(), timeout=10))
    assert not overlaps
    assert _store(redis_server, kind).get_lock(conversation) is None  # nothing left behind


def test_a_turn_longer_than_the_lifetime_keeps_its_lock(redis_server: Redis, kind: type[RedisLockStore]) -> None:
    conversation = f"c-{uuid.uuid4().hex}"
    order: list[str] = []

    async def slow(store: RedisLockStore) -> None:
        async with store.lock(conversation, lock_lifetime=0.6):
            order.append("slow starts")
            await asyncio.sleep(2.0)  # more than three lifetimes: its server keeps renewing the ticket
            order.append("slow ends")

    async def next_message(store: RedisLockStore) -> None:
        await asyncio.sleep(0.2)
        async with store.lock(conversation, lock_lifetime=0.6):
            order.append("next starts")

    async def main() -> None:
        await asyncio.gather(slow(_store(redis_server, kind)), next_message(_store(redis_server, kind)))

    asyncio.run(asyncio.wait_for(main(), timeout=10))
    assert order == ["slow starts", "slow ends", "next starts"]


def test_a_dead_servers_lock_is_released_after_the_lifetime(redis_server: Redis, kind: type[RedisLockStore]) -> None:
    """A server that died during a turn left its ticket; the next message goes ahead once it has expired.
    (Rasa's own RedisLockStore would leave that message waiting for ever: its ticket expires together
    with the dead one's, and the empty lock then serves no ticket at all.)"""
    conversation = f"c-{uuid.uuid4().hex}"
    _store(redis_server, kind).issue_ticket(conversation, 1.0)  # and then the server died

    async def next_message() -> float:
        started = time.monotonic()
        async with _store(redis_server, kind).lock(conversation, lock_lifetime=1.0):
            return time.monotonic() - started

    waited = asyncio.run(asyncio.wait_for(next_message(), timeout=5))
    assert 0.5 < waited < 2.0
    assert _store(redis_server, kind).get_lock(conversation) is None

"""A turn is stored, or the person is told it could not be saved; the store is used again once it recovers.

Real servers, real SQLite files on real file systems: a small tmpfs that fills up, a directory
made read-only by a bind mount before the server starts, and a second sqlite3 connection holding
the write lock. After each fault the store must hold exactly the turns whose replies did not say
"not saved" (nothing stored earlier lost, nothing reported stored that was not), the health check
must have said the store was failing, and a new conversation's follow-up must keep its context
and be stored, without a restart. The fault table is printed at the end of the run.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator

import pytest

from tests.reliability.conftest import Server
from tests.reliability.store_faults import (
    TABLE,
    Conversations,
    Turn,
    fill,
    read_only,
    seen,
    small_disk,
    stack_with_store,
    wait_until,
)


def store_state(chat: Conversations) -> str | None:
    return (chat.health().get("conversation_store") or {}).get("state")


def follow_up_keeps_context(chat: Conversations, channel: str, sender: str) -> bool:
    """A new conversation, and a follow-up that only makes sense with the first question remembered."""
    first = chat.say(channel, sender, "what is PLS?")
    second = chat.say(channel, sender, "how is it treated?")
    return not (first.told_not_saved or second.told_not_saved) and second.answer().get("condition") == "pls"


@pytest.fixture(scope="module")
def on_small_disk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Conversations]:
    work = tmp_path_factory.mktemp("store-small-disk")
    with small_disk(work / "store") as disk, stack_with_store(work, disk / "conversations.db") as stack:
        yield Conversations(Server(stack, disk / "conversations.db"))


def test_a_full_disk_loses_no_turn_silently_and_the_store_is_used_again_once_space_is_freed(
    on_small_disk: Conversations,
) -> None:
    chat = on_small_disk
    before = [chat.say("rest", "disk-a", "what is PLS?"), chat.say("widget", "disk-b", "what is ALS?")]
    assert not any(t.told_not_saved for t in before)
    disk = chat.server.conversations.parent
    filler = fill(disk)
    try:
        during = [
            chat.say("rest", "disk-a", "how is it treated?"),
            chat.say("widget", "disk-b", "is it inherited?"),
            chat.say("rest", "disk-c", "what is PMA?"),
            chat.say("widget", "disk-c", "what causes it?"),
        ]
        failing_reported = store_state(chat) == "failing"
    finally:
        filler.unlink()
    recovered = follow_up_keeps_context(chat, "rest", "disk-d") and follow_up_keeps_context(chat, "widget", "disk-e")
    TABLE.add("disk full (tmpfs)", seen(during), chat.stored_count(), len(chat.turns), recovered)

    assert chat.mismatches() == []
    told = [t for t in during if t.told_not_saved]
    assert told, "the disk was full, yet every turn was reported stored"
    assert all(t.answer().get("saved") is False for t in told), "the reply contract flags the unsaved turn"
    assert all(t.answer()["kind"] != "error" for t in during), "answers go on while the disk is full"
    assert failing_reported, "the health check did not report the failing store"
    assert recovered
    assert store_state(chat) == "ok"


def test_a_stuck_writer_delays_turns_only_for_the_bounded_retry_and_loses_none_silently(
    on_small_disk: Conversations,
) -> None:
    chat = on_small_disk
    chat.turns.clear()
    chat.say("rest", "lock-a", "what is PLS?")
    holder = sqlite3.connect(chat.server.conversations, isolation_level=None)
    done: list[Turn] = []
    try:
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock

        def turn(channel: str, sender: str, message: str) -> None:
            done.append(chat.say(channel, sender, message))

        threads = [
            threading.Thread(target=turn, args=args)
            for args in (("rest", "lock-a", "how is it treated?"), ("widget", "lock-b", "what is ALS?"))
        ]
        for thread in threads:
            thread.start()
        # Health answers, and says the store is failing, while both turns still wait for the lock.
        reported_while_waiting = wait_until(lambda: store_state(chat) == "failing" and not done)
        for thread in threads:
            thread.join(timeout=120)
    finally:
        holder.rollback()
        holder.close()
    recovered = follow_up_keeps_context(chat, "rest", "lock-c")
    TABLE.add("write lock held by another connection", seen(done), chat.stored_count(), len(chat.turns), recovered)

    assert len(done) == 2
    assert chat.mismatches() == []
    assert reported_while_waiting, "health did not answer 'failing' while turns waited for the lock"
    assert recovered
    assert store_state(chat) == "ok"


def test_a_store_unwritable_at_start_is_used_once_writable_without_a_restart(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    work = tmp_path_factory.mktemp("store-read-only")
    store = work / "store"
    database = store / "conversations.db"
    with contextlib.ExitStack() as cleanup:
        unwritable = cleanup.enter_context(contextlib.ExitStack())
        unwritable.enter_context(read_only(store))
        chat = Conversations(Server(cleanup.enter_context(stack_with_store(work, database)), database))
        failing_at_start = store_state(chat) == "failing"
        during = [chat.say("rest", "ro-a", "what is PLS?"), chat.say("widget", "ro-b", "what is ALS?")]
        failing_reported = store_state(chat) == "failing"
        unwritable.close()  # the directory is writable again; the server keeps running
        recovered = follow_up_keeps_context(chat, "rest", "ro-a") and follow_up_keeps_context(chat, "widget", "ro-c")
        TABLE.add(
            "store unwritable at start, then writable", seen(during), chat.stored_count(), len(chat.turns), recovered
        )

        assert all(t.told_not_saved for t in during), "turns that could not be stored were answered as if they were"
        assert failing_at_start and failing_reported, "the health check did not report the unwritable store"
        assert recovered, "after the store became writable, follow-ups still lost their context"
        assert chat.mismatches() == []
        assert store_state(chat) == "ok"

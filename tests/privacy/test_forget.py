"""Forget is done only when no copy is left, says so while one is, and no turn in flight writes it back."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.forgetting import forget_sender, removal_pending
from bot.store_state import begin_turn, end_turn
from bot.tracker_store import LocalSQLTrackerStore
from tests.privacy.test_tracker_store import DOMAIN

PHRASE = "my neighbour Quorbel Vantessa drives me to clinic"


def _store(tmp_path: Path) -> LocalSQLTrackerStore:
    return LocalSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "ours.db"))


def _on_disk(tmp_path: Path, text: str) -> list[str]:
    """The store's files (database, write-ahead log) whose raw bytes hold ``text``."""
    return sorted(p.name for p in tmp_path.glob("ours.db*") if text.encode() in p.read_bytes())


def _stored_events(tmp_path: Path, sender: str) -> int:
    with sqlite3.connect(tmp_path / "ours.db") as connection:
        return connection.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


async def _say(store: LocalSQLTrackerStore, sender: str, text: str) -> None:
    tracker = await store.retrieve(sender) or DialogueStateTracker(sender, DOMAIN.slots)
    tracker.update(UserUttered(text))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)


def _open_reader(tmp_path: Path) -> sqlite3.Connection:
    """Another process's read transaction (a backup, an ``sqlite3`` shell): it keeps the log in use."""
    reader = sqlite3.connect(tmp_path / "ours.db")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM events").fetchone()
    return reader


def test_forget_with_a_reader_open_says_pending_and_finishes_once_the_reader_closes(tmp_path: Path) -> None:
    async def scenario() -> None:
        store = _store(tmp_path)
        await _say(store, "dana", PHRASE)
        await _say(store, "erin", "is it inherited?")
        reader = _open_reader(tmp_path)
        try:
            assert forget_sender(store, "dana") == 2
            # The text is still in the log, so the answer must not be "done".
            assert _on_disk(tmp_path, "Quorbel Vantessa")
            assert removal_pending(store) is True
        finally:
            reader.rollback()
            reader.close()
        for _ in range(300):  # the background retry: its pauses grow, so this is a bound, not a timing
            if not removal_pending(store):
                break
            await asyncio.sleep(0.1)
        assert removal_pending(store) is False
        assert _on_disk(tmp_path, "Quorbel Vantessa") == []
        assert _on_disk(tmp_path, "is it inherited?")  # someone else's conversation is kept

    asyncio.run(scenario())


def test_a_pending_removal_is_finished_by_the_next_stored_turn(tmp_path: Path) -> None:
    store = _store(tmp_path)
    asyncio.run(_say(store, "dana", PHRASE))
    reader = _open_reader(tmp_path)
    try:
        forget_sender(store, "dana")  # outside an event loop: no background retry, only the next write
        assert removal_pending(store) is True
    finally:
        reader.rollback()
        reader.close()
    assert _on_disk(tmp_path, "Quorbel Vantessa")
    asyncio.run(_say(store, "erin", "what is ALS"))
    assert removal_pending(store) is False
    assert _on_disk(tmp_path, "Quorbel Vantessa") == []


def test_forget_without_other_readers_is_done_at_once(tmp_path: Path) -> None:
    store = _store(tmp_path)
    asyncio.run(_say(store, "dana", PHRASE))
    forget_sender(store, "dana")
    assert removal_pending(store) is False
    assert _on_disk(tmp_path, "Quorbel Vantessa") == []


@pytest.mark.parametrize("channel_turn", [True, False], ids=["widget-or-rest-turn", "http-api-turn"])
def test_a_turn_in_flight_when_forget_happens_does_not_save_the_conversation_again(
    tmp_path: Path, channel_turn: bool
) -> None:
    async def scenario() -> None:
        store = _store(tmp_path)
        await _say(store, "gus", PHRASE)
        read, resume = asyncio.Event(), asyncio.Event()

        async def slow_turn(text: str) -> None:
            token = begin_turn()[1] if channel_turn else None
            try:
                tracker = await store.retrieve("gus")
                assert tracker is not None
                read.set()
                await resume.wait()  # a slow action, or a turn that outlived its lock
                tracker.update(UserUttered(text))
                tracker.update(ActionExecuted("action_listen"))
                await store.save(tracker)
            finally:
                if token is not None:
                    end_turn(token)

        turn = asyncio.create_task(slow_turn("and Brellix Omwater asked about feeding tubes"))
        await read.wait()
        assert forget_sender(store, "gus") == 2
        resume.set()
        await turn
        assert _stored_events(tmp_path, "gus") == 0
        assert _on_disk(tmp_path, "Brellix Omwater") == []
        assert _on_disk(tmp_path, "Quorbel Vantessa") == []
        # A turn that starts after Forget begins a new conversation, stored as usual.
        await asyncio.create_task(_say(store, "gus", "what is MND"))
        assert _stored_events(tmp_path, "gus") == 2

    asyncio.run(scenario())


def test_a_message_sent_before_forget_but_answered_after_it_is_not_stored(tmp_path: Path) -> None:
    """The person sends a message and presses Forget at once; the turn waits for the lock behind Forget."""

    async def scenario() -> None:
        store = _store(tmp_path)
        await _say(store, "hal", PHRASE)
        started, resume = asyncio.Event(), asyncio.Event()

        async def waiting_turn() -> None:
            token = begin_turn()[1]
            try:
                started.set()
                await resume.wait()  # waiting for the conversation's lock, which Forget holds
                await _say(store, "hal", "and Tamsork Lidwell asked about breathing")
            finally:
                end_turn(token)

        async def later_turn() -> None:
            token = begin_turn()[1]
            try:
                await _say(store, "hal", "what is MND")
            finally:
                end_turn(token)

        turn = asyncio.create_task(waiting_turn())
        await started.wait()
        forget_sender(store, "hal")
        resume.set()
        await turn
        assert _stored_events(tmp_path, "hal") == 0
        assert _on_disk(tmp_path, "Tamsork Lidwell") == []
        await asyncio.create_task(later_turn())  # a turn that starts after Forget is stored as usual
        assert _stored_events(tmp_path, "hal") == 2

    asyncio.run(scenario())

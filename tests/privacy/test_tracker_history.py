"""A long conversation read from the store: the same state as Rasa's whole read, in a bounded number of events."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUtteranceReverted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.history import RECENT_TURNS
from bot.tracker_store import LocalSQLTrackerStore
from tests.privacy.test_tracker_store import DOMAIN, _rows, _turn

TURNS = 120
CONDITIONS = ["als", "pls", "pma", "pbp", "sma"]


def _nth_turn(n: int, ts: float) -> list[Event]:
    """Turn ``n``: the person's question, an answer that sets the condition in focus; a few set more slots."""
    events = _turn(f"question {n}", f"answer {n}", ts, CONDITIONS[n % len(CONDITIONS)])
    if n == 1:  # said once, at the start, never again: must still be known at the end
        events.insert(2, SlotSet("people", {"wife": "pls"}, timestamp=ts + 0.15))
    if n % 7 == 0:
        events.insert(2, SlotSet("topic", f"topic-{n}", timestamp=ts + 0.15))
    return events


def _talk(store: Any, sender: str, turns: int, start: float = 1_000.0, new_session: bool = True) -> list[int]:
    """A conversation of ``turns`` turns, each read, extended and saved as Rasa does; the events read per turn."""
    opening: list[Event] = [ActionExecuted("action_listen", timestamp=start + 0.02)]
    if new_session:
        opening[:0] = [ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start + 0.01)]
    return [
        _add(store, sender, events) for events in [opening, *(_nth_turn(n, start + n) for n in range(1, turns + 1))]
    ]


def _add(store: Any, sender: str, events: list[Event]) -> int:
    """Read the conversation, add ``events`` and save it, as Rasa does in a turn; how many events were read."""
    tracker = asyncio.run(store.retrieve(sender))
    read = len(tracker.events) if tracker else 0
    tracker = tracker or DialogueStateTracker(sender, DOMAIN.slots)
    for event in events:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    return read


def _stores(tmp_path: Path) -> tuple[SQLTrackerStore, LocalSQLTrackerStore]:
    stock = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "stock.db"))
    ours = LocalSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "ours.db"))
    return stock, ours


def _user_texts(tracker: DialogueStateTracker) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


def test_a_long_conversation_is_read_in_bounded_size_with_its_whole_state(tmp_path: Path) -> None:
    stock, ours = _stores(tmp_path)
    read_by_rasa = _talk(stock, "long", TURNS)
    read_here = _talk(ours, "long", TURNS)
    assert _rows(tmp_path / "ours.db") == _rows(tmp_path / "stock.db")  # every event stored once, as Rasa stores it

    # Rasa reads every event of the session on every turn; this store, the state and the last turns.
    assert read_by_rasa[-1] > 10 * read_by_rasa[RECENT_TURNS + 2]
    assert max(read_here[RECENT_TURNS + 2 :]) <= read_here[RECENT_TURNS + 2] + 3
    assert read_here[: RECENT_TURNS + 1] == read_by_rasa[: RECENT_TURNS + 1]  # a short conversation is read whole

    whole = asyncio.run(stock.retrieve("long"))
    recent = asyncio.run(ours.retrieve("long"))
    assert recent.current_slot_values() == whole.current_slot_values()
    assert recent.get_slot("people") == {"wife": "pls"}  # set at turn 1 of 120
    assert recent.latest_message.text == whole.latest_message.text == f"question {TURNS}"
    assert _user_texts(recent) == _user_texts(whole)[-RECENT_TURNS:]
    assert recent.latest_action_name == "action_listen"
    assert recent.copy().current_slot_values() == whole.current_slot_values()  # Rasa copies it for every action


def test_a_new_session_starts_from_its_own_events_and_carried_slots(tmp_path: Path) -> None:
    stock, ours = _stores(tmp_path)
    for store in (stock, ours):
        _talk(store, "two", 30)
        session_start = [
            ActionExecuted("action_session_start", timestamp=5_000.0),
            SessionStarted(timestamp=5_000.01),
            SlotSet("condition", "sma", timestamp=5_000.02),  # carried over, as actions/session.py does
            ActionExecuted("action_listen", timestamp=5_000.03),
        ]
        _add(store, "two", session_start)
        for n in range(1, 15):
            _add(store, "two", _turn(f"later {n}", "answer", 5_000.0 + n))
    assert _rows(tmp_path / "ours.db") == _rows(tmp_path / "stock.db")
    whole, recent = asyncio.run(stock.retrieve("two")), asyncio.run(ours.retrieve("two"))
    assert recent.current_slot_values() == whole.current_slot_values()
    assert recent.get_slot("condition") == "sma" and recent.get_slot("people") is None  # the old session's is gone
    assert _user_texts(recent) == [f"later {n}" for n in range(15 - RECENT_TURNS, 15)]


def test_a_session_with_an_undone_turn_before_the_window_is_read_whole(tmp_path: Path) -> None:
    stock, ours = _stores(tmp_path)
    for store in (stock, ours):
        _talk(store, "undo", 3)
        undone = [
            UserUttered("mistyped", timestamp=2_000.0),
            SlotSet("term", "spasticity", timestamp=2_000.1),
            UserUtteranceReverted(timestamp=2_000.2),  # Rasa's fallback undoes the turn and its slot
        ]
        _add(store, "undo", undone)
        _talk(store, "undo", 20, start=3_000.0, new_session=False)
    whole, recent = asyncio.run(stock.retrieve("undo")), asyncio.run(ours.retrieve("undo"))
    assert list(recent.events) == list(whole.events)
    assert recent.current_slot_values() == whole.current_slot_values()
    assert recent.get_slot("term") is None  # the undone turn's slot, later than any other "term"


def test_the_index_for_recent_turns_is_added_to_an_existing_store(tmp_path: Path) -> None:
    stock, _ = _stores(tmp_path)
    _talk(stock, "old", 12)
    LocalSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "stock.db"))
    with sqlite3.connect(tmp_path / "stock.db") as connection:
        indexes = {row[1] for row in connection.execute("PRAGMA index_list(events)")}
    assert "ix_events_sender_type" in indexes
    assert len(
        asyncio.run(
            LocalSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "stock.db")).retrieve("old")
        ).events
    ) < len(asyncio.run(stock.retrieve("old")).events)

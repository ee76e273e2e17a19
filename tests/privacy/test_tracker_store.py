"""The project's tracker store keeps Rasa's rows exactly, and deleted conversations leave no copy."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from bot.forgetting import forget_sender
from bot.privacy import ROOT, purge
from bot.tracker_store import LocalSQLTrackerStore

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def _turn(question: str, answer: str, ts: float, condition: str | None = None) -> list[Event]:
    events: list[Event] = [
        UserUttered(question, {"name": "ask_definition", "confidence": 0.93}, timestamp=ts),
        ActionExecuted("action_answer_topic", policy="RulePolicy", confidence=1.0, timestamp=ts + 0.1),
    ]
    if condition:
        events.append(SlotSet("condition", condition, timestamp=ts + 0.2))
    events += [
        BotUttered(answer, {"custom": {"kind": "answer", "facts": ["x"]}}, timestamp=ts + 0.3),
        ActionExecuted("action_listen", timestamp=ts + 0.4),
    ]
    return events


def _conversation(store: Any, sender: str, start: float) -> None:
    """Three turns, then a new session with one more; each turn read, extended and saved as Rasa does."""
    turns = [
        [ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start + 0.01)],
        _turn("what is ALS", "ALS is a kind of MND.", start + 1, "als"),
        _turn("is it inherited?", "Most cases are not.", start + 2),
        _turn("what does spasticity mean", "Stiff muscles.", start + 3),
        [ActionExecuted("action_session_start", timestamp=start + 100), SessionStarted(timestamp=start + 100.01)],
        _turn("what is PLS", "PLS affects upper motor neurons.", start + 101, "pls"),
    ]
    for events in turns:
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, DOMAIN.slots)
        for event in events:
            tracker.update(event)
        asyncio.run(store.save(tracker))


def _rows(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        ).fetchall()


def _stores(tmp_path: Path) -> tuple[SQLTrackerStore, LocalSQLTrackerStore]:
    stock = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "stock.db"))
    ours = LocalSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "ours.db"))
    return stock, ours


def test_writes_exactly_the_rows_rasa_writes(tmp_path: Path) -> None:
    stock, ours = _stores(tmp_path)
    for store in (stock, ours):
        _conversation(store, "alice", 1_000.0)
        _conversation(store, "bob", 2_000.0)
    rows = _rows(tmp_path / "ours.db")
    assert rows == _rows(tmp_path / "stock.db")
    assert len(rows) == 2 * 22 and len(set(rows)) == len(rows)  # every event once, none twice


def test_reads_what_rasa_reads_from_either_file(tmp_path: Path) -> None:
    stock, ours = _stores(tmp_path)
    _conversation(stock, "alice", 1_000.0)
    _conversation(ours, "alice", 1_000.0)
    for db in ("stock.db", "ours.db"):
        readers = [
            SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / db)),
            LocalSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / db)),
        ]
        latest = [asyncio.run(r.retrieve("alice")) for r in readers]
        full = [asyncio.run(r.retrieve_full_tracker("alice")) for r in readers]
        assert list(latest[0].events) == list(latest[1].events)
        assert list(full[0].events) == list(full[1].events)
        assert len(full[1].events) > len(latest[1].events)  # only the latest session is the tracker
        assert latest[1].get_slot("condition") == "pls"
        assert [e.text for e in latest[1].events if isinstance(e, UserUttered)] == ["what is PLS"]
        assert asyncio.run(readers[1].retrieve("nobody")) is None


def test_the_configured_store_is_this_one_on_disk(tmp_path: Path, monkeypatch: Any) -> None:
    """endpoints.yml must name a class Rasa can import: a wrong name silently keeps turns in memory only."""
    monkeypatch.setenv("ACTION_SERVER_URL", "http://127.0.0.1:1/webhook")
    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store")
    config.kwargs["db"] = str(tmp_path / "configured.db")
    store = TrackerStore.create(config, DOMAIN)
    inner = getattr(store, "_tracker_store", store)
    assert isinstance(inner, LocalSQLTrackerStore)
    _conversation(store, "carol", time.time())
    assert len(_rows(tmp_path / "configured.db")) == 22


def _on_disk(tmp_path: Path, marker: str) -> list[str]:
    """Files of the SQLite store (database, write-ahead log) that still hold ``marker``."""
    return [p.name for p in tmp_path.glob("ours.db*") if marker.encode() in p.read_bytes()]


def test_forget_leaves_no_copy_in_the_database_or_its_log(tmp_path: Path) -> None:
    _, ours = _stores(tmp_path)
    tracker = DialogueStateTracker("dana", DOMAIN.slots)
    tracker.update(UserUttered("my name is Zyxwvut Qmarker and I have ALS"))
    asyncio.run(ours.save(tracker))
    _conversation(ours, "erin", 1_000.0)
    assert _on_disk(tmp_path, "Zyxwvut Qmarker")  # it was written
    assert forget_sender(ours, "dana") == 1
    assert _on_disk(tmp_path, "Zyxwvut Qmarker") == []
    assert _on_disk(tmp_path, "Most cases are not.")  # someone else's conversation is kept
    assert asyncio.run(ours.retrieve("erin")) is not None


def test_purge_leaves_no_copy_either(tmp_path: Path) -> None:
    _, ours = _stores(tmp_path)
    tracker = DialogueStateTracker("old", DOMAIN.slots)
    tracker.update(UserUttered("Vqmarker Pold question", timestamp=time.time() - 90 * 86400))
    asyncio.run(ours.save(tracker))
    assert _on_disk(tmp_path, "Vqmarker Pold")
    assert purge(ours, older_than=time.time() - 30 * 86400) == (1, 1)
    assert _on_disk(tmp_path, "Vqmarker Pold") == []


def test_scrub_says_when_another_reader_holds_the_log(tmp_path: Path) -> None:
    from bot.forgetting import scrub

    _, ours = _stores(tmp_path)
    _conversation(ours, "fay", 1_000.0)
    reader = sqlite3.connect(tmp_path / "ours.db")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM events").fetchone()  # a read transaction pins the log
    try:
        assert scrub(ours) is False
    finally:
        reader.rollback()
        reader.close()
    assert scrub(ours) is True
    assert (tmp_path / "ours.db-wal").stat().st_size == 0

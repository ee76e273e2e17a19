"""Conversations older than the retention period are deleted whole; newer ones are untouched."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import ROOT, purge, sql_store

DAY = 86400.0


def _store(db: Path) -> SQLTrackerStore:
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))


def _save(store: SQLTrackerStore, sender: str, *timestamps: float) -> None:
    import asyncio

    tracker = DialogueStateTracker(sender, slots=[])
    for ts in timestamps:
        tracker.update(UserUttered("hello", timestamp=ts))
    asyncio.run(store.save(tracker))


def _events(store: SQLTrackerStore, sender: str) -> int:
    with store.session_scope() as session:
        return session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender).count()


def test_purge_deletes_only_conversations_past_the_period(tmp_path: Path) -> None:
    store = _store(tmp_path / "conversations.db")
    now = time.time()
    _save(store, "old", now - 40 * DAY, now - 35 * DAY)
    _save(store, "recent", now - 40 * DAY, now - 1 * DAY)  # still active: kept whole
    _save(store, "new", now - 60)
    assert purge(store, older_than=now - 30 * DAY) == (1, 2)
    assert _events(store, "old") == 0
    assert _events(store, "recent") == 2 and _events(store, "new") == 1


def test_dry_run_deletes_nothing(tmp_path: Path) -> None:
    store = _store(tmp_path / "conversations.db")
    _save(store, "old", time.time() - 90 * DAY)
    assert purge(store, older_than=time.time() - 30 * DAY, dry_run=True) == (1, 1)
    assert _events(store, "old") == 1


def test_command_reads_the_configured_store(tmp_path: Path) -> None:
    db = tmp_path / "conversations.db"
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{db}"\n')
    store = _store(db)
    _save(store, "old", time.time() - 31 * DAY)
    _save(store, "new", time.time())
    assert isinstance(sql_store(endpoints), SQLTrackerStore)
    out = subprocess.run(
        [sys.executable, "-m", "bot.privacy", "purge", "--days", "30", "--endpoints", str(endpoints)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "deleted 1 conversation(s), 1 event(s) older than 30 day(s)"
    assert _events(store, "old") == 0 and _events(store, "new") == 1

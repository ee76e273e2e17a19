"""Conversations with known figures, stored in a tracker store as the bot stores them (Rasa's events,
the reply contract in each reply's custom payload, "Was this helpful?" as a ``feedback`` slot event)."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import ROOT
from bot.tracker_store import LocalSQLTrackerStore

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
DAY = 86400.0


def reply(kind: str, condition: str | None = None, topic: str | None = None, **extra: Any) -> dict[str, Any]:
    """A reply contract payload (README, "The reply contract")."""
    return {"kind": kind, "condition": condition, "topic": topic, "facts": [], "sources": [], "term": None,
            "conditions": None, **extra}  # fmt: skip


def feedback(helpful: bool, topic: str | None, condition: str | None, kind: str = "answer") -> dict[str, Any]:
    """The widget's "Was this helpful?", as the widget issue stores it."""
    return {"helpful": helpful, "topic": topic, "condition": condition, "kind": kind}


@dataclass
class Turn:
    text: str
    replies: list[dict[str, Any]]
    feedback: dict[str, Any] | None = None


def events(start: float, turns: list[Turn]) -> list[Event]:
    """A session start with its disclaimer, then each turn as Rasa stores it."""
    found: list[Event] = [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start + 0.01),
        BotUttered("This is general education.", {"custom": reply("disclaimer")}, timestamp=start + 0.02),
        ActionExecuted("action_listen", timestamp=start + 0.03),
    ]
    ts = start + 1
    for turn in turns:
        found.append(UserUttered(turn.text, {"name": "ask_definition", "confidence": 0.9}, timestamp=ts))
        found.append(ActionExecuted("action_answer_topic", timestamp=ts + 0.1))
        for i, payload in enumerate(turn.replies):
            found.append(BotUttered(f"reply {i}", {"custom": payload}, timestamp=ts + 0.3 + i / 100))
        found.append(ActionExecuted("action_listen", timestamp=ts + 0.5))
        if turn.feedback is not None:
            found.append(SlotSet("feedback", turn.feedback, timestamp=ts + 5))
        ts += 10
    return found


def save(store: LocalSQLTrackerStore, sender: str, start: float, turns: list[Turn]) -> None:
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    for event in events(start, turns):
        tracker.update(event)
    # In a thread of its own: the caller may be inside a running event loop (Playwright's sync API).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, store.save(tracker)).result()


def open_store(db: Path) -> LocalSQLTrackerStore:
    return LocalSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db))


def endpoints_for(db: Path) -> Path:
    path = db.with_name("endpoints.yml")
    path.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{db}"\n', encoding="utf-8")
    return path


def now() -> float:
    return time.time()

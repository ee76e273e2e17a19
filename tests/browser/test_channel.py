"""The widget's Rasa channel in-process (no servers): message merging, forgetting, the "/" route."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import rasa.server
from rasa.core import run
from rasa.core.channels.channel import register
from rasa.core.channels.rest import RestInput
from rasa.core.tracker_store import (
    AwaitableTrackerStore,
    FailSafeTrackerStore,
    InMemoryTrackerStore,
    SQLTrackerStore,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.web.channel import WidgetInput, WidgetOutput, forget_sender
from bot.web.rasa_main import add_demo_root_route


def collect(*messages: dict[str, Any]) -> list[dict[str, Any]]:
    async def _send() -> list[dict[str, Any]]:
        output = WidgetOutput()
        for message in messages:
            await output.send_response("someone", dict(message))
        return output.messages

    return asyncio.run(_send())


def test_text_buttons_and_payload_stay_in_one_message_and_text_is_not_split() -> None:
    custom = {"kind": "answer", "sources": [{"id": "s", "citation": "A page"}]}
    buttons = [{"title": "What does X mean?", "payload": '/ask_term{"term": "x"}'}]
    assert collect({"text": "One.\n\nTwo.", "buttons": buttons, "custom": custom, "timestamp": 1.0}) == [
        {"recipient_id": "someone", "text": "One.\n\nTwo.", "buttons": buttons, "custom": custom}
    ]


def test_quick_replies_become_buttons_and_empty_messages_are_dropped() -> None:
    quick = [{"title": "Yes", "payload": "/affirm"}]
    assert collect({"text": "Sure?", "quick_replies": quick}, {"text": None, "timestamp": 2.0}) == [
        {"recipient_id": "someone", "text": "Sure?", "buttons": quick}
    ]


def test_options_from_credentials() -> None:
    assert WidgetInput.from_credentials(None).allowed_origins == []
    channel = WidgetInput.from_credentials({"allowed_origins": "https://example.org/", "max_message_length": 50})
    assert channel.allowed_origins == ["https://example.org"] and channel.max_message_length == 50
    assert WidgetInput.name() == "widget"


def _conversation(sender: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [ActionExecuted("action_listen"), UserUttered("what is MND")])


@pytest.mark.parametrize("kind", ["memory", "sql"])
def test_forget_deletes_one_sender_and_no_one_else(kind: str, tmp_path: Path) -> None:
    async def _run() -> tuple[int, list[str]]:
        store: Any = (
            InMemoryTrackerStore(Domain.empty())
            if kind == "memory"
            else SQLTrackerStore(Domain.empty(), db=str(tmp_path / "c.db"))
        )
        for sender in ("alice", "bob"):
            await store.save(_conversation(sender))
        # Rasa wraps the configured store like this; forgetting must reach the real one.
        deleted = forget_sender(FailSafeTrackerStore(AwaitableTrackerStore(store)), "alice")
        return deleted, sorted(await store.keys())

    deleted, left = asyncio.run(_run())
    assert deleted >= 2
    assert left == ["bob"]


def test_the_demo_page_takes_over_rasas_root_route(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rasa.server, "add_root_route", add_demo_root_route)
    app = run._create_app_without_api()
    register([RestInput(), WidgetInput()], app, route="/webhooks/")
    routes = {route.path: route for route in app.router.routes}
    assert routes[""].handler.__name__ == "demo_page"
    assert {"webhooks/rest/webhook", "webhooks/widget/webhook", "webhooks/widget/widget.js"} <= set(routes)

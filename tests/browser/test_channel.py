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
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.forgetting import forget_sender
from bot.web.channel import WidgetInput, WidgetOutput
from bot.web.feedback import feedback_event, parse_feedback, rated_answer
from bot.web.rasa_main import add_demo_root_route
from bot.web.validation import RequestRefused


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


def test_feedback_is_read_from_the_newest_rated_answer_with_that_text() -> None:
    def said(text: str, **custom: str) -> BotUttered:
        return BotUttered(text, data={"custom": custom})

    events = [
        said("Call your local emergency number now.", kind="emergency"),
        said("ALS answer.", kind="answer", topic="symptoms", condition="als"),
        said("ALS answer.", kind="answer", topic="outlook", condition="als"),
    ]
    assert rated_answer(events, "Call your local emergency number now.") is None  # never asked about
    assert rated_answer(events, "Something never said.") is None
    custom = rated_answer(events, "ALS answer.")
    assert custom is not None and custom["topic"] == "outlook"
    event = feedback_event(custom, False).as_dict()
    assert {k: v for k, v in event.items() if k != "timestamp"} == {
        "event": "slot",
        "name": "feedback",
        "value": {"helpful": False, "topic": "outlook", "condition": "als", "kind": "answer"},
    }


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"", "invalid_json"),
        (b"[]", "invalid_json"),
        (b'{"sender": "a", "answer": "x"}', "missing_field"),
        (b'{"sender": "a", "answer": "x", "helpful": 1}', "wrong_type"),
        (b'{"sender": "a/b", "answer": "x", "helpful": true}', "invalid_sender"),
        (b'{"sender": "a", "answer": " ", "helpful": true}', "empty_answer"),
    ],
)
def test_bad_feedback_requests_are_refused_with_a_clear_code(body: bytes, code: str) -> None:
    with pytest.raises(RequestRefused) as refused:
        parse_feedback(body)
    assert refused.value.status == 400 and refused.value.code == code

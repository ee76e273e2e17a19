"""The replies of a message read as out of scope or unclear that nothing answers: the scope statement, or "did you
mean…?" with the classifier's likeliest readings as buttons (at most three, each a topic of the condition meant)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.contract import payload
from actions.replies import example_buttons
from actions.wording import say
from bot.facts import queries
from bot.facts.vocab import DEFAULT_CONDITION_FOR_TOPIC, TOPICS

# A reading this unlikely is not offered; at most this many are.
MIN_READING_CONFIDENCE = 0.1
MAX_READINGS = 3


def send_scope(dispatcher: CollectingDispatcher, domain: DomainDict) -> list[EventType]:
    """The scope statement, with example questions as buttons."""
    dispatcher.utter_message(
        text=say(domain, "utter_out_of_scope"),
        buttons=example_buttons(domain),
        json_message=payload("out_of_scope"),
    )
    return []


def send_readings(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, tracker: Tracker, slug: str | None
) -> list[EventType]:
    """ "Did you mean…?" with the likeliest readings of the message about ``slug`` (or each topic's usual
    condition); the scope statement when there are none."""
    buttons: list[dict[str, Any]] = []
    for reading in tracker.latest_message.get("intent_ranking") or []:
        topic_slug = (reading.get("name") or "").removeprefix("ask_")
        if topic_slug not in TOPICS or (reading.get("confidence") or 0) < MIN_READING_CONFIDENCE:
            continue
        target = slug or DEFAULT_CONDITION_FOR_TOPIC[topic_slug]
        cond, top = queries.condition(session, target), queries.topic(session, topic_slug)
        if cond is None or top is None:
            continue
        buttons.append(
            {
                "title": top.question.format(name=cond.short_name),
                "payload": f'/ask_{topic_slug}{{"condition": "{target}"}}',
            }
        )
        if len(buttons) == MAX_READINGS:
            break
    if not buttons:
        return send_scope(dispatcher, domain)
    dispatcher.utter_message(
        text=say(domain, "utter_did_you_mean"), buttons=buttons, json_message=payload("clarify", condition=slug)
    )
    return []


def top_topic(tracker: Tracker) -> tuple[str, float] | None:
    """The likeliest topic the classifier read in the latest message, and how likely."""
    for reading in tracker.latest_message.get("intent_ranking") or []:
        topic = (reading.get("name") or "").removeprefix("ask_")
        if topic in TOPICS:
            return topic, float(reading.get("confidence") or 0.0)
    return None

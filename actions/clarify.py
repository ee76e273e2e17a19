"""Low NLU confidence: offer the likeliest readings as buttons instead of guessing."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import StoreAction, mentioned_conditions
from actions.contract import payload
from actions.replies import example_buttons
from actions.wording import say
from bot.facts import queries
from bot.facts.vocab import DEFAULT_CONDITION_FOR_TOPIC, TOPICS

# A reading below this confidence is not worth offering.
MIN_READING_CONFIDENCE = 0.1
MAX_READINGS = 3
# If an emergency is at all likely, the emergency advice comes first.
MIN_EMERGENCY_CONFIDENCE = 0.2


class ActionOfferReadings(StoreAction):
    """"Did you mean...?" with up to three topic questions; otherwise the scope statement."""

    def name(self) -> str:
        return "action_offer_readings"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        mentioned = mentioned_conditions(session, tracker)
        slug = mentioned[0] if mentioned else tracker.get_slot("condition")
        buttons: list[dict[str, Any]] = []
        ranking = tracker.latest_message.get("intent_ranking") or []
        urgent = any(
            r.get("name") == "report_emergency" and (r.get("confidence") or 0) >= MIN_EMERGENCY_CONFIDENCE
            for r in ranking
        )
        if urgent:
            dispatcher.utter_message(
                text=say(domain, "utter_emergency_check"),
                json_message=payload("emergency", condition=slug),
            )
        for reading in ranking:
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
        if buttons:
            dispatcher.utter_message(
                text=say(domain, "utter_did_you_mean"),
                buttons=buttons,
                json_message=payload("clarify", condition=slug),
            )
        else:
            dispatcher.utter_message(
                text=say(domain, "utter_out_of_scope"),
                buttons=example_buttons(domain),
                json_message=payload("out_of_scope"),
            )
        return []

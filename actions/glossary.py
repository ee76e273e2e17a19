"""Explaining a word: "what does atrophy mean?", or "what does that mean?" after an answer."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.answer import send_topic_answer
from actions.base import StoreAction, entity_values, mentioned_conditions
from actions.contract import payload
from actions.wording import say
from bot.facts import queries
from bot.facts.models import GlossaryTerm


class ActionDefineTerm(StoreAction):
    """Defines a glossary term named in the message, else the one the last answer used."""

    def name(self) -> str:
        return "action_define_term"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        entry: GlossaryTerm | None = None
        for value in entity_values(tracker, "term"):
            entry = queries.glossary_lookup(session, value) or queries.find_term(session, value)
            if entry:
                break
        text = tracker.latest_message.get("text") or ""
        if entry is None and not text.startswith("/"):
            entry = queries.find_term(session, text)
        if entry is None:
            # "What does ALS mean?" asks for a condition, not a word.
            mentioned = mentioned_conditions(session, tracker)
            if mentioned:
                return send_topic_answer(session, dispatcher, domain, mentioned[0], "definition")
            recent: list[str] = tracker.get_slot("terms") or []
            if len(recent) == 1:
                entry = queries.glossary_lookup(session, recent[0])
            elif recent:
                dispatcher.utter_message(
                    text=say(domain, "utter_ask_which_term"),
                    buttons=[
                        {"title": say(domain, "utter_button_define", term=t), "payload": f'/ask_term{{"term": "{t}"}}'}
                        for t in recent
                    ],
                    json_message=payload("clarify"),
                )
                return []
        if entry is None:
            dispatcher.utter_message(
                text=say(domain, "utter_term_unknown"),
                json_message=payload("not_covered"),
            )
            return []
        dispatcher.utter_message(
            text=say(domain, "utter_definition", term=entry.term, definition=entry.definition),
            json_message=payload(
                "definition",
                condition=tracker.get_slot("condition"),
                topic=tracker.get_slot("topic"),
                sources=queries.provenance([entry]),
                term=entry.term,
            ),
        )
        return [SlotSet("term", entry.term)]

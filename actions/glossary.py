"""Explaining a word: "what does atrophy mean?", or "what does that mean?" after an answer."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import StoreAction, mentioned_conditions
from actions.compose import topic_reply
from actions.contract import payload
from actions.conversation import State
from actions.replies import named_term, send_definition, send_reply
from actions.understanding import read
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
        entry: GlossaryTerm | None = named_term(session, tracker)
        if entry is None:
            # "What does ALS mean?" asks for a condition, not a word.
            mentioned = mentioned_conditions(session, tracker)
            if mentioned:
                reply = topic_reply(session, domain, read(session, tracker), mentioned[0], topic="definition")
                if reply is not None:
                    return send_reply(session, dispatcher, domain, reply, State.of(tracker))
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
        return send_definition(dispatcher, tracker, domain, entry)

"""Answers about a condition and topic, follow-ups that switch condition, and "tell me more"."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import StoreAction, mentioned_conditions, names, term_buttons
from actions.contract import payload
from actions.replies import (
    condition_buttons,
    example_buttons,
    named_term,
    send_definition,
    send_topic_answer,
    topic_label,
)
from actions.wording import say
from bot.facts import queries
from bot.facts.models import Fact
from bot.facts.vocab import TOPICS


class ActionAnswerTopic(StoreAction):
    """Answers ``ask_<topic>`` intents; the condition comes from the message, else the conversation."""

    def name(self) -> str:
        return "action_answer_topic"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        topic = intent.removeprefix("ask_")
        if topic not in TOPICS:
            topic = tracker.get_slot("topic") or "definition"
        mentioned = mentioned_conditions(session, tracker)
        if topic == "definition" and not mentioned:
            # "What is meant by bulbar?" asks about a word, whichever way it was classified.
            entry = named_term(session, tracker)
            if entry is not None:
                return send_definition(dispatcher, tracker, domain, entry)
        condition = mentioned[0] if mentioned else tracker.get_slot("condition")
        return send_topic_answer(session, dispatcher, domain, condition, topic)


class ActionAnswerWhatAbout(StoreAction):
    """"What about PLS?": the last topic again, for the condition just named."""

    def name(self) -> str:
        return "action_answer_what_about"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        topic = tracker.get_slot("topic") or "definition"
        mentioned = mentioned_conditions(session, tracker)
        if not mentioned:
            # "And bulbar?" after an answer that used the word: explain it.
            entry = named_term(session, tracker)
            if entry is not None:
                return send_definition(dispatcher, tracker, domain, entry)
            dispatcher.utter_message(
                text=say(domain, "utter_ask_which_condition", topic_label=topic_label(session, topic)),
                buttons=condition_buttons(session, domain, topic),
                json_message=payload("clarify", topic=topic),
            )
            return []
        return send_topic_answer(session, dispatcher, domain, mentioned[0], topic)


class ActionTellMore(StoreAction):
    """"Tell me more": the details of the last answer, then the parent condition's general facts."""

    def name(self) -> str:
        return "action_tell_more"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        condition = tracker.get_slot("condition")
        topic = tracker.get_slot("topic")
        last: list[Fact] = queries.facts_by_id(session, tracker.get_slot("last_facts") or [])
        if not last or condition is None or topic is None:
            dispatcher.utter_message(
                text=say(domain, "utter_nothing_to_expand"),
                buttons=example_buttons(domain),
                json_message=payload("clarify"),
            )
            return []

        with_detail = [f for f in last if f.detail]
        if with_detail and not tracker.get_slot("details_given"):
            terms, buttons = term_buttons(domain, with_detail)
            message = payload("answer", condition=condition, topic=topic, facts=with_detail)
            message["terms"] = terms
            message["part"] = "detail"
            dispatcher.utter_message(
                text=" ".join(f.detail or "" for f in with_detail), buttons=buttons, json_message=message
            )
            return [SlotSet("details_given", True), SlotSet("terms", terms)]

        # Beyond the details: the general facts of the parent condition, if not already shown.
        cond = names(session, condition)
        shown = {f.condition_slug for f in last}
        if cond.parent_slug and cond.parent_slug not in shown:
            general = queries.facts_for(session, condition=cond.parent_slug, topic=topic)
            if general.facts:
                parent = names(session, cond.parent_slug)
                terms, buttons = term_buttons(domain, general.facts)
                message = payload("answer", condition=condition, topic=topic, facts=general.facts)
                message["answered_for"] = parent.slug
                message["terms"] = terms
                text = " ".join(
                    [
                        say(domain, "utter_more_general", parent_name=parent.short_name, name=cond.short_name),
                        general.text,
                    ]
                )
                dispatcher.utter_message(text=text, buttons=buttons, json_message=message)
                return [
                    SlotSet("last_facts", [f.id for f in general.facts]),
                    SlotSet("details_given", False),
                    SlotSet("terms", terms),
                ]

        dispatcher.utter_message(
            text=say(domain, "utter_no_more", name=cond.short_name, topic_label=topic_label(session, topic)),
            json_message=payload("not_covered", condition=condition, topic=topic),
        )
        return []

"""Answers about a condition and topic, follow-ups that switch condition, and "tell me more"."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import StoreAction, mentioned_conditions, names, term_buttons
from actions.contract import payload
from actions.wording import say
from bot.facts import queries
from bot.facts.models import Fact
from bot.facts.vocab import DEFAULT_CONDITION_FOR_TOPIC, TOPICS


def _topic_label(session: Session, slug: str) -> str:
    top = queries.topic(session, slug)
    return top.label if top else slug.replace("_", " ")


def condition_buttons(session: Session, domain: DomainDict, topic: str) -> list[dict[str, Any]]:
    """One button per condition that has something on ``topic``, phrased as the question."""
    top = queries.topic(session, topic)
    buttons = []
    for cond in queries.conditions(session):
        if cond.slug == "motor_neuron" and topic != "function":
            continue
        if queries.facts_for(session, condition=cond.slug, topic=topic).facts and top:
            buttons.append(
                {
                    "title": top.question.format(name=cond.short_name),
                    "payload": f'/ask_{topic}{{"condition": "{cond.slug}"}}',
                }
            )
    return buttons


def send_topic_answer(
    session: Session,
    dispatcher: CollectingDispatcher,
    domain: DomainDict,
    condition: str | None,
    topic: str,
) -> list[EventType]:
    """Answer ``topic`` for ``condition`` (or the topic's default) from the store, saying honestly what is missing."""
    slug = condition or DEFAULT_CONDITION_FOR_TOPIC[topic]
    result = queries.facts_for(session, condition=slug, topic=topic)
    if not result.facts and not result.gaps:
        dispatcher.utter_message(
            text=say(domain, "utter_ask_which_condition", topic_label=_topic_label(session, topic)),
            buttons=condition_buttons(session, domain, topic),
            json_message=payload("clarify", condition=slug, topic=topic),
        )
        return [SlotSet("topic", topic)]

    asked = names(session, slug)
    parts: list[str] = []
    if result.fell_back:
        parent = names(session, result.condition)
        parts.append(
            say(
                domain,
                "utter_fallback_to_parent",
                name=asked.short_name,
                parent_name=parent.short_name,
                topic_label=_topic_label(session, topic),
            )
        )
    if result.facts:
        parts.append(result.text)
    for gap in result.gaps:
        parts.append(say(domain, "utter_gap", missing=gap.missing))
    if result.gaps:
        parts.append(say(domain, "utter_ask_provider"))

    terms, buttons = term_buttons(domain, result.facts)
    kind = "not_covered" if result.gaps else "answer"
    sources = queries.provenance([*result.facts, *result.gaps])
    message = payload(kind, condition=slug, topic=topic, facts=result.facts, sources=sources)
    message["answered_for"] = result.condition
    message["terms"] = terms
    dispatcher.utter_message(text=" ".join(parts), buttons=buttons, json_message=message)
    return [
        SlotSet("condition", slug),
        SlotSet("topic", topic),
        SlotSet("terms", terms),
        SlotSet("last_facts", [f.id for f in result.facts]),
        SlotSet("details_given", False),
    ]


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
            dispatcher.utter_message(
                text=say(domain, "utter_ask_which_condition", topic_label=_topic_label(session, topic)),
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
                buttons=_example_buttons(domain),
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
            text=say(domain, "utter_no_more", name=cond.short_name, topic_label=_topic_label(session, topic)),
            json_message=payload("not_covered", condition=condition, topic=topic),
        )
        return []


def _example_buttons(domain: DomainDict) -> list[dict[str, Any]]:
    """The example questions offered with the greeting (defined once, in domain.yml)."""
    try:
        return list(domain["responses"]["utter_greet"][0].get("buttons") or [])
    except (KeyError, IndexError, TypeError):
        return []

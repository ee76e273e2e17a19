"""Reply builders shared by the actions: topic answers, definitions, choice buttons."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import entity_values, names, term_buttons
from actions.contract import payload
from actions.wording import say
from bot.facts import queries
from bot.facts.models import GlossaryTerm
from bot.facts.vocab import DEFAULT_CONDITION_FOR_TOPIC


def topic_label(session: Session, slug: str) -> str:
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
            text=say(domain, "utter_ask_which_condition", topic_label=topic_label(session, topic)),
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
                topic_label=topic_label(session, topic),
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


def example_buttons(domain: DomainDict) -> list[dict[str, Any]]:
    """The example questions offered with the greeting (defined once, in domain.yml)."""
    try:
        return list(domain["responses"]["utter_greet"][0].get("buttons") or [])
    except (KeyError, IndexError, TypeError):
        return []


def named_term(session: Session, tracker: Tracker) -> GlossaryTerm | None:
    """The glossary term the latest message names (a recognised entity first, then a scan), or None."""
    for value in entity_values(tracker, "term"):
        entry = queries.glossary_lookup(session, value) or queries.find_term(session, value)
        if entry:
            return entry
    text = tracker.latest_message.get("text") or ""
    return None if text.startswith("/") else queries.find_term(session, text)


def send_definition(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, entry: GlossaryTerm
) -> list[EventType]:
    """Explain one glossary term, citing its source."""
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

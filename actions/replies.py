"""Turning replies into messages: text, buttons, the payload (reply contract) and the slots they set."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import entity_values, term_buttons
from actions.compose import Reply, topic_label
from actions.contract import payload
from actions.conversation import State, answered
from actions.wording import say
from bot import mentions
from bot.facts import names, queries
from bot.facts.models import GlossaryTerm
from bot.facts.name_terms import asked_as
from bot.facts.text import normalise


def send_reply(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, reply: Reply, state: State
) -> list[EventType]:
    """Send one composed reply; return the slots it sets (focus, topic, what was shown and listed)."""
    terms, buttons = term_buttons(domain, reply.facts)
    message = payload(
        reply.kind,
        condition=reply.condition,
        topic=reply.topic,
        facts=reply.facts,
        sources=queries.provenance([*reply.gaps, *reply.facts]),
        conditions=reply.conditions,
    )
    message["answered_for"] = reply.answered_for
    message["terms"] = terms
    message.update(reply.extra)
    dispatcher.utter_message(text=reply.text, buttons=buttons, json_message=message)
    listed = reply.listed if reply.listed is not None else _listed_in(session, reply)
    kind = "types"
    if reply.kind == "compare":
        kind = "pair"
    elif reply.listed is not None and reply.conditions:
        kind = "match"
    kept = state.listed_kind in ("types", "match", "pair")
    if listed is not None and len(listed) == 1 and len(state.listed) >= 2 and kept:
        # "Which ones start in the hands?" answered with one type: it is in focus, and "the last one" still
        # counts from the list shown before ("which is more common?" after a comparison: "the first one"
        # is still the first of the two compared).
        listed, kind = list(state.listed), state.listed_kind
    focus = reply.focus_after or reply.condition
    if reply.conditions:  # a listing across types: the focus is the one type it named, if only one
        focus = reply.conditions[0] if len(reply.conditions) == 1 else None
    return answered(
        condition=focus,
        topic=reply.topic,
        facts=[f.id for f in reply.facts],
        terms=terms,
        more=reply.more,
        listed=listed,
        history=state.history,
        listed_kind=kind,
    )


def _listed_in(session: Session, reply: Reply) -> list[str] | None:
    """The conditions an answer names one after another ("ALS, PBP, PLS…"), if it names two or more."""
    found: list[str] = []
    for fact in reply.facts:
        for slug in names.find_conditions(session, fact.answer, exact_only=True):
            if slug not in found and slug not in ("mnd", "motor_neuron"):
                found.append(slug)
    return found if len(found) >= 2 else None


def send_choices(
    session: Session,
    dispatcher: CollectingDispatcher,
    domain: DomainDict,
    choices: list[str],
    topic: str | None,
) -> list[EventType]:
    """Ask which condition is meant, with one button per choice (kind ``clarify``)."""
    top = queries.topic(session, topic) if topic else None
    buttons = []
    for slug in choices:
        cond = queries.condition(session, slug)
        if cond is None:
            continue
        title = (
            top.question.format(name=cond.short_name)
            if top
            else say(domain, "utter_button_about", name=cond.short_name)
        )
        intent = f"ask_{topic}" if top else "ask_definition"
        buttons.append({"title": title, "payload": f'/{intent}{{"condition": "{slug}"}}'})
    message = payload("clarify", topic=topic, conditions=choices)
    dispatcher.utter_message(text=say(domain, "utter_which_one"), buttons=buttons, json_message=message)
    # The choices are "the listed" now; the question asked is the topic ("the X chromosome one", "sorry, I
    # mean PMA" re-ask it).
    events: list[EventType] = [SlotSet("listed", choices), SlotSet("listed_kind", "choices")]
    return events + [SlotSet("topic", topic)] if topic else events


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


def ask_which_condition(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, topic: str
) -> list[EventType]:
    """The store has nothing on ``topic`` for what was asked: offer the conditions it has something for."""
    dispatcher.utter_message(
        text=say(domain, "utter_ask_which_condition", topic_label=topic_label(session, topic)),
        buttons=condition_buttons(session, domain, topic),
        json_message=payload("clarify", topic=topic),
    )
    return [SlotSet("topic", topic)]


def example_buttons(domain: DomainDict) -> list[dict[str, Any]]:
    """The example questions offered with the greeting (defined once, in domain.yml)."""
    try:
        return list(domain["responses"]["utter_greet"][0].get("buttons") or [])
    except (KeyError, IndexError, TypeError):
        return []


def named_term(session: Session, tracker: Tracker) -> GlossaryTerm | None:
    """The glossary term the latest message names (a recognised entity first, then a scan), or None."""
    text = tracker.latest_message.get("text") or ""
    # "sorry not paralysis, I meant atrophy": the word meant, not the one put right
    meant = _MEANT.search(normalise(text))
    wanted = normalise(text)[meant.end() :] if meant else None
    for value in entity_values(tracker, "term"):
        if wanted is not None and normalise(value) not in wanted:
            continue
        entry = queries.glossary_lookup(session, value) or names.find_term(session, value)
        if entry and (text.startswith("/") or names.term_outside_names(session, text, value)):
            return entry
    return None if text.startswith("/") else names.find_term(session, wanted or text)


_MEANT = re.compile(r"\b(?:i meant|i mean|meant to (?:say|ask|type|write))\b")


def send_definition(
    session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, entry: GlossaryTerm
) -> list[EventType]:
    """Explain one glossary term, citing its source; asked by another name ("fasciculations"), say that name
    and the term ("“fasciculations” (muscle twitches): …"), and give both as the payload's term."""
    said = str(tracker.latest_message.get("text") or "")
    other = asked_as(session, said, entry.term) if said and not said.startswith("/") else None
    if other is not None:
        written = re.search(re.escape(other).replace(r"\ ", r"\W+"), said, re.IGNORECASE)
        other = written.group(0) if written else other
        text = say(domain, "utter_definition_asked_as", asked=other, term=entry.term, definition=entry.definition)
    else:
        text = say(domain, "utter_definition", term=entry.term, definition=entry.definition)
    # ("mum has progressive bulbar palsy. what is the bulbar bit?": the word, and PBP is what "it" means next)
    typed = said and not said.startswith("/")
    named = {c for c in names.find_conditions(session, said) if c not in ("mnd", "motor_neuron")} if typed else set()
    if typed and not named:
        # ("the second one, what does bulbar mean there": the word, and the second type listed is what "it" means next)
        named = set(_counted(State.of(tracker), said)[:1])
    focus = named.pop() if len(named) == 1 else tracker.get_slot("condition")
    dispatcher.utter_message(
        text=text,
        json_message=payload(
            "definition",
            condition=focus,
            topic=tracker.get_slot("topic"),
            sources=queries.provenance([entry]),
            term=f"{entry.term} ({other})" if other else entry.term,
        ),
    )
    refocused = [SlotSet("condition", focus)] if focus != tracker.get_slot("condition") else []
    return [SlotSet("term", entry.term), *refocused]


def _counted(state: State, said: str) -> list[str]:
    """The listed types ``said`` counts to ("the second one", "the last one"), in order."""
    listed = state.listed
    indexes = [int(m) for m, _, _ in mentions.find(said) if m.lstrip("-").isdigit()]
    return [listed[i] for i in indexes if -len(listed) <= i < len(listed)]

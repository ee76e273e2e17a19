"""Shared base for the actions that answer from the fact store."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from actions.contract import payload
from actions.conversation import opened_event
from actions.people_said import people_events
from actions.wording import say
from bot.facts import names, queries, serving
from bot.facts.db import StoreMissing
from bot.facts.models import Condition, Fact
from bot.safety import settings
from bot.safety.notes import about_feelings, add_safety_note, needs_note

logger = logging.getLogger(__name__)


class StoreAction(Action, ABC):
    """An action that opens one store Session per run and never lets an error reach the user raw.

    Slots it may read: ``condition`` (slug), ``topic`` (slug), ``terms`` (glossary
    terms of the last answer), ``last_facts`` (fact ids of the last answer),
    ``details_given`` (whether "tell me more" already gave their details).
    Subclasses implement :meth:`answer`. Nothing is opened in ``__init__``:
    rasa-sdk instantiates every action at start-up.
    """

    # Tests and alternative deployments swap the store by setting this; by default each run gets the
    # sessions of the configured store's current build, checked against its build record (bot/facts/serving.py).
    sessions: sessionmaker[Session] | None = None

    @classmethod
    def _sessions(cls) -> sessionmaker[Session]:
        return StoreAction.sessions if StoreAction.sessions is not None else serving.current_sessions()

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        try:
            with self._sessions()() as session:
                events = self.answer(session, dispatcher, tracker, domain)
                text = tracker.latest_message.get("text") or ""
                focus = [e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == "condition"]
                events += people_events(
                    session,
                    text,
                    tracker.get_slot("people"),
                    focus[-1] if focus else None,
                    tracker.get_slot("listed"),
                    before=tracker.get_slot("condition"),
                )
                events += opened_event(tracker, focus)
        except (SQLAlchemyError, StoreMissing) as exc:
            if not isinstance(exc, serving.StoreRefused):  # a refused store was logged once, with why
                logger.error("fact store unavailable in %s: %s", self.name(), exc.__class__.__name__)
            if isinstance(exc, SQLAlchemyError):
                # Pooled connections may keep a broken state (a file truncated, then restored): drop them
                # all, so that the next turn opens fresh ones and is answered once the store is whole.
                engine = getattr(StoreAction.sessions, "kw", {}).get("bind")
                if StoreAction.sessions is None:
                    serving.watch().broken()
                elif engine is not None:
                    engine.dispose()
            dispatcher.utter_message(text=say(domain, "utter_error"), json_message=payload("error"))
            return []
        note_first(dispatcher, tracker, domain)
        return changed_only(events, tracker)

    @abstractmethod
    def answer(
        self,
        session: Session,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """Send the reply and return the events (slots) it sets."""


def changed_only(events: list[EventType], tracker: Tracker) -> list[EventType]:
    """The events, keeping of the slot settings only each slot's last one, and only if it changes the slot.

    Every event is stored and replayed on each later turn, so unchanged slots cost time for nothing.
    """
    last = {e.get("name"): i for i, e in enumerate(events) if e.get("event") == "slot"}
    return [
        e
        for i, e in enumerate(events)
        if e.get("event") != "slot"
        or (
            last[e.get("name")] == i
            and not (e.get("name") in tracker.slots and tracker.get_slot(e["name"]) == e.get("value"))
        )
    ]


def note_first(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> None:
    """Lead the reply with the safety note when the message might be about danger now (see bot/safety/notes.py)."""
    for message in dispatcher.messages:
        custom = message.get("custom")
        if isinstance(custom, dict) and message.get("text"):
            if needs_note(tracker.latest_message, custom):
                feelings = about_feelings(tracker.latest_message)
                add_safety_note(message, say(domain, "utter_safety_note_feelings" if feelings else "utter_safety_note"))
                custom["call"] = settings.current().links_for(custom)
            return


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    """Values of ``entity`` in the latest message, in order, without repeats."""
    values: list[str] = []
    for ent in tracker.latest_message.get("entities") or []:
        value = ent.get("value")
        if ent.get("entity") == entity and isinstance(value, str) and value not in values:
            values.append(value)
    return values


def mentioned_conditions(session: Session, tracker: Tracker) -> list[str]:
    """Condition slugs the latest message names: recognised entities first, then a fuzzy scan."""
    text = tracker.latest_message.get("text") or ""
    # A button's payload ("/ask_symptoms{...}") carries its condition as an entity.
    return names.conditions_in(
        session, entities=entity_values(tracker, "condition"), text="" if text.startswith("/") else text
    )


def known_condition(session: Session, slug: str) -> Condition:
    """The condition for a slug known to exist."""
    cond = queries.condition(session, slug)
    if cond is None:
        raise StoreMissing(f"condition {slug!r} is not in the fact store; rebuild it")
    return cond


def term_buttons(domain: DomainDict, facts: list[Fact], limit: int = 3) -> tuple[list[str], list[dict[str, Any]]]:
    """Glossary terms used by ``facts`` and a button offering each one's meaning."""
    terms: list[str] = []
    for fact in facts:
        for term in fact.terms:
            if term.term not in terms:
                terms.append(term.term)
    buttons = [
        {"title": say(domain, "utter_button_define", term=term), "payload": f'/ask_term{{"term": "{term}"}}'}
        for term in terms[:limit]
    ]
    return terms, buttons

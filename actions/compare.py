"""Comparing two conditions from their structured attributes and defining facts."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import StoreAction, mentioned_conditions, term_buttons
from actions.contract import payload
from actions.wording import say
from bot.facts import queries
from bot.facts.models import Condition


def _affects(domain: DomainDict, cond: Condition) -> str:
    return say(domain, f"utter_affects_{cond.affects or 'unknown'}", name=cond.short_name)


class ActionCompareConditions(StoreAction):
    """"How is PLS different from ALS?" and "how is that different from ALS?"."""

    def name(self) -> str:
        return "action_compare_conditions"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        slugs = mentioned_conditions(session, tracker)
        current = tracker.get_slot("condition")
        if len(slugs) == 1 and current and current != slugs[0]:
            slugs = [current, slugs[0]]
        if len(slugs) < 2:
            named = slugs[0] if slugs else current
            others = [c for c in queries.conditions(session) if c.slug not in (named, "motor_neuron")]
            first = queries.condition(session, named) if named else None
            buttons = [
                {
                    "title": say(
                        domain,
                        "utter_button_compare",
                        first=first.short_name if first else "MND",
                        second=c.short_name,
                    ),
                    "payload": f'/ask_compare{{"condition": "{c.slug}"}}',
                }
                for c in others
            ]
            dispatcher.utter_message(
                text=say(domain, "utter_ask_compare_with", name=first.short_name if first else "MND"),
                buttons=buttons,
                json_message=payload("clarify", condition=named, topic="types"),
            )
            return [SlotSet("condition", named)] if named else []

        comparison = queries.compare(session, slugs[0], slugs[1])
        if comparison is None:
            dispatcher.utter_message(
                text=say(domain, "utter_compare_same"), json_message=payload("clarify", condition=slugs[0])
            )
            return []
        a, b = comparison.first, comparison.second
        lines = [_affects(domain, a), _affects(domain, b)]
        if comparison.same_neurons:
            lines = [say(domain, "utter_compare_same_neurons", first=a.short_name, second=b.short_name)]
        facts = comparison.facts[a.slug] + comparison.facts[b.slug]
        text = " ".join(
            [
                say(domain, "utter_compare_intro", first=a.short_name, second=b.short_name),
                *lines,
                " ".join(f.answer for f in comparison.facts[a.slug]),
                " ".join(f.answer for f in comparison.facts[b.slug]),
            ]
        )
        terms, buttons = term_buttons(domain, facts)
        message = payload("compare", condition=b.slug, topic="definition", facts=facts, conditions=[a.slug, b.slug])
        message["terms"] = terms
        dispatcher.utter_message(text=text, buttons=buttons, json_message=message)
        # The newer condition becomes the subject of follow-ups ("is it inherited?").
        return [
            SlotSet("condition", b.slug),
            SlotSet("topic", "definition"),
            SlotSet("terms", terms),
            SlotSet("last_facts", [f.id for f in facts]),
            SlotSet("details_given", False),
        ]

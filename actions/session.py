"""The start of every conversation: the disclaimer comes first."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.contract import payload
from actions.wording import say

# Context worth keeping when a session expires and a new one starts.
_CARRIED_SLOTS = ("condition", "topic")


class ActionSessionStart(Action):
    """Starts a session with the educational-use and emergency disclaimer."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events: list[EventType] = [SessionStarted()]
        events += [SlotSet(name, tracker.get_slot(name)) for name in _CARRIED_SLOTS if tracker.get_slot(name)]
        dispatcher.utter_message(text=say(domain, "utter_disclaimer"), json_message=payload("disclaimer"))
        events.append(ActionExecuted("action_listen"))
        return events

"""Rasa's response NLG with this deployment's emergency settings filled in.

Configured in endpoints.yml (``nlg: type: bot.nlg.SettingsNLG``). It is Rasa's
TemplatedNaturalLanguageGenerator (responses from domain.yml, variations chosen by slot
conditions) plus two things, both in the Rasa server so that they work even when the action
server is down:

- the placeholders {emergency_call} and {crisis_line} are filled from bot/safety/settings.py;
- a message that tells someone to call gets ``call``: the numbers as {"label", "tel"} links,
  and a response sent for a message the emergency detector found risky but not plainly an
  emergency gets the one-line safety note first (``safety_note: true``), like the actions' answers.
"""

from __future__ import annotations

from typing import Any, Dict

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.safety import settings
from bot.safety.notes import add_safety_note, needs_note

NOTE_RESPONSE = "utter_safety_note"


class SettingsNLG(TemplatedNaturalLanguageGenerator):
    """Responses from the domain, with the emergency settings and call links filled in."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        super().__init__((domain or Domain.empty()).responses)
        self.settings = settings.current()

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> Dict[str, Any] | None:
        slots = {**tracker.current_slot_values(), **self.settings.values()}
        response = self.generate_from_slots(utter_action, slots, output_channel, **kwargs)
        if not response:
            return response
        custom = response.get("custom")
        if isinstance(custom, dict):
            if utter_action != NOTE_RESPONSE and needs_note(tracker.latest_message.parse_data, custom):
                note = self.generate_from_slots(NOTE_RESPONSE, slots, output_channel) or {}
                add_safety_note(response, note.get("text") or "")
            links = self.settings.links_for(custom)
            if links:
                custom["call"] = links
        return response

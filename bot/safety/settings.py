"""The emergency number and crisis line this deployment tells people to call.

Read from the environment (documented in the README, "Safety"):

    MND_EMERGENCY_NUMBER       the number to call in an emergency, e.g. "999". Unset: the reply
                               says "your local emergency number (for example 911 in the US, 999
                               in the UK, 112 in Europe)" and offers those three as call links.
    MND_CRISIS_LINE_NAME       a crisis line for thoughts of suicide or self-harm and for carers
    MND_CRISIS_LINE_NUMBER     at breaking point, e.g. "Samaritans" and "116 123". Unset: the
                               reply says "a crisis line" and offers no number.

Replies use them through placeholders, filled wherever a reply is made (bot/nlg.py in the Rasa
server, actions/wording.py in the action server):

    {emergency_call}   "999"                  or the default phrase above
    {crisis_line}      "Samaritans on 116 123" or "a crisis line"

Messages that tell someone to call carry ``call``: a list of {"label", "tel"} the widget shows as
call links (``tel:``). Standard library only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The emergencies whose reply points to the crisis line too (never choking, breathing, a fall…).
CRISIS_LINE_KINDS = frozenset({"self_harm", "carer_crisis"})
DEFAULT_NUMBERS = (("911", "in the US"), ("999", "in the UK"), ("112", "in Europe"))
_DIAL = re.compile(r"[^0-9+*#]")


@dataclass(frozen=True)
class EmergencySettings:
    """What a reply fills in for {emergency_call} and {crisis_line}, and the call links it offers."""

    emergency_number: str | None = None
    crisis_name: str | None = None
    crisis_number: str | None = None
    _call: list[dict[str, str]] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> EmergencySettings:
        env = os.environ if env is None else env

        def value(name: str) -> str | None:
            text = (env.get(name) or "").strip()
            return text or None

        number, name, crisis = (
            value("MND_EMERGENCY_NUMBER"),
            value("MND_CRISIS_LINE_NAME"),
            value("MND_CRISIS_LINE_NUMBER"),
        )
        for setting, text in (("MND_EMERGENCY_NUMBER", number), ("MND_CRISIS_LINE_NUMBER", crisis)):
            if text is not None and not _DIAL.sub("", text):
                raise ValueError(f"{setting} must contain a number to dial, not {text!r}")
        return cls(number, name, crisis)

    @property
    def emergency_call(self) -> str:
        if self.emergency_number:
            return self.emergency_number
        examples = ", ".join(f"{n} {where}" for n, where in DEFAULT_NUMBERS)
        return f"your local emergency number (for example {examples})"

    @property
    def crisis_line(self) -> str:
        if self.crisis_number:
            return f"{self.crisis_name} on {self.crisis_number}" if self.crisis_name else self.crisis_number
        return "a crisis line"

    def values(self) -> dict[str, str]:
        """The placeholder values every reply may use."""
        return {"emergency_call": self.emergency_call, "crisis_line": self.crisis_line}

    def emergency_links(self) -> list[dict[str, str]]:
        """Call links for the emergency number (the three examples when none is set)."""
        if self.emergency_number:
            return [_link(f"Call {self.emergency_number}", self.emergency_number)]
        return [_link(f"Call {n} ({where.split()[-1]})", n) for n, where in DEFAULT_NUMBERS]

    def crisis_links(self) -> list[dict[str, str]]:
        """A call link for the crisis line, if one is set."""
        if not self.crisis_number:
            return []
        label = f"Call {self.crisis_name} ({self.crisis_number})" if self.crisis_name else f"Call {self.crisis_number}"
        return [_link(label, self.crisis_number)]

    def links_for(self, custom: Mapping[str, Any]) -> list[dict[str, str]]:
        """The call links a message with this payload offers: emergency messages and safety notes."""
        if custom.get("kind") == "emergency" or custom.get("safety_note"):
            links = self.emergency_links()
            if custom.get("emergency") in CRISIS_LINE_KINDS:
                links += self.crisis_links()
            return links
        return []


def _link(label: str, number: str) -> dict[str, str]:
    return {"label": label, "tel": _DIAL.sub("", number)}


_CURRENT: EmergencySettings | None = None


def current() -> EmergencySettings:
    """The settings of this process, read from the environment once."""
    global _CURRENT
    if _CURRENT is None:
        _CURRENT = EmergencySettings.from_env()
    return _CURRENT

"""The two kinds of motor neuron pointed at rather than named, once they are being talked about: "which one gives
you stiffness?", then "and the other one?"; "name a disease that only hits the first kind". The pointer is
written out as the kind it means ("the lower motor neurons"), so the rest of the reading sees the kind named."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from sqlalchemy.orm import Session

from actions.conversation import State
from bot.facts import queries

# "the other one", "the first kind", "the second type", "the latter" (not "the other types", which are of MND).
_POINTER = re.compile(
    r"\b(?:the )?(?P<which>first|1st|second|2nd|other|former|latter)"
    r"(?P<noun> (?:one|ones|kind|kinds|type|sort|lot))?\b(?! (?:of|types|conditions|diseases)\b)",
    re.IGNORECASE,
)
_KIND = re.compile(r"\b(upper|lower)\b", re.IGNORECASE)
# The order the documents give them in, when the last answer does not name both.
_ORDER = ("upper", "lower")


def _kinds_in(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1).lower() for m in _KIND.finditer(text)))


def neuron_kind_meant(session: Session, text: str, tracker: Tracker) -> str:
    """``text`` with a pointer at a kind of motor neuron written out as that kind, when the conversation is
    about motor neurons themselves; ``text`` unchanged otherwise. (The conversation is read only when the
    message points: most messages do not.)"""
    pointer = _POINTER.search(text)
    if pointer is None or _KIND.search(text):
        return text
    state = State.of(tracker)
    about_neurons = state.focus == "motor_neuron"
    kind_word = bool(pointer.group("noun")) and pointer.group("noun").strip().startswith(("kind", "sort"))
    if not about_neurons and not (kind_word and state.topic == "upper_lower"):
        return text
    said = " ".join(f.answer for f in queries.facts_by_id(session, state.last_facts))
    kinds = _kinds_in(said)
    which = pointer.group("which").lower()
    if which == "other":
        if not kinds:
            return text
        meant = next(k for k in _ORDER if k != kinds[0])
    else:
        order = kinds if len(kinds) == 2 else list(_ORDER)
        meant = order[0] if which in ("first", "1st", "former") else order[1]
    return f"{text[: pointer.start()]}the {meant} motor neurons{text[pointer.end():]}"

"""The one-line safety note put first on a normal answer when a message may be about danger now.

The emergency detector marks such messages ``safety.level == "note"`` (bot/nlp/red_flags.py).
Both places that make replies use this: the action server for answers from the fact store
(actions/base.py) and the Rasa server for responses straight from domain.yml (bot/nlg.py).
Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Replies that never carry a note: the emergency reply itself, and the session's disclaimer.
_NO_NOTE = {"emergency", "disclaimer"}


def needs_note(parse_data: Mapping[str, Any] | None, custom: Mapping[str, Any]) -> bool:
    """True when the message being answered was found risky and this reply does not already warn."""
    safety = (parse_data or {}).get("safety") or {}
    return safety.get("level") == "note" and custom.get("kind") not in _NO_NOTE and not custom.get("safety_note")


# Kinds of danger that are about feelings (thoughts of harming oneself, a carer at breaking point), and how sure
# the detector's model must be of one (as sure as it must be of an emergency with no cue: bot/safety/detector.py)
# for the note to be about feelings ("will she live past 2?" is a weak reading of the word "live").
FEELINGS_KINDS = ("self_harm", "carer_crisis")
FEELINGS_AT = 0.5


def about_feelings(parse_data: Mapping[str, Any] | None) -> bool:
    """True when a risky message's likeliest kind of danger is of feelings and its own words are of that kind
    ("I don't want to end up a burden"), not a kind the model leans to on other words ("my leg went numb")."""
    from bot.safety.cues import cues, prepare
    from bot.safety.danger import danger_kinds

    safety = (parse_data or {}).get("safety") or {}
    kind = safety.get("kind")
    prepared = prepare((parse_data or {}).get("text") or "")
    # ("is she going to die?" asks how it will go for her: no thoughts of harm)
    sure = float(safety.get("probability") or 0.0) >= FEELINGS_AT
    return sure and kind in FEELINGS_KINDS and kind in danger_kinds(prepared) and "prognosis" not in cues(prepared)


def add_safety_note(message: dict[str, Any], note: str) -> None:
    """Put ``note`` before the message's text and mark its payload ``safety_note: true``."""
    text = message.get("text") or ""
    message["text"] = f"{note} {text}".strip() if note else text
    custom = message.get("custom")
    if isinstance(custom, dict):
        custom["safety_note"] = True

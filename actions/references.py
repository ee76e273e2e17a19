"""Which condition(s) a question is about: named, pointed at ("the second one"), described, or in focus.

Order of evidence:
1. conditions named in the message (a correction's "not PLS" does not count);
2. a mention of what was listed (bot/mentions.py): "the second one", "the last one" (position),
   "the other one" (the listed one not in focus), "both"/"either" (all listed);
3. a description: "the one that affects babies", "the legs one", "the one you said starts in the
   legs", matched against what the documents state about each listed type (or every type);
4. "they"/"them" after a listing of two: both; otherwise the condition in focus.
When two readings are equally likely the result offers the choices instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from actions.conversation import State
from actions.understanding import Question
from bot import mentions
from bot.facts import across
from bot.facts.text import normalise

_DESCRIBED = re.compile(
    r"\b(?:the|that|this)\s+(?:\w+\s+){0,2}(?:one|ones|type|kind|condition|disease)\b|\bone (?:that|which|you)\b"
)
_PLURAL = re.compile(r"\b(?:they|them|their|those|these)\b")


@dataclass
class Targets:
    """What a question is about."""

    conditions: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)  # set when it is unclear which is meant
    via: str = "none"  # named, listed, other, all, described, plural, focus, none


def resolve(session: Session, question: Question, state: State) -> Targets:
    """The conditions ``question`` is about, given what the conversation has listed and is focused on."""
    if question.named == ["motor_neuron"] and question.pronoun_singular and state.focus not in (None, "motor_neuron"):
        # "which motor neurons does it damage?": "it" is the condition in focus, not motor neurons.
        return Targets([state.focus], via="focus")  # type: ignore[list-item]
    if question.named:
        return Targets(list(question.named), via="named")
    listed = [c for c in state.listed if c]
    found = _mentions(question)
    for meaning in found:
        if meaning == "all" and listed:
            return Targets(list(listed), via="all")
        if meaning == "other":
            return _other(state, listed)
        if meaning.lstrip("-").isdigit() and listed:
            index = int(meaning)
            if -len(listed) <= index < len(listed):
                return Targets([listed[index]], via="listed")
            return Targets(choices=list(listed), via="listed")
    described = _described(session, question, state, listed)
    if described is not None:
        return described
    if listed and len(listed) == 2 and _PLURAL.search(normalise(question.text)) and not question.pronoun_singular:
        return Targets(list(listed), via="plural")
    if "focus" in found and state.focus is None and listed:
        return Targets(choices=list(listed), via="focus")
    if state.focus:
        return Targets([state.focus], via="focus")
    return Targets()


def _mentions(question: Question) -> list[str]:
    """Meanings of the mention phrases: the NLU's ``mention`` entities, else a scan of the text."""
    found = [m for m in (mentions.meaning(e.text) for e in question.mentions) if m]
    if not found and question.text:
        found = [meaning for meaning, _, _ in mentions.find(question.text)]
    return found


def _other(state: State, listed: list[str]) -> Targets:
    if listed:
        rest = [c for c in listed if c != state.focus]
        if len(rest) == 1:
            return Targets(rest, via="other")
        return Targets(choices=rest, via="other")
    previous = [c for c in state.history if c != state.focus]
    if previous:
        return Targets([previous[-1]], via="other")
    return Targets(via="other")


def _described(session: Session, question: Question, state: State, listed: list[str]) -> Targets | None:
    """ "the one that affects babies", "the legs one": a type picked by what the documents say of it."""
    if not question.text or not _DESCRIBED.search(normalise(question.text)):
        return None
    asked = across.attribute_question(session, question.text, require_across=False)
    if asked is None:
        return None
    for pool in (listed or None, state.history or None, None):
        matches = [f.condition for f in across.conditions_with(session, asked, among=pool)]
        if len(matches) == 1:
            return Targets(matches, via="described")
        if len(matches) > 1:
            return Targets(choices=matches, via="described")
    return None

"""A sign of motor neuron damage asked about one type: "does PLS make your muscles stiff?", "do the muscles
waste away in PMA?".

The documents tie stiff muscles and overactive reflexes to the upper motor neurons, and weak, shrinking
muscles to the lower ones, and they say which motor neurons each type affects. A type has a sign when its
own fact says so (SMA's muscles "waste away"), or through the motor neurons it affects (the `via` entries of
data/facts/conditions.yml): then the answer states both facts, the type's and the general one, and adds
nothing of its own. A sign the material never ties to the type is said not to be linked (actions/details.py).
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.facts import across
from bot.facts.models import Fact
from bot.facts.text import normalise

_SIGNS = "signs"
# The topics a question about a sign of damage is read as ("does it make you stiff?", "why the stiffness?"; not
# "what helps with the stiffness?", which asks what helps).
_SIGN_TOPICS = frozenset({"symptoms", "upper_lower", "causes", "definition"})
# Asking which kind of motor neuron, not which types: "damage to which motor neurons causes that?".
_NEURONS = re.compile(r"\b(?:motor )?neurone?s?\b|\bnerves?\b")
# A question that only points back at what was said before it: "why does that happen?", "is this part of it?".
_POINTS_BACK = re.compile(r"\b(?:that|this|these|those)\b")
# Asking which types: "which types cause stiffness?", "which MNDs make muscles waste away?".
_TYPES = re.compile(r"\b(?:types?|kinds? of (?:mnd|motor neurone? disease)|mnds?|diseases?|conditions?)\b")


def facts_for_sign(session: Session, asked: str, slug: str, message: str = "") -> list[Fact] | None:
    """The facts that answer a question about a sign of damage in the type ``slug`` (its own, then the general
    one it holds through), when the material ties the sign to it; None when the question names no sign or the
    material does not tie it (or ``slug`` is not a type). A question that only points back ("…stiff legs and
    jumpy reflexes. why does that happen?") asks about the sign said before it in the ``message``."""
    if not asked or slug in ("mnd", "motor_neuron"):
        return None
    question = across.attribute_question(session, asked, require_across=False, attribute_only=_SIGNS)
    if question is None and message and _POINTS_BACK.search(normalise(asked)):
        question = across.attribute_question(session, message, require_across=False, attribute_only=_SIGNS)
    if question is None:
        return None
    found = across.conditions_with(session, question, [slug])
    if not found:
        return None
    return [found[0].fact, *(v for v in found[0].via if v.id != found[0].fact.id)]


def neuron_kind_facts(session: Session, asked: across.AttributeQuestion, text: str, about_neurons: bool) -> list[Fact]:
    """The general facts that say which kind of motor neuron a sign comes from, when ``text`` asks which kind
    ("damage to which motor neurons causes stiffness?", or "and which ones cause muscle wasting?" while motor
    neurons are talked about); none when it asks which types, or names no sign."""
    plain = normalise(text)
    if asked.attribute != _SIGNS or _TYPES.search(plain) or not (about_neurons or _NEURONS.search(plain)):
        return []
    return list({v.id: v for found in across.conditions_with(session, asked) for v in found.via}.values())


def sign_answer(
    session: Session, message: str, asked: str, slug: str, topic: str, why: bool
) -> tuple[list[Fact], str] | None:
    """The facts answering a sign of damage asked about ``slug`` and the topic of the answer: the motor neurons
    when asked why ("the stiffness is the worst bit, why?") or read so, else its symptoms; None otherwise."""
    if not message or topic not in _SIGN_TOPICS:
        return None
    facts = facts_for_sign(session, asked, slug, message)
    if not facts:
        return None
    return facts, "upper_lower" if why or topic == "upper_lower" else "symptoms"

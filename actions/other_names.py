"""Other names of a condition: "does PBP get called anything else?", "what's the other name for the second one?".

The answer is the facts of that condition marked to lead on its names (data/facts, `leads: [names]`), with their
details: ALS is also known as Lou Gehrig's disease, PBP is also called progressive bulbar atrophy. When none is,
the material gives no other name, and the reply says so before what the condition is.
"""

from __future__ import annotations

import re

from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.compose import Reply
from actions.conversation import State
from actions.understanding import Question
from actions.wording import say
from bot.facts import queries
from bot.facts.ranking import index_for
from bot.facts.text import normalise

ASKS_OTHER_NAMES = re.compile(
    r"\b(?:other|another|different|alternative|proper|full|medical|official) names?\b"
    r"|\b(?:called|known as|go by|goes by|referred to as) (?:anything|something) else\b"
    r"|\bwhat else (?:is|are) (?:it|that|this|they|\w+) called\b|\bwhat else do (?:they|people|doctors) call\b"
    r"|\b(?:aka|a k a|also called|also known as)\b"
)
# "What does ALS stand for?": its full name, when a type is named ("what does UMN stand for?" asks a word).
_STANDS_FOR = re.compile(r"\bwhat (?:does|do) \w+ stand for\b")
_GROUPS = ("mnd", "motor_neuron")


def names_reply(session: Session, domain: DomainDict, slug: str, full_name: bool = False) -> Reply | None:
    """The other names the material gives for the type ``slug``, or that it gives none; None for MND or motor
    neurons in general (their names are not what such a question is about)."""
    cond = queries.condition(session, slug)
    if cond is None or slug in _GROUPS:
        return None
    own = queries.facts_of(session, slug)
    # The facts marked to lead when someone asks its names (data/facts: `leads: [names]`), with their detail.
    facts = [f for f in own if "names" in index_for(session).items[f.id].leads]
    texts = [t for f in facts for t in (f.answer, f.detail) if t]
    if facts:
        return Reply("answer", slug, "definition", texts, facts, answered_for=slug)
    defining = [f for f in own if f.topic_slug == "definition"][:1]
    if full_name and defining and cond.name != cond.short_name:
        # "What does SMA stand for?": what it is, which gives its full name ("Spinal muscular atrophy (SMA) is…").
        return Reply("answer", slug, "definition", [f.answer for f in defining], defining, answered_for=slug)
    parts = [say(domain, "utter_no_other_name", name=cond.short_name)] + [f.answer for f in defining]
    return Reply("not_covered", slug, "definition", parts, defining, answered_for=slug)


def asks_full_name(question: Question) -> bool:
    """Whether the question asks what a short name stands for ("what does SMA stand for?", "PLS full name?")."""
    plain = normalise(question.text or "")
    return bool(_STANDS_FOR.search(plain)) or bool(re.search(r"\b(?:full|proper|long) name\b", plain))


def asks_other_names(question: Question) -> bool:
    """Whether the question asks what else a condition is called."""
    plain = normalise(question.text or "")
    types = [c for c in question.named if c not in _GROUPS]
    return bool(ASKS_OTHER_NAMES.search(plain)) or (len(types) == 1 and bool(_STANDS_FOR.search(plain)))


def target_of(question: Question, state: State, pointed: list[str]) -> str | None:
    """The one type the question asks the names of: named, pointed at, or in focus."""
    types = [c for c in question.named if c not in _GROUPS]
    if len(types) == 1:
        return types[0]
    if len(pointed) == 1:
        return pointed[0]
    return state.focus if not question.named and state.focus not in (None, *_GROUPS) else None

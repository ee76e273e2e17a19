"""The topic a question about the type pointed at or described asks by its grammar: "the one with the X chromosome,
what is that?" asks what it is; "is that the fast one?" asks what the description says."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from actions.descriptions import describes
from actions.targets import Targets
from actions.understanding import Question
from actions.words_asked import WHAT_IS_IT
from bot.facts import across
from bot.facts.text import normalise
from bot.facts.words import question_part

# How a condition was pointed at or described ("the second one", "the other one", "the babies one").
POINTED = ("listed", "chosen", "other", "rest", "all", "described")
# "The last one, is that from polio?": is it the one known for that, i.e. what it is.
_IS_IT_FROM = re.compile(r"\bis (?:that|it|this) (?:the one )?(?:from|after|caused by|linked to|to do with) \w+")
_IDENTITY = re.compile(
    r"\b(?:is|was|isnt) (?:it|that|this|she|he|\w+) (?:the|a) (?:\w+ ){0,2}(?:one|type|kind)\b"
    r"|\bis the (?:one|type|kind) (?:that|which|who|with)\b"  # "the other one is the one that affects both, yes?"
)


_BY_NAME = re.compile(r"\b(?:same|called|known as|name|names|named)\b")


def pointed_topic(session: Session, question: Question, targets: Targets) -> str | None:
    """The topic a question about the one pointed at or described asks by its grammar, or None:
    "the one with the X chromosome, what is that?" and "the last one, is that from polio?" ask what it is;
    "is that the fast one?" and "the middle one - is that the hands one?" ask what the description says."""
    if not question.text or targets.via not in POINTED:
        return None
    plain = normalise(question.text)
    if (targets.via == "described" and WHAT_IS_IT.search(plain)) or _IS_IT_FROM.search(plain):
        return "definition"
    asking = normalise(question_part(question.text))
    if not _IDENTITY.search(asking) or _BY_NAME.search(asking):
        return None  # "is that the same one that's also called…" asks about its name
    if targets.via == "described" and targets.topic:
        return targets.topic
    if not describes(asking):
        return None
    described = across.attribute_question(session, asking, require_across=False, specific_first=True)
    return described.topic if described is not None else None

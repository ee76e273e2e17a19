"""The wording of a question across the types of MND: whether it picks types out of a group ("which types…",
"which of those…"), which of its sentences does, and whether it asks for the others."""

from __future__ import annotations

import re

from bot.facts.text import normalise
from bot.facts.words import CLAUSES, asks, sentences

# A question that picks types out of a group: "which types…", "which one…", "are there any kinds…",
# "which of those…", "do any of them…".
ACROSS = re.compile(
    r"\b(?:which|what|whichever)(?:\s+(?:mnd|of\s+the|main|different|other))?\s+"
    r"(?:(?:sub)?types?|ones?|kinds?|forms?|conditions?|diseases?|illness(?:es)?|disorders?|sorts?|mnds)\b"
    r"|\b(?:any\s+|the\s+)?others?\s+(?:types|ones|kinds|forms|conditions|diseases|illnesses|disorders|mnds)\b"
    r"|\b(?:which|what|any|are there|r there) others\b"
    r"|\b(?:which|what) one\b|\bwhich (?:is|are|affects?|starts?|runs?|causes?|hits?|gets?|begins?)\b"
    # "do any of the motor neuron diseases affect babies?", "can any of those types be passed on?"
    r"|\b(?:do|does|can|could|are|is|will) any (?:of )?(?:the |these |those )?(?:\w+ ){0,3}?(?:types|kinds|forms|mnds|"
    r"diseases|conditions|illnesses|disorders)\b"
    r"|\bwhich (?:only|just|mostly|mainly|usually|ones)\b"
    # "most common MND?", "the commonest type": the one type the documents call the most common
    r"|\b(?:most common|commonest|most frequent) (?:(?:type|kind|form) (?:of )?)?(?:mnds?|motor neurone? diseases?|"
    r"one|type|kind|form)\b"
    # "I forget what it's called, it's the one that starts in the hands?": which one a description fits
    # (not "is it the one that…?", whether the one talked about fits)
    r"|(?<!\bis )\b(?:it s|its|it is|thats|that s|that is) (?:the|a) (?:one|type|kind) (?:that|which|where|with)\b"
    r"|\bwhat (?:s|is) (?:the )?(?:one|type|kind) (?:that|which|where|with)\b.{0,60}\bcalled\b"
    # "name a disease that hits only the upper ones", "give me one that hits both"
    r"|\b(?:name|give me|tell me|list) (?:a|an|one|any|the|some) (?:\w+ )?(?:types?|ones?|kinds?|forms?|diseases?|"
    r"conditions?|mnds?) (?:that|which|where)\b"
    # "which mnd starts in hands", "which MNDs run in families" (not "which mnd is it?", about one)
    r"|\bwhich (?:mnds?|motor neurone? diseases?) (?!is (?:it|that|this|mine|hers|his)\b)(?:\w+s|is|are|can|do)\b"
    # "what is the most common type of MND?": the type the material says is
    r"|\b(?:what|which) (?:is|s) the (?:most common|commonest|most usual|most frequent) "
    r"(?:types?|kinds?|forms?|ones?|mnds?|motor neurone? diseases?)\b"
    r"|^(?:\w+ ){1,2}(?:types|ones|kinds|forms)$"  # "genetic types?", "inherited ones?"
    r"|\b(?:which|what)(?: other)? (?:mnds|motor neurone? diseases?)\b"
    # "which motor neuron condition is linked to polio?"
    r"|\b(?:which|what) (?:motor neurone?|nerve|neuro\w*) (?:types?|conditions?|diseases?|illness(?:es)?|disorders?)\b"
    r"|\bwhich of (?:them|those|these|the|both)\b"
    r"|\b(?:any|(?:are|r) there|is there)\b(?:\s+\w+){0,3}?\s+(?:types?|kinds?|forms?|ones?|of (?:them|those|these))\b"
    # "are there other motor neuron diseases that affect kids?"
    r"|\b(?:are|r) there (?:any )?other (?:motor neurone? diseases|mnds|conditions|illnesses|diseases|types|kinds) "
    r"(?:that|which|where|who)\b"
    # "are there any motor neuron diseases that come from an infection?"
    r"|\b(?:are|r) there any (?:\w+ )?(?:mnds|motor neurone? diseases) (?:that|which|where|who)\b"
    r"|\b(?:do|does) any (?:of (?:them|those|these)|types?|kinds?)\b"
    r"|\b(?:are|do|does|is|can) (?:both|all|either|each) (?:of )?(?:them|those|these|the two)\b"
)
_OTHER = re.compile(r"\b(?:other|others|else)\b")


def is_across(text: str) -> bool:
    """True when the question picks types out of a group ("which types…", "which of those…")."""
    return bool(ACROSS.search(normalise(text)))


def across_sentence(text: str) -> str:
    """The sentence of ``text`` that asks across the types ("wife has PLS. Which other types…?"), or ``text``."""
    for sentence in sentences(text):
        if ACROSS.search(normalise(sentence)):
            return _without_preamble(sentence)
    return text


_SCOPING = re.compile(r"^(?:out of|of|among|amongst|between|from|apart from|besides|except|other than|excluding)\b")


def _without_preamble(sentence: str) -> str:
    """A sentence without the clauses before its question that ask nothing ("my grip has been going for months
    and the gp wants me to see someone, which types of mnd are there": the grip is no part of the question)."""
    clauses = [c.strip() for c in CLAUSES.split(sentence) if c.strip()]
    dropped = 0
    while (
        len(clauses) > 1
        and not asks(clauses[0])
        and not _SCOPING.match(normalise(clauses[0]))  # "Out of ALS, PLS and PMA, which one…": part of the question
        and ACROSS.search(normalise(" ".join(clauses[1:])))
    ):
        clauses, dropped = clauses[1:], dropped + 1
    return " ".join(clauses) if dropped else sentence


def asks_for_others(text: str) -> bool:
    """ "Which other types…", "are there others that…": the ones already talked about are left out."""
    return bool(_OTHER.search(normalise(text)))

"""Whose condition is whose: "my wife has PLS", later "going back to my wife's one".

Carers and families often talk about more than one person ("my husband has ALS and his brother has
Kennedy's"). When a sentence names one relative and one condition, the pair is kept in the
``people`` slot (relative -> condition slug); "my wife's one", "back to mum's kind" or "his
brother's, any medication for that?" then resolve to that condition (actions/references.py).
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk.events import EventType, SlotSet
from sqlalchemy.orm import Session

from bot.facts import names
from bot.facts.text import normalise

# Relatives and the one word each is kept under.
_RELATIVES = {
    "mum": "mum", "mom": "mum", "mother": "mum", "mam": "mum", "mummy": "mum", "mommy": "mum", "ma": "mum",
    "dad": "dad", "father": "dad", "daddy": "dad", "papa": "dad", "pa": "dad",
    "husband": "husband", "hubby": "husband", "wife": "wife", "partner": "partner",
    "boyfriend": "partner", "girlfriend": "partner", "fiance": "partner", "fiancee": "partner",
    "son": "son", "daughter": "daughter", "boy": "son", "girl": "daughter", "baby": "baby",
    "brother": "brother", "sister": "sister", "grandad": "grandad", "grandpa": "grandad",
    "grandfather": "grandad", "gran": "gran", "granny": "gran", "grandma": "gran", "nan": "gran",
    "nana": "gran", "grandmother": "gran", "uncle": "uncle", "aunt": "aunt", "auntie": "aunt",
    "aunty": "aunt", "cousin": "cousin", "friend": "friend", "neighbour": "neighbour",
    "neighbor": "neighbour", "niece": "niece", "nephew": "nephew", "client": "client", "patient": "patient",
}  # fmt: skip
_RELATIVE = "|".join(sorted(_RELATIVES, key=len, reverse=True))
# "my wife's one", "mum's kind", "back to his brother's", "the one my dad has".
_POINTED = re.compile(
    rf"\b(?P<who>{_RELATIVE})s? (?:one|kind|type|condition|illness|disease|thing|diagnosis)\b"
    rf"|\b(?:back to|about|for|with) (?:my |his |her |our |their |the )?(?P<back>{_RELATIVE})s\b"
    rf"|\bthe (?:one|kind|type) (?:my |his |her |our )?(?P<has>{_RELATIVE}) (?:has|had|got|have)\b"
)
_NAMES_SOMEONE = re.compile(
    rf"\b(?:my|our|his|her|their) (?:(?:little|older|younger|big|baby) )?(?P<who>{_RELATIVE})\b"
    rf"|^(?:\w+ ){{0,3}}?(?P<poss>{_RELATIVE})s\b"  # "cant sleep, dads pma is getting worse"
)
# Between a relative and their condition: "my baby has SMA", "mum, diagnosed with PMA", "dads PMA".
_HAS = re.compile(r"^(?:s|has|has got|had|got|was diagnosed with|diagnosed with|with|is living with|lives with)$")
_SENTENCE = re.compile(r"[.!?;]+")


def pointed_at(text: str, people: dict[str, str]) -> str | None:
    """The condition of the relative ``text`` points back at ("my wife's one"), if known."""
    match = _POINTED.search(normalise(text))
    if match is None:
        return None
    who = match.group("who") or match.group("back") or match.group("has")
    return people.get(_RELATIVES[who])


def without_pointer(text: str) -> str:
    """``text`` (normalised) without the words pointing at a relative's condition."""
    return " ".join(_POINTED.sub(" ", normalise(text)).replace(" going back to ", " ").split())


def remembered(session: Session, text: str, people: dict[str, str]) -> dict[str, str]:
    """``people`` with the pairs this message states: a sentence naming one relative and one condition."""
    updated = dict(people)
    for sentence in _SENTENCE.split(text):
        plain = normalise(sentence)
        if _POINTED.search(plain):
            continue
        found = list(_NAMES_SOMEONE.finditer(plain))
        relatives = {_RELATIVES[m.group("who") or m.group("poss")] for m in found}
        named_here = [n for n in names.named_conditions(session, sentence) if not n.negated]
        named = [c for c in dict.fromkeys(n.slug for n in named_here) if c != "motor_neuron"]
        if len(relatives) == 1 and len(named) == 1:
            updated[relatives.pop()] = named[0]
        elif len(relatives) > 1:
            # "My baby has SMA and my mum keeps confusing it": each relative followed by "has <name>".
            for match in found:
                who = _RELATIVES[match.group("who") or match.group("poss")]
                end = len(plain[: match.end()].split())
                for n in named_here:
                    between = " ".join(plain.split()[end : n.start])
                    if n.slug != "motor_neuron" and _HAS.match(between):
                        updated[who] = n.slug
    return updated


def people_events(session: Session, text: str, slot: Any) -> list[EventType]:
    """The slot event recording who has what, when the message says so."""
    people = slot if isinstance(slot, dict) else {}
    if not text or text.startswith("/"):
        return []
    updated = remembered(session, text, people)
    return [SlotSet("people", updated)] if updated != people else []

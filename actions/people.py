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
from bot.facts.words import RELATIVES

_RELATIVES = RELATIVES
_RELATIVE = "|".join(sorted(_RELATIVES, key=len, reverse=True))
# Someone not named by relation: "I help out next door, he has bulbar palsy".
_PERSON = {**_RELATIVES, "he": "him", "she": "her"}
# "my wife's one", "mum's kind", "back to his brother's", "the one my dad has".
_OWN = r"(?:one|kind|type|condition|illness|disease|thing|diagnosis)"
_BACK = r"(?:back to|returning to|return to|coming back to)"
_POINTED = re.compile(
    rf"\b(?P<who>{_RELATIVE})s? {_OWN}\b"
    rf"|\b(?:back to|about|for|with) (?:my |his |her |our |their |the )?(?P<back>{_RELATIVE})s\b"
    rf"|\b{_BACK} (?:my |his |her |our |their |the )?(?P<to>{_RELATIVE})\b"
    rf"|\bthe (?:one|kind|type) (?:my |his |her |our )?(?P<has>{_RELATIVE}) (?:has|had|got|have)\b"
    # The person talking: "back to mine", "what I've got", "my condition".
    rf"|\b(?P<me>mine|my {_OWN}|what (?:i|ive|i ve|i have) (?:got|have)|what i have|{_BACK} me)\b"
    # Someone talked about as "he" or "she": "his condition", "is her kind…".
    rf"|\b(?P<pronoun>his|her) {_OWN}\b"
)
# Who "his" and "her" can be.
_MALE = {"husband", "dad", "son", "brother", "grandad", "uncle", "nephew", "him"}
_FEMALE = {"mum", "wife", "daughter", "sister", "gran", "aunt", "niece", "her"}
# The person talking says what they have: "I have PMA", "diagnosed with Kennedy's at 41".
_SELF = re.compile(
    r"\b(?:i have|ive got|i ve got|i got|said i have|what i have|i live with|(?:i am|im) living with)\b"
    r"|\b(?:i was|ive been|i ve been|i am|im|i got) (?:just )?diagnosed\b"
    r"|^(?:\w+ ){0,3}?(?:just )?diagnosed\b"
)
_NAMES_SOMEONE = re.compile(
    rf"\b(?:my|our|his|her|their) (?:(?:little|older|younger|big|baby) )?(?P<who>{_RELATIVE})\b"
    rf"|^(?:\w+ ){{0,3}}?(?P<poss>{_RELATIVE})s\b"  # "cant sleep, dads pma is getting worse"
    rf"|\b(?P<bare>{_RELATIVE}) (?:has|had|got|was|is|s)\b"  # "mum has PLS, dad had ALS years back"
    r"|\b(?P<they>he|she) (?:has|had|has got|got|was diagnosed|s got)\b"  # "I help next door, he has PBP"
)
# Between a relative and their condition: "my baby has SMA", "mum, diagnosed with PMA", "dads PMA".
_HAS = re.compile(r"^(?:s|has|has got|had|got|was diagnosed with|diagnosed with|with|is living with|lives with)$")
# Wondering, not saying: "do I have ALS?", "could I have got it from him?".
_WONDERS = re.compile(r"\b(?:do|does|could|might|can|would|will|may|what if) i (?:have|get|got|be)\b")
_SENTENCE = re.compile(r"[.!?;]+")


def pointed_at(text: str, people: dict[str, str]) -> str | None:
    """The condition of the relative ``text`` points back at ("my wife's one"), if known."""
    match = _POINTED.search(normalise(text))
    if match is None:
        return None
    if match.group("me"):
        return people.get("me")
    if match.group("pronoun"):
        # "His condition": the one man (or woman) whose condition was said, or the one person at all.
        sex = _MALE if match.group("pronoun") == "his" else _FEMALE
        fits = [c for who, c in people.items() if who in sex] or [c for who, c in people.items() if who != "me"]
        return fits[0] if len(set(fits)) == 1 else None
    who = match.group("who") or match.group("back") or match.group("to") or match.group("has")
    known = people.get(_RELATIVES[who])
    others = {c for person, c in people.items() if person != "me"}
    # "My neighbour's type" when only "he has PBP" was said: the one other person's condition.
    return known if known is not None or len(others) != 1 else others.pop()


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
        relatives = {_PERSON[m.group("who") or m.group("poss") or m.group("bare") or m.group("they")] for m in found}
        named_here = [n for n in names.named_conditions(session, sentence) if not n.negated]
        named = [c for c in dict.fromkeys(n.slug for n in named_here) if c != "motor_neuron"]
        if len(relatives) == 1 and len(named) == 1:
            updated[relatives.pop()] = named[0]
        elif len(relatives) > 1:
            # "My baby has SMA and my mum keeps confusing it": each relative followed by "has <name>".
            for match in found:
                group = next(g for g in ("who", "poss", "bare", "they") if match.group(g))
                who = _PERSON[match.group(group)]
                end = len(plain[: match.end(group)].split())
                for n in named_here:
                    between = " ".join(plain.split()[end : n.start])
                    if n.slug != "motor_neuron" and _HAS.match(between):
                        updated[who] = n.slug
    plain = normalise(text)
    says_own = _SELF.search(plain) and not _WONDERS.search(plain)
    if says_own and not _NAMES_SOMEONE.search(plain) and not _POINTED.search(plain):
        # "41, diagnosed with kennedys", "I meant PMA. That's what they said I have": their own.
        said = [n.slug for n in names.named_conditions(session, text) if not n.negated]
        own = [c for c in dict.fromkeys(said) if c not in ("mnd", "motor_neuron")]
        if len(own) == 1:
            updated["me"] = own[0]
    return updated


def people_events(session: Session, text: str, slot: Any) -> list[EventType]:
    """The slot event recording who has what, when the message says so."""
    people = slot if isinstance(slot, dict) else {}
    if not text or text.startswith("/"):
        return []
    updated = remembered(session, text, people)
    return [SlotSet("people", updated)] if updated != people else []

"""Whose condition is whose: "my wife has PLS", later "going back to my wife's one".

Carers and families often talk about more than one person ("my husband has ALS and his brother has
Kennedy's"). When a sentence names one relative and one condition, the pair is kept in the
``people`` slot (relative -> condition slug; read from messages in actions/people_said.py);
"my wife's one", "back to mum's kind" or "his brother's, any medication for that?" then resolve
to that condition (actions/references.py).
"""

from __future__ import annotations

import re

from bot.facts.text import normalise
from bot.facts.words import RELATIVES

_RELATIVES = RELATIVES
# The words for relatives, longest first, as a regular expression alternation.
RELATIVE = "|".join(sorted(_RELATIVES, key=len, reverse=True))
# Someone not named by relation: "I help out next door, he has bulbar palsy".
PERSON = {**_RELATIVES, "he": "him", "she": "her"}
# "my wife's one", "mum's kind", "back to his brother's", "the one my dad has".
_OWN = r"(?:one|kind|type|condition|illness|disease|thing|diagnosis)"
_BACK = r"(?:back to|returning to|return to|coming back to)"
_POINTED = re.compile(
    rf"\b(?P<who>{RELATIVE})s? {_OWN}\b"
    rf"|\b(?:back to|about|for|with) (?:my |his |her |our |their |the )?(?P<back>{RELATIVE})s\b"
    # "and my dad's?" alone
    rf"|^(?:and |what about |how about |then )?(?:my |his |her |our |their )(?P<alone>{RELATIVE})s$"
    rf"|\b{_BACK} (?:my |his |her |our |their |the )?(?P<to>{RELATIVE})\b"
    rf"|\bthe (?:one|kind|type) (?:my |his |her |our )?(?P<has>{RELATIVE}) (?:has|had|got|have)\b"
    # Weighed against someone's: "is it the same as dad's?", "how is that different from what my husband has?"
    rf"|\b(?:same as|different (?:from|to|than)|differ from|compared? (?:to|with)|like|as) (?:my |his |her |our |the )?"
    rf"(?P<cmp>{RELATIVE})s\b"
    rf"|\b(?:from|than|to|as|like|with) what (?:my |his |her |our )?(?P<whathas>{RELATIVE}) (?:has|had|has got|got)\b"
    # The person talking: "back to mine", "what I've got", "my condition".
    # ("the other one, not mine": not this)
    rf"|(?<!not )(?<!isnt )\b(?P<me>mine|my (?:own )?{_OWN}|my own|what (?:i|ive|i ve|i have) (?:got|have)|"
    rf"what i have|{_BACK} me)\b"
    # Someone talked about as "he" or "she": "his condition", "is her kind…", "back to hers".
    rf"|\b(?P<pronoun>his|her) {_OWN}\b|\b{_BACK} (?P<theirs>hers|his)\b|\b(?P<hers>hers)\b"
    # "does his ever affect breathing?", "will his spread to the arms?": "his" standing for his condition
    # ("his started with stiff legs, is that normal for what he's got?")
    r"|(?:^|\b(?:does|do|is|will|would|can|could|has|might) )(?P<standing>his)"
    r" (?=(?:ever|also|still|usually|normally|often|affect|affects|affected|spread|spreads|get|start|starts|"
    r"started|began|begun|begins|cause|turn|reach|went|came on)\b)"
    # "sorry, meant his, not PLS"
    r"|\b(?:meant|mean) (?P<meant>his)\b(?! \w+ (?:has|had|is|was)\b)"
    # Someone helped or cared for, whose condition was said: "how can I help dad keep walking?"
    rf"|\b(?:help|helping|support|supporting|care for|caring for|look after|looking after) (?:my |our )?"
    rf"(?P<helped>{RELATIVE})\b"
)
# Relatives often spoken of as several: "about my sons" is plural as often as possessive.
_CHILDREN = frozenset({"son", "daughter", "grandson", "granddaughter", "grandchild", "niece", "nephew"})
# Relatives whose word also describes a type ("the baby one").
_ALSO_DESCRIBES = frozenset({"baby"})
# Who "his" and "her" can be.
_MALE = {"husband", "dad", "son", "brother", "grandad", "uncle", "nephew", "grandson", "him"}
_FEMALE = {"mum", "wife", "daughter", "sister", "gran", "aunt", "niece", "granddaughter", "her"}
# A person called by name, told from a word by the apostrophe: "back to alfie's", "alfie's one".
_NAMED = re.compile(
    r"\b(?:back to|returning to|return to|coming back to|about|for) (?P<back>[a-z]+)['’]s\b"
    rf"|\b(?P<owner>[a-z]+)['’]s {_OWN}\b"
)
_NOT_NAMES = frozenset(
    "it that what there here he she who let one other everyone someone somebody nobody today".split()
)
# Saying whose a listed type is: "the third one is mine", "the first one is what alfie has", "the fifth
# one is alfies isnt it", "that's the one my dad has".
_CLAIM = re.compile(
    r"\b(?:is|s|thats|that is|its|it is) (?P<me>mine)\b"
    # "mums is the first one there", "mine is the last one": whose first, then which
    rf"|\b(?:my |our )?(?P<first>{RELATIVE}|mine)s? (?:is|one is|s one is) the (?:\w+ )?(?:one|type|kind)\b"
    r"|\bis (?:what|the one) (?:my |our |his |her )?(?P<who>[a-z]+) (?:has|had|has got|got)\b"
    r"|\b(?:one|type|kind) is (?:my |our |his |her )?(?P<poss>[a-z]+)s(?: isnt it| right| i think)?$"
)
_ASKS_WHOSE = re.compile(r"^(?:and |so |but )?(?:which|what|whose|is|was|isnt)\b")


def pointed_at(text: str, people: dict[str, str], opened: str | None = None) -> str | None:
    """The condition of the relative ``text`` points back at ("my wife's one"), if known.

    When nobody said whose it is, the one the conversation opened with (``opened``) stands in, unless it
    is someone else's: people usually start with their own, or their person's, condition ("Is there a
    cure for PMA?" ... "back to my one").
    """
    match = _POINTED.search(normalise(text))
    if match is None:
        named = _NAMED.search(text.lower())
        name = named and (named.group("back") or named.group("owner"))
        if not name or name in _NOT_NAMES or name in _RELATIVES:
            return None
        return people.get(name) or _someone_else(people, opened)
    if match.group("me"):
        others = {c for person, c in people.items() if person != "me"}
        return people.get("me") or (opened if opened not in others else None)
    pronoun = (
        match.group("pronoun")
        or match.group("theirs")
        or match.group("hers")
        or match.group("meant")
        or match.group("standing")
    )
    if pronoun:
        # "His condition": the one man (or woman) whose condition was said, or the one person at all;
        # with nobody's said, the one the conversation opened with ("back to hers").
        sex = _MALE if pronoun == "his" else _FEMALE
        fits = [c for who, c in people.items() if who in sex] or [c for who, c in people.items() if who != "me"]
        if not fits:
            return opened if opened not in people.values() else None
        return fits[0] if len(set(fits)) == 1 else None
    if match.group("helped"):
        return people.get(_RELATIVES[match.group("helped")])  # only when their condition was said
    who = (
        match.group("who")
        or match.group("back")
        or match.group("alone")
        or match.group("to")
        or match.group("has")
        or match.group("cmp")
        or match.group("whathas")
    )
    if (match.group("back") or match.group("alone")) and _RELATIVES[who] in _CHILDREN and _RELATIVES[who] not in people:
        return None  # "and what about my daughters?": daughters, not a daughter's condition
    if _RELATIVES[who] in _ALSO_DESCRIBES and _RELATIVES[who] not in people:
        return None  # "back to the baby one": the type that affects babies, when no baby of theirs was mentioned
    return people.get(_RELATIVES[who]) or _someone_else(people, opened)


def _of_sex(pronoun: str) -> set[str]:
    """Who "he", "his", "she" or "her" can be."""
    return _MALE if pronoun in ("he", "hes", "him", "his") else _FEMALE


def of_pronoun(pronoun: str, people: dict[str, str]) -> str | None:
    """The type of the one person "he" or "she" can be, when exactly one type fits."""
    fits = {c for who, c in people.items() if who in _of_sex(pronoun)}
    return fits.pop() if len(fits) == 1 else None


def person_of_pronoun(pronoun: str, people: dict[str, str]) -> str | None:
    """The one person "his" or "her" can be, of those whose condition was said."""
    fits = [who for who in people if who in _of_sex(pronoun)]
    return fits[0] if len(fits) == 1 else None


def _someone_else(people: dict[str, str], opened: str | None) -> str | None:
    """The condition of a person whose own is not known: the one other person's ("my neighbour's type"
    when only "he has PBP" was said), else the one the conversation opened with if nobody else has it."""
    others = {c for person, c in people.items() if person != "me"}
    if len(others) == 1:
        return others.pop()
    return opened if opened not in people.values() else None


def named_person(text: str, people: dict[str, str]) -> tuple[str, str] | None:
    """The condition of someone the message calls by their first name ("why has alfie got it so young?"),
    and the message without the name."""
    words = normalise(text).split()
    kept_as = {*PERSON, *PERSON.values(), "me"}  # relatives, "him", "her": not names
    called = {p: c for p, c in people.items() if p not in kept_as and (p in words or f"{p}s" in words)}
    if len(set(called.values())) != 1:
        return None
    rest = [w for w in words if w not in called and w.removesuffix("s") not in called]
    return next(iter(called.values())), " ".join(rest)


def without_pointer(text: str) -> str:
    """``text`` (normalised) without the words pointing at a relative's condition."""
    plain = normalise(_NAMED.sub(" ", text.lower()))
    return " ".join(_POINTED.sub(" ", plain).replace(" going back to ", " ").split())


def claimed(text: str) -> str | None:
    """Who ``text`` says a pointed-at type belongs to ("the third one is mine": "me"), if anyone."""
    match = _CLAIM.search(normalise(text))
    if match is None or _ASKS_WHOSE.match(normalise(text)):
        return None  # "which one is hers?" asks
    if match.group("me") or match.group("first") == "mine":
        return "me"
    who = match.group("who") or match.group("poss") or match.group("first")
    if who in _NOT_NAMES or who in ("that", "this", "which"):
        return None
    return PERSON.get(who, who)


def without_claim(text: str) -> str:
    """``text`` (normalised) without the words saying whose it is."""
    return " ".join(_CLAIM.sub(" ", normalise(text)).split())


def points_back(plain: str) -> bool:
    """Whether a sentence points back at someone's condition ("my wife's one"); helping someone ("how can I
    help my dad, he has PLS") may still say what they have."""
    return any(not m.group("helped") for m in _POINTED.finditer(plain))

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

from bot import mentions
from bot.facts import names
from bot.facts.text import normalise
from bot.facts.words import CLAUSES, RELATIVES, STOP_WORDS

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
    # "and my dad's?" alone
    rf"|^(?:and |what about |how about |then )?(?:my |his |her |our |their )(?P<alone>{_RELATIVE})s$"
    rf"|\b{_BACK} (?:my |his |her |our |their |the )?(?P<to>{_RELATIVE})\b"
    rf"|\bthe (?:one|kind|type) (?:my |his |her |our )?(?P<has>{_RELATIVE}) (?:has|had|got|have)\b"
    # The person talking: "back to mine", "what I've got", "my condition".
    # ("the other one, not mine": not this)
    rf"|(?<!not )(?<!isnt )\b(?P<me>mine|my (?:own )?{_OWN}|my own|what (?:i|ive|i ve|i have) (?:got|have)|"
    rf"what i have|{_BACK} me)\b"
    # Someone talked about as "he" or "she": "his condition", "is her kind…", "back to hers".
    rf"|\b(?P<pronoun>his|her) {_OWN}\b|\b{_BACK} (?P<theirs>hers|his)\b|\b(?P<hers>hers)\b"
    # Someone helped or cared for, whose condition was said: "how can I help dad keep walking?"
    rf"|\b(?:help|helping|support|supporting|care for|caring for|look after|looking after) (?:my |our )?"
    rf"(?P<helped>{_RELATIVE})\b"
)
# Relatives often spoken of as several: "about my sons" is plural as often as possessive.
_CHILDREN = frozenset({"son", "daughter", "grandson", "granddaughter", "grandchild", "niece", "nephew"})
# Relatives whose word also describes a type ("the baby one").
_ALSO_DESCRIBES = frozenset({"baby"})
# Who "his" and "her" can be.
_MALE = {"husband", "dad", "son", "brother", "grandad", "uncle", "nephew", "grandson", "him"}
_FEMALE = {"mum", "wife", "daughter", "sister", "gran", "aunt", "niece", "granddaughter", "her"}
# The person talking says what they have: "I have PMA", "diagnosed with Kennedy's at 41".
_SELF = re.compile(
    r"\b(?:i have|ive got|i ve got|i got|said i have|what i have|i live with|(?:i am|im) living with)\b"
    # "I've post polio syndrome" (not "I've been told", "I've read about")
    r"|\b(?:ive|i ve) (?!been|had|heard|read|seen|asked|never|always|looked|searched|no|tried|just|got|noticed|"
    r"a |an |some |few |questions?)\w"
    r"|\b(?:i was|ive been|i ve been|i am|im|i got) (?:just )?diagnosed\b"
    r"|^(?:\w+ ){0,3}?(?:just )?diagnosed\b"
)
_NAMES_SOMEONE = re.compile(
    # ("my sister's baby has SMA": the baby)
    rf"\b(?:my|our|his|her|their) (?:(?:{_RELATIVE})s )?(?:(?:little|older|younger|big|baby) )?(?P<who>{_RELATIVE})\b"
    rf"|^(?:\w+ ){{0,3}}?(?P<poss>{_RELATIVE})s\b"  # "cant sleep, dads pma is getting worse"
    rf"|\b(?P<bare>{_RELATIVE}) (?:has|had|got|was|is|s)\b"  # "mum has PLS, dad had ALS years back"
    r"|\b(?P<they>he|she) (?:has|had|has got|got|was diagnosed|s got)\b"  # "I help next door, he has PBP"
)
# A person called by name, told from a word by the apostrophe: "back to alfie's", "alfie's one".
_NAMED = re.compile(
    r"\b(?:back to|returning to|return to|coming back to|about|for) (?P<back>[a-z]+)['’]s\b"
    rf"|\b(?P<owner>[a-z]+)['’]s {_OWN}\b"
)
# Someone called by a title and a name or initial: "Mrs H", "Mr Davies", "Dr Shah".
_TITLED = re.compile(r"\b(?:mr|mrs|ms|miss|mx)\.? (?P<name>[a-z]+)\b")
_NOT_NAMES = frozenset(
    "it that what there here he she who let one other everyone someone somebody nobody today".split()
)
# Saying whose a listed type is: "the third one is mine", "the first one is what alfie has", "the fifth
# one is alfies isnt it", "that's the one my dad has".
_CLAIM = re.compile(
    r"\b(?:is|s|thats|that is|its|it is) (?P<me>mine)\b"
    # "mums is the first one there", "mine is the last one": whose first, then which
    rf"|\b(?:my |our )?(?P<first>{_RELATIVE}|mine)s? (?:is|one is|s one is) the (?:\w+ )?(?:one|type|kind)\b"
    r"|\bis (?:what|the one) (?:my |our |his |her )?(?P<who>[a-z]+) (?:has|had|has got|got)\b"
    r"|\b(?:one|type|kind) is (?:my |our |his |her )?(?P<poss>[a-z]+)s(?: isnt it| right| i think)?$"
)
_ASKS_WHOSE = re.compile(r"^(?:and |so |but )?(?:which|what|whose|is|was|isnt)\b")
# A relative's first name: "my grandson alfie is 8 months old", "our daughter, Mia, has SMA".
_CALLED = re.compile(rf"\b(?:my|our) (?:(?:little|older|younger|big|baby) )?(?:{_RELATIVE}),? (?P<name>[a-z]{{3,}})\b")
_NOT_A_NAME = STOP_WORDS | frozenset(
    "has had have got gets was is s who whos with and was diagnosed just recently keeps says said asked aged age "
    "years months weeks old young too also still now then".split()
)
# Between a relative and their condition: "my baby has SMA", "mum, diagnosed with PMA", "dads PMA".
_HAS = re.compile(
    r"^(?:(?:just|recently|now|also|finally|only just|has|have|was|is|been|got|s) )*"
    r"(?:s|has|has got|had|got|diagnosed with|with|living with|lives with|been told (?:he|she|they) (?:has|have))$"
)
# Wondering, not saying: "do I have ALS?", "could I have got it from him?".
_WONDERS = re.compile(r"\b(?:do|does|could|might|can|would|will|may|what if) i (?:have|get|got|be)\b")
_SENTENCE = re.compile(r"[.!?;]+")


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
    pronoun = match.group("pronoun") or match.group("theirs") or match.group("hers")
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
    who = match.group("who") or match.group("back") or match.group("alone") or match.group("to") or match.group("has")
    if (match.group("back") or match.group("alone")) and _RELATIVES[who] in _CHILDREN and _RELATIVES[who] not in people:
        return None  # "and what about my daughters?": daughters, not a daughter's condition
    if _RELATIVES[who] in _ALSO_DESCRIBES and _RELATIVES[who] not in people:
        return None  # "back to the baby one": the type that affects babies, when no baby of theirs was mentioned
    return people.get(_RELATIVES[who]) or _someone_else(people, opened)


def of_pronoun(pronoun: str, people: dict[str, str]) -> str | None:
    """The type of the one person "he" or "she" can be, when exactly one type fits."""
    sex = _MALE if pronoun in ("he", "hes", "him", "his") else _FEMALE
    fits = {c for who, c in people.items() if who in sex}
    return fits.pop() if len(fits) == 1 else None


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
    kept_as = {*_PERSON, *_PERSON.values(), "me"}  # relatives, "him", "her": not names
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
    return _PERSON.get(who, who)


def without_claim(text: str) -> str:
    """``text`` (normalised) without the words saying whose it is."""
    return " ".join(_CLAIM.sub(" ", normalise(text)).split())


def _points_back(plain: str) -> bool:
    """Whether a sentence points back at someone's condition ("my wife's one"); helping someone ("how can I
    help my dad, he has PLS") may still say what they have."""
    return any(not m.group("helped") for m in _POINTED.finditer(plain))


def remembered(session: Session, text: str, people: dict[str, str]) -> dict[str, str]:
    """``people`` with the pairs this message states: a sentence naming one relative and one condition."""
    updated = dict(people)
    for sentence in _SENTENCE.split(text):
        plain = normalise(sentence)
        if _points_back(plain):
            continue
        found = list(_NAMES_SOMEONE.finditer(plain))
        relatives = {_PERSON[m.group("who") or m.group("poss") or m.group("bare") or m.group("they")] for m in found}
        named_here = [n for n in names.named_conditions(session, sentence) if not n.negated]
        named = [c for c in dict.fromkeys(n.slug for n in named_here) if c != "motor_neuron"]
        called = [m.group("name") for m in _CALLED.finditer(plain) if m.group("name") not in _NOT_A_NAME]
        types = [c for c in named if c != "mnd"]  # "... has MND, the ALS type": ALS
        if len(types) == 1 and len(set(called)) == 1 and not names.named_conditions(session, called[0]):
            updated[called[0]] = types[0]  # "my grandson alfie … he has SMA": later "why has alfie got it?"
        # "my husband was told he has motor neurone disease, the ALS kind": "he" is the husband, and the type
        # is ALS, not MND in general
        relatives = relatives - {"him", "her"} or relatives
        if len(relatives) == 1 and (len(named) == 1 or len(types) == 1):
            updated[relatives.pop()] = types[0] if len(types) == 1 else named[0]
        elif relatives:
            # "My baby has SMA and my mum keeps confusing it": each relative followed by "has <name>" (and "my dad
            # has Kennedy's and a cousin has SMA": the one said to have one, of the two named).
            for match in found:
                group = next(g for g in ("who", "poss", "bare", "they") if match.group(g))
                who = _PERSON[match.group(group)]
                end = len(plain[: match.end(group)].split())
                for n in named_here:
                    between = " ".join(plain.split()[end : n.start])
                    if n.slug != "motor_neuron" and _HAS.match(between):
                        updated[who] = n.slug
        for match in _TITLED.finditer(plain):
            # "Mrs H has PBP and Mr D has PMA": later "Mr D's one", "back to Mrs H's".
            end = len(plain[: match.end()].split())
            for n in named_here:
                if n.slug not in ("mnd", "motor_neuron") and _HAS.match(" ".join(plain.split()[end : n.start])):
                    updated[match.group("name")] = n.slug
                    break
    plain = normalise(text)
    if updated == people and not _points_back(plain):
        # "My wife's speech has gone slurred. The neurologist said progressive bulbar palsy.": one relative
        # and one type in the message, if not in one sentence.
        relatives = {
            _PERSON[m.group("who") or m.group("poss") or m.group("bare")]
            for m in _NAMES_SOMEONE.finditer(plain)
            if not m.group("they")
        }
        said = [n.slug for n in names.named_conditions(session, text) if not n.negated]
        types = [c for c in dict.fromkeys(said) if c not in ("mnd", "motor_neuron")]
        own_too = bool(_SELF.search(plain)) and not _WONDERS.search(plain)
        if len(relatives) == 1 and len(types) == 1 and not own_too:
            updated[relatives.pop()] = types[0]
        elif len(relatives) == 1 and len(types) == 2 and own_too:
            # "I have Kennedy's myself, and now my dad who had polio… his doctor mentioned post-polio syndrome":
            # the type said beside "I have" is theirs, the other the relative's.
            mine = {c for s in _SENTENCE.split(text) for c in _own_types(session, s)}
            if len(mine) == 1 and mine < set(types):
                updated["me"] = mine.pop()
                updated[relatives.pop()] = next(c for c in types if c != updated["me"])
    says_own = _SELF.search(plain) and not _WONDERS.search(plain)
    if says_own and not _NAMES_SOMEONE.search(plain) and not _points_back(plain):
        # "41, diagnosed with kennedys", "I meant PMA. That's what they said I have": their own.
        said = [n.slug for n in names.named_conditions(session, text) if not n.negated]
        own = [c for c in dict.fromkeys(said) if c not in ("mnd", "motor_neuron")]
        if len(own) == 1:
            updated["me"] = own[0]
    return updated


def _own_types(session: Session, sentence: str) -> list[str]:
    """The types a sentence says the person talking has ("i have kennedy's disease myself, and…")."""
    for clause in CLAUSES.split(sentence):
        plain = normalise(clause)
        if _SELF.search(plain) and not _WONDERS.search(plain) and not _NAMES_SOMEONE.search(plain):
            said = [n.slug for n in names.named_conditions(session, clause) if not n.negated]
            return [c for c in dict.fromkeys(said) if c not in ("mnd", "motor_neuron")]
    return []


# Taking back a name just said: "sorry no, I've got the letters muddled, it's PLS".
_CORRECTING = re.compile(r"\b(?:sorry|oops|i meant|i mean|my mistake|my bad|muddled|mixed up|typo|wrong one)\b")


def corrected(session: Session, text: str, people: dict[str, str], before: str | None) -> dict[str, str]:
    """``people`` with whoever had ``before`` (the type talked about) given the one a correction names
    instead: "Dad was diagnosed with PMA", then "sorry, I've got the letters muddled, it's PLS"."""
    plain = normalise(text)
    if not before or not _CORRECTING.search(plain) or _NAMES_SOMEONE.search(plain):
        return people
    said = [n.slug for n in names.named_conditions(session, text) if not n.negated]
    types = [c for c in dict.fromkeys(said) if c not in ("mnd", "motor_neuron", before)]
    if len(types) != 1:
        return people
    return {who: (types[0] if slug == before else slug) for who, slug in people.items()}


def people_events(
    session: Session,
    text: str,
    slot: Any,
    answered: str | None = None,
    listed: Any = None,
    before: str | None = None,
) -> list[EventType]:
    """The slot event recording who has what, when the message says so: by naming both, or by saying
    whose a listed type is ("the last one is mine": the last of ``listed``, the listing the message was
    read against) or the type it pointed at (``answered``, the condition the reply was about); a correction
    moves whoever had ``before`` (the type in focus before the message) to the type it names."""
    people = slot if isinstance(slot, dict) else {}
    if not text or text.startswith("/"):
        return []
    updated = remembered(session, text, corrected(session, text, people, before))
    types = [c for c in listed if isinstance(c, str)] if isinstance(listed, list) else []
    claims = [(owner, sentence) for sentence in _SENTENCE.split(text) if (owner := claimed(sentence))]
    for owner, sentence in claims:
        places = [int(m) for m, _, _ in mentions.find(sentence) if m.lstrip("-").isdigit()]
        if len(places) == 1 and -len(types) <= places[0] < len(types):
            updated[owner] = types[places[0]]  # "The last one is mine. The first one is my friend's."
        elif len(claims) == 1 and answered not in (None, "mnd", "motor_neuron"):
            updated[owner] = answered  # type: ignore[assignment]
    return [SlotSet("people", updated)] if updated != people else []

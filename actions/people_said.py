"""Who has what, from what a message says: "my wife has PLS", "mum, diagnosed with PMA", "I have Kennedy's",
"the last one is mine", and a correction of the type just named ("sorry, I meant PLS"). The pairs are kept in the
``people`` slot; what "my wife's one" points back at is read in actions/people.py."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk.events import EventType, SlotSet
from sqlalchemy.orm import Session

from actions.people import PERSON, RELATIVE, claimed, person_of_pronoun, points_back
from bot import mentions
from bot.facts import names
from bot.facts.text import normalise
from bot.facts.words import CLAUSES, STOP_WORDS

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
    rf"\b(?:my|our|his|her|their) (?:(?:{RELATIVE})s )?(?:(?:little|older|younger|big|baby) )?(?P<who>{RELATIVE})\b"
    rf"|^(?:\w+ ){{0,3}}?(?P<poss>{RELATIVE})s\b"  # "cant sleep, dads pma is getting worse"
    # "mum has PLS, dad had ALS years back", "husband (41) has been diagnosed with PMA"
    rf"|\b(?P<bare>{RELATIVE})(?: \d+)? (?:has|had|got|was|is|s)\b"
    r"|\b(?P<they>he|she) (?:has|had|has got|got|was diagnosed|s got)\b"  # "I help next door, he has PBP"
)
# Someone called by a title and a name or initial: "Mrs H", "Mr Davies", "Dr Shah".
_TITLED = re.compile(r"\b(?:mr|mrs|ms|miss|mx)\.? (?P<name>[a-z]+)\b")
# A relative's first name: "my grandson alfie is 8 months old", "our daughter, Mia, has SMA".
_CALLED = re.compile(rf"\b(?:my|our) (?:(?:little|older|younger|big|baby) )?(?:{RELATIVE}),? (?P<name>[a-z]{{3,}})\b")
_NOT_A_NAME = STOP_WORDS | frozenset(
    "has had have got gets was is s who whos with and was diagnosed just recently keeps says said asked aged age "
    "years months weeks old young too also still now then".split()
)
# Between a relative and their condition: "my baby has SMA", "mum, diagnosed with PMA", "dads PMA".
_HAS = re.compile(
    r"^(?:(?:just|recently|now|also|finally|only just|has|have|was|is|been|got|s) )*"
    r"(?:s|has|has got|had|got|diagnosed with|with|living with|lives with|been told (?:he|she|they) (?:has|have))$"
)
# Which type someone already spoken of has: "the neurologist said his is the als kind", "they said her type is PLS".
_THEIRS_IS = re.compile(
    r"\b(?P<pronoun>his|her|hers)(?: (?:one|type|kind|sort|form|diagnosis|condition))? (?:is|s|was|turned out)\b"
)
# Wondering, not saying: "do I have ALS?", "could I have got it from him?".
_WONDERS = re.compile(r"\b(?:do|does|could|might|can|would|will|may|what if) i (?:have|get|got|be)\b")
_SENTENCE = re.compile(r"[.!?;]+")


def remembered(session: Session, text: str, people: dict[str, str]) -> dict[str, str]:
    """``people`` with the pairs this message states: a sentence naming one relative and one condition."""
    updated = dict(people)
    for sentence in _SENTENCE.split(text):
        plain = normalise(sentence)
        if points_back(plain):
            continue
        found = list(_NAMES_SOMEONE.finditer(plain))
        relatives = {PERSON[m.group("who") or m.group("poss") or m.group("bare") or m.group("they")] for m in found}
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
                who = PERSON[match.group(group)]
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
    for sentence in _SENTENCE.split(text):
        theirs = _THEIRS_IS.search(normalise(sentence))
        who = person_of_pronoun(theirs.group("pronoun"), updated) if theirs else None
        if who is None:
            continue
        said = {n.slug for n in names.named_conditions(session, sentence) if not n.negated} - {"mnd", "motor_neuron"}
        if len(said) == 1:
            # "my dad has MND … the neurologist said his is the als kind": the dad's is ALS
            updated[who] = said.pop()
    plain = normalise(text)
    if updated == people and not points_back(plain):
        # "My wife's speech has gone slurred. The neurologist said progressive bulbar palsy.": one relative
        # and one type in the message, if not in one sentence.
        relatives = {
            PERSON[m.group("who") or m.group("poss") or m.group("bare")]
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
    if says_own and not _NAMES_SOMEONE.search(plain) and not points_back(plain):
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

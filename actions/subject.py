"""Which of the conditions a message names are what it asks about: the ones its question names rather than its story
("He was told he has MND, the ALS type. What exactly is ALS?"), MND as the group a type belongs to, a type named only
as what another may turn into, motor neurons as the thing a type affects, and the type a loose name or polio points to.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from sqlalchemy.orm import Session

from actions.conversation import State
from actions.topic_reading import WHAT_IS_ONLY
from bot.facts import names
from bot.facts.names import NamedCondition
from bot.facts.text import WHICH_ARE_THEY, normalise
from bot.facts.words import TYPES_ASKED, sentences

_POLIO = re.compile(r"\bpolio\b")
_WHAT_IS_POLIO = re.compile(
    r"\b(?:what (?:is|s|was|does)|whats|define|meaning of) polio\b|\bpolio (?:mean|meaning|means)\b"
)
# The kinds of motor neuron named without a condition: "the lower ones", "the difference between upper and lower".
# ("same question then, upper or lower" asks which of the two the one in focus affects)
_NEURON_KIND = re.compile(
    r"\b(?:upper|lower) (?:ones|neurone?s?|nerves?)\b"
    r"|\b(?:difference|differences|between|mean|means|meant)\b.{0,12}"
    r"\b(?:upper|lower) (?:and|or|vs|versus|&) (?:upper|lower)\b"
    r"|\b(?:upper|lower) (?:and|or|vs|versus|&) (?:upper|lower)\b.{0,20}\b(?:difference|differences|mean|means)\b"
)
_KINDS_OF_THEM = re.compile(r"\b(?:types|kinds|sorts|forms) of (?:them|those|these|neurone?s|motor neurone?s|nerves)\b")
_OTHER_MNDS = re.compile(
    r"\b(?:other|most|the rest of the) (?:\w+ )?(?:mnds|motor neurone? diseases|types|kinds|forms)\b"
)
_KIND_OF_MND = re.compile(r"\b(?:type|types|kind|kinds|form|forms|sort|sorts) of (?:mnd|motor neurone? disease)\b")
_SAME_OR_NOT = re.compile(r"\b(?:same|different|differ|difference|versus|vs|compared?)\b")
_IT = re.compile(r"\b(?:it|its|it s)\b")
# One type becoming another: "does PLS ever turn into ALS?", "PMA that later develops into ALS".
_BECOMES = re.compile(
    r"\b(?:turns?|turned|turning|develops?|developing|changes?|changing|progress(?:es|ing)?|evolves?) (?:in)?to\b"
)
# What one type may become, named just after: "can the bulbar one turn into als", "could it become ALS in time".
_BECOMES_WHAT = re.compile(_BECOMES.pattern + r"|\bbecom(?:e|es|ing)\b")
# Pronouns that can stand for a condition said before ("is it like ALS?"); a person ("starting with her -
# what does PBP affect?") is not one.
_CONDITION_PRONOUN = re.compile(r"\b(?:it|its|that|this|they|them|their|those|these)\b")
# "they" as a subject said before: "i picked motor neurons. what do they do?", "do they grow back?"
THEY = re.compile(r"\b(?:they|them|their|theyre)\b")
# Words that name a disease, not motor neurons themselves ("what kinds of illness hit them?").
DISEASE = re.compile(r"\b(?:diseases?|illness(?:es)?|conditions?|disorders?|mnds?|types of mnd)\b")


def subject_of(
    session: Session, tracker: Tracker, text: str, asking: str, found: list[NamedCondition], named: list[str]
) -> tuple[list[str], bool]:
    """The conditions ``text`` asks about, of those it names (``found``, ``named``; ``asking``: its asking sentence),
    and whether it asks about upper or lower motor neurons themselves."""
    if asking != text and len(named) > 1 and not _pronoun_first(session, asking):
        # "He was told he has MND, the ALS type. What exactly is ALS?": the types the question itself
        # names (not "my wife has PLS. Is it a type of MND?", where "it" is PLS).
        said_here = set(names.find_conditions(session, asking))
        own = said_here - {"motor_neuron"}
        # "How many kinds of MND are there? I only know ALS and mine (PLS)": MND itself when that is all
        # the question names; "…my sister has MND… are motor neurons the ones that do that?": motor neurons.
        # ("My toddler has SMA. Which motor neurons does it affect?": "it" is SMA.)
        neurons_asked = said_here if not _IT.search(normalise(asking)) else set()
        # ("is mnd the same as als? we say mnd over here": MND is one of the two compared)
        groups = own if _SAME_OR_NOT.search(normalise(asking)) else own - {"mnd"}
        # ("my son has PMA. ive also read about spinal muscular atrophy, are they the same thing": "they" are
        # the types the whole message named)
        they_all = len(own) < 2 and _SAME_OR_NOT.search(normalise(asking)) and THEY.search(normalise(asking))
        if not they_all:
            named = [c for c in named if c in (groups or own or neurons_asked)] or named
    last = max((n for n in found if not n.negated), key=lambda n: n.start, default=None)
    if (
        asking != text
        and len(named) > 1
        and last is not None
        and last.slug == "motor_neuron"
        and THEY.search(normalise(asking))
        and not names.find_conditions(session, asking)
    ):
        # "my grandad has als so i picked motor neurons. what do they actually do": "they" are the motor neurons
        # said last, not the grandad's illness.
        named = ["motor_neuron"]
    said = sentences(text) if text else []
    if len(named) > 1 and len(said) > 1 and WHAT_IS_ONLY.match(normalise(said[-1])):
        # "I have Kennedy's myself, and my dad's doctor mentioned post-polio syndrome. Whats that?": the one
        # named last.
        last = [n.slug for n in found if not n.negated and n.slug in named]
        named = last[-1:] or named
    # ("are there different kinds?" or "kinds of them?" while motor neurons are the subject, not "what kinds of
    # disease hit them?")
    kinds_of_neurons = (
        (_KINDS_OF_THEM.search(normalise(asking)) or not DISEASE.search(normalise(asking)))
        and TYPES_ASKED.search(normalise(asking))
        and State.of(tracker).focus == "motor_neuron"
    )
    # ("my grandad has als and my mum said theres different types of mnd?? what are they": the types just spoken of)
    which_are_they = bool(said) and bool(WHICH_ARE_THEY.match(normalise(said[-1])))
    which_are_they = which_are_they and bool(TYPES_ASKED.search(normalise(text)))
    if (
        text
        and (not set(names.find_conditions(session, asking)) - {"mnd"} or which_are_they)
        and TYPES_ASKED.search(normalise(asking if not which_are_they else text))
        and not kinds_of_neurons
    ):
        # "We have residents with MND. What are the different types? I only really know ALS": the types of MND
        # (not "are there different kinds of them?" about motor neurons).
        named = ["mnd"]
    loose = names.loosely_named(session, text) if text and not named else None
    if loose is not None:
        named = [loose]  # "my GP said something about bulbar something palsy, whats that": PBP
    elif text and not named and _POLIO.search(normalise(text)) and not _WHAT_IS_POLIO.search(normalise(text)):
        # "Had polio as a lad, now my legs give out. Is that a known thing after polio?": the one condition
        # the material ties to polio (not "what is polio?", which asks the word).
        named = ["pps"]
    neuron_kind = not named and bool(_NEURON_KIND.search(normalise(text)))
    if neuron_kind:
        named = ["motor_neuron"]  # "what happens when the lower ones are damaged?"
    if len(named) > 1 and "motor_neuron" in named:
        named.remove("motor_neuron")  # "does ALS affect upper or lower motor neurons": the subject is ALS
    if len(named) > 1 and "mnd" in named and _KIND_OF_MND.search(normalise(text)):
        named.remove("mnd")  # "my wife has PLS. Is it a type of MND?": the subject is PLS
    if len(named) > 1 and "mnd" in named and _OTHER_MNDS.search(normalise(text)):
        named.remove("mnd")  # "how old are people with PMA, compared to other adult MNDs?": a question about PMA
    if len(named) == 2 and _BECOMES.search(normalise(asking or text)):
        named = named[:1]  # "does PLS ever turn into ALS?": a question about PLS, not a comparison
    becomes = _BECOMES_WHAT.search(normalise(asking)) if len(named) == 1 and asking else None
    if becomes is not None:
        after = len(normalise(asking)[: becomes.end()].split())
        if all(after <= n.start <= after + 2 for n in names.named_conditions(session, asking) if n.slug in named):
            named = []  # "can the bulbar one turn into als later on": ALS is what it might become, not what is asked
    return named, neuron_kind


def _pronoun_first(session: Session, asking: str) -> bool:
    """Whether a pronoun in the asking sentence comes before any type it names: "Is it like ALS?" (it is
    said before), unlike "First, PBP - which motor neurones does it hit?" (PBP is what "it" is)."""
    words = normalise(asking).split()
    first_name = min((n.start for n in names.named_conditions(session, asking)), default=len(words))
    # "If it's ALS, how fast does it go?": "it" said to be the named one is no earlier subject.
    return any(
        _CONDITION_PRONOUN.fullmatch(word) and words[at + 1 : first_name] not in ([], ["is"], ["s"])
        for at, word in enumerate(words[:first_name])
    )

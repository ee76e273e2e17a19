"""What the latest message asks, read once per turn: topic weights, conditions named, references, cues.

The NLU pipeline gives the intent ranking and the entities (condition names, glossary terms,
``mention`` phrases such as "the second one"); the rest is read from the text with the fact
store's own name finder, so typos and the names the documents do not use are handled the same way
everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from rasa_sdk import Tracker
from sqlalchemy.orm import Session

from actions.conversation import State
from actions.neuron_kinds import neuron_kind_meant
from actions.one_person import about_one_person, asks_a_judgement, asks_how_it_passes
from actions.topic_reading import WHAT_IS_ONLY, WORDED_MARGIN, topic_weights, worded_reading
from bot.facts import names
from bot.facts.loose_names import shared_name
from bot.facts.names import NamedCondition
from bot.facts.text import normalise, respell
from bot.facts.vocab import TOPICS
from bot.facts.words import question_part, sentences

# A carer or family member asking how to help, or about support for themselves.
_CARER = re.compile(
    r"\b(?:carers?|caregivers?|care givers?|caring for|care for|looking after|look after|as a carer)\b"
    r"|\b(?:support|help|comfort|cope with|reassure|talk to)\s+(?:my|our|him|her|them)\b"
    r"|\bhow (?:can|do|should|could) (?:i|we) (?:help|support|care)\b"
    r"|\b(?:family|families|relatives|partners|spouses)\b.{0,20}\b(?:support|help|cope)\b"
)
_BLAME = re.compile(
    r"\b(?:fault|blame|blamed|to blame|guilty|punish\w*)\b"
    r"|\b(?:did|could|would|have|has) (?:i|he|she|we|they|you|my \w+)\b.{0,30}\b(?:cause|caused|brought|done|do)\b"
    r"|\bsomething (?:i|he|she|we|they) did\b|\bbecause of (?:me|him|her|something)\b"
    r"|\b(?:brought|bring|brings|bringing) (?:it|this|that) on (?:myself|himself|herself|themselves|ourselves|him|"
    r"her|me)\b"
)
_WROTE_BUT_MEANT = re.compile(r"\b(?:wrote|typed|put|said|asked about|asked)\b.{1,40}?\bbut (?:i )?(?:meant|mean)\b")
_POLIO = re.compile(r"\bpolio\b")
_WHAT_IS_POLIO = re.compile(
    r"\b(?:what (?:is|s|was|does)|whats|define|meaning of) polio\b|\bpolio (?:mean|meaning|means)\b"
)
_NEURON_KIND = re.compile(r"\b(?:upper|lower) (?:ones|neurone?s?|nerves?)\b")
# Someone's own body or illness: "his legs", "her speech", "my arms".
# A correction, and the part of it that says what was not meant ("…, not the gene").
_CORRECTING = re.compile(r"\b(?:sorry|i meant|i mean|meant|oops|no wait|typo|autocorrect\w*)\b")
_NOT_THAT = re.compile(r"(?:[,;]\s*(?:and |but )?not |\snot (?:the|a|an|about) )[^,.?!;]*[.?!]*\s*$", re.IGNORECASE)
_KINDS_OF_THEM = re.compile(r"\b(?:types|kinds|sorts|forms) of (?:them|those|these|neurone?s|motor neurone?s|nerves)\b")
_OTHER_MNDS = re.compile(
    r"\b(?:other|most|the rest of the) (?:\w+ )?(?:mnds|motor neurone? diseases|types|kinds|forms)\b"
)
_KIND_OF_MND = re.compile(r"\b(?:type|types|kind|kinds|form|forms|sort|sorts) of (?:mnd|motor neurone? disease)\b")
# Words before a name that use it as a yardstick for something else ("like ALS", "as with ALS does").
_LIKE = re.compile(
    r"\b(?:like|as with|as in|as for|same as with|as (?:\w+ )?(?:do|does|did) (?:with|in)|"
    # "is it in the same group as ALS?": ALS is the yardstick for the one talked about
    r"same (?:group|family|category|class|kind|sort|type) as|"
    # "…a medicine that slows it down like the als ones?", "like the ones for ALS"
    r"like (?:the|those|the ones|the ones for|the ones with|with|for))$"
)
# "the als meds", "the als ones": a type's treatment as the yardstick for another type's
_ITS_TREATMENT = re.compile(r"ones|meds|medicines?|medications?|drugs?|tablets|pills|treatments?")
POSSESSIVE = re.compile(r"\b(?:his|her|my|their|our)\b")
_NOT_WORD = re.compile(r"\bnot (?:her |his |my |the |a )?\w+\b", re.IGNORECASE)
_ASIDE = re.compile(
    r"[,;]?\s*\b(?:stupid |silly |bloody |damn )?(?:voice typing|dictation|autocorrect|predictive text|spell ?check)"
    r"\b.*$",
    re.IGNORECASE,
)
_SAME_OR_NOT = re.compile(r"\b(?:same|different|differ|difference|versus|vs|compared?)\b")
_IT = re.compile(r"\b(?:it|its|it s)\b")
_WHY = re.compile(r"(?:^|\b)(?:why|how come|what makes)\b")
# Asking which types there are: "what the different types are", "how many kinds are there".
_TYPES_ASKED = re.compile(
    r"\b(?:different|various|main|all the) (?:types|kinds|forms|sorts)\b"
    r"|\b(?:what|which) (?:types|kinds|forms|sorts) (?:are there|exist|of (?:it|mnd|motor \w+ disease) are there)\b"
    r"|\bhow many (?:types|kinds|forms|sorts)\b"
)
# One type becoming another: "does PLS ever turn into ALS?", "PMA that later develops into ALS".
_BECOMES = re.compile(
    r"\b(?:turns?|turned|turning|develops?|developing|changes?|changing|progress(?:es|ing)?|evolves?) (?:in)?to\b"
)
# What one type may become, named just after: "can the bulbar one turn into als", "could it become ALS in time".
_BECOMES_WHAT = re.compile(_BECOMES.pattern + r"|\bbecom(?:e|es|ing)\b")
_PRONOUN = re.compile(r"\b(?:it|its|that|this|they|them|their|those|these|he|she|his|her|him)\b")
# Pronouns that can stand for a condition said before ("is it like ALS?"); a person ("starting with her -
# what does PBP affect?") is not one.
_CONDITION_PRONOUN = re.compile(r"\b(?:it|its|that|this|they|them|their|those|these)\b")
SINGULAR = re.compile(r"\b(?:it|its|that one|this one)\b")
# "they" as a subject said before: "i picked motor neurons. what do they do?", "do they grow back?"
THEY = re.compile(r"\b(?:they|them|their|theyre)\b")
# Words that name a disease, not motor neurons themselves ("what kinds of illness hit them?").
DISEASE = re.compile(r"\b(?:diseases?|illness(?:es)?|conditions?|disorders?|mnds?|types of mnd)\b")


@dataclass
class Mention:
    """A phrase pointing back at something said: "the second one", "the other one", "both"."""

    text: str
    start: int  # character offsets in the message
    end: int


@dataclass
class Question:
    """The latest message as the actions need it."""

    text: str
    intent: str
    topic_weights: dict[str, float]
    named: list[str]
    negated: list[str]
    recognised_only: list[str]  # names used that the documents do not use (shown as typed)
    likened: list[str] = field(default_factory=list)  # named only as a yardstick: "does it shorten life like ALS?"
    mentions: list[Mention] = field(default_factory=list)
    carer: bool = False
    leads: set[str] = field(default_factory=set)
    pronoun: bool = False
    pronoun_singular: bool = False
    possessive: bool = False  # "his legs", "her speech": about one person, so the condition in focus
    outside: list[str] = field(default_factory=list)  # illnesses the material does not cover
    personal: bool = False  # asks whether one person has a condition
    judgement: bool = False  # asks for any judgement on one person (personal, or "should I be worried?")
    neuron_kind: bool = False  # motor neurons named only as "the upper ones", "lower neurones"
    worded_topic: str | None = None  # a topic plain from the grammar ("what does it cause?": symptoms)
    typed_near: list[str] = field(default_factory=list)  # "PBA": one letter off PBP and PMA

    @property
    def intent_topic(self) -> str | None:
        topic = self.intent.removeprefix("ask_")
        return topic if topic in TOPICS else None

    @property
    def is_payload(self) -> bool:
        return not self.text


def _likened(found: list[NamedCondition], plain: str) -> list[str]:
    """The types named only as a yardstick: "does it shorten life like ALS?", "is there a medicine that slows it
    down like the als ones?", or (another type named) "can the als meds be used for pls too?"."""
    words = plain.split()
    types = {n.slug for n in found if not n.negated and n.slug not in ("mnd", "motor_neuron")}
    likened = []
    for n in found:
        before = " ".join(words[max(0, n.start - 4) : n.start])
        after = " ".join(words[n.start + len(n.matched.split()) :][:1])
        if _LIKE.search(before) or (len(types) >= 2 and _ITS_TREATMENT.fullmatch(after)):
            likened.append(n.slug)
    return likened


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


def read(session: Session, tracker: Tracker) -> Question:
    """Read the latest message of ``tracker``."""
    message: dict[str, Any] = tracker.latest_message or {}
    raw = message.get("text") or ""
    # A button's payload carries its condition as an entity; text-speak is read as the words it stands for.
    text = "" if raw.startswith("/") else respell(raw)
    if text:
        # "and the other one?" after the upper motor neurons: the lower motor neurons
        text = neuron_kind_meant(session, text, tracker)
    intent, weights = topic_weights(message, text)
    entities = message.get("entities") or []
    found = names.named_conditions(session, text) if text else []
    wrote = _WROTE_BUT_MEANT.search(normalise(text)) if text else None
    if wrote is not None:
        # "Forgive me, I wrote PMA but I meant PBP": the one written is the wrong one.
        meant_start = len(normalise(text)[: wrote.end()].split())
        found = [replace(n, negated=True) if n.start < meant_start else n for n in found]
    named = list(dict.fromkeys(n.slug for n in found if not n.negated))
    negated = list(dict.fromkeys(n.slug for n in found if n.negated and n.slug not in named))
    for value in _entity_values(entities, "condition"):
        for slug in names.conditions_in(session, entities=[value], text=""):
            if slug not in named and slug not in negated:
                named.append(slug)
    asking = question_part(text) if text else ""
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
        and _TYPES_ASKED.search(normalise(asking))
        and State.of(tracker).focus == "motor_neuron"
    )
    if (
        text
        and not set(names.find_conditions(session, asking)) - {"mnd"}
        and _TYPES_ASKED.search(normalise(asking))
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
    mentions = [
        Mention(str(e.get("value") or ""), int(e.get("start") or 0), int(e.get("end") or 0))
        for e in entities
        if e.get("entity") == "mention"
    ]
    plain = normalise(text)
    leads = set()
    if _BLAME.search(plain):
        leads.add("blame")
    if _WHY.search(plain):
        leads.add("why")
    # Names as their slugs, so that "is it primary lateral sclerosis?" reads like "is it pls?".
    slugged = plain.split()
    for n in sorted(found, key=lambda n: -n.start):
        slugged[n.start : n.start + len(n.matched.split())] = [n.slug]
    slugged_text = " ".join(slugged)
    # ("could my mum be a carrier then?": how it passes down a family, which the material answers as far as it goes)
    personal = about_one_person(text, slugged_text) and not asks_how_it_passes(text)
    if _CORRECTING.search(plain):
        # "Sorry, I meant what symptoms it causes, not the gene": what it is not about is left out.
        text = _NOT_THAT.sub("", text).strip() or text
        # "sorry breathing not breeding, stupid voice typing": the word it is not, and the aside.
        text = _ASIDE.sub("", _NOT_WORD.sub("", text)).strip(" ,.;") or text
    worded = worded_reading(session, tracker, text, found, named, weights, leads, plain)
    if worded is not None:
        # "What does it cause?" asks what it does, not its cause, whatever the classifier read.
        if intent.startswith("ask_"):
            intent = f"ask_{worded}"
        weights[worded] = max(weights.values(), default=1.0) + WORDED_MARGIN
    return Question(
        text=text,
        intent=intent,
        topic_weights=weights,
        named=named,
        likened=_likened(found, plain),
        negated=negated,
        recognised_only=[n.matched for n in found if n.recognition_only],
        # ("PBA": PBP or PMA; "some kind of muscular atrophy": PMA or SMA)
        typed_near=(names.near_abbreviations(session, text) or shared_name(session, text))
        if text and not named
        else [],
        mentions=mentions,
        # A carer asking: said in the question itself, or in the story before a question about coping
        # ("I look after my mum. What support is there?"), not before another ("…what causes it?").
        carer=bool(_CARER.search(normalise(asking) if asking else plain))
        or (bool(_CARER.search(plain)) and max(weights, key=weights.get, default=None) == "coping"),
        leads=leads,
        pronoun=bool(_PRONOUN.search(plain)),
        pronoun_singular=bool(SINGULAR.search(plain)),
        possessive=bool(POSSESSIVE.search(plain)),
        outside=names.outside_names(session, text) if text else [],
        personal=personal,
        judgement=personal or asks_a_judgement(plain),
        neuron_kind=neuron_kind,
        worded_topic=worded,
    )


def _entity_values(entities: list[dict[str, Any]], entity: str) -> list[str]:
    values: list[str] = []
    for ent in entities:
        value = ent.get("value")
        if ent.get("entity") == entity and isinstance(value, str) and value not in values:
            values.append(value)
    return values

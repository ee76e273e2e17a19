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

from actions.neuron_kinds import neuron_kind_meant
from actions.one_person import about_one_person, asks_a_judgement, asks_how_it_passes
from actions.subject import subject_of
from actions.topic_reading import WORDED_MARGIN, topic_weights, worded_reading
from bot.facts import names
from bot.facts.loose_names import shared_name
from bot.facts.names import NamedCondition
from bot.facts.text import normalise, respell
from bot.facts.vocab import TOPICS
from bot.facts.words import question_part

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
# Someone's own body or illness: "his legs", "her speech", "my arms".
# A correction, and the part of it that says what was not meant ("…, not the gene").
_CORRECTING = re.compile(r"\b(?:sorry|i meant|i mean|meant|oops|no wait|typo|autocorrect\w*)\b")
_NOT_THAT = re.compile(r"(?:[,;]\s*(?:and |but )?not |\snot (?:the|a|an|about) )[^,.?!;]*[.?!]*\s*$", re.IGNORECASE)
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
_WHY = re.compile(r"(?:^|\b)(?:why|how come|what makes)\b")
# ("in this context", "at this point": no condition pointed at)
_PRONOUN = re.compile(
    r"\b(?:it|its|that|this(?! (?:context|point|stage|time|moment)\b)|they|them|their|those|these|he|she|his|her|him)\b"
)
SINGULAR = re.compile(r"\b(?:it|its|that one|this one)\b")


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
    remedies: list[str] = field(default_factory=list)  # remedies it never mentions ("stem cells")
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
    named, neuron_kind = subject_of(session, tracker, text, asking, found, named)
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
        remedies=names.remedy_names(session, text) if text else [],
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

"""Questions across the types of MND: "which types mostly affect men?", "which one starts in the hands?".

What a question asks is read from the words of attributes.yml (values: "hands"; cues: "starts"),
matched after stemming; which types have which value, and the fact that says so, come from
conditions.yml. Answers list the matching types in the order the documents present them.

Whether a question asks across the types at all is read from its wording (bot/facts/across_wording.py);
the values the documents state for each type are in bot/facts/across_values.py. Their functions are
imported here too, because the actions ask them as ``across.<function>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts.across_values import conditions_with, having, values_of
from bot.facts.across_wording import ACROSS, across_sentence, asks_for_others
from bot.facts.builds import current_build
from bot.facts.models import Attribute, AttributeValue, AttributeWord
from bot.facts.text import normalise
from bot.facts.words import STOP_WORDS, stem

__all__ = [
    "BODY_WORDS_AT_MOST",
    "PLAIN_ATTRIBUTES",
    "AttributeQuestion",
    "across_sentence",
    "asks_for_others",
    "attribute_question",
    "conditions_with",
    "names_the_body",
    "values_of",
]

_ONLY = re.compile(r"\b(?:only|just|pure|purely|solely|exclusively)\b")
_AMONG = re.compile(
    r"\b(?:of (?:them|those|these|the two|both)|either of|between them|those two|these two|"
    r"(?:both|all|either|each) (?:of )?(?:them|those|these))\b"
    # "which of the lower-only ones…", "of the genetic types…": the ones just listed, described again
    r"|\bof (?:the|those|these) (?:\w+ ){1,3}(?:ones|types|kinds)\b"
)


# Words of speech used as verbs of people: "who am I talking to?", "someone to speak with".
_TALKING_TO = re.compile(r"\b(?:talk|talking|talked|speak|speaking|spoke|chat|chatting) (?:to|with)\b")


@dataclass(frozen=True)
class AttributeQuestion:
    """What a question across types asks: an attribute and the values it names."""

    attribute: str
    topic: str
    label: str
    values: tuple[str, ...]
    phrases: tuple[str, ...]
    only: bool
    among_listed: bool


@dataclass
class _Lexicon:
    build: str
    values: dict[tuple[str, ...], set[tuple[str, str]]]  # stemmed phrase -> (attribute, value)
    cues: dict[tuple[str, ...], set[str]]  # stemmed phrase -> attribute
    attributes: dict[str, tuple[str, str, int]]  # slug -> (topic, label, position)
    phrases: dict[tuple[str, str], tuple[str, int]]
    value_topics: dict[tuple[str, str], str]  # (attribute, value) -> its own topic, where it has one
    mended: dict[str, str] = field(default_factory=dict)  # a misspelt word -> the attribute word it stands for

    @cached_property
    def singles(self) -> frozenset[str]:
        return frozenset(k[0] for k in (*self.values, *self.cues) if len(k) == 1)


_LEXICON: _Lexicon | None = None


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in normalise(text).split())


def _lexicon(session: Session) -> _Lexicon:
    global _LEXICON
    build = current_build(session)
    if _LEXICON is None or _LEXICON.build != build:
        values: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        cues: dict[tuple[str, ...], set[str]] = {}
        for attribute, value, word in session.execute(
            select(AttributeWord.attribute, AttributeWord.value, AttributeWord.word)
        ):
            key = _stems(word)
            if value is None:
                cues.setdefault(key, set()).add(attribute)
            else:
                values.setdefault(key, set()).add((attribute, value))
        attributes = {a.slug: (a.topic_slug, a.label, a.position) for a in session.scalars(select(Attribute))}
        rows = list(session.scalars(select(AttributeValue)))
        labels = {(v.attribute, v.slug): (v.phrase, v.position) for v in rows}
        topics = {(v.attribute, v.slug): v.topic_slug for v in rows if v.topic_slug}
        _LEXICON = _Lexicon(build, values, cues, attributes, labels, topics)
    return _LEXICON


def _phrases_in(stems: tuple[str, ...], table: dict[tuple[str, ...], set]) -> list[tuple[int, tuple[str, ...]]]:
    found = []
    for phrase in table:
        n = len(phrase)
        for i in range(len(stems) - n + 1):
            if stems[i : i + n] == phrase:
                found.append((i, phrase))
    return found


# Misspelt words are read as the attribute word they are nearest to, at least this close (rapidfuzz ratio).
_NEAR_SPELLING = 85
_MENDED_AT_MOST = 20_000  # words remembered, so that odd input cannot grow the cache without end


def _mend(session: Session, lex: _Lexicon, stems: tuple[str, ...]) -> tuple[str, ...]:
    """``stems`` with misspelt words of attributes read as meant ("swalowing", "talkin"); words the store
    or everyday questions use are left alone."""
    from rapidfuzz import fuzz, process

    from bot.facts.ranking import index_for

    singles = lex.singles
    mended = []
    for term in stems:
        if term not in lex.mended:
            meant = term
            if len(term) >= 5 and term not in singles and term not in index_for(session).familiar:
                dropped_g = stem(term + "g")  # "talkin", "walkin"
                near = process.extractOne(term, singles, scorer=fuzz.ratio, score_cutoff=_NEAR_SPELLING)
                meant = dropped_g if dropped_g in singles else near[0] if near else term
            if len(lex.mended) < _MENDED_AT_MOST:
                lex.mended[term] = meant
        else:
            meant = lex.mended[term]
        mended.append(meant)
    return tuple(mended)


_BOTH_OF = re.compile(r"\b(?:both|either|each|all) (?:of )?(?:them|those|these|the two|you)\b")


# When in someone's life something happened: "had polio as a child", "when he was a baby".
_WHEN_YOUNG = re.compile(
    r"\b(?:as an? (?:child|kid|boy|girl|baby|toddler|teenager)|in (?:my|his|her) childhood|"
    r"when (?:i|he|she|they) (?:was|were) (?:an? )?(?:child|kid|little|young|small|baby|boy|girl))\b"
)
# Attributes whose words say the topic outright ("which gene" may ask the cause or the inheritance).
PLAIN_ATTRIBUTES = frozenset({"neurons", "mostly_affects", "starts_in", "speed", "affects"})
# How telling a description is, most first: "the legs one" means where it starts before what it affects.
_SPECIFIC = ("known_for", "medicines", "starts_in", "mostly_affects", "neurons", "inherited", "speed", "affects")


def attribute_question(
    session: Session,
    text: str,
    *,
    require_across: bool = True,
    specific_first: bool = False,
    telling_among: list[str] | None = None,
    attribute_only: str | None = None,
) -> AttributeQuestion | None:
    """The attribute and values a question across types asks about, or None.

    With ``telling_among`` (the types a "which of the two…" picks from), an attribute that picks out some
    but not all of them goes first: "which of the two is the leading genetic cause of infant death?"
    after two inherited types asks about babies, not genes. With ``attribute_only``, only that attribute's
    values count ("his legs are stiff": the stiffness, whatever the legs say)."""
    plain = _WHEN_YOUNG.sub(" ", normalise(text))  # "I had polio as a child": when, not whom it affects
    plain = _TALKING_TO.sub(" ", plain)  # "who am I talking to?": a person, not speech
    if require_across and not ACROSS.search(plain):
        return None
    lex = _lexicon(session)
    # "Do both of them get worse?", "does either of those…": the listed pair, not "both" kinds of neuron.
    stems = _mend(session, lex, _stems(_BOTH_OF.sub(" of them ", plain)))
    hits: dict[str, list[str]] = {}
    taken: set[int] = set()
    # Longest phrases first: "both upper and lower" is one value, not three.
    for start, phrase in sorted(_phrases_in(stems, lex.values), key=lambda m: (-len(m[1]), m[0])):
        span = set(range(start, start + len(phrase)))
        if span & taken:
            continue
        taken |= span
        for attribute, value in sorted(lex.values[phrase]):
            if value not in hits.setdefault(attribute, []):
                hits[attribute].append(value)
    if attribute_only is not None:
        hits = {a: v for a, v in hits.items() if a == attribute_only}
    if not hits:
        return None
    cued = {a for _, phrase in _phrases_in(stems, lex.cues) for a in lex.cues[phrase]}
    # The attribute whose values were named and whose cue words are there; then the most values;
    # then the order of attributes.yml.
    if specific_first:
        attribute = min(hits, key=lambda a: _SPECIFIC.index(a) if a in _SPECIFIC else len(_SPECIFIC))
    else:
        attribute = min(hits, key=lambda a: (a not in cued, -len(hits[a]), lex.attributes[a][2]))
    if telling_among and len(hits) > 1:
        telling = [a for a in hits if 0 < len(having(session, a, hits[a], telling_among)) < len(telling_among)]
        attribute = attribute if attribute in telling or not telling else telling[0]
    chosen = tuple(sorted(hits[attribute], key=lambda v: lex.phrases[(attribute, v)][1]))
    topic, label, _ = lex.attributes[attribute]
    own_topics = {lex.value_topics.get((attribute, v)) for v in chosen}
    if len(own_topics) == 1 and None not in own_topics:
        topic = str(own_topics.pop())  # "which types are linked to the X chromosome?" is about inheritance
    return AttributeQuestion(
        attribute=attribute,
        topic=topic,
        label=label,
        values=chosen,
        phrases=tuple(lex.phrases[(attribute, v)][0] for v in chosen),
        only=bool(_ONLY.search(plain)),
        among_listed=bool(_AMONG.search(plain)),
    )


# A message of at most this many words that names a part of the body or a symptom asks about symptoms.
BODY_WORDS_AT_MOST = 4
_BODY_ATTRIBUTES = ("affects", "starts_in")
# Words of the body used as verbs of people: "who would we talk to?", "who can she speak to about it?"
_NOT_THE_BODY = re.compile(r"\bwho\b|\b(?:talk|talking|speak|speaking) (?:to|with)\b")


def names_the_body(session: Session, words: str) -> bool:
    """Whether every content word of ``words`` is part of the name of a part of the body or a symptom
    ("her chewing", "arm", "the lower body"), and there are only a few ("who should she talk to?" is not)."""
    if _NOT_THE_BODY.search(normalise(words)):
        return False
    plain = normalise(words).split()
    stems = tuple(stem(w) for w in plain)
    content = {i for i, w in enumerate(plain) if w not in STOP_WORDS and not w.isdigit()}
    if not content or len(content) > BODY_WORDS_AT_MOST:
        return False
    values = _lexicon(session).values
    covered: set[int] = set()
    for start, phrase in _phrases_in(stems, values):
        if any(attribute in _BODY_ATTRIBUTES for attribute, _ in values[phrase]):
            covered |= set(range(start, start + len(phrase)))
    return content <= covered

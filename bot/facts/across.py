"""Questions across the types of MND: "which types mostly affect men?", "which one starts in the hands?".

What a question asks is read from the words of attributes.yml (values: "hands"; cues: "starts"),
matched after stemming; which types have which value, and the fact that says so, come from
conditions.yml. Answers list the matching types in the order the documents present them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts import queries
from bot.facts.builds import current_build, per_build
from bot.facts.models import Attribute, AttributeValue, AttributeWord, ConditionAttribute, Fact
from bot.facts.text import normalise
from bot.facts.words import CLAUSES, STOP_WORDS, asks, sentences, stem

# A question that picks types out of a group: "which types…", "which one…", "are there any kinds…",
# "which of those…", "do any of them…".
_ACROSS = re.compile(
    r"\b(?:which|what|whichever)(?:\s+(?:mnd|of\s+the|main|different|other))?\s+"
    r"(?:(?:sub)?types?|ones?|kinds?|forms?|conditions?|diseases?|illness(?:es)?|disorders?|sorts?|mnds)\b"
    r"|\b(?:any\s+|the\s+)?others?\s+(?:types|ones|kinds|forms|conditions|diseases|illnesses|disorders|mnds)\b"
    r"|\b(?:which|what|any|are there|r there) others\b"
    r"|\b(?:which|what) one\b|\bwhich (?:is|are|affects?|starts?|runs?|causes?|hits?|gets?|begins?)\b"
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
_ONLY = re.compile(r"\b(?:only|just|pure|purely|solely|exclusively)\b")
_AMONG = re.compile(
    r"\b(?:of (?:them|those|these|the two|both)|either of|between them|those two|these two|"
    r"(?:both|all|either|each) (?:of )?(?:them|those|these))\b"
    # "which of the lower-only ones…", "of the genetic types…": the ones just listed, described again
    r"|\bof (?:the|those|these) (?:\w+ ){1,3}(?:ones|types|kinds)\b"
)


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


@dataclass(frozen=True)
class Found:
    """A type that has a value asked about, and the fact that says so."""

    condition: str
    values: tuple[str, ...]
    fact: Fact


@dataclass
class _Lexicon:
    build: str
    values: dict[tuple[str, ...], set[tuple[str, str]]]  # stemmed phrase -> (attribute, value)
    cues: dict[tuple[str, ...], set[str]]  # stemmed phrase -> attribute
    attributes: dict[str, tuple[str, str, int]]  # slug -> (topic, label, position)
    phrases: dict[tuple[str, str], tuple[str, int]]
    value_topics: dict[tuple[str, str], str]  # (attribute, value) -> its own topic, where it has one


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


def is_across(text: str) -> bool:
    """True when the question picks types out of a group ("which types…", "which of those…")."""
    return bool(_ACROSS.search(normalise(text)))


_BOTH_OF = re.compile(r"\b(?:both|either|each|all) (?:of )?(?:them|those|these|the two|you)\b")
_OTHER = re.compile(r"\b(?:other|others|else)\b")


def across_sentence(text: str) -> str:
    """The sentence of ``text`` that asks across the types ("wife has PLS. Which other types…?"), or ``text``."""
    for sentence in sentences(text):
        if _ACROSS.search(normalise(sentence)):
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
        and _ACROSS.search(normalise(" ".join(clauses[1:])))
    ):
        clauses, dropped = clauses[1:], dropped + 1
    return " ".join(clauses) if dropped else sentence


def asks_for_others(text: str) -> bool:
    """ "Which other types…", "are there others that…": the ones already talked about are left out."""
    return bool(_OTHER.search(normalise(text)))


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
) -> AttributeQuestion | None:
    """The attribute and values a question across types asks about, or None.

    With ``telling_among`` (the types a "which of the two…" picks from), an attribute that picks out some
    but not all of them goes first: "which of the two is the leading genetic cause of infant death?"
    after two inherited types asks about babies, not genes."""
    plain = _WHEN_YOUNG.sub(" ", normalise(text))  # "I had polio as a child": when, not whom it affects
    if require_across and not _ACROSS.search(plain):
        return None
    lex = _lexicon(session)
    # "Do both of them get worse?", "does either of those…": the listed pair, not "both" kinds of neuron.
    stems = _stems(_BOTH_OF.sub(" of them ", plain))
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
        telling = [a for a in hits if 0 < len(_having(session, a, hits[a], telling_among)) < len(telling_among)]
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


def _having(session: Session, attribute: str, values: list[str], among: list[str]) -> set[str]:
    """Which of ``among`` have any of ``values`` for ``attribute``."""
    return {slug for a, value, slug, _ in _stated(session) if a == attribute and value in values and slug in among}


def _stated(session: Session) -> tuple[tuple[str, str, str, str], ...]:
    """Every (attribute, value, condition, fact id) the documents state, in document order: read once
    per store build, so a question across types runs no SQL."""
    return per_build(session, "attribute rows", _read_stated)


def _read_stated(session: Session) -> tuple[tuple[str, str, str, str], ...]:
    stmt = select(
        ConditionAttribute.attribute,
        ConditionAttribute.value,
        ConditionAttribute.condition_slug,
        ConditionAttribute.fact_id,
    ).order_by(ConditionAttribute.position)
    return tuple((a, v, c, f) for a, v, c, f in session.execute(stmt))


def conditions_with(session: Session, question: AttributeQuestion, among: list[str] | None = None) -> list[Found]:
    """The types with any of the values asked (only those ``among``, if given), in document order.

    For which motor neurons a type affects, "lower" without "only" also finds the types that
    affect both kinds.
    """
    values = set(question.values)
    if question.attribute == "neurons" and not question.only and values & {"upper", "lower"}:
        values.add("both")
    by_condition: dict[str, list[str]] = {}
    fact_ids: dict[str, str] = {}
    for attribute, value, slug, fact_id in _stated(session):
        if attribute != question.attribute or (values and value not in values):
            continue  # no values: every type the attribute names anything for
        if among is not None and slug not in among:
            continue
        by_condition.setdefault(slug, []).append(value)
        fact_ids.setdefault(slug, fact_id)
    facts = {f.id: f for f in queries.facts_by_id(session, list(fact_ids.values()))}
    return [Found(slug, tuple(vals), facts[fact_ids[slug]]) for slug, vals in by_condition.items()]


def values_of(session: Session, condition: str) -> dict[str, set[str]]:
    """Every attribute value the documents state for one condition."""
    found: dict[str, set[str]] = {}
    for attribute, value, slug, _ in _stated(session):
        if slug == condition:
            found.setdefault(attribute, set()).add(value)
    return found


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

"""Questions the actions ask the fact store. Each takes the caller's Session first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.facts.models import Condition, ConditionAlias, Fact, Gap, GlossaryTerm, Source, TermAlias, Topic
from bot.facts.text import normalise

# Fuzzy matching only for names long enough that a near miss is still unambiguous;
# short abbreviations (als, pls, sma) must be typed exactly.
FUZZY_MIN_LENGTH = 5
FUZZY_MIN_SCORE = 85.0
# When two different names score within this margin, it is a guess: return nothing.
FUZZY_MARGIN = 4.0
# Each word of a multi-word near miss must itself be close ("does" is not "disease").
FUZZY_MIN_WORD_SCORE = 70.0


@dataclass(frozen=True)
class Mention:
    """A name found in free text: what it resolves to and how sure the match is."""

    key: str
    matched: str
    score: float
    start: int

    @property
    def exact(self) -> bool:
        return self.score >= 100.0


def _find(text: str, names: dict[str, str]) -> list[Mention]:
    """Names (normalised alias -> key) mentioned in ``text``, exact first, then near misses."""
    words = normalise(text).split()
    if not words or not names:
        return []
    longest = max(len(n.split()) for n in names)
    used = [False] * len(words)
    found: list[Mention] = []
    # Longest phrases first, so "motor neurone disese" (a typo of a three-word name)
    # wins over the exact two-word "motor neurone" inside it.
    for size in range(min(longest, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            if any(used[i : i + size]):
                continue
            phrase = " ".join(words[i : i + size])
            if phrase in names:
                found.append(Mention(names[phrase], phrase, 100.0, i))
                used[i : i + size] = [True] * size
        # Near misses of this length, the closest first, so "got motor neurone" does not
        # take the words that "motor neurone disese" needs.
        near = [
            m
            for i in range(len(words) - size + 1)
            if not any(used[i : i + size])
            and (m := _near_miss(" ".join(words[i : i + size]), size, names, i)) is not None
        ]
        for mention in sorted(near, key=lambda m: -m.score):
            if not any(used[mention.start : mention.start + size]):
                found.append(mention)
                used[mention.start : mention.start + size] = [True] * size
    return sorted(found, key=lambda m: m.start)


def _near_miss(phrase: str, size: int, names: dict[str, str], start: int) -> Mention | None:
    """The name ``phrase`` is a typo of, if one is clearly closest; None when unsure."""
    if len(phrase) < FUZZY_MIN_LENGTH:
        return None
    # Same number of words (a typo inside words), or one more when two words were run
    # together ("postpolio syndrome").
    joined = phrase.replace(" ", "")
    candidates = [(name, key) for name, key in names.items() if len(name) >= FUZZY_MIN_LENGTH]
    scored = sorted(
        [
            (fuzz.ratio(phrase, name), key)
            for name, key in candidates
            if len(name.split()) == size and _words_close(phrase, name)
        ]
        + [
            (fuzz.ratio(joined, name.replace(" ", "")), key)
            for name, key in candidates
            if len(name.split()) == size + 1
        ],
        reverse=True,
    )
    if not scored or scored[0][0] < FUZZY_MIN_SCORE:
        return None
    best, key = scored[0]
    rivals = [score for score, other in scored[1:] if other != key]
    if rivals and best - rivals[0] < FUZZY_MARGIN:
        return None
    return Mention(key, phrase, best, start)


def _words_close(phrase: str, name: str) -> bool:
    return all(fuzz.ratio(a, b) >= FUZZY_MIN_WORD_SCORE for a, b in zip(phrase.split(), name.split(), strict=True))


def _condition_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(ConditionAlias.normal, ConditionAlias.condition_slug)).all())


def _term_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(TermAlias.normal, TermAlias.term)).all())


def find_conditions(session: Session, text: str) -> list[str]:
    """Every condition named in ``text`` (typos allowed), in the order they appear, without repeats."""
    slugs: list[str] = []
    for mention in _find(text, _condition_names(session)):
        if mention.key not in slugs:
            slugs.append(mention.key)
    return slugs


# "pls" is also chat for "please" ("tell me more pls"). Typed in lower case at the end of
# a message, straight after a word that ends a request, it is read as "please".
_PLEASE = {"pls", "plz"}
_REQUEST_ENDINGS = {
    "more", "it", "that", "this", "me", "them", "him", "her", "us", "again", "thanks", "thx",
    "now", "asap", "help", "on", "explain", "answer", "mean", "means", "meaning",
}


def _without_please(text: str) -> str:
    words = text.rstrip(" ?!.").split()
    if len(words) >= 2 and words[-1] in _PLEASE and normalise(words[-2]) in _REQUEST_ENDINGS:
        return " ".join(words[:-1])
    return text


def conditions_in(session: Session, *, entities: Iterable[str], text: str) -> list[str]:
    """Conditions a message names, in the order it names them (entity values fill in what the text lacks).

    "Motor neurons" in general is dropped when a specific condition is also named:
    in "does ALS affect upper or lower motor neurons" the subject is ALS.
    """
    slugs: list[str] = []
    text = _without_please(text)
    entities = [e for e in entities if e.strip().lower() not in _PLEASE or e.strip() == e.strip().upper()]
    for value in [text, *entities]:
        for slug in find_conditions(session, value):
            if slug not in slugs:
                slugs.append(slug)
    if len(slugs) > 1 and "motor_neuron" in slugs:
        slugs.remove("motor_neuron")
    return slugs


def resolve_condition(session: Session, text: str) -> str | None:
    """The condition ``text`` names, or None when it names none or the match is a guess."""
    found = find_conditions(session, text)
    return found[0] if found else None


def find_term(session: Session, text: str) -> GlossaryTerm | None:
    """The glossary term named in ``text`` (typos allowed), or None."""
    mentions = _find(text, _term_names(session))
    if not mentions:
        return None
    best = max(mentions, key=lambda m: (m.score, len(m.matched)))
    return session.get(GlossaryTerm, best.key)


def condition(session: Session, slug: str) -> Condition | None:
    """The condition with this slug."""
    return session.get(Condition, slug)


def conditions(session: Session) -> list[Condition]:
    """All conditions in the order the curated file lists them."""
    return list(session.scalars(select(Condition).order_by(Condition.position)))


def topic(session: Session, slug: str) -> Topic | None:
    """The topic with this slug."""
    return session.get(Topic, slug)


def _facts(session: Session, condition_slug: str, topic_slug: str) -> list[Fact]:
    stmt = (
        select(Fact)
        .where(Fact.condition_slug == condition_slug, Fact.topic_slug == topic_slug)
        .options(selectinload(Fact.source), selectinload(Fact.terms))
        .order_by(Fact.position)
    )
    return list(session.scalars(stmt))


def gap_for(session: Session, *, condition: str, topic: str) -> Gap | None:
    """Information the sources announce on this point but do not give, if any."""
    stmt = select(Gap).where(Gap.condition_slug == condition, Gap.topic_slug == topic).order_by(Gap.id)
    gaps = list(session.scalars(stmt))
    return gaps[0] if gaps else None


def gaps_for(session: Session, *, condition: str, topic: str) -> list[Gap]:
    """All gaps for a condition and topic."""
    stmt = select(Gap).where(Gap.condition_slug == condition, Gap.topic_slug == topic).order_by(Gap.id)
    return list(session.scalars(stmt))


@dataclass
class Answer:
    """What the store says on a condition and topic, and where it came from."""

    requested: str
    condition: str
    topic: str
    facts: list[Fact] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def fell_back(self) -> bool:
        """True when the facts are the parent condition's general ones."""
        return self.condition != self.requested

    @property
    def text(self) -> str:
        return " ".join(f.answer for f in self.facts)


def facts_for(session: Session, *, condition: str, topic: str) -> Answer:
    """Facts on ``topic`` for ``condition``, falling back to its parent's general facts."""
    found = _facts(session, condition, topic)
    answered_for = condition
    if not found:
        cond = session.get(Condition, condition)
        if cond is not None and cond.parent_slug:
            parent_facts = _facts(session, cond.parent_slug, topic)
            if parent_facts:
                found, answered_for = parent_facts, cond.parent_slug
    return Answer(
        requested=condition,
        condition=answered_for,
        topic=topic,
        facts=found,
        gaps=gaps_for(session, condition=answered_for, topic=topic),
    )


def facts_by_id(session: Session, ids: list[str]) -> list[Fact]:
    """These facts, in the order given (unknown ids are skipped)."""
    if not ids:
        return []
    stmt = select(Fact).where(Fact.id.in_(ids)).options(selectinload(Fact.source), selectinload(Fact.terms))
    by_id = {f.id: f for f in session.scalars(stmt)}
    return [by_id[i] for i in ids if i in by_id]


def glossary_lookup(session: Session, term: str) -> GlossaryTerm | None:
    """The glossary entry for a canonical term or any of its aliases."""
    key = normalise(term)
    owner = session.scalar(select(TermAlias.term).where(TermAlias.normal == key))
    return session.get(GlossaryTerm, owner) if owner else None


@dataclass
class Comparison:
    """Two conditions side by side: their structured attributes and defining facts."""

    first: Condition
    second: Condition
    facts: dict[str, list[Fact]]

    @property
    def same_neurons(self) -> bool:
        return self.first.affects is not None and self.first.affects == self.second.affects


def compare(session: Session, first: str, second: str) -> Comparison | None:
    """Compare two different conditions, or None if either is unknown or they are the same."""
    a, b = session.get(Condition, first), session.get(Condition, second)
    if a is None or b is None or a.slug == b.slug:
        return None
    facts: dict[str, list[Fact]] = {}
    for cond in (a, b):
        chosen: list[Fact] = []
        for topic_slug in ("definition", "upper_lower"):
            for fact in _facts(session, cond.slug, topic_slug):
                if fact not in chosen:
                    chosen.append(fact)
        facts[cond.slug] = chosen
    return Comparison(a, b, facts)


def source_entry(source: Source, section: str) -> dict[str, Any]:
    """How a reply cites one source section (the widget shows ``citation``)."""
    return {"id": source.id, "title": source.title, "section": section, "citation": source.citation}


def provenance(items: Iterable[Fact | Gap | GlossaryTerm]) -> list[dict[str, Any]]:
    """The sources behind these facts, gaps or terms, one entry per source and section, in order."""
    seen: list[dict[str, Any]] = []
    for item in items:
        entry = source_entry(item.source, item.section)
        if entry not in seen:
            seen.append(entry)
    return seen


def export_patterns(session: Session) -> list[dict[str, Any]]:
    """spaCy EntityRuler phrase patterns for every condition name and glossary term."""
    patterns: list[dict[str, Any]] = []
    rows: list[tuple[str, str, str]] = [
        ("condition", text, slug)
        for text, slug in session.execute(
            select(ConditionAlias.text, ConditionAlias.condition_slug).order_by(ConditionAlias.id)
        )
    ]
    rows += [
        ("term", text, term)
        for text, term in session.execute(select(TermAlias.text, TermAlias.term).order_by(TermAlias.id))
    ]
    seen: set[tuple[str, str]] = set()
    for label, text, key in rows:
        # The ruler matches spaCy tokens, so also give the punctuation-free form
        # ("post polio syndrome", "lou gehrigs disease") and a curly-apostrophe one.
        variants = {text.lower(), normalise(text)}
        if "'" in text:
            variants.add(text.lower().replace("'", "’"))
        for variant in sorted(variants):
            if (label, variant) not in seen:
                seen.add((label, variant))
                patterns.append({"label": label, "pattern": variant, "id": key})
    return patterns

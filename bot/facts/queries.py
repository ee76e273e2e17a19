"""Questions the actions ask the fact store. Each takes the caller's Session first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.facts.builds import per_build
from bot.facts.models import Condition, ConditionAlias, Fact, Gap, GlossaryTerm, Source, TermAlias, Topic
from bot.facts.text import normalise


@dataclass(frozen=True)
class _Rows:
    """Facts, gaps, conditions, topics and glossary terms of one build, read once with what answers need
    of them. The store does not change while it is served (a new build gets rows of its own), so the
    questions below are answered from here instead of a query each time."""

    facts: dict[str, Fact]
    conditions: dict[str, Condition]
    topics: dict[str, Topic]
    # The facts and gaps of each (condition, topic), in order; conditions in the curated order.
    cells: dict[tuple[str, str], list[Fact]]
    gaps: dict[tuple[str, str], list[Gap]]
    ordered: list[Condition]
    # The other conditions each fact applies to as written (fact_condition).
    also: dict[str, frozenset[str]]
    glossary: dict[str, GlossaryTerm]
    term_of: dict[str, str]  # normalised alias -> glossary term


def _rows(session: Session) -> _Rows:
    return per_build(session, "rows", _read_rows)


def _read_rows(session: Session) -> _Rows:
    # Read in a Session of their own, then kept detached: every attribute answers use is loaded here.
    from bot.facts.models import FactCondition

    with Session(session.get_bind()) as own:
        condition_parts = (selectinload(Condition.aliases), selectinload(Condition.parent))
        facts = own.scalars(
            select(Fact)
            .options(
                selectinload(Fact.source),
                selectinload(Fact.terms).selectinload(GlossaryTerm.source),
                selectinload(Fact.condition).options(*condition_parts),
            )
            .order_by(Fact.position)
        )
        by_id = {f.id: f for f in facts}
        cells: dict[tuple[str, str], list[Fact]] = {}
        for fact in by_id.values():
            cells.setdefault((fact.condition_slug, fact.topic_slug), []).append(fact)
        gaps: dict[tuple[str, str], list[Gap]] = {}
        for gap in own.scalars(select(Gap).options(selectinload(Gap.source)).order_by(Gap.id)):
            gaps.setdefault((gap.condition_slug, gap.topic_slug), []).append(gap)
        ordered = list(own.scalars(select(Condition).options(*condition_parts).order_by(Condition.position)))
        also: dict[str, set[str]] = {}
        for fact_id, slug in own.execute(select(FactCondition.fact_id, FactCondition.condition_slug)):
            also.setdefault(fact_id, set()).add(slug)
        rows = _Rows(
            facts=by_id,
            conditions={c.slug: c for c in ordered},
            topics={t.slug: t for t in own.scalars(select(Topic))},
            cells=cells,
            gaps=gaps,
            ordered=ordered,
            also={fact_id: frozenset(slugs) for fact_id, slugs in also.items()},
            glossary={t.term: t for t in own.scalars(select(GlossaryTerm).options(selectinload(GlossaryTerm.source)))},
            term_of=dict(own.execute(select(TermAlias.normal, TermAlias.term)).all()),
        )
    return rows


def condition(session: Session, slug: str) -> Condition | None:
    """The condition with this slug."""
    return _rows(session).conditions.get(slug)


def conditions(session: Session) -> list[Condition]:
    """All conditions in the order the curated file lists them."""
    return list(_rows(session).ordered)


def topic(session: Session, slug: str) -> Topic | None:
    """The topic with this slug."""
    return _rows(session).topics.get(slug)


def _facts(session: Session, condition_slug: str, topic_slug: str) -> list[Fact]:
    return list(_rows(session).cells.get((condition_slug, topic_slug), ()))


def gap_for(session: Session, *, condition: str, topic: str) -> Gap | None:
    """Information the sources announce on this point but do not give, if any."""
    gaps = gaps_for(session, condition=condition, topic=topic)
    return gaps[0] if gaps else None


def gaps_for(session: Session, *, condition: str, topic: str) -> list[Gap]:
    """All gaps for a condition and topic."""
    return list(_rows(session).gaps.get((condition, topic), ()))


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
        cond = _rows(session).conditions.get(condition)
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


def facts_about_both(session: Session, first: str, second: str) -> list[Fact]:
    """Facts that apply to both conditions as written (one is the fact's own, the other in its ``for``)."""
    rows = _rows(session)
    empty: frozenset[str] = frozenset()
    return [
        f
        for f in rows.facts.values()  # in position order
        if (f.condition_slug == first and second in rows.also.get(f.id, empty))
        or (f.condition_slug == second and first in rows.also.get(f.id, empty))
    ]


def example_questions(session: Session) -> dict[str, list[str]]:
    """The example questions of every fact and gap, by the intent of their topic (``ask_<topic>``)."""
    from bot.facts.models import Example

    found: dict[str, list[str]] = {}
    for text, topic in session.execute(select(Example.text, Example.topic_slug).order_by(Example.id)):
        questions = found.setdefault(f"ask_{topic}", [])
        if text not in questions:
            questions.append(text)
    return found


def facts_of(session: Session, slug: str) -> list[Fact]:
    """Every fact written for the condition ``slug``, in the curated order."""
    return [f for f in _rows(session).facts.values() if f.condition_slug == slug]


def facts_by_id(session: Session, ids: list[str]) -> list[Fact]:
    """These facts, in the order given (unknown ids are skipped)."""
    if not ids:
        return []
    by_id = _rows(session).facts
    return [by_id[i] for i in ids if i in by_id]


def glossary_term(session: Session, term: str) -> GlossaryTerm | None:
    """The glossary entry of a canonical term."""
    return _rows(session).glossary.get(term)


def glossary_lookup(session: Session, term: str) -> GlossaryTerm | None:
    """The glossary entry for a canonical term or any of its aliases."""
    rows = _rows(session)
    owner = rows.term_of.get(normalise(term))
    return rows.glossary.get(owner) if owner else None


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
    known = _rows(session).conditions
    a, b = known.get(first), known.get(second)
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


def source_entry(source: Source, section: str | None) -> dict[str, Any]:
    """How a reply cites one source section, or the whole source (None) (the widget shows ``citation``)."""
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


def terms_in_section(session: Session, section: str) -> frozenset[str]:
    """The glossary terms whose source section is ``section`` ("treatment": riluzole, a feeding tube...)."""
    return per_build(
        session,
        f"terms in {section}",
        lambda s: frozenset(s.scalars(select(GlossaryTerm.term).where(GlossaryTerm.section == section))),
    )


def terms_of_condition(session: Session, slug: str) -> list[str]:
    """The glossary words the facts of one condition use, in the order of its facts."""
    rows = _rows(session)
    found = [t.term for f in rows.facts.values() if f.condition_slug == slug for t in f.terms]
    return list(dict.fromkeys(found))

"""The curated content: coverage of the sources, plain language, and explained medical words."""

from __future__ import annotations

import re
import statistics

import pytest
import textstat
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts.models import Fact, GlossaryTerm, Section, Source, TermAlias
from bot.facts.text import normalise
from bot.facts.vocab import CONDITIONS, TOPICS

# Topics each condition's document text discusses, so the store must answer them directly.
EXPECTED_TOPICS = {
    "motor_neuron": {"definition", "function", "upper_lower", "types"},
    "mnd": set(TOPICS),
    "als": {"definition", "upper_lower", "treatment", "outlook"},
    "pbp": {"definition", "upper_lower"},
    "pls": {"definition", "upper_lower", "symptoms"},
    "pma": {"definition", "upper_lower", "symptoms", "risk_factors"},
    "sma": {"definition", "upper_lower", "causes", "inheritance", "outlook"},
    "kennedy": {"definition", "causes", "symptoms"},
    "pps": {"definition", "symptoms", "risk_factors"},
}


def _facts(session: Session) -> list[Fact]:
    return list(session.scalars(select(Fact)))


@pytest.mark.parametrize("slug", CONDITIONS)
def test_every_condition_has_facts_for_the_topics_its_documents_discuss(session: Session, slug: str) -> None:
    have = {f.topic_slug for f in _facts(session) if f.condition_slug == slug}
    assert EXPECTED_TOPICS[slug] <= have, EXPECTED_TOPICS[slug] - have


def test_every_source_section_maps_to_facts(session: Session) -> None:
    used = {(f.source_id, f.section) for f in _facts(session)}
    used |= {(t.source_id, t.section) for t in session.scalars(select(GlossaryTerm))}
    listed = {(s.source_id, s.slug) for s in session.scalars(select(Section))}
    assert listed <= {(src, sec) for src, sec in used}, listed - used


def test_citations_give_dates_that_cannot_be_misread(session: Session) -> None:
    """ "05/06/2025" is 5 June to a British reader and May 6 to an American one: dates are spelled out."""
    for source in session.scalars(select(Source)):
        assert not re.search(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b", source.citation), source.citation


def test_both_sources_are_used(session: Session) -> None:
    assert {f.source_id for f in _facts(session)} == {"cc_mnd", "wiki_motor_neuron"}


def test_short_answers_are_plain_language(session: Session) -> None:
    grades = {f.id: textstat.flesch_kincaid_grade(f.answer) for f in _facts(session)}
    too_hard = {k: g for k, g in grades.items() if g > 8}
    assert not too_hard, too_hard
    assert statistics.median(grades.values()) <= 6


def test_answers_are_one_or_two_sentences(session: Session) -> None:
    for fact in _facts(session):
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", fact.answer.strip()) if s]
        assert 1 <= len(sentences) <= 2, fact.id


def test_glossary_words_used_in_answers_are_linked(session: Session) -> None:
    """Every glossary word (or alias) an answer uses is listed on the fact, so the bot can offer it."""
    aliases = list(session.execute(select(TermAlias.normal, TermAlias.term)))
    for fact in _facts(session):
        text = f" {normalise(fact.answer + ' ' + (fact.detail or ''))} "
        used = {term for normal, term in aliases if f" {normal} " in text}
        linked = {t.term for t in fact.terms}
        assert used <= linked, (fact.id, used - linked)


def test_glossary_definitions_are_short(session: Session) -> None:
    for term in session.scalars(select(GlossaryTerm)):
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", term.definition.strip()) if s]
        assert 1 <= len(sentences) <= 3, term.term


def test_every_lost_list_is_recorded_as_a_gap(session: Session) -> None:
    from bot.facts.models import Gap

    topics = sorted(g.topic_slug for g in session.scalars(select(Gap)))
    # Early and other symptoms; inheritance patterns; provider questions, tests and
    # rule-out tests; symptom-relief medicines (see ../shared/seeds/README.md).
    assert topics.count("symptoms") == 2
    assert topics.count("diagnosis") == 3
    assert topics.count("inheritance") == 1
    assert topics.count("treatment") == 1

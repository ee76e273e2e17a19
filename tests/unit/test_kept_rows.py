"""The fact store's answers come from rows kept per build: the same as the store's own queries, and
no query per turn once a build has been read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import permutations

from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

from bot.facts import names, queries
from bot.facts.models import Condition, Fact, FactCondition, Gap, GlossaryTerm, TermAlias, Topic


@contextmanager
def statements(session: Session) -> Iterator[list[str]]:
    """Every SQL statement run on the session's database while the block runs."""
    run: list[str] = []
    engine = session.get_bind()

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        run.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield run
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _cells(session: Session) -> list[tuple[str, str]]:
    slugs = list(session.scalars(select(Condition.slug)))
    topics = list(session.scalars(select(Topic.slug)))
    return [(c, t) for c in slugs for t in topics]


def test_facts_and_gaps_of_every_cell_are_the_stores_in_its_order(session: Session) -> None:
    for cond, topic in _cells(session):
        facts = session.scalars(
            select(Fact.id).where(Fact.condition_slug == cond, Fact.topic_slug == topic).order_by(Fact.position)
        ).all()
        gaps = session.scalars(
            select(Gap.id).where(Gap.condition_slug == cond, Gap.topic_slug == topic).order_by(Gap.id)
        ).all()
        assert [f.id for f in queries._facts(session, cond, topic)] == facts, (cond, topic)
        assert [g.id for g in queries.gaps_for(session, condition=cond, topic=topic)] == gaps, (cond, topic)
        answer = queries.facts_for(session, condition=cond, topic=topic)
        assert all(f.source.citation and f.section for f in answer.facts)
        assert all(g.source.citation for g in answer.gaps)


def test_facts_about_both_are_the_stores_join(session: Session) -> None:
    slugs = list(session.scalars(select(Condition.slug)))
    pairs = 0
    for first, second in permutations(slugs, 2):
        expected = session.scalars(
            select(Fact.id)
            .join(FactCondition, FactCondition.fact_id == Fact.id)
            .where(
                ((Fact.condition_slug == first) & (FactCondition.condition_slug == second))
                | ((Fact.condition_slug == second) & (FactCondition.condition_slug == first))
            )
            .order_by(Fact.position)
        ).all()
        pairs += bool(expected)
        assert [f.id for f in queries.facts_about_both(session, first, second)] == expected, (first, second)
    assert pairs, "the curated facts apply some fact to two conditions"


def test_glossary_and_conditions_are_the_stores(session: Session) -> None:
    for text, term in session.execute(select(TermAlias.text, TermAlias.term)):
        found = queries.glossary_lookup(session, text)
        assert found is not None and found.term == term
        assert found.definition == session.get(GlossaryTerm, term).definition  # type: ignore[union-attr]
    assert queries.glossary_lookup(session, "no such word at all") is None
    ordered = session.scalars(select(Condition.slug).order_by(Condition.position)).all()
    assert [c.slug for c in queries.conditions(session)] == ordered


def test_a_turns_questions_to_the_store_run_no_sql_once_the_build_is_read(session: Session) -> None:
    queries.facts_for(session, condition="als", topic="symptoms")  # the build's rows are read here
    names.find_term(session, "what does hyperreflexa mean")
    cells = _cells(session)
    with statements(session) as run:
        for cond, topic in cells:
            queries.facts_for(session, condition=cond, topic=topic)
            queries.gap_for(session, condition=cond, topic=topic)
        comparison = queries.compare(session, "als", "pls")
        queries.facts_about_both(session, "als", "mnd")
        queries.conditions(session)
        term = queries.glossary_lookup(session, "hyperreflexia")
        found = names.find_term(session, "what does hyperreflexa mean")
    assert run == []
    assert comparison is not None and comparison.facts["als"] and comparison.facts["pls"]
    assert term is not None and found is not None and found.term == term.term


def test_a_new_build_is_read_afresh(sessions) -> None:  # type: ignore[no-untyped-def]
    with sessions() as session:
        before = [f.answer for f in queries._facts(session, "als", "symptoms")]
    with sessions() as session:
        fact = session.scalars(
            select(Fact).where(Fact.condition_slug == "als", Fact.topic_slug == "symptoms").options(selectinload("*"))
        ).first()
        assert fact is not None
        fact.answer = "Changed for this test."
        session.commit()
    with sessions() as session:
        session.info["build"] = "another build"  # what serving.py gives the Sessions of a new build
        after = [f.answer for f in queries._facts(session, "als", "symptoms")]
    assert before[0] != "Changed for this test." and after[0] == "Changed for this test."

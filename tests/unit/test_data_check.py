"""The data check: every fact is reached by some question, every glossary term is used or asked
about, and every source section a fact cites exists.

A fact that no question reaches is never shown (a reviewer signs off content nobody sees, and a
person never gets it); a glossary term that nothing uses or names is dead weight in the review.
The same checks run against a store with one such fault each, so they are known to catch it.
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from sqlalchemy import create_engine, update
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from bot.facts.loader import load_into
from bot.facts.models import Fact
from bot.facts.settings import DATA_DIR
from tests.unit.coverage import (
    example_questions,
    missing_sections,
    training_questions,
    unreachable_terms,
    unreached_facts,
)


@pytest.fixture(scope="module")
def questions() -> list[Any]:
    return training_questions()


def test_every_fact_is_reached_by_a_training_or_example_question(
    session: Session, domain: dict[str, Any], questions: list[Any]
) -> None:
    # The facts' own example questions first: they reach most facts at once.
    assert unreached_facts(session, domain, [*example_questions(session), *questions]) == []


def test_every_glossary_term_is_used_by_a_fact_or_named_by_a_question(session: Session, questions: list[Any]) -> None:
    assert unreachable_terms(session, [*questions, *example_questions(session)]) == []


def test_every_source_section_a_fact_cites_exists(session: Session) -> None:
    assert missing_sections(session) == []


ORPHAN = """
  - id: mnd.coping.98
    condition: mnd
    topic: coping
    answer: "Lighthouses are painted in bands."
    source: cc_mnd
    section: coping
    terms: [axon]
"""

LONELY_TERM = """
  - term: quasar
    definition: "A word nothing in the material uses."
    source: cc_mnd
    section: overview
"""


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """A store whose data has a fact no question reaches and a glossary term nothing uses."""
    data = tmp_path_factory.mktemp("faulty") / "facts"
    shutil.copytree(DATA_DIR, data)
    with (data / "facts" / "mnd.yml").open("a", encoding="utf-8") as out:
        out.write(ORPHAN)
    with (data / "glossary.yml").open("a", encoding="utf-8") as out:
        out.write(LONELY_TERM)
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    load_into(engine, data)
    return Session(engine)


def test_check_names_the_fact_no_question_reaches(
    faulty: Session, domain: dict[str, Any], questions: list[Any]
) -> None:
    unreached = unreached_facts(faulty, domain, [*example_questions(faulty), *questions])
    assert unreached == ["mnd.coping.98"]


def test_check_names_the_term_nothing_uses_or_asks_about(faulty: Session, questions: list[Any]) -> None:
    assert unreachable_terms(faulty, [*questions, *example_questions(faulty)]) == ["quasar"]


def test_check_names_a_fact_citing_a_section_its_source_lacks(faulty: Session) -> None:
    faulty.execute(update(Fact).where(Fact.id == "als.definition.1").values(section="lost_section"))
    try:
        assert missing_sections(faulty) == ["fact als.definition.1: cc_mnd/lost_section"]
    finally:
        faulty.rollback()


def test_training_questions_are_read_with_their_topic(questions: list[Any]) -> None:
    topics = {q.topic for q in questions}
    assert {"symptoms", "coping", "definition"} <= topics and None in topics  # ask_term, greet... have no topic
    assert any(q.text == "what does atrophy mean" and q.intent == "ask_term" for q in questions)

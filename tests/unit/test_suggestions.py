"""The questions the widget suggests while typing: all worded by people, all answered by the store."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts.models import Example, Fact
from bot.facts.suggestions import _capitals, _written_out, suggestions


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("what is als", "What is ALS?"),
        ("does pls spread to the arms", "Does PLS spread to the arms?"),
        ("what is kennedy's disease", "What is Kennedy's disease?"),
        ("what is progressive bulbar palsy", "What is progressive bulbar palsy?"),
        ("how can i support my mum with mnd", "How can I support my mum with MND?"),
        ("mnd explained simply", None),
        ("i've just been diagnosed and i'm scared", None),
    ],
)
def test_example_questions_are_written_out_as_a_person_would_see_them(
    session: Session, asked: str, shown: str | None
) -> None:
    assert _written_out(asked, _capitals(session)) == shown


def test_suggestions_are_the_stores_own_questions_and_each_is_answered(session: Session) -> None:
    found = suggestions(session)
    questions = [s["q"] for s in found]
    assert len(questions) == len({q.lower() for q in questions}) > 100
    covered = set(session.execute(select(Fact.condition_slug, Fact.topic_slug).distinct()).tuples())
    examples = {" ".join(t.split()).rstrip(" ?.").lower() for (t,) in session.execute(select(Example.text))}
    for entry in found:
        assert entry["q"][0].isupper() and entry["q"].endswith("?")
        if "c" in entry:  # a topic question: the condition has facts of its own on that topic
            assert (entry["c"], entry["t"]) in covered
        else:  # an example question, only its letters' case and the question mark changed
            assert entry["q"][:-1].lower() in examples
    assert "What are the symptoms of ALS?" in questions
    als = next(s for s in found if s["q"] == "What are the symptoms of ALS?")
    assert "lou gehrig's disease" in als["k"]

"""Questions across the types: which attribute and topic a question asks, and which types have it."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.facts import across

CASES = [
    # (question, topic of the answer, the types that have what is asked)
    ("which types mostly affect men?", "risk_factors", ["pma", "kennedy"]),
    ("Which MND types are linked to the X chromosome?", "inheritance", ["kennedy"]),
    ("what types involve the brainstem", "upper_lower", ["pbp"]),
    ("which of the mnd types can you get years after polio?", "risk_factors", ["pps"]),
    ("which kinds of MND have a medicine that can slow them down", "treatment", ["als"]),
    ("which types get worse slowly", "outlook", ["pps"]),
    ("which types start in the hands", "symptoms", ["pma"]),
    ("are any of the MND types linked to the X chromosome", "inheritance", ["kennedy"]),
    ("are there any motor neurone diseases that follow polio", "risk_factors", ["pps"]),
]


@pytest.mark.parametrize(("question", "topic", "conditions"), CASES)
def test_a_question_across_types_is_about_what_it_names(
    session: Session, question: str, topic: str, conditions: list[str]
) -> None:
    asked = across.attribute_question(session, question)
    assert asked is not None
    assert asked.topic == topic
    assert [f.condition for f in across.conditions_with(session, asked)] == conditions


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("her chewing", True),
        ("and the torso?", True),
        ("does it get to her arms", True),
        ("legs?", True),
        ("who would we talk to", False),  # "talk" as a verb of people
        ("should i get my hands checked by a doctor", False),  # more is asked than the hands
        ("how do people with it get fed if they cant swallow", False),
        ("where in the body are they", False),
    ],
)
def test_a_question_only_about_a_part_of_the_body(session: Session, text: str, body: bool) -> None:
    assert across.names_the_body(session, text) is body

"""Who has which condition, as people say it, and pointing back at it ("back to dad's one")."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from actions.people import pointed_at, remembered


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("my wife has ALS", {"wife": "als"}),
        ("cant sleep, dads pma is getting worse. what part does pma attack", {"dad": "pma"}),
        (
            "my baby has spinal muscular atrophy and my mum keeps confusing it with muscular dystrophy",
            {"baby": "sma"},
        ),
        ("my husband has ALS and my brother has PLS", {"husband": "als", "brother": "pls"}),
        ("what is PLS?", {}),
        ("mum has PLS, dad had ALS years back. whats the difference", {"mum": "pls", "dad": "als"}),
        ("husband has just been diagnosed with progressive muscular atrophy", {"husband": "pma"}),
        ("no sorry I meant PMA. thats what they said I have", {"me": "pma"}),
        ("41, diagnosed with kennedys. which gene is involved", {"me": "kennedy"}),
        ("im worried about ALS, what is it", {}),
        ("do I have ALS?", {}),
        ("my mum and my dad both asked about MND and ALS", {}),
    ],
)
def test_who_has_what(session: Session, text: str, people: dict[str, str]) -> None:
    assert remembered(session, text, {}) == people


@pytest.mark.parametrize(
    "text",
    ["back to dads one, does it reach the breathing", "going back to the one my baby has", "my brother's kind?"],
)
def test_pointing_back_at_someones_condition(text: str) -> None:
    people = {"dad": "pma", "baby": "sma", "brother": "kennedy"}
    assert pointed_at(text, people) in people.values()


@pytest.mark.parametrize(
    ("text", "people", "condition"),
    [
        ("back to mum - what does it do to swallowing", {"mum": "pls", "dad": "als"}, "pls"),
        ("back to what I've got - are there trials", {"me": "pma", "brother": "als"}, "pma"),
        ("returning to mine - where does the weakness start", {"me": "kennedy"}, "kennedy"),
        ("going back to his condition - will it get to his legs", {"husband": "pma", "mum": "als"}, "pma"),
        ("and for her condition, does it hurt", {"husband": "pma", "mum": "als"}, "als"),
        ("is his kind only in men", {"husband": "pma", "dad": "als"}, None),  # two men: unclear
    ],
)
def test_pointing_back_at_ones_own_or_his_or_her_condition(
    text: str, people: dict[str, str], condition: str | None
) -> None:
    assert pointed_at(text, people) == condition


def test_someone_named_only_as_he_or_she_is_remembered_and_pointed_back_at(session: Session) -> None:
    people = remembered(session, "I help out next door, he has bulbar palsy. what foods are safe", {})
    assert people == {"him": "pbp"}
    assert pointed_at("coming back to my neighbour's type - is it the lower motor neurones", people) == "pbp"
    assert pointed_at("going back to his condition", people) == "pbp"

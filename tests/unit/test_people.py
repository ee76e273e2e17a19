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

"""Who has which condition, as people say it, and pointing back at it ("back to dad's one")."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from actions.people import claimed, named_person, pointed_at
from actions.people_said import people_events, remembered


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
        # an age in brackets between the relative and what they have
        ("wife (58) was told last week she has primary lateral sclerosis", {"wife": "pls"}),
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


def test_which_type_someone_already_spoken_of_has(session: Session) -> None:
    people = remembered(session, "my grandad was told it's motor neurone disease", {})
    assert people == {"grandad": "mnd"}
    people = remembered(session, "the consultant said his is the PMA kind. what does that mean", people)
    assert people == {"grandad": "pma"}
    assert pointed_at("is grandads kind worse than that one", people) == "pma"
    # "his" standing alone for his condition
    assert pointed_at("does his ever affect breathing", people) == "pma"
    assert pointed_at("does his breathing get worse", people) is None
    assert pointed_at("his started in the hands, is that normal for it", people) == "pma"
    # with two men spoken of, "his" is not guessed
    two = {"dad": "mnd", "brother": "als"}
    assert remembered(session, "and his is the PLS type apparently", two) == two


@pytest.mark.parametrize(
    ("text", "people", "opened", "condition"),
    [
        # Nobody said whose: the type the conversation opened with ("Is there a cure for PMA?" ... ).
        ("back to my one. what about physio for it", {}, "pma", "pma"),
        ("going back to mine, is it usually younger people who get it", {}, "pma", "pma"),
        # ... unless it is someone else's.
        ("back to mine", {"husband": "als"}, "als", None),
        # A person called by name.
        ("back to alfie's, how does the missing protein hurt him", {"alfie": "sma", "me": "pma"}, "pma", "sma"),
        ("back to alfie's one, can it be cured", {}, "sma", "sma"),
        ("is alfie's one inherited", {"grandson": "sma"}, None, "sma"),
        # Words with an apostrophe that are not names.
        ("back to what's next", {}, "sma", None),
        # "Hers", "his", "my own condition" with nobody's said: the type it opened with.
        ("back to hers - does it make the muscles stiff", {}, "pls", "pls"),
        ("Going back to my own condition - does it get worse as time goes on?", {}, "pps", "pps"),
        # "The baby one" is the type that affects babies, unless a baby of theirs was mentioned.
        ("going back to the baby one, is it genetic", {}, "kennedy", None),
        ("going back to the baby one, is it genetic", {"baby": "sma"}, "kennedy", "sma"),
    ],
)
def test_whose_it_is_when_nobody_said(text: str, people: dict[str, str], opened: str | None, condition: str) -> None:
    assert pointed_at(text, people, opened) == condition


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("the third one is mine. so only the lower ones?", "me"),
        ("the first one is what alfie has. is it the most common cause of babies dying", "alfie"),
        ("the first one is what dad has. how is it different from the second", "dad"),
        ("the fifth one is alfies isnt it", "alfie"),
        ("is dads one in that list", None),
        ("which one is the most common", None),
        ("which one is hers", None),
        ("ok so mums is the first one there. the second one, where does that start?", "mum"),
    ],
)
def test_saying_whose_a_listed_type_is(session: Session, text: str, owner: str | None) -> None:
    events = people_events(session, text, {}, "sma")
    assert claimed(text) == owner
    if owner:
        assert events[0]["value"][owner] == "sma"


def test_someone_called_by_name_is_remembered_and_pointed_back_at(session: Session) -> None:
    text = "hello dear, my grandson alfie is 8 months old and they say he has spinal muscular atrophy"
    people = remembered(session, text, {})
    assert people["alfie"] == "sma"
    assert named_person("so why has alfie got it so young", people) == ("sma", "so why has got it so young")
    assert named_person("alfies weak in his legs", people) == ("sma", "weak in his legs")
    # Words after a relative that are not names.
    assert "has" not in remembered(session, "my dad has ALS", {})
    assert named_person("why has he got it", people) is None
    assert named_person("it will come down to him as well", {"him": "als", "derek": "als"}) is None


def test_a_claim_with_an_ordinal_records_that_one_of_the_listing(session: Session) -> None:
    listed = ["kennedy", "pps"]
    events = people_events(session, "The last one is mine. The first one is my friend's.", {}, "kennedy", listed)
    assert events[0]["value"] == {"me": "pps", "friend": "kennedy"}

"""Wordings whose topic is plain from their grammar (data/wordings/topics.yml): the rules load, each is tried in
order, and a few wordings a classifier trained on bags of words gets wrong are read by their grammar."""

from __future__ import annotations

import pytest

from actions.worded import RULES_FILE, _load, says_feelings, worded_topic


def test_every_rule_loads_with_a_known_topic() -> None:
    rules = _load(RULES_FILE)
    assert len(rules) >= 50


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("what does PBP do to the body", "symptoms"),
        ("whats it do", "symptoms"),
        ("what were those medicines called again", "treatment"),
        ("she's only 39, is that normal for it?", "risk_factors"),
        ("what tests would they have done", "diagnosis"),
        ("at what point should she get it looked at", "when_to_see_provider"),
        ("could our kids get it", "inheritance"),
        ("what early signs should we watch for", "symptoms"),
        ("is there a name for weakness coming back after polio", "definition"),
        ("is that one the most common", "definition"),
        ("honestly i'm worn out and don't know who to turn to", "coping"),
        # the asking sentence's own wording, unless it points back
        ("his walking is getting worse. what helps", "treatment"),
        ("dad is 71. is that the normal sort of age for it", "risk_factors"),
        ("is pps in the same family of illnesses", "types"),
        ("honestly i dont know how to be around my dad now", "coping"),
        # which motor neurons, not what they do
        ("what neurons does it hit", "upper_lower"),
        ("what motor neurones are affected in pma", "upper_lower"),
        # research into treating it, not what causes it
        ("is anybody working on research for it", "treatment"),
        ("is there any research going on at the moment", "treatment"),
        ("is pma one of the slower ones", "outlook"),
        # whom it affects: by age, and how long after polio
        ("she's 41, is that young for it", "risk_factors"),
        ("he had polio as a boy, can it really show up that late", "risk_factors"),
        # listing the types, and why a diagnosis takes time
        ("for my exam can you run through the different types of motor neurone disease", "types"),
        ("why do the doctors have to wait to be sure", "diagnosis"),
    ],
)
def test_topics_plain_from_the_grammar(text: str, topic: str) -> None:
    assert worded_topic(text) == topic


@pytest.mark.parametrize(
    "text",
    [
        # "turn to" is no turning into another type; a question about causes is not read as its effects
        "what causes it",
        "is ALS the commonest type of motor neurone disease",
        "does PLS turn to ALS",
    ],
)
def test_not_read_as_another_topic(text: str) -> None:
    assert worded_topic(text) not in ("symptoms", "definition", "coping")


def test_feelings_that_ask_nothing() -> None:
    assert says_feelings("i feel so guilty that i snap at her")
    assert not says_feelings("i feel guilty, is that normal?")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("is that only for ALS", "treatment"),
        ("why do motor neurons die", "causes"),
        ("what's that disease called", "definition"),
    ],
)
def test_more_topics_plain_from_the_grammar(text: str, topic: str) -> None:
    assert worded_topic(text) == topic


def test_a_last_sentence_that_points_back_is_not_read_alone() -> None:
    # "what does it do" alone asks its effects; here "it" is the medicine in the sentence before
    assert worded_topic("what does it actually do") == "symptoms"
    assert worded_topic("mum's on riluzole now. what does it actually do") != "symptoms"


def test_feeling_a_burden_is_a_feeling() -> None:
    assert says_feelings("my wife does everything for me now and i feel like a burden")


@pytest.mark.parametrize("text", ["can you explain what motor neurons actually do", "so what motor neurons are"])
def test_what_motor_neurons_do_or_are_is_not_which_ones(text: str) -> None:
    assert worded_topic(text) != "upper_lower"

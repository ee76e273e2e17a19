"""Red flags are caught before anything else; look-alike questions are not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "safety" / "red_flags.yml").read_text(encoding="utf-8"))


def test_there_are_enough_varied_wordings() -> None:
    assert len(set(CASES["emergencies"])) >= 30
    assert len(set(CASES["not_emergencies"])) >= 20


@pytest.mark.parametrize("text", CASES["emergencies"])
def test_emergency_wordings_become_report_emergency(parse: Callable[[str], dict[str, Any]], text: str) -> None:
    assert parse(text)["intent"]["name"] == "report_emergency"


@pytest.mark.parametrize("text", CASES["not_emergencies"])
def test_educational_look_alikes_are_not_emergencies(parse: Callable[[str], dict[str, Any]], text: str) -> None:
    result = parse(text)
    assert result["intent"]["name"] != "report_emergency"
    assert result["safety"]["level"] != "emergency"


def test_rules_override_a_confident_classifier(parse: Callable[[str], dict[str, Any]]) -> None:
    """Even phrased like a topic question, danger now wins."""
    result = parse("what are the symptoms of ALS, my husband can't breathe right now")
    assert result["intent"] == {"name": "report_emergency", "confidence": 1.0}
    assert result["safety"]["kind"] == "breathing"
    assert {"entity": "emergency", "value": "breathing"}.items() <= next(
        e for e in result["entities"] if e["entity"] == "emergency"
    ).items()


@pytest.mark.parametrize(
    "text",
    [
        "took a whole bottle of his sleeping tablets an hour ago",
        "she has swallowed a packet of co-codamol and is drowsy",
        "left letters for my wife and son on the table, they will understand why",
    ],
)
def test_an_overdose_of_any_medicine_and_goodbye_letters(parse: Callable[[str], dict[str, Any]], text: str) -> None:
    assert parse(text)["intent"]["name"] == "report_emergency"


@pytest.mark.parametrize(
    "text",
    [
        # A worry about what may come, with no wish to die, no means and no goodbye
        "i really don't want to end up being a burden to my children",
        "scared of becoming dependent on my husband for everything",
        # Supposing, from the first word: what to do if it happens one day
        "if she stops breathing one night should we phone an ambulance or not",
    ],
)
def test_worries_and_suppositions_are_not_emergencies(parse: Callable[[str], dict[str, Any]], text: str) -> None:
    assert parse(text)["safety"]["level"] != "emergency"


def test_a_burden_with_means_is_still_an_emergency(parse: Callable[[str], dict[str, Any]]) -> None:
    assert parse("i don't want to be a burden any more, i've kept all my pills")["intent"]["name"] == "report_emergency"


def test_one_type_named_instead_of_another_is_a_correction(parse: Callable[[str], dict[str, Any]]) -> None:
    assert parse("oh wait, ive found his clinic letter, it says PBP not PLS")["safety"]["level"] == "none"


@pytest.mark.parametrize(
    "text",
    [
        # How it will go for someone, asked, with no sign of danger now
        "will my little boy die from this",
        # A care question about what has been so for a while ("now" as in these days)
        "mum can't walk much now, what helps with the stiffness",
    ],
)
def test_prognosis_and_care_questions_are_not_emergencies(parse: Callable[[str], dict[str, Any]], text: str) -> None:
    assert parse(text)["safety"]["level"] != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # everyday words that are also words of self-harm or a carer's crisis ("will", "might"), beside "now"
        "will it affect chewing as well? he takes ages over his dinner now",
        "is the clinic open this week, we might drive over on friday",
        # pressing for care is not a push
        "i keep thinking we should've pushed the gp sooner",
        # weakness "now" as in these days
        "he had polio as a boy and now his arms are going weak again, is that a known thing",
        # leaving the chat, and apologising for talking at length
        "right, i think that's me done for today. thank you",
        "sorry to go on, i'm up half the night with him and i've given up my walking group. who helps carers?",
    ],
)
def test_everyday_words_beside_now_need_no_safety_note(parse: Callable[[str], dict[str, Any]], text: str) -> None:
    assert parse(text)["safety"]["level"] == "none"


@pytest.mark.parametrize(
    "text",
    ["he's been choking on his tea a lot today", "she seems more muddled than usual this morning"],
)
def test_body_words_said_of_today_still_get_the_safety_note(parse: Callable[[str], dict[str, Any]], text: str) -> None:
    assert parse(text)["safety"]["level"] != "none"

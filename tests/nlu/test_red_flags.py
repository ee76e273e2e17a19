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

"""``Domain.is_empty`` (asked on every parse) gives Rasa's answer without building an empty Domain each time."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain

from bot import tuning

ROOT = Path(__file__).resolve().parents[2]


def test_is_empty_answers_as_rasa_does_without_making_a_domain(monkeypatch: pytest.MonkeyPatch) -> None:
    tuning.install()
    tuning.install()  # idempotent: wraps once
    rasa_is_empty = Domain.is_empty.rasa  # type: ignore[attr-defined]
    domains = [Domain.load(str(ROOT / "domain.yml")), Domain.empty(), Domain.from_dict({"intents": ["greet"]})]
    expected = [rasa_is_empty(d) for d in domains]
    assert expected == [False, True, False]

    def made() -> Domain:
        raise AssertionError("an empty Domain was built for the check")

    monkeypatch.setattr(Domain, "empty", classmethod(lambda cls: made()))
    assert [d.is_empty() for d in domains] == expected

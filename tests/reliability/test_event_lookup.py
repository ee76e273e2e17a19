"""Stored events are read back as the same classes with the remembered lookup (bot/tuning.py) as without it."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.utils.common import all_subclasses

from bot import tuning

TYPE_NAMES = sorted({cls.type_name for cls in all_subclasses(Event)})


@pytest.fixture(scope="module")
def rasa_classes() -> dict[str, type[Event] | None]:
    """What Rasa's own lookup gives for every type name (the original, even if another test installed the
    remembering one first in this process)."""
    rasa = getattr(Event.resolve_by_type, "rasa", Event.resolve_by_type)
    return {name: rasa(name) for name in TYPE_NAMES}


def test_every_type_name_resolves_to_rasas_class_every_time(rasa_classes: dict[str, type[Event] | None]) -> None:
    tuning.install()
    tuning.install()  # idempotent: wraps once
    assert Event.resolve_by_type.remembers  # type: ignore[attr-defined]
    for _ in range(2):  # the first lookup asks Rasa, the second is remembered
        assert {name: Event.resolve_by_type(name) for name in TYPE_NAMES} == rasa_classes


def test_unknown_names_and_defaults_are_rasas(rasa_classes: dict[str, type[Event] | None]) -> None:
    tuning.install()
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", ActionExecuted) is ActionExecuted
    assert Event.resolve_by_type("topic") is None  # Rasa's backwards compatibility for old events
    assert Event.resolve_by_type("user", ActionExecuted) is UserUttered
    assert Event.from_parameters({"event": "action", "name": "action_listen"}) == ActionExecuted("action_listen")

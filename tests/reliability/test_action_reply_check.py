"""The fast check of action server replies (bot/tuning.py) gives Rasa's verdicts, never a looser one."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core import events as E
from rasa.shared.utils.schemas.events import EVENT_SCHEMA

from bot import tuning

# One real event of every type Rasa's schema knows, serialised the way the action server sends them.
REAL_EVENTS = [
    E.UserUttered(
        "what is ALS",
        intent={"name": "ask_definition", "confidence": 0.97},
        entities=[{"entity": "condition", "value": "als", "start": 8, "end": 11, "extractor": "x"}],
        parse_data={
            "intent_ranking": [{"name": "ask_definition", "confidence": 0.97}],
            "response_selector": {"all_retrieval_intents": []},
        },
    ),
    E.ActionExecuted("action_answer_topic", policy="RulePolicy", confidence=1.0),
    E.SlotSet("condition", "als"),
    E.SlotSet("last_facts", ["als-definition", "als-cause"]),
    E.SlotSet("terms", None),
    E.EntitiesAdded([{"entity": "term", "value": "hyperreflexia"}]),
    E.DefinePrevUserUtteredFeaturization(True),
    E.ReminderCancelled(name="r"),
    E.ReminderScheduled("greet", trigger_date_time=__import__("datetime").datetime(2026, 1, 1)),
    E.ActionExecutionRejected("action_x"),
    E.LegacyFormValidation(True),
    E.LoopInterrupted(True),
    E.LegacyForm("form_x"),
    E.ActiveLoop("form_x"),
    E.AllSlotsReset(),
    E.ConversationResumed(),
    E.ConversationPaused(),
    E.FollowupAction("action_listen"),
    E.StoryExported(),
    E.Restarted(),
    E.ActionReverted(),
    E.UserUtteranceReverted(),
    E.BotUttered("ALS is a type of MND.", {"custom": {"kind": "answer", "facts": ["als-definition"]}}),
    E.SessionStarted(),
    E.AgentUttered("hi"),
]


def _breakages(event: dict[str, Any]) -> list[Any]:
    """Ways an action server could get an event wrong."""
    broken: list[Any] = [None, "slot", 3, [event]]
    for key in list(event):
        without = dict(event)
        del without[key]
        broken.append(without)
        for wrong in (None, 7, "text", [], {}, True, 1.5):
            changed = dict(event)
            changed[key] = wrong
            broken.append(changed)
    broken.append({**event, "event": "no_such_event"})
    broken.append({**event, "timestamp": "yesterday"})
    broken.append({**event, "metadata": []})
    return broken


# Rasa's verdict: its whole schema, oneOf and all (what ``jsonschema.validate`` decides, built once).
_SCHEMA = RemoteAction.action_response_format_spec()
_RASA = jsonschema.validators.validator_for(_SCHEMA)(_SCHEMA)


def _rasa_accepts(reply: Any) -> bool:
    return bool(_RASA.is_valid(reply))


def _cases() -> list[Any]:
    serialised = [event.as_dict() for event in REAL_EVENTS]
    cases: list[Any] = [
        {},
        {"events": [], "responses": []},
        {"events": serialised, "responses": [{"text": "hi", "custom": {"kind": "answer"}}]},
        None,
        [],
        "events",
        {"events": {}},
        {"events": None},
        {"responses": {}},
        {"responses": ["text"]},
        {"events": serialised, "responses": [None]},
    ]
    for event in serialised:
        cases.append({"events": [event]})
        cases.extend({"events": [broken], "responses": []} for broken in _breakages(event))
        cases.extend({"events": [*serialised, broken]} for broken in _breakages(event)[:8])
    return cases


CASES = _cases()


def test_every_event_type_in_rasa_schema_is_covered() -> None:
    covered = {event.type_name for event in REAL_EVENTS}
    in_schema = {alternative["properties"]["event"]["const"] for alternative in EVENT_SCHEMA["oneOf"]}
    assert covered == in_schema


def test_cases_hold_both_valid_and_invalid_replies() -> None:
    verdicts = [_rasa_accepts(case) for case in CASES]
    assert sum(verdicts) >= 60
    assert len(verdicts) - sum(verdicts) >= 300


def test_fast_check_agrees_with_rasa_on_every_case() -> None:
    check = tuning.ActionReplyCheck()
    disagree = [case for case in CASES if check.accepts(copy.deepcopy(case)) != _rasa_accepts(case)]
    assert disagree == []


def test_installed_check_returns_true_or_raises_rasas_error() -> None:
    tuning.install()
    tuning.install()  # idempotent: wraps once
    action = RemoteAction("action_answer_topic", None)
    good = {"events": [E.SlotSet("condition", "pls").as_dict()], "responses": [{"text": "PLS is..."}]}
    assert action._validate_action_result(good) is True
    with pytest.raises(jsonschema.ValidationError) as caught:
        action._validate_action_result({"events": [{"event": "slot", "value": "pls"}]})
    assert "Failed to validate Action server response" in caught.value.message

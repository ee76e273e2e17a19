"""IntentMapPolicy decides what RulePolicy decides on the project's rules, and refuses rules it cannot follow."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_DEFAULT_FALLBACK_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.core.training_data.structures import StoryGraph

from bot.dialogue.intent_map import IntentMapPolicy, NotAnIntentMap

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))
RULES = sorted((ROOT / "data" / "rules").glob("*.yml"))


def _trackers(paths: list[Path], domain: Domain = DOMAIN) -> list:
    steps = [s for p in paths for s in YAMLStoryReader(domain).read_from_file(str(p))]
    return TrainingDataGenerator(StoryGraph(steps), domain, use_story_concatenation=False).generate()


def _policy(cls: type, tmp_path: Path, name: str):
    (tmp_path / name).mkdir()
    storage = LocalModelStorage(tmp_path / name)
    context = ExecutionContext(GraphSchema({}), "test")
    return cls.create({**cls.get_default_config()}, storage, Resource(name), context), storage, context


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[IntentMapPolicy, RulePolicy]:
    tmp = tmp_path_factory.mktemp("policies")
    trackers = _trackers(RULES)
    ours, _, _ = _policy(IntentMapPolicy, tmp, "ours")
    ours.train(trackers, DOMAIN)
    rules, _, _ = _policy(RulePolicy, tmp, "rules")
    rules.train(trackers, DOMAIN)
    return ours, rules


def _user(intent: str) -> UserUttered:
    return UserUttered("some words", {"name": intent, "confidence": 0.81})


def _tracker(*events) -> DialogueStateTracker:
    start = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)]
    return DialogueStateTracker.from_events("someone", start + list(events), DOMAIN.slots)


def _decision(policy, tracker: DialogueStateTracker) -> tuple[str, float]:
    prediction = policy.predict_action_probabilities(tracker, DOMAIN)
    best = prediction.max_confidence_index
    return DOMAIN.action_names_or_texts[best], round(prediction.probabilities[best], 6)


def _situations(mapping: dict[str, str]) -> dict[str, DialogueStateTracker]:
    """Every kind of moment a prediction is asked for, with every intent of the domain and the defaults."""
    situations = {}
    intents = [*DOMAIN.intents, "never_heard_of"]
    for intent in intents:
        situations[f"message {intent}"] = _tracker(_user(intent))
        mapped = mapping.get(intent, "action_smalltalk")
        situations[f"after {mapped} for {intent}"] = _tracker(_user(intent), ActionExecuted(mapped))
        situations[f"after a second action for {intent}"] = _tracker(
            _user(intent), ActionExecuted("utter_emergency"), ActionExecuted(mapped)
        )
        situations[f"{intent} after an earlier turn"] = _tracker(
            _user("greet"),
            ActionExecuted("action_smalltalk"),
            SlotSet("condition", "als"),
            ActionExecuted(ACTION_LISTEN_NAME),
            _user(intent),
        )
    situations["after the user message was undone"] = _tracker(
        _user("ask_symptoms"),
        ActionExecuted("action_answer_topic"),
        ActionExecuted(ACTION_LISTEN_NAME),
        _user("never_heard_of"),
        ActionExecuted(ACTION_DEFAULT_FALLBACK_NAME),
        UserUtteranceReverted(),
    )
    situations["after a restart"] = _tracker(_user("restart"), ActionExecuted("action_restart"), Restarted())
    situations["a message without an intent"] = _tracker(UserUttered("some words"))
    return situations


def test_the_map_is_the_rules(trained: tuple[IntentMapPolicy, RulePolicy]) -> None:
    ours, _ = trained
    assert ours.mapping["ask_symptoms"] == "action_answer_topic"
    assert ours.mapping["nlu_fallback"] == "action_offer_readings"
    assert ours.mapping["report_emergency"] == "utter_emergency"
    assert len(ours.mapping) == len(_trackers(RULES))


def test_every_decision_is_rule_policys(trained: tuple[IntentMapPolicy, RulePolicy]) -> None:
    ours, rules = trained
    situations = _situations(ours.mapping)
    differences = {
        name: (_decision(ours, t), _decision(rules, t))
        for name, t in situations.items()
        if _decision(ours, t) != _decision(rules, t)
    }
    assert not differences
    # The situations cover each kind of decision: an action, waiting, the defaults and the fallback.
    decisions = {_decision(ours, t) for t in situations.values()}
    assert {("action_answer_topic", 1.0), (ACTION_LISTEN_NAME, 1.0), ("action_restart", 1.0)} <= decisions
    assert (ACTION_DEFAULT_FALLBACK_NAME, 0.3) in decisions


def test_an_unmapped_intent_gets_the_core_fallback(trained: tuple[IntentMapPolicy, RulePolicy]) -> None:
    ours, _ = trained
    assert _decision(ours, _tracker(_user("never_heard_of"))) == (ACTION_DEFAULT_FALLBACK_NAME, 0.3)
    assert _decision(ours, _tracker(_user("back"))) == ("action_back", 1.0)


def test_the_map_survives_a_save_and_load(tmp_path: Path) -> None:
    policy, storage, context = _policy(IntentMapPolicy, tmp_path, "saved")
    resource = policy.train(_trackers(RULES), DOMAIN)
    loaded = IntentMapPolicy.load(IntentMapPolicy.get_default_config(), storage, resource, context)
    assert loaded.mapping == policy.mapping
    assert _decision(loaded, _tracker(_user("ask_more"))) == ("action_tell_more", 1.0)


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        (
            "  - intent: ask_symptoms\n  - action: action_answer_topic\n"
            "  - intent: ask_more\n  - action: action_tell_more\n",
            "is not one step",
        ),
        (
            "  condition:\n  - slot_was_set:\n    - condition: als\n"
            "  steps:\n  - intent: ask_symptoms\n  - action: action_answer_topic\n",
            "has a condition",
        ),
        ("  - intent: ask_symptoms\n  - action: action_answer_topic\n  wait_for_user_input: false\n", "not one step"),
        ("  conversation_start: true\n  steps:\n  - intent: greet\n  - action: action_smalltalk\n", "start"),
        (
            "  - intent: ask_symptoms\n    entities:\n    - condition: als\n  - action: action_answer_topic\n",
            "without entities",
        ),
    ],
    ids=["two steps", "a condition", "no waiting", "conversation start", "entities"],
)
def test_refuses_a_rule_that_is_not_one_step(tmp_path: Path, steps: str, expected: str) -> None:
    body = steps if steps.startswith("  condition") or steps.startswith("  conversation") else f"  steps:\n{steps}"
    if "wait_for_user_input" in steps:
        body = "  steps:\n" + steps.replace("  wait_for_user_input: false\n", "") + "  wait_for_user_input: false\n"
    rules = tmp_path / "rules.yml"
    rules.write_text(f'version: "3.1"\nrules:\n- rule: the odd one\n{body}', encoding="utf-8")
    policy, _, _ = _policy(IntentMapPolicy, tmp_path, "odd")
    with pytest.raises(NotAnIntentMap, match=expected) as refused:
        policy.train(_trackers([rules]), DOMAIN)
    assert "the odd one" in str(refused.value)


def test_refuses_an_intent_mapped_to_two_actions(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yml"
    rules.write_text(
        'version: "3.1"\nrules:\n- rule: symptoms twice\n  steps:\n  - intent: ask_symptoms\n'
        "  - action: action_tell_more\n",
        encoding="utf-8",
    )
    policy, _, _ = _policy(IntentMapPolicy, tmp_path, "twice")
    with pytest.raises(NotAnIntentMap, match="ask_symptoms.*two actions"):
        policy.train(_trackers([*RULES, rules]), DOMAIN)


def test_refuses_a_story(tmp_path: Path) -> None:
    stories = tmp_path / "stories.yml"
    stories.write_text(
        'version: "3.1"\nstories:\n- story: a story\n  steps:\n  - intent: greet\n  - action: action_smalltalk\n',
        encoding="utf-8",
    )
    policy, _, _ = _policy(IntentMapPolicy, tmp_path, "story")
    with pytest.raises(NotAnIntentMap, match="a story"):
        policy.train(_trackers([*RULES, stories]), DOMAIN)

"""A dialogue policy that is the rules as a map: intent -> action (config.yml `policies`).

Every rule in data/rules is one step, "after intent X, run action Y"; the context for follow-ups
lives in slots that the actions read. Rasa's RulePolicy decides the same thing, but does it by
featurising the tracker's states and matching every rule key against them, twice a turn (the
action, then ``action_listen``): about a quarter of the Rasa server's CPU per turn. This policy
makes the same decisions from the latest action and the latest intent:

- after a user message (the latest action is ``action_listen``): Rasa's default intents
  (``restart``, ``back``, ``session_start``) run their default actions, as RulePolicy's
  ``DEFAULT_ACTION_MAPPINGS`` do; a mapped intent runs its action with confidence 1;
- right after the mapped action of the latest intent: ``action_listen``;
- anything else (an intent no rule maps, an action that is not its intent's rule action): the core
  fallback (``action_default_fallback`` at ``core_fallback_threshold``), exactly as RulePolicy
  predicts when no rule matches.

Training refuses, naming the rule, anything that is not a single "intent -> action" step (a
condition, slots, entities, several steps, ``conversation_start``, ``wait_for_user_input: false``,
user text instead of an intent), a story, and an intent mapped to two actions: such data needs
RulePolicy, and silently ignoring it would change the bot's behaviour.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

from rasa.core.constants import DEFAULT_CORE_FALLBACK_THRESHOLD, POLICY_PRIORITY, RULE_POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.core.policies.rule_policy import DEFAULT_ACTION_MAPPINGS
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_DEFAULT_FALLBACK_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.constants import RULE_SNIPPET_ACTION_NAME as RULE_SNIPPET
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException

MAP_FILE = "intent_map.json"


class NotAnIntentMap(RasaException):
    """The rules are not all single "intent -> action" steps; the message names the rule."""


def _describe(event: Event) -> str:
    if isinstance(event, ActionExecuted):
        return f"action {event.action_name or event.action_text!r}"
    if isinstance(event, UserUttered):
        return f"user message {event.intent_name or event.text!r}"
    return f"{event.type_name} event"


def rule_step(tracker: DialogueStateTracker) -> tuple[str, str]:
    """The (intent, action) of a rule tracker that is one step, or :class:`NotAnIntentMap` saying why not."""
    name = tracker.sender_id
    if not tracker.is_rule_tracker:
        raise NotAnIntentMap(f"'{name}' is a story; IntentMapPolicy follows single-step rules only (use RulePolicy)")
    events = list(tracker.events)
    snippets = [i for i, e in enumerate(events) if isinstance(e, ActionExecuted) and e.action_name == RULE_SNIPPET]
    snippet = snippets[0] if snippets else None
    if snippet is None:
        raise NotAnIntentMap(
            f"rule '{name}' applies only at the start of a conversation; this policy has no such rules"
        )
    if snippet > 0:
        found = ", ".join(_describe(e) for e in events[:snippet])
        raise NotAnIntentMap(f"rule '{name}' has a condition ({found}); IntentMapPolicy maps intents only")
    steps = events[1:]
    shape_ok = (
        len(steps) == 4
        and isinstance(steps[0], ActionExecuted)
        and steps[0].action_name == ACTION_LISTEN_NAME
        and isinstance(steps[1], UserUttered)
        and isinstance(steps[2], ActionExecuted)
        and isinstance(steps[3], ActionExecuted)
        and steps[3].action_name == ACTION_LISTEN_NAME
    )
    if not shape_ok:
        found = ", ".join(_describe(e) for e in steps) or "nothing"
        raise NotAnIntentMap(
            f"rule '{name}' is not one step 'intent -> action' followed by waiting for the user (found: {found}); "
            "use RulePolicy for it"
        )
    user, action = steps[1], steps[2]
    if not user.intent_name or user.entities or not action.action_name or action.action_name == ACTION_LISTEN_NAME:
        raise NotAnIntentMap(
            f"rule '{name}' must map an intent without entities to an action (found {_describe(user)} "
            f"with {len(user.entities)} entities -> {_describe(action)})"
        )
    return user.intent_name, action.action_name


def intent_map(trackers: List[DialogueStateTracker]) -> Dict[str, str]:
    """The map of all rule trackers, refusing a rule that is not one step and an intent with two actions."""
    mapping: Dict[str, str] = {}
    for tracker in trackers:
        if not tracker.is_rule_tracker and not any(isinstance(e, UserUttered) for e in tracker.events):
            continue  # an empty story tracker says nothing
        intent, action = rule_step(tracker)
        if mapping.setdefault(intent, action) != action:
            raise NotAnIntentMap(
                f"intent '{intent}' is mapped to two actions, '{mapping[intent]}' and '{action}' "
                f"(rule '{tracker.sender_id}')"
            )
    return mapping


def previous_action(tracker: DialogueStateTracker) -> str | None:
    """The name of the action before the latest one, on the events as applied (undone turns left out)."""
    seen = 0
    for event in reversed(tracker.applied_events()):
        if isinstance(event, ActionExecuted):
            seen += 1
            if seen == 2:
                return event.action_name
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class IntentMapPolicy(Policy):
    """RulePolicy's decisions for single-step rules, read from a map instead of matched state by state."""

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_AND_RULE_DATA

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # The same defaults as RulePolicy's, so that a fallback happens exactly where it did.
        return {
            POLICY_PRIORITY: RULE_POLICY_PRIORITY,
            "core_fallback_threshold": DEFAULT_CORE_FALLBACK_THRESHOLD,
            "core_fallback_action_name": ACTION_DEFAULT_FALLBACK_NAME,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        mapping: Dict[str, str] | None = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context)
        self.mapping: Dict[str, str] = dict(mapping or {})

    def train(self, training_trackers: List[DialogueStateTracker], domain: Domain, **kwargs: Any) -> Resource:
        mapping = intent_map(training_trackers)
        unknown = sorted({a for a in mapping.values() if a not in domain.action_names_or_texts})
        fallback = self.config["core_fallback_action_name"]
        if fallback not in domain.action_names_or_texts:
            unknown.append(fallback)
        if unknown:
            raise NotAnIntentMap(f"actions not in the domain: {', '.join(unknown)}")
        self.mapping = mapping
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as path:
            (Path(path) / MAP_FILE).write_text(json.dumps(self.mapping, indent=1, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> IntentMapPolicy:
        with model_storage.read_from(resource) as path:
            mapping = json.loads((Path(path) / MAP_FILE).read_text(encoding="utf-8"))
        return cls(config, model_storage, resource, execution_context, mapping=mapping)

    def next_action(self, tracker: DialogueStateTracker) -> str | None:
        """The action the rules call for next, or None where RulePolicy would fall back."""
        message = tracker.latest_message
        intent = message.intent.get("name") if message is not None else None
        latest = tracker.latest_action_name
        if latest == ACTION_LISTEN_NAME:
            if intent is None:
                return None
            return DEFAULT_ACTION_MAPPINGS.get(intent) or self.mapping.get(intent)
        if intent is not None and latest is not None and self.mapping.get(intent) == latest:
            # RulePolicy's rule for waiting matches only when the action ran straight after the message.
            return ACTION_LISTEN_NAME if previous_action(tracker) == ACTION_LISTEN_NAME else None
        return None

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = [0.0] * domain.num_actions
        action = self.next_action(tracker)
        if action is not None:
            probabilities[domain.index_for_action(action)] = 1.0
        else:
            fallback = self.config["core_fallback_action_name"]
            probabilities[domain.index_for_action(fallback)] = self.config["core_fallback_threshold"]
        # Like RulePolicy's rules that no story repeats, a rule's turn is hidden from ML policies' featurising.
        return PolicyPrediction(
            probabilities, self.__class__.__name__, self.priority, hide_rule_turn=action is not None
        )

"""A Rasa NLU component that decides, before anything else, whether someone is in danger now.

It runs last in the pipeline and asks the emergency detector (bot/safety/detector.py: red-flag
patterns as the floor, a linear model trained on hundreds of emergencies and look-alikes):

- ``emergency``: the intent becomes ``report_emergency`` with full confidence, whatever the
  classifier or the fallback decided, and an ``emergency`` entity carries the kind (breathing,
  choking, ..., self_harm, carer_crisis). The ``emergency`` slot is filled from it, and the reply
  variation for that kind is chosen in domain.yml.
- ``note`` or ``none``: if the intent classifier had guessed ``report_emergency``, that guess is
  dropped for the next reading in its ranking (or ``nlu_fallback`` when that one is weak), so a
  look-alike gets a normal answer. With ``note`` the answer leads with one line: "If this is
  happening right now, call…".

Every parse carries ``safety``: {level, kind, probability, source}; the actions read it.
The detector is trained here, as part of ``rasa train``, on data/safety/emergencies/*.jsonl and
the bot's own training questions (every intent but ``report_emergency`` as a non-emergency), and
its weights are stored in the model as plain arrays.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.safety.data import WORDINGS_DIR, load_wordings
from bot.safety.detector import NONE, PATTERNS_FILE, Detector, load_patterns, pattern_kind, train_model

EXTRACTOR = "EmergencyDetector"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class RedFlagClassifier(GraphComponent):
    """Overrides the intent with ``report_emergency`` when the emergency detector says danger now."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "patterns_file": str(PATTERNS_FILE),
            "wordings_dir": str(WORDINGS_DIR),
            "intent": "report_emergency",
            "entity": "emergency",
            "fallback_intent": "nlu_fallback",
            "fallback_threshold": 0.3,
            "C": 4.0,
        }

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage, self._resource = model_storage, resource
        self.detector: Detector | None = None

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RedFlagClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        patterns = load_patterns(Path(self.config["patterns_file"]))
        texts: list[str] = []
        labels: list[str] = []
        for wording in load_wordings(Path(self.config["wordings_dir"])):
            texts.append(wording.text)
            labels.append(wording.label)
        for example in training_data.intent_examples:
            text = example.get(TEXT)
            if not text:
                continue
            if example.get(INTENT) == self.config["intent"]:
                kind = pattern_kind(text, patterns)
                if kind is None:
                    continue  # an emergency whose kind no pattern names: the wordings cover it
                texts.append(text)
                labels.append(kind)
            else:
                texts.append(text)
                labels.append(NONE)
        self.detector = Detector(train_model(texts, labels, c=float(self.config["C"])), patterns)
        with self._storage.write_to(self._resource) as directory:
            self.detector.save(Path(directory))
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RedFlagClassifier:
        component = cls(config, model_storage, resource)
        with model_storage.read_from(resource) as directory:
            component.detector = Detector.load(Path(directory), Path(component.config["patterns_file"]))
        return component

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self.detector is None:
            return messages
        for message in messages:
            text = message.get(TEXT) or ""
            verdict = self.detector.assess(text)
            message.set("safety", verdict.as_dict(), add_to_output=True)
            if verdict.level == "emergency":
                self._mark_emergency(message, verdict.kind, text)
            else:
                self._drop_emergency_guess(message)
        return messages

    def _mark_emergency(self, message: Message, kind: str | None, text: str) -> None:
        top = {"name": self.config["intent"], "confidence": 1.0}
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != top["name"]]
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [top, *ranking], add_to_output=True)
        if kind:
            entity = {
                "entity": self.config["entity"],
                "value": kind,
                "start": 0,
                "end": len(text),
                "extractor": EXTRACTOR,
            }
            others = [e for e in message.get(ENTITIES) or [] if e.get("entity") != self.config["entity"]]
            message.set(ENTITIES, [*others, entity], add_to_output=True)

    def _drop_emergency_guess(self, message: Message) -> None:
        intent = message.get(INTENT) or {}
        ranking = message.get(INTENT_RANKING_KEY) or []
        if self.config["intent"] not in (intent.get("name"), (ranking[0] if ranking else {}).get("name")):
            return
        rest = [r for r in ranking if r.get("name") != self.config["intent"]]
        message.set(INTENT_RANKING_KEY, rest, add_to_output=True)
        if not rest or (rest[0].get("confidence") or 0.0) < self.config["fallback_threshold"]:
            confidence = rest[0].get("confidence") if rest else 0.0
            message.set(INTENT, {"name": self.config["fallback_intent"], "confidence": confidence}, add_to_output=True)
        else:
            message.set(INTENT, rest[0], add_to_output=True)

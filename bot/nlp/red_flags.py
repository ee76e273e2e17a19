"""A Rasa NLU component that catches red flags (danger now) before anything else.

It runs last in the pipeline and, when a message matches one of the patterns in
``data/safety/red_flag_patterns.yml``, sets the intent to ``report_emergency``
with full confidence, whatever the classifier or the fallback decided. Rules
catch the wordings we know; the classifier, trained on many more, catches others.

An emergency guessed by the classifier alone with low confidence ("are falls
common with ALS?") is not treated as certain: it becomes ``nlu_fallback``, and
the clarifying reply then leads with the emergency advice before offering the
likeliest readings, so nobody in danger is left without it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

DEFAULT_PATTERNS = Path(__file__).resolve().parents[2] / "data" / "safety" / "red_flag_patterns.yml"


def load_patterns(path: Path) -> dict[str, list[re.Pattern[str]]]:
    """Compiled patterns by kind of red flag, with ``{people}`` filled in."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    people = doc.get("people", "")
    return {
        kind: [re.compile(p.replace("{people}", people), re.IGNORECASE) for p in items]
        for kind, items in doc["patterns"].items()
    }


def red_flag(text: str, patterns: dict[str, list[re.Pattern[str]]]) -> str | None:
    """The kind of red flag ``text`` raises (breathing, choking, ...), or None."""
    clean = text.replace("’", "'").replace("‘", "'")
    for kind, compiled in patterns.items():
        if any(p.search(clean) for p in compiled):
            return kind
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RedFlagClassifier(GraphComponent):
    """Overrides the intent with ``report_emergency`` when a red-flag pattern matches."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "patterns_file": str(DEFAULT_PATTERNS),
            "intent": "report_emergency",
            "fallback_intent": "nlu_fallback",
            "min_classifier_confidence": 0.7,
        }

    def __init__(self, config: Dict[str, Any]) -> None:
        self._intent = config["intent"]
        self._fallback = config["fallback_intent"]
        self._min_confidence = float(config["min_classifier_confidence"])
        self._patterns = load_patterns(Path(config["patterns_file"]))

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RedFlagClassifier:
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            kind = red_flag(text, self._patterns)
            if kind is None:
                guess = message.get(INTENT) or {}
                if guess.get("name") == self._intent and (guess.get("confidence") or 0) < self._min_confidence:
                    message.set(
                        INTENT, {"name": self._fallback, "confidence": guess.get("confidence")}, add_to_output=True
                    )
                continue
            top = {"name": self._intent, "confidence": 1.0}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != self._intent]
            message.set(INTENT, top, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [top, *ranking], add_to_output=True)
            message.set("red_flag", kind, add_to_output=True)
        return messages

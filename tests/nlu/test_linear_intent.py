"""The linear intent classifier computes what scikit-learn computes, and survives a save and load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression

from bot.nlp.linear_intent import LinearIntentClassifier, NotTrainedError

RNG = np.random.default_rng(7)
INTENTS = ["ask_definition", "ask_symptoms", "ask_treatment"]
WIDTHS = {"words": 12, "chars": 30}


def _message(intent: str | None, blocks: dict[str, np.ndarray]) -> Message:
    message = Message(data={TEXT: "some text", **({INTENT: intent} if intent else {})})
    for origin, row in blocks.items():
        message.add_features(Features(sp.coo_matrix(row.reshape(1, -1)), FEATURE_TYPE_SENTENCE, TEXT, origin))
    return message


def _counts(intent_index: int) -> dict[str, np.ndarray]:
    """Random counts with a signal for the intent, as featurizers would give."""
    blocks = {}
    for origin, width in WIDTHS.items():
        row = RNG.poisson(0.3, width).astype(float)
        row[intent_index * 3 : intent_index * 3 + 3] += RNG.poisson(2.0, 3)
        blocks[origin] = row
    return blocks


@pytest.fixture()
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def _context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


def _trained(storage: LocalModelStorage) -> tuple[LinearIntentClassifier, list[Message]]:
    train = [_message(INTENTS[i % 3], _counts(i % 3)) for i in range(90)]
    component = LinearIntentClassifier.create({"C": 5.0}, storage, Resource("intent"), _context())
    component.train(TrainingData(train))
    return component, train


def test_matches_scikit_learn_tfidf_and_logistic_regression(storage: LocalModelStorage) -> None:
    component, train = _trained(storage)
    blocks = {o: np.vstack([m.features[i].features.toarray() for m in train]) for i, o in enumerate(WIDTHS)}
    weighed = [TfidfTransformer(sublinear_tf=True).fit(blocks[o]) for o in sorted(WIDTHS)]
    X = sp.hstack([t.transform(blocks[o]) for t, o in zip(weighed, sorted(WIDTHS), strict=True)]).tocsr()
    reference = LogisticRegression(C=5.0, max_iter=3000, random_state=0).fit(X, [m.get(INTENT) for m in train])

    test = [_message(None, _counts(i % 3)) for i in range(30)]
    tests_blocks = {o: np.vstack([m.features[i].features.toarray() for m in test]) for i, o in enumerate(WIDTHS)}
    X_test = sp.hstack([t.transform(tests_blocks[o]) for t, o in zip(weighed, sorted(WIDTHS), strict=True)]).tocsr()
    expected = reference.predict_proba(X_test)
    assert list(component.intents) == list(reference.classes_)
    np.testing.assert_allclose(component.probabilities(test), expected, rtol=1e-6, atol=1e-9)


def test_one_message_at_a_time_gives_the_batch_probabilities(storage: LocalModelStorage) -> None:
    """A turn takes the single-message path; it must agree with the matrix path used in training."""
    component, _ = _trained(storage)
    test = [_message(None, _counts(i % 3)) for i in range(30)]
    test.append(_message(None, {o: np.zeros(w) for o, w in WIDTHS.items()}))  # nothing the model knows
    batch = component.probabilities(test)
    one_by_one = np.vstack([component.probabilities([m]) for m in test])
    np.testing.assert_allclose(one_by_one, batch, rtol=1e-9, atol=1e-12)


def test_sets_the_intent_and_a_ranking_fallback_can_read(storage: LocalModelStorage) -> None:
    component, _ = _trained(storage)
    [message] = component.process([_message(None, _counts(1))])
    ranking = message.get(INTENT_RANKING_KEY)
    assert message.get(INTENT) == ranking[0]
    assert ranking[0]["name"] == "ask_symptoms"
    assert [r["confidence"] for r in ranking] == sorted((r["confidence"] for r in ranking), reverse=True)
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_saved_and_loaded_gives_the_same_answers(storage: LocalModelStorage) -> None:
    component, _ = _trained(storage)
    loaded = LinearIntentClassifier.load({}, storage, Resource("intent"), _context())
    probe = [_message(None, _counts(i % 3)) for i in range(12)]
    np.testing.assert_array_equal(loaded.probabilities(probe), component.probabilities(probe))


def test_a_message_without_features_still_gets_an_intent(storage: LocalModelStorage) -> None:
    component, _ = _trained(storage)
    [message] = component.process([Message(data={TEXT: ""})])
    assert message.get(INTENT)["name"] in INTENTS


def test_refuses_to_predict_untrained(storage: LocalModelStorage) -> None:
    component = LinearIntentClassifier.create({}, storage, Resource("untrained"), _context())
    with pytest.raises(NotTrainedError):
        component.probabilities([_message(None, _counts(0))])

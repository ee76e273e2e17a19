"""Intent classifier: TF-IDF weighting of the pipeline's sparse features + logistic regression.

Why not DIET: after the other per-turn costs were fixed, DIET's TensorFlow inference was
the largest single cost of a turn in the Rasa server (about a quarter of its CPU; see
bench/README.md), and on our held-out and blind sets a linear model over the same
features is as accurate (figures in config.yml). Rasa's own LogisticRegressionClassifier
uses raw counts, so long character n-gram blocks swamp the word features; it scored
1-3 points lower here.

What it does, per featurizer (CountVectors on lemmas, CountVectors on character n-grams,
the regex/lookup featurizer): the message's sentence-level sparse counts are weighted as
scikit-learn's ``TfidfTransformer(sublinear_tf=True)`` does (1 + log count, times the
inverse document frequency learnt in training, L2-normalised) and the blocks are put side
by side; a multinomial logistic regression gives the intent and the ranking that
FallbackClassifier and RedFlagClassifier read. Training uses scikit-learn; the trained
weights are stored as plain arrays (``.npz``, no pickle) and prediction is a sparse matrix
product and a softmax in NumPy.
"""

from __future__ import annotations

from typing import Any, Dict, List

import numpy as np
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

WEIGHTS_FILE = "linear_intent.npz"


class NotTrainedError(RuntimeError):
    """The classifier was asked to predict before it was trained or loaded."""


def _blocks(message: Message, origins: List[str] | None, widths: List[int] | None) -> Dict[str, sp.csr_matrix]:
    """The message's sentence-level sparse TEXT features, by the featurizer that made them."""
    found: Dict[str, sp.csr_matrix] = {}
    for feature in message.features:
        if feature.attribute == TEXT and feature.type == FEATURE_TYPE_SENTENCE and feature.is_sparse():
            found[str(feature.origin)] = sp.csr_matrix(feature.features, dtype=np.float64)
    if origins is not None and widths is not None:
        for origin, width in zip(origins, widths, strict=True):
            found.setdefault(origin, sp.csr_matrix((1, width), dtype=np.float64))
    return found


def _weigh(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """TfidfTransformer(sublinear_tf=True, norm='l2') with a learnt idf, on one block."""
    weighted = counts.copy()
    weighted.data = 1.0 + np.log(weighted.data)
    weighted = weighted.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0.0] = 1.0
    return sp.csr_matrix(weighted.multiply(1.0 / norms[:, None]))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """TF-IDF-weighted featurizer blocks + multinomial logistic regression."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"C": 10.0, "max_iter": 3000, "ranking_length": 10, "random_state": 0}

    @staticmethod
    def required_packages() -> List[str]:
        return ["sklearn", "scipy", "numpy"]

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.origins: List[str] | None = None
        self.widths: List[int] | None = None
        self.idf: List[np.ndarray] = []
        self.coef: np.ndarray | None = None  # (features, intents)
        self.intercept: np.ndarray | None = None
        self.intents: np.ndarray | None = None

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        return cls(config, model_storage, resource)

    # --- features ----------------------------------------------------------------------------

    def _counts(self, messages: List[Message]) -> List[sp.csr_matrix]:
        """One count matrix per featurizer block, rows in message order."""
        per_message = [_blocks(m, self.origins, self.widths) for m in messages]
        if self.origins is None:
            self.origins = sorted({origin for blocks in per_message for origin in blocks})
            self.widths = []
            for origin in self.origins:
                widths = {blocks[origin].shape[1] for blocks in per_message if origin in blocks}
                if len(widths) != 1:
                    raise ValueError(f"featurizer {origin} gave features of different widths: {sorted(widths)}")
                self.widths.append(widths.pop())
            per_message = [_blocks(m, self.origins, self.widths) for m in messages]
        return [sp.vstack([blocks[origin] for blocks in per_message]).tocsr() for origin in self.origins]

    def _matrix(self, counts: List[sp.csr_matrix]) -> sp.csr_matrix:
        return sp.hstack([_weigh(block, idf) for block, idf in zip(counts, self.idf, strict=True)]).tocsr()

    # --- training ----------------------------------------------------------------------------

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.linear_model import LogisticRegression

        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            return self._resource
        self.origins = self.widths = None
        counts = self._counts(examples)
        self.idf = [TfidfTransformer(sublinear_tf=True).fit(block).idf_ for block in counts]
        model = LogisticRegression(
            C=self.config["C"], max_iter=self.config["max_iter"], random_state=self.config["random_state"]
        )
        model.fit(self._matrix(counts), [e.get(INTENT) for e in examples])
        if len(model.classes_) < 2:
            raise ValueError("the intent classifier needs at least two intents")
        self.coef = model.coef_.T.copy()
        self.intercept = model.intercept_.copy()
        self.intents = np.asarray(model.classes_, dtype=str)
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            np.savez(
                directory / WEIGHTS_FILE,
                origins=np.asarray(self.origins, dtype=str),
                widths=np.asarray(self.widths, dtype=np.int64),
                coef=self.coef,
                intercept=self.intercept,
                intents=self.intents,
                **{f"idf_{i}": idf for i, idf in enumerate(self.idf)},
            )

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        component = cls(config, model_storage, resource)
        with model_storage.read_from(resource) as directory, np.load(directory / WEIGHTS_FILE) as saved:
            component.origins = [str(o) for o in saved["origins"]]
            component.widths = [int(w) for w in saved["widths"]]
            component.coef = saved["coef"]
            component.intercept = saved["intercept"]
            component.intents = saved["intents"]
            component.idf = [saved[f"idf_{i}"] for i in range(len(component.origins))]
        return component

    # --- prediction --------------------------------------------------------------------------

    def _scores_of_one(self, message: Message) -> np.ndarray:
        """The same scores as the matrix path for one message, in plain NumPy on the non-zero counts.

        A turn parses one message; building and stacking SciPy matrices for a single row cost
        more than the arithmetic (bench/README.md).
        """
        assert self.coef is not None and self.intercept is not None
        assert self.origins is not None and self.widths is not None
        blocks = {
            str(f.origin): f.features
            for f in message.features
            if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_sparse()
        }
        scores = self.intercept.astype(np.float64, copy=True)
        offset = 0
        for origin, width, idf in zip(self.origins, self.widths, self.idf, strict=True):
            block = blocks.get(origin)
            if block is not None and block.nnz:
                if block.shape[1] != width:
                    raise ValueError(f"featurizer {origin} gave {block.shape[1]} features, trained on {width}")
                coo = block.tocoo()
                columns, at = np.unique(coo.col, return_inverse=True)
                counts = np.bincount(at, weights=coo.data.astype(np.float64))
                keep = counts != 0
                columns, counts = columns[keep], counts[keep]
                weights = (1.0 + np.log(counts)) * idf[columns]
                norm = np.sqrt(weights @ weights)
                if norm:
                    scores += (weights / norm) @ self.coef[offset + columns]
            offset += width
        return scores

    def probabilities(self, messages: List[Message]) -> np.ndarray:
        """Each message's probability for each intent (rows: messages, columns: ``self.intents``)."""
        if self.coef is None or self.intercept is None:
            raise NotTrainedError("the intent classifier has no trained weights")
        if len(messages) == 1 and self.origins is not None:
            scores = self._scores_of_one(messages[0])[None, :]
        else:
            scores = np.asarray(self._matrix(self._counts(messages)) @ self.coef) + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def process(self, messages: List[Message]) -> List[Message]:
        if not messages:
            return messages
        assert self.intents is not None
        for message, row in zip(messages, self.probabilities(messages), strict=True):
            order = np.argsort(-row, kind="stable")[: max(1, self.config["ranking_length"])]
            ranking = [{"name": str(self.intents[i]), "confidence": float(row[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

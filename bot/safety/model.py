"""The emergency detector's linear model: weights over a fixed vocabulary of features, and the features of rows
as the model sees them (1 + log count, L2-normalised). Fitted by bot.safety.detector.train_model; prediction is
pure NumPy over precomputed arrays."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class LinearModel:
    """Weights over a fixed vocabulary of features; classes[0] is NONE."""

    vocabulary: dict[str, int]
    coef: np.ndarray  # (features, classes)
    intercept: np.ndarray  # (classes,)
    classes: list[str]

    def probabilities(self, feats: Sequence[str]) -> np.ndarray:
        counts = Counter(f for f in feats if f in self.vocabulary)
        scores = self.intercept.copy()
        if counts:
            idx = np.fromiter((self.vocabulary[f] for f in counts), dtype=np.int64, count=len(counts))
            weights = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64, count=len(counts))
            weights /= math.sqrt(float(weights @ weights))
            scores = scores + weights @ self.coef[idx]
        scores -= scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()


def vectorise(rows: Iterable[Sequence[str]], vocabulary: dict[str, int]):  # -> scipy.sparse.csr_matrix
    """The rows' features as the model sees them: 1 + log count, L2-normalised."""
    import scipy.sparse as sp

    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for feats in rows:
        counts = Counter(f for f in feats if f in vocabulary)
        values = [1.0 + math.log(c) for c in counts.values()]
        norm = math.sqrt(sum(v * v for v in values)) or 1.0
        indices.extend(vocabulary[f] for f in counts)
        data.extend(v / norm for v in values)
        indptr.append(len(indices))
    return sp.csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, len(vocabulary)))

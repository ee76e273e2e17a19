"""The count features of a message without scikit-learn's per-call overhead (installed by bot/tuning.py).

Rasa's ``CountVectorsFeaturizer`` calls ``CountVectorizer.transform`` twice per message and
featurizer (each token as a document for the sequence features, the joined tokens for the
sentence features), then sorts the matrix and turns it into COO. For one short message that is
mostly fixed cost: checks that the vectorizer is fitted, a CSR matrix built and validated, then
converted. py-spy put our two count featurizers at 11% of the Rasa server's CPU under 8 users;
in-process the four calls took 1.1 ms per message, and 0.66 ms done here.

:func:`counts` does what ``transform`` does for a fitted vectorizer, with its own analyzer (so
lowercasing, n-grams and ``char_wb`` padding are scikit-learn's): each document's features
looked up in the vocabulary and counted, unknown ones skipped, ``binary`` honoured, and returns
the COO matrix Rasa ends with (rows in order, columns sorted, int32 indices, the vectorizer's
dtype). A vectorizer without a vocabulary yet goes to Rasa's own method.
tests/reliability/test_counts.py checks the matrices are identical to Rasa's on the held-out
questions, for both featurizers.

Each token's row (its features' indices and counts) depends on the token alone, so the last
:data:`ROWS_KEPT` tokens' rows of each vectorizer are kept: people's messages share most of their
words. With character n-grams inside word boundaries (``char_wb``), the sentence's row is the sum of
its tokens' rows too (scikit-learn pads and cuts each whitespace-separated word on its own), so
only the word featurizer's sentence, with its word pairs, is analysed as a whole. py-spy under 8
users put the two featurizers at 6% of the Rasa server's CPU after the change above; in-process they
took 1.6 ms for a long message, most of it in scikit-learn's n-gram loops.
"""

from __future__ import annotations

import weakref
from typing import Any, List, Tuple

import numpy as np
import scipy.sparse as sp
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer

Features = List[sp.spmatrix | None]
Row = Tuple[Tuple[int, int], ...]  # (feature index, count), by index

# Tokens' rows kept per vectorizer; the whole set is dropped when full (a bound, not a policy: a few MB).
ROWS_KEPT = 20_000
_ROWS: weakref.WeakKeyDictionary[Any, dict[str, Row]] = weakref.WeakKeyDictionary()


def _row(analyze: Any, vocabulary: dict[str, int], document: str) -> Row:
    """One document's known features and their counts, by feature index (``transform`` of one row)."""
    counter: dict[int, int] = {}
    for feature in analyze(document):
        index = vocabulary.get(feature)
        if index is not None:
            counter[index] = counter.get(index, 0) + 1
    return tuple(sorted(counter.items()))


def _token_rows(vectorizer: Any, tokens: List[str]) -> List[Row]:
    """Each token's row, from the kept ones where possible."""
    kept = _ROWS.get(vectorizer)
    if kept is None:
        kept = _ROWS[vectorizer] = {}
    analyze = None
    rows = []
    for token in tokens:
        row = kept.get(token)
        if row is None:
            if analyze is None:
                analyze = vectorizer.build_analyzer()
            row = _row(analyze, vectorizer.vocabulary_, token)
            if len(kept) >= ROWS_KEPT:
                kept.clear()
            kept[token] = row
        rows.append(row)
    return rows


def _sum(rows: List[Row]) -> Row:
    total: dict[int, int] = {}
    for row in rows:
        for index, count in row:
            total[index] = total.get(index, 0) + count
    return tuple(sorted(total.items()))


def _matrix(vectorizer: Any, rows: List[Row]) -> sp.coo_matrix:
    """The COO matrix Rasa ends with: rows in order, columns sorted, int32 indices, the vectorizer's dtype."""
    row_numbers = [number for number, row in enumerate(rows) for _ in row]
    columns = [index for row in rows for index, _ in row]
    data = np.asarray([count for row in rows for _, count in row], dtype=vectorizer.dtype)
    if vectorizer.binary:
        data.fill(1)
    coordinates = (np.asarray(row_numbers, dtype=np.int32), np.asarray(columns, dtype=np.int32))
    return sp.coo_matrix((data, coordinates), shape=(len(rows), len(vectorizer.vocabulary_)))


def counts(vectorizer: Any, documents: List[str]) -> sp.coo_matrix:
    """``vectorizer.transform(documents)``, sorted and as COO, for a vectorizer that has its vocabulary."""
    analyze = vectorizer.build_analyzer()
    return _matrix(vectorizer, [_row(analyze, vectorizer.vocabulary_, document) for document in documents])


def create_features(
    self: CountVectorsFeaturizer, attribute: str, all_tokens: List[List[str]]
) -> Tuple[Features, Features]:
    """``CountVectorsFeaturizer._create_features`` from kept token rows (see the module's docstring)."""
    vectorizer = (self.vectorizers or {}).get(attribute)
    if vectorizer is None or not hasattr(vectorizer, "vocabulary_"):
        return create_features.rasa(self, attribute, all_tokens)  # type: ignore[attr-defined]
    sequence_features: Features = []
    sentence_features: Features = []
    for tokens in all_tokens:
        if not tokens:
            sequence_features.append(None)
            sentence_features.append(None)
            continue
        rows = _token_rows(vectorizer, tokens)
        sequence_features.append(_matrix(vectorizer, rows))
        if attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
            sentence_features.append(None)
        elif vectorizer.analyzer == "char_wb":
            sentence_features.append(_matrix(vectorizer, [_sum(rows)]))
        else:
            sentence_features.append(counts(vectorizer, [" ".join(tokens)]))
    return sequence_features, sentence_features


create_features.rasa = CountVectorsFeaturizer._create_features  # type: ignore[attr-defined]

"""The count features computed by bot/counts.py are Rasa's, matrix for matrix, for both trained featurizers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rasa.core.agent import Agent
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from bot import counts, tuning

ROOT = Path(__file__).resolve().parents[2]
RASA_CREATE = counts.create_features.rasa  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def featurizers() -> list[tuple[CountVectorsFeaturizer, Any]]:
    """The trained model's count featurizers, each with the node that runs the step before it (the tokenizer's)."""
    nodes = Agent.load(str(ROOT / "models" / "mnd.tar.gz")).processor.graph_runner._instantiated_nodes
    found = [node._component for node in nodes.values() if isinstance(node._component, CountVectorsFeaturizer)]
    assert sorted(f._config["analyzer"] for f in found) == ["char_wb", "word"]
    return found


def _tokens(featurizer: CountVectorsFeaturizer, text: str) -> list[str]:
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

    message = Message(data={TEXT: text})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    return featurizer._get_processed_message_tokens_by_attribute(message, TEXT)


def _same(ours: Any, theirs: Any) -> bool:
    if ours is None or theirs is None:
        return ours is theirs
    return (
        ours.shape == theirs.shape
        and ours.format == theirs.format == "coo"
        and ours.dtype == theirs.dtype
        and ours.row.dtype == theirs.row.dtype
        and ours.col.dtype == theirs.col.dtype
        and np.array_equal(ours.row, theirs.row)
        and np.array_equal(ours.col, theirs.col)
        and np.array_equal(ours.data, theirs.data)
    )


def test_features_are_rasas_on_the_held_out_questions(featurizers: list[CountVectorsFeaturizer]) -> None:
    texts = [m.get(TEXT) for m in load_data(str(ROOT / "tests" / "nlu" / "heldout.yml")).intent_examples]
    texts += ["", "ALS ALS als", "what's pls?? (primary lateral sclerosis)", "ünïcödé wörds", "a"]
    compared = 0
    for featurizer in featurizers:
        for _ in ("tokens analysed", "tokens' rows kept"):
            for text in texts:
                tokens = [_tokens(featurizer, text)] if text else [[]]
                (ours_seq, ours_sent) = counts.create_features(featurizer, TEXT, tokens)
                (theirs_seq, theirs_sent) = RASA_CREATE(featurizer, TEXT, tokens)
                assert _same(ours_seq[0], theirs_seq[0]) and _same(ours_sent[0], theirs_sent[0]), text
                compared += 1
    assert compared >= 2 * 2 * 200


@pytest.mark.parametrize(
    "tokens",
    [["motor neuron", "", "ALS", "als", "ALS"], ["  ", "a\tb", "Ünï"], ["x"] * 3, ["symtoms", "of", "pls?"]],
    ids=["lemma-with-space", "whitespace", "repeated", "typo"],
)
def test_a_sentence_from_its_tokens_rows_is_rasas(featurizers: list[CountVectorsFeaturizer], tokens: list[str]) -> None:
    """Tokens as a lemmatizer may give them (several words, empty, odd spacing): the summed rows are Rasa's."""
    for featurizer in featurizers:
        for _ in range(2):
            (ours_seq, ours_sent) = counts.create_features(featurizer, TEXT, [tokens])
            (theirs_seq, theirs_sent) = RASA_CREATE(featurizer, TEXT, [tokens])
            assert _same(ours_seq[0], theirs_seq[0]) and _same(ours_sent[0], theirs_sent[0])


def test_repeated_words_are_counted(featurizers: list[CountVectorsFeaturizer]) -> None:
    word = next(f for f in featurizers if f._config["analyzer"] == "word")
    vectorizer = word.vectorizers[TEXT]
    matrix = counts.counts(vectorizer, ["als als als", "zqxjzqxj"])
    assert matrix.shape == (2, len(vectorizer.vocabulary_))
    assert matrix.toarray()[0, vectorizer.vocabulary_["als"]] == 3
    assert matrix.toarray()[1].sum() == 0


def test_install_puts_it_in_place() -> None:
    tuning.install()
    assert CountVectorsFeaturizer._create_features is counts.create_features

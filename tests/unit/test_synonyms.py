"""Words no training question uses are read as the synonym the training questions use most."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot.nlp.synonyms import synonym_groups, unseen_lemmas

ROOT = Path(__file__).resolve().parents[2]


def test_an_unseen_word_takes_the_lemma_of_its_most_used_synonym() -> None:
    groups = [["cure", "cured", "curable", "heal"], ["child", "children", "kid", "infant"]]
    seen = Counter({"cure": 12, "cured": 3, "children": 9, "kid": 2})
    lemmas = unseen_lemmas(groups, seen, lambda w: {"children": "child"}.get(w, w))
    assert lemmas == {"curable": "cure", "heal": "cure", "child": "child", "infant": "child"}


def test_words_the_training_questions_use_keep_their_own_lemma() -> None:
    lemmas = unseen_lemmas([["walk", "leg", "legs"]], Counter({"walk": 5, "legs": 1}), lambda w: w)
    assert lemmas == {"leg": "walk"}  # "legs" is learnt as it is


def test_a_group_nobody_uses_gives_nothing() -> None:
    assert unseen_lemmas([["fasciculation", "twitchiness"]], Counter(), lambda w: w) == {}


def test_the_store_groups_are_read_as_single_words() -> None:
    groups = synonym_groups(ROOT / "data" / "facts" / "words.yml")
    assert groups and all(" " not in word for group in groups for word in group)
    assert any("curable" in group and "cure" in group for group in groups)

"""Phrases that point back at a listing ("the second one"), and words that only look like them."""

from __future__ import annotations

import pytest

from bot.mentions import find, strip_mentions


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("what age is the second one on your list", "what age is"),
        ("the first one, what is it", ", what is it"),
        ("2nd", ""),
        # An ordinal about something else is part of the question: the lost list of first signs.
        ("what are the first signs of mnd", "what are the first signs of mnd"),
        ("what gets affected first", "what gets affected first"),
    ],
)
def test_only_pointing_phrases_are_taken_out(text: str, left: str) -> None:
    assert strip_mentions(text) == left


def test_an_ordinal_about_a_sign_is_not_a_mention() -> None:
    assert find("what are the first signs of mnd") == []
    assert [meaning for meaning, _, _ in find("and the last one?")] == ["-1"]

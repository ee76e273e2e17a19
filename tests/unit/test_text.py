"""Reading what people type: text-speak written out, and which sentence of a message asks."""

from __future__ import annotations

import pytest

from bot.facts.text import respell
from bot.facts.words import question_part


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("the baby 1 u said, does it kill", "the baby one you said, does it kill"),
        ("bk 2 the 1st 1, is it genetic", "back to the 1st one, is it genetic"),
        ("which 1s only do the lower", "which ones only do the lower"),
        ("wat do upper n lower mean", "what do upper and lower mean"),
        ("hw do i help her wen she cant talk", "how do i help her when she cant talk"),
        ("wich type starts in the hands", "which type starts in the hands"),
        ("y does mnd happen", "why does mnd happen"),
        ("ok. y is it called that", "ok. why is it called that"),
        ("is it on the x or the y chromosome", "is it on the x or the y chromosome"),
        # Counts, ages and the short name PLS stay as typed.
        ("about 1 in 10 people", "about 1 in 10 people"),
        ("it affects 1 year olds", "it affects 1 year olds"),
        ("is pls genetic", "is pls genetic"),
        ("aged 1.5", "aged 1.5"),
    ],
)
def test_text_speak_is_read_as_words(typed: str, read: str) -> None:
    assert respell(typed) == read


@pytest.mark.parametrize(
    ("message", "asking"),
    [
        # A short question of its own is the question; the story before it is not.
        ("my mum has mnd and i look after her. what causes it", "what causes it"),
        # A short question about the sentence before keeps it.
        ("her legs are stiff. why?", "her legs are stiff. why?"),
        ("his thinking is slower. does it?", "his thinking is slower. does it?"),
        # A question of no words of its own leans on the sentence before ("that" is the swallowing).
        ("he has mnd. he struggles to swallow now. what do they usually do about that?",
         "he struggles to swallow now. what do they usually do about that?"),
        # "whats pma?" names what it asks about; "whats that?" leans on the sentence before.
        ("they said it could be als or pma. whats pma?", "whats pma?"),
        ("my dad has pls. whats that?", "my dad has pls. whats that?"),
        # Saying which comes first is not part of the question.
        ("my aunt has pls and my uncle has pbp. first off - what does pbp affect?", "what does pbp affect?"),
        # Why a sign said before comes.
        ("she has mnd. her voice has gone hoarse. why is that happening",
         "her voice has gone hoarse. why is that happening"),
        # A few words after the question say what it means; a "pls help" after it does not.
        ("and the rest of the list? the later signs", "and the rest of the list? the later signs"),
        ("my mum has it. sma symptoms?? pls help", "my mum has it. sma symptoms??"),
        # Asking whether a claim is true asks the claim.
        ("someone online said it's the top genetic reason babies die. is that actually true",
         "someone online said it's the top genetic reason babies die. is that actually true"),
    ],
)
def test_which_sentence_asks(message: str, asking: str) -> None:
    assert question_part(message) == asking

"""Questions about what will happen to one person, or what they have, are told apart from the same
questions about a condition in general (the first get the no-diagnosis reply, the second an answer)."""

from __future__ import annotations

import pytest

from actions.one_person import asks_for_one_person
from bot.facts.text import normalise


@pytest.mark.parametrize(
    "text",
    [
        "second one - will he end up in a wheelchair",
        "will he ever be able to walk",
        "will his kids get it",
        "so our daughter, could she be carrying it?",
        "should we ask for riluzole for her",
        "he's 38 and his hands went first. so is that the one he's got?",
        "so is that what i've got then? i do feel the cold terribly now",
        "can you tell me my risk as a percent",
        "my arms feel weak, can you tell me if its motor neurone disease",
        "the neurologist thinks my husband has mnd, do you reckon they got it wrong?",
        "so how long before it gets to my breathing then",
        "is my dad's ALS in the final stages now",
        "my grandad had it. so does that mean im going to get it",
        "her speech is worse this month, does that mean shes getting worse quicker",
        # a medicine decision, the cause in one person, which kind one person has
        "my husband asked if it is worth me asking the neuro for it",
        "would edaravone help him at all",
        "he drank well water all his life, is that why he got als",
        "my mum was told at 70, does that mean she has the family kind",
        "weak grip and twitchy arms, have i got the fast sort",
        # how it will go for one person, and whether what was described is what someone has
        "is it going to shorten her life?",
        "is it gonna get worse for him",
        "could that be what he's got",
        # a treatment or trial for one person, whether one person will get it or has it, how it will go for them
        "should she be taking both, or just the one",
        "could he still get on a trial, this far in",
        "do his daughters need to get tested",
        "so am i going to get als as well?",
        "the choking fit has stopped. is it going to keep happening to him",
        "it started in my legs first, so that means it's PLS?",
        "i had polio sixty years ago so it can't possibly be that",
    ],
)
def test_about_one_person(text: str) -> None:
    assert asks_for_one_person(text)


@pytest.mark.parametrize(
    "text",
    [
        # Where the illness goes: answered from what the material says of it, as for "does it get to her arms"
        "will it spread to her legs",
        "does it get to her arms",
        "will it spread to the arms",
        "does pma spread to the legs",
        "what are the risk factors",
        "is it the one that affects the hands",
        "will it affect the breathing muscles",
        "what does it do to her legs",
        "can you tell me if mnd is inherited",
        "do you think researchers are right about the causes",
        "what happens in the final stages of mnd",
        # Whether a family could get it asks how it is passed on; "will his kids get it" foretells
        "could me and my brother end up with it",
        "could my kids get it from me",
        # Regret looks back: that it is no one's fault, not a decision for one person
        "should we have spotted it sooner",
        # a therapy in general, and why a sign happens
        "would physio help him with the stiffness",
        "is that why people with pbp struggle to swallow",
        # the same questions in general
        "will it shorten life",
        "is it going to get worse for people with pls",
        "could that be what causes it",
        # whom to see, trials and tests in general, and what cannot be
        "who should we take her to about it, the gp?",
        "could she get into a clinical trial",
        "should people with a family history get tested",
        "it can't be cured, can it",
    ],
)
def test_about_the_condition(text: str) -> None:
    assert not asks_for_one_person(text)


def test_a_statement_of_what_one_has_is_not_a_question() -> None:
    # "that's what I've got" says which symptom is theirs; "do you suppose that is what I have?" asks
    assert not asks_for_one_person("sorry, I meant does PMA cause numbness, that's what I've got")
    assert asks_for_one_person("do you suppose that is what I have")


def test_a_described_case_judged_is_about_one_person() -> None:
    # "does that sound like…" asks the bot to judge what was just described, with or without "I"
    from actions.one_person import about_one_person

    text = "tired legs, no numbness at all. would that seem like als to you"
    assert about_one_person(text, normalise(text))
    assert not about_one_person("what does als sound like as a word", normalise("what does als sound like as a word"))


def test_the_last_question_again_about_one_person() -> None:
    from actions.one_person import asks_again_for_one

    assert asks_again_for_one("what about me?", "outlook")
    assert asks_again_for_one("and him", "inheritance")
    # the same words after what it does to the body ask about the body, not one person's future
    assert not asks_again_for_one("and me?", "symptoms")
    assert not asks_again_for_one("and my sons?", "inheritance")


def test_how_it_passes_down_a_family_is_no_judgement() -> None:
    from actions.one_person import asks_how_it_passes

    assert asks_how_it_passes("could my mum be a carrier then? she's his sister")
    assert asks_how_it_passes("our boy is 12, could he have got it from his dad")
    assert asks_how_it_passes("will she be able to pass it on if she has kids one day")
    # whether the asker carries it is a judgement on one person
    assert not asks_how_it_passes("could i be a carrier")
    assert not asks_how_it_passes("my uncle had als, am i going to get it too")

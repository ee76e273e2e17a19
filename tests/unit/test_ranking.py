"""The ranking leads with the fact that answers the question, from its words alone.

Each pair is a question as a person might type it and the fact that answers it, across every
condition. No classifier is involved (no topic weights): this is the fact search by itself, as
actions/compose.py uses it for the condition asked about (its own facts first).
"""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from actions.compose import pool_of
from bot.facts.ranking import index_for

PAIRS = [
    # ALS
    ("is als the most common type", "als", "als.definition.1"),
    # One of a pair asked against the other: the fact about the one asked, not the other's.
    ("what happens when the upper ones are damaged", "motor_neuron", "mnd.upper_lower.3"),
    ("what happens when the lower ones are damaged", "motor_neuron", "mnd.upper_lower.2"),
    ("does als hit upper or lower nerve cells", "als", "als.upper_lower.1"),
    ("which drugs help people with als live longer", "als", "als.treatment.1"),
    ("does als end in paralysis", "als", "als.outlook.1"),
    ("how fast do people with als lose control of their muscles", "als", "als.symptoms.1"),
    # Kennedy's disease
    ("does kennedy's make your feet numb", "kennedy", "kennedy.symptoms.2"),
    ("where does the weakness begin in kennedy's, shoulders or hips", "kennedy", "kennedy.symptoms.1"),
    ("which gene is behind kennedy's disease", "kennedy", "kennedy.causes.1"),
    ("is kennedy's on the x chromosome", "kennedy", "kennedy.inheritance.1"),
    # MND in general
    ("can mnd be cured", "mnd", "mnd.definition.3"),
    ("do doctors use als and mnd for the same thing", "mnd", "mnd.definition.4"),
    ("list all seven kinds of mnd", "mnd", "mnd.types.1"),
    ("does mnd harm the muscles for breathing and speaking", "mnd", "mnd.function.1"),
    ("are the first symptoms easy to notice", "mnd", "mnd.symptoms.1"),
    ("do the muscles waste away and shrink", "mnd", "mnd.upper_lower.2"),
    ("will walking get harder over time", "mnd", "mnd.symptoms.4"),
    ("why does mnd happen", "mnd", "mnd.causes.1"),
    ("could a virus or toxins play a part", "mnd", "mnd.causes.3"),
    ("is it my fault i got mnd", "mnd", "mnd.causes.4"),
    ("can mnd be inherited", "mnd", "mnd.inheritance.1"),
    ("what age do people usually get mnd", "mnd", "mnd.risk_factors.1"),
    ("does a close relative with mnd make me more likely to get it", "mnd", "mnd.risk_factors.2"),
    ("why is it so hard to diagnose early", "mnd", "mnd.diagnosis.1"),
    ("will they do tests to rule out other things", "mnd", "mnd.diagnosis.3"),
    ("can physiotherapy keep the muscles strong", "mnd", "mnd.treatment.2"),
    ("how do they feed someone who can't swallow", "mnd", "mnd.treatment.3"),
    ("can people with mnd join clinical trials", "mnd", "mnd.treatment.6"),
    ("how many years do people live with it", "mnd", "mnd.outlook.2"),
    ("does mnd shorten your life", "mnd", "mnd.outlook.1"),
    ("when should i get my weak muscles checked", "mnd", "mnd.when_to_see_provider.1"),
    ("as his carer, what will my husband need help with", "mnd", "mnd.coping.6"),
    ("does mnd change who you are", "mnd", "mnd.coping.2"),
    # Motor neurons
    ("what kind of cell is a motor neuron", "motor_neuron", "motor_neuron.definition.1"),
    ("where in the body are motor neurons found", "motor_neuron", "motor_neuron.definition.3"),
    ("do motor neurons control breathing and swallowing too", "motor_neuron", "motor_neuron.function.2"),
    ("what happens if either type gets damaged", "motor_neuron", "motor_neuron.upper_lower.3"),
    # PBP
    ("what does the bulbar region control", "pbp", "pbp.definition.2"),
    ("which neurons does pbp attack", "pbp", "pbp.upper_lower.1"),
    # PLS
    ("where does pls usually start", "pls", "pls.symptoms.1"),
    ("does pls affect speaking and swallowing in the end", "pls", "pls.symptoms.2"),
    # PMA
    ("does pma begin in the hands", "pma", "pma.symptoms.1"),
    ("can pma affect breathing", "pma", "pma.symptoms.2"),
    ("is pma more common in men", "pma", "pma.risk_factors.1"),
    # PPS
    ("does post polio syndrome make you tired and achy", "pps", "pps.symptoms.1"),
    ("why do people with pps feel the cold", "pps", "pps.symptoms.2"),
    ("how long after polio can pps show up", "pps", "pps.risk_factors.1"),
    # SMA
    ("which protein goes missing in sma", "sma", "sma.causes.1"),
    ("is sma a big cause of infant deaths", "sma", "sma.outlook.1"),
    ("what happens to the muscles in sma", "sma", "sma.symptoms.1"),
]


def test_the_pairs_cover_every_condition() -> None:
    assert len(PAIRS) >= 40
    assert {c for _, c, _ in PAIRS} >= {"als", "kennedy", "mnd", "motor_neuron", "pbp", "pls", "pma", "pps", "sma"}


@pytest.mark.parametrize(("question", "condition", "expected"), PAIRS, ids=[q for q, _, _ in PAIRS])
def test_the_answering_fact_comes_first(session: Session, question: str, condition: str, expected: str) -> None:
    ranked = index_for(session).rank(question, conditions=pool_of(session, condition), topic_weights={})
    first = next(s.item.id for s in ranked if not s.item.is_gap and condition in s.item.conditions)
    assert first == expected


def test_words_the_material_never_uses(session: Session) -> None:
    index = index_for(session)
    # a dropped g and everyday fillers are no detail the material lacks
    assert index.unknown_words("hes chokin on his tea and walkin is harder") == []
    assert index.unknown_words("idk how to act around him anymore") == []
    assert index.unknown_words("does a ketogenic diet help") == ["ketogenic"]

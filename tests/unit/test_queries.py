"""Query functions of the fact store, on a fresh in-memory store."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.facts import names, queries


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("ALS", "als"),
        ("als", "als"),
        ("Lou Gehrig's disease", "als"),
        ("lou gehrigs disease", "als"),
        ("LOU GEHRIG’S DISEASE", "als"),
        ("motor neurone disease", "mnd"),
        ("Motor Neuron Disease", "mnd"),
        ("progressive bulbar atrophy", "pbp"),
        ("primary lateral sclerosis", "pls"),
        ("Kennedy's disease", "kennedy"),
        ("kennedys disease", "kennedy"),
        ("post-polio syndrome", "pps"),
        ("spinal muscular atrophy", "sma"),
        ("motor neurons", "motor_neuron"),
    ],
)
def test_resolve_condition_exact_aliases(session: Session, text: str, slug: str) -> None:
    assert names.resolve_condition(session, text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("amyotropic lateral sclerosis", "als"),
        ("lou gherigs disease", "als"),
        ("primary lateral sclerosys", "pls"),
        ("progresive muscular atrophy", "pma"),
        ("spinal muscluar atrophy", "sma"),
        ("motor nuerone disease", "mnd"),
    ],
)
def test_resolve_condition_forgives_typos(session: Session, text: str, slug: str) -> None:
    assert names.resolve_condition(session, text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # Voice typing hears one long word as several, and spells short names as letters.
        ("what causes progressive bull bar palsy", "pbp"),
        ("progressive muscular a trophy what is it", "pma"),
        ("does it affect the motor new rons", "motor_neuron"),
        ("my brother has a LS", "als"),
        ("what about pee M A", "pma"),
        ("P M A?", "pma"),
    ],
)
def test_resolve_condition_as_voice_typing_writes_it(session: Session, text: str, slug: str) -> None:
    assert names.resolve_condition(session, text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [("how many people are affected by spinal muscular atrophy", "sma"), ("by spinal muscular a trophy", "sma")],
)
def test_an_exact_name_is_not_read_as_pieces_of_a_longer_one(session: Session, text: str, slug: str) -> None:
    # "by spinal muscular atrophy" run together is close to "bulbospinal muscular atrophy" (Kennedy's).
    assert names.find_conditions(session, text) == [slug]


@pytest.mark.parametrize("text", ["has bull bar palsy", "the motor new rons"])
def test_a_name_heard_as_pieces_does_not_take_the_word_before_it(session: Session, text: str) -> None:
    (found,) = names.named_conditions(session, text)
    assert found.start == 1


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("what is front oh temporal dementia", "frontotemporal dementia"),
        ("what is the and Rogen receptor", "androgen receptor"),
    ],
)
def test_find_term_as_voice_typing_writes_it(session: Session, text: str, term: str) -> None:
    entry = names.find_term(session, text)
    assert entry is not None and entry.term == term


@pytest.mark.parametrize(
    "text",
    ["hello there", "what is the weather like", "diabetes", "multiple sclerosis", "als0", "plx", ""],
)
def test_resolve_condition_refuses_rather_than_guesses(session: Session, text: str) -> None:
    assert names.resolve_condition(session, text) is None


def test_resolve_condition_inside_a_sentence(session: Session) -> None:
    assert names.resolve_condition(session, "my husband was told he has PLS, what now?") == "pls"


def test_find_conditions_keeps_order_of_mention(session: Session) -> None:
    assert names.find_conditions(session, "how is PLS different from amyotrophic lateral sclerosis") == [
        "pls",
        "als",
    ]


def test_longer_name_wins_over_its_parts(session: Session) -> None:
    # "motor neuron disease" contains "motor neuron", a different condition.
    assert names.find_conditions(session, "what is motor neuron disease") == ["mnd"]


def test_facts_for_returns_the_conditions_own_facts(session: Session) -> None:
    answer = queries.facts_for(session, condition="pls", topic="symptoms")
    assert answer.facts and not answer.fell_back
    assert all(f.condition_slug == "pls" and f.topic_slug == "symptoms" for f in answer.facts)
    assert "legs" in answer.text


def test_facts_for_falls_back_to_parent_and_says_so(session: Session) -> None:
    answer = queries.facts_for(session, condition="pls", topic="treatment")
    assert answer.fell_back
    assert answer.requested == "pls" and answer.condition == "mnd"
    assert all(f.condition_slug == "mnd" for f in answer.facts)


def test_facts_for_carries_the_gap_of_a_lost_list(session: Session) -> None:
    answer = queries.facts_for(session, condition="mnd", topic="symptoms")
    assert answer.facts
    assert {g.id for g in answer.gaps} >= {"gap.mnd.symptoms.early"}


def test_gap_for_unknown_point_is_none(session: Session) -> None:
    assert queries.gap_for(session, condition="sma", topic="coping") is None


def test_gap_for_lost_medication_list(session: Session) -> None:
    gap = queries.gap_for(session, condition="mnd", topic="treatment")
    assert gap is not None and "medic" in gap.missing


@pytest.mark.parametrize(
    ("text", "term"),
    [("hyperreflexia", "hyperreflexia"), ("overactive reflexes", "hyperreflexia"), ("Atrophy", "atrophy")],
)
def test_glossary_lookup_by_term_or_alias(session: Session, text: str, term: str) -> None:
    entry = queries.glossary_lookup(session, text)
    assert entry is not None and entry.term == term
    assert entry.definition


def test_find_term_in_a_question_with_a_typo(session: Session) -> None:
    entry = names.find_term(session, "what does hyperreflexya mean")
    assert entry is not None and entry.term == "hyperreflexia"


def test_glossary_lookup_unknown_word(session: Session) -> None:
    assert queries.glossary_lookup(session, "photosynthesis") is None


def test_compare_uses_structured_attributes_and_facts(session: Session) -> None:
    comparison = queries.compare(session, "pls", "als")
    assert comparison is not None
    assert (comparison.first.affects, comparison.second.affects) == ("upper", "both")
    assert not comparison.same_neurons
    assert comparison.facts["pls"] and comparison.facts["als"]


def test_compare_same_or_unknown_is_none(session: Session) -> None:
    assert queries.compare(session, "als", "als") is None
    assert queries.compare(session, "als", "flu") is None


def test_provenance_names_source_and_section(session: Session) -> None:
    facts = queries.facts_for(session, condition="als", topic="definition").facts
    sources = queries.provenance(facts)
    assert sources and all({"id", "title", "section", "citation"} <= s.keys() for s in sources)
    assert sources[0]["id"] == facts[0].source_id


def test_export_patterns_cover_names_and_terms(session: Session) -> None:
    patterns = queries.export_patterns(session)
    assert {"label": "condition", "pattern": "lou gehrig's disease", "id": "als"} in patterns
    assert {"label": "condition", "pattern": "lou gehrig’s disease", "id": "als"} in patterns
    assert {"label": "term", "pattern": "hyperreflexia", "id": "hyperreflexia"} in patterns
    phrases = [(p["label"], p["pattern"]) for p in patterns]
    assert len(phrases) == len(set(phrases))


@pytest.mark.parametrize(
    ("text", "slugs"),
    [
        ("tell me more pls", []),
        ("what causes it pls", []),
        ("what are the symptoms of pls", ["pls"]),
        ("my husband has pls", ["pls"]),
        ("and pls?", ["pls"]),
        ("What is PLS", ["pls"]),
        ("should I see a doctor early if I suspect pls", ["pls"]),
        ("treatment for als pls", ["als"]),
        ("how does als differ from pls", ["als", "pls"]),
        ("is pma worse than pls", ["pma", "pls"]),
    ],
)
def test_pls_typed_as_please_is_not_a_condition(session: Session, text: str, slugs: list[str]) -> None:
    assert names.conditions_in(session, entities=[], text=text) == slugs


@pytest.mark.parametrize(
    ("text", "slugs"),
    [
        ("my mum's got motor neurone disese, what is it", ["mnd"]),
        ("what is postpolio syndrome", ["pps"]),
        ("does ALS damage upper or lower motor neurons", ["als"]),
        ("is Lou Gehrigs disease a type of motor neuron disease", ["als", "mnd"]),
    ],
)
def test_conditions_in_a_message(session: Session, text: str, slugs: list[str]) -> None:
    assert names.conditions_in(session, entities=[], text=text) == slugs


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("i have progressive bull bar pulsy, what part of the nervous system does it hit", "progressive"),
        ("is spinal muscular atrophy rare", "atrophy"),
    ],
)
def test_a_word_inside_a_condition_name_is_not_a_term_asked_about(session: Session, text: str, word: str) -> None:
    # Glossary words, but here they are part of the name.
    assert names.find_term(session, text) is None
    assert not names.term_outside_names(session, text, word)


def test_a_word_asked_about_beside_the_name_is_still_a_term(session: Session) -> None:
    text = "what does bulbar mean in progressive bulbar palsy"
    entry = names.find_term(session, text)
    assert entry is not None and entry.term == "bulbar"
    assert names.term_outside_names(session, text, "bulbar")


def test_remedies_are_told_from_illnesses_and_from_what_the_material_names(session: Session) -> None:
    text = "does a ketogenic diet or stem cell therapy slow als down"
    assert names.remedy_names(session, text)[:2] == ["stem cell therapy", "ketogenic diet"]
    assert names.outside_names(session, text) == []
    assert names.remedy_names(session, "my dad has parkinsons") == []
    # the treatments the documents do name are never listed as remedies they lack
    assert names.remedy_names(session, "riluzole edaravone physical therapy feeding tube clinical trials") == []

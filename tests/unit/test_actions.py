"""Every custom action, run on inline trackers against a fresh in-memory store."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import OperationalError

from actions.answer import ActionAnswerTopic, ActionAnswerWhatAbout
from actions.base import StoreAction
from actions.clarify import ActionOfferReadings
from actions.compare import ActionCompareConditions
from actions.contract import KINDS
from actions.glossary import ActionDefineTerm
from actions.safety import ActionDeclinePersonalAdvice
from actions.session import ActionSessionStart
from actions.tell_more import ActionTellMore

CONTRACT_KEYS = {"kind", "condition", "topic", "facts", "sources", "term", "conditions"}


def make_tracker(
    text: str,
    intent: str,
    *,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    ranking: list[dict[str, Any]] | None = None,
) -> Tracker:
    return Tracker(
        sender_id="test-user",
        slots=slots or {},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": entities or [],
            "intent_ranking": ranking or [],
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def condition_entity(value: str) -> dict[str, Any]:
    return {"entity": "condition", "value": value, "extractor": "SpacyEntityExtractor"}


def run(action: Action, tracker: Tracker, domain: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Run the action; return the messages it sent and the slots it set."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    for message in dispatcher.messages:
        custom = message["custom"]
        assert custom.keys() >= CONTRACT_KEYS and custom["kind"] in KINDS
        assert message["text"], "every message has text for the person"
    return dispatcher.messages, slots


@pytest.mark.usefixtures("store")
class TestAnswerTopic:
    def test_answers_the_named_condition_with_provenance(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("what are the symptoms of PLS", "ask_symptoms", entities=[condition_entity("PLS")])
        [msg], slots = run(ActionAnswerTopic(), tracker, domain)
        custom = msg["custom"]
        assert custom["kind"] == "answer" and custom["condition"] == "pls" and custom["topic"] == "symptoms"
        assert custom["facts"] and all(f.startswith("pls.symptoms.") for f in custom["facts"])
        assert custom["sources"][0]["citation"].startswith("Motor Neuron Disease, Cleveland Clinic")
        assert "legs" in msg["text"]
        assert slots["condition"] == "pls" and slots["topic"] == "symptoms"

    def test_follow_up_uses_the_condition_in_context(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("is it inherited?", "ask_inheritance", slots={"condition": "sma"})
        [msg], _ = run(ActionAnswerTopic(), tracker, domain)
        assert msg["custom"]["condition"] == "sma" and msg["custom"]["topic"] == "inheritance"
        assert "SMN1" in msg["text"] or "gene" in msg["text"]

    def test_no_condition_answers_for_mnd_in_general(self, domain: dict[str, Any]) -> None:
        [msg], slots = run(ActionAnswerTopic(), make_tracker("how is it diagnosed", "ask_diagnosis"), domain)
        assert msg["custom"]["condition"] == "mnd"
        assert slots["condition"] == "mnd"

    def test_typo_in_condition_is_resolved_by_the_store(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("what is amyotropic lateral sclerosis", "ask_definition")
        [msg], _ = run(ActionAnswerTopic(), tracker, domain)
        assert msg["custom"]["condition"] == "als"

    def test_type_without_own_facts_falls_back_and_says_so(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("how is pbp treated", "ask_treatment", entities=[condition_entity("pbp")])
        [msg], _ = run(ActionAnswerTopic(), tracker, domain)
        assert msg["custom"]["condition"] == "pbp" and msg["custom"]["answered_for"] == "mnd"
        assert "PBP" in msg["text"] and "MND in general" in msg["text"]
        assert all(f.startswith("mnd.treatment.") for f in msg["custom"]["facts"])

    def test_lost_list_is_admitted_not_invented(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("what medicines help mnd symptoms", "ask_treatment", entities=[condition_entity("mnd")])
        [msg], _ = run(ActionAnswerTopic(), tracker, domain)
        assert msg["custom"]["kind"] == "not_covered"
        assert "My material does not list" in msg["text"]
        assert "healthcare provider" in msg["text"]
        assert msg["custom"]["facts"], "what the document does say is still given"

    def test_glossary_words_in_the_answer_are_offered(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("which neurons does mnd affect", "ask_upper_lower", entities=[condition_entity("mnd")])
        [msg], slots = run(ActionAnswerTopic(), tracker, domain)
        assert slots["terms"]
        assert all(b["payload"].startswith("/ask_term") for b in msg["buttons"])
        assert msg["custom"]["terms"] == slots["terms"]


@pytest.mark.usefixtures("store")
class TestFollowUps:
    def test_what_about_keeps_topic_and_switches_condition(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker(
            "what about kennedy's disease?",
            "ask_what_about",
            entities=[condition_entity("kennedy's disease")],
            slots={"condition": "pls", "topic": "symptoms"},
        )
        [msg], slots = run(ActionAnswerWhatAbout(), tracker, domain)
        assert msg["custom"]["condition"] == "kennedy" and msg["custom"]["topic"] == "symptoms"
        assert slots["condition"] == "kennedy"

    def test_what_about_without_a_condition_asks_which(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("what about the other one", "ask_what_about", slots={"topic": "symptoms"})
        [msg], _ = run(ActionAnswerWhatAbout(), tracker, domain)
        assert msg["custom"]["kind"] == "clarify" and msg["buttons"]
        assert all(b["payload"].startswith("/ask_symptoms") for b in msg["buttons"])

    def test_tell_me_more_gives_the_details_then_the_general_facts(self, domain: dict[str, Any]) -> None:
        first = make_tracker("what is als", "ask_definition", entities=[condition_entity("als")])
        [answer], slots = run(ActionAnswerTopic(), first, domain)
        more = make_tracker("tell me more", "ask_more", slots=slots)
        [detail], slots2 = run(ActionTellMore(), more, domain)
        assert "Lou Gehrig" in answer["text"]
        assert detail["text"] != answer["text"] and detail["custom"]["facts"]
        assert detail["custom"]["part"] == "detail"
        assert slots2["details_given"] is True
        again = make_tracker("more", "ask_more", slots={**slots, **slots2})
        [general], _ = run(ActionTellMore(), again, domain)
        assert general["custom"]["answered_for"] == "mnd"
        assert all(f.startswith("mnd.definition") for f in general["custom"]["facts"])

    def test_tell_me_more_with_nothing_before(self, domain: dict[str, Any]) -> None:
        [msg], _ = run(ActionTellMore(), make_tracker("tell me more", "ask_more"), domain)
        assert msg["custom"]["kind"] == "clarify" and msg["buttons"]

    def test_compare_two_named_conditions(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker(
            "how is PLS different from ALS",
            "ask_compare",
            entities=[condition_entity("PLS"), condition_entity("ALS")],
        )
        [msg], slots = run(ActionCompareConditions(), tracker, domain)
        custom = msg["custom"]
        assert custom["kind"] == "compare" and custom["conditions"] == ["pls", "als"]
        assert "only the upper motor neurons" in msg["text"] and "both upper and lower" in msg["text"]
        assert {f.split(".")[0] for f in custom["facts"]} == {"pls", "als"}
        # The first named stays in focus ("and where does it start?"); both are "the two" now.
        assert slots["condition"] == "pls" and slots["listed"] == ["pls", "als"]

    def test_compare_that_with_context(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker(
            "how is that different from ALS?",
            "ask_compare",
            entities=[condition_entity("ALS")],
            slots={"condition": "pma"},
        )
        [msg], _ = run(ActionCompareConditions(), tracker, domain)
        assert msg["custom"]["conditions"] == ["pma", "als"]

    def test_compare_with_one_condition_asks_for_the_other(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("how is pls different", "ask_compare", entities=[condition_entity("pls")])
        [msg], _ = run(ActionCompareConditions(), tracker, domain)
        assert msg["custom"]["kind"] == "clarify"
        assert len(msg["buttons"]) >= 5


@pytest.mark.usefixtures("store")
class TestGlossary:
    def test_defines_the_named_word(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker(
            "what does hyperreflexia mean", "ask_term", entities=[{"entity": "term", "value": "hyperreflexia"}]
        )
        [msg], slots = run(ActionDefineTerm(), tracker, domain)
        assert msg["custom"]["kind"] == "definition" and msg["custom"]["term"] == "hyperreflexia"
        assert "reflex" in msg["text"].lower() and msg["custom"]["sources"]
        assert slots["term"] == "hyperreflexia"

    def test_what_does_that_mean_uses_the_last_answer(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("what does that mean?", "ask_term", slots={"terms": ["atrophy"]})
        [msg], _ = run(ActionDefineTerm(), tracker, domain)
        assert msg["custom"]["term"] == "atrophy"

    def test_that_with_several_words_asks_which(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("what does that mean?", "ask_term", slots={"terms": ["atrophy", "hyperreflexia"]})
        [msg], _ = run(ActionDefineTerm(), tracker, domain)
        assert msg["custom"]["kind"] == "clarify" and len(msg["buttons"]) == 2

    def test_unknown_word_is_admitted(self, domain: dict[str, Any]) -> None:
        [msg], _ = run(ActionDefineTerm(), make_tracker("what does photosynthesis mean", "ask_term"), domain)
        assert msg["custom"]["kind"] == "not_covered" and "healthcare provider" in msg["text"]

    def test_a_condition_name_gets_its_definition(self, domain: dict[str, Any]) -> None:
        [msg], _ = run(ActionDefineTerm(), make_tracker("what does PLS mean", "ask_term"), domain)
        assert msg["custom"]["condition"] == "pls" and msg["custom"]["topic"] == "definition"


@pytest.mark.usefixtures("store")
class TestSafetyAndClarify:
    def test_personal_advice_is_declined_kindly_with_general_facts(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("do I have ALS?", "request_personal_advice", entities=[condition_entity("ALS")])
        [msg], slots = run(ActionDeclinePersonalAdvice(), tracker, domain)
        assert msg["custom"]["kind"] == "no_diagnosis"
        assert "can't diagnose" in msg["text"] and "care team" in msg["text"]
        assert msg["custom"]["facts"] and msg["custom"]["sources"]
        assert any("ALS" in b["title"] for b in msg["buttons"])
        # the first type this chat was about, and what its first answer was about
        assert slots == {"condition": "als", "opened": "als", "first_asked": "als"}

    def test_low_confidence_offers_readings(self, domain: dict[str, Any]) -> None:
        ranking = [
            {"name": "nlu_fallback", "confidence": 1.0},
            {"name": "ask_symptoms", "confidence": 0.4},
            {"name": "ask_diagnosis", "confidence": 0.3},
            {"name": "greet", "confidence": 0.2},
        ]
        tracker = make_tracker("stuff and things", "nlu_fallback", ranking=ranking)
        [msg], _ = run(ActionOfferReadings(), tracker, domain)
        assert msg["custom"]["kind"] == "clarify"
        assert [b["payload"] for b in msg["buttons"]] == [
            '/ask_symptoms{"condition": "mnd"}',
            '/ask_diagnosis{"condition": "mnd"}',
        ]

    def test_no_likely_reading_gives_scope_statement(self, domain: dict[str, Any]) -> None:
        tracker = make_tracker("blorp", "nlu_fallback", ranking=[{"name": "greet", "confidence": 0.3}])
        [msg], _ = run(ActionOfferReadings(), tracker, domain)
        assert msg["custom"]["kind"] == "out_of_scope" and msg["buttons"]


def test_session_start_sends_the_disclaimer_first(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionSessionStart().run(dispatcher, make_tracker("", "greet"), domain))
    assert events[0]["event"] == "session_started" and events[-1]["name"] == "action_listen"
    [msg] = dispatcher.messages
    assert msg["custom"]["kind"] == "disclaimer"
    assert "not a doctor" in msg["text"] and "emergency" in msg["text"]


def test_store_failure_gives_a_polite_error(domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> Any:
        raise OperationalError("SELECT 1", {}, Exception("database is locked"))

    monkeypatch.setattr(StoreAction, "sessions", broken)
    tracker = make_tracker("what is als", "ask_definition")
    [msg], _ = run(ActionAnswerTopic(), tracker, domain)
    assert msg["custom"]["kind"] == "error"
    assert "try again" in msg["text"]


@pytest.mark.usefixtures("store")
def test_possibly_risky_message_gets_the_safety_note_first(domain: dict[str, Any]) -> None:
    """The emergency detector found it risky but not plainly an emergency: answer, led by the note."""
    ranking = [{"name": "ask_symptoms", "confidence": 0.3}, {"name": "ask_outlook", "confidence": 0.2}]
    tracker = make_tracker("stuff and things", "nlu_fallback", ranking=ranking, slots={"condition": "als"})
    tracker.latest_message["safety"] = {"level": "note", "kind": "fall", "probability": 0.3, "source": "model"}
    [msg], _ = run(ActionOfferReadings(), tracker, domain)
    assert msg["custom"]["kind"] == "clarify" and msg["custom"]["safety_note"] is True
    assert msg["text"].startswith("If this is happening right now, call your local emergency number")
    assert {c["tel"] for c in msg["custom"]["call"]} == {"911", "999", "112"}
    assert msg["buttons"][0]["payload"] == '/ask_symptoms{"condition": "als"}'


@pytest.mark.usefixtures("store")
def test_a_worry_of_feelings_gets_living_with_it_and_the_gentle_note(domain: dict[str, Any]) -> None:
    """Found risky by the words of feelings, not danger now: what the material says on coping, led by the note
    that names the crisis line, never the scope statement."""
    text = "i really don't want to end up a burden to my kids"
    tracker = make_tracker(text, "nlu_fallback", ranking=[{"name": "ask_coping", "confidence": 0.1}])
    tracker.latest_message["safety"] = {"level": "note", "kind": "self_harm", "probability": 0.9, "source": "model"}
    [msg], _ = run(ActionOfferReadings(), tracker, domain)
    assert (msg["custom"]["kind"], msg["custom"]["topic"]) == ("answer", "coping")
    assert msg["text"].startswith("If you ever think of harming yourself")


@pytest.mark.usefixtures("store")
def test_definition_question_about_a_word_is_explained(domain: dict[str, Any]) -> None:
    tracker = make_tracker("what is meant by bulbar", "ask_definition", slots={"condition": "pls"})
    [msg], slots = run(ActionAnswerTopic(), tracker, domain)
    assert msg["custom"]["kind"] == "definition" and msg["custom"]["term"] == "bulbar"
    assert slots == {"term": "bulbar"}


@pytest.mark.usefixtures("store")
@pytest.mark.parametrize("action", [ActionDefineTerm(), ActionAnswerTopic()])
def test_a_misheard_word_corrected_re_asks_the_last_question(action: Action, domain: dict[str, Any]) -> None:
    # "is it in her rated" (voice typing), then "sorry it typed wrong, I meant inherited": PBP's inheritance
    # again, not what "inherited" means.
    tracker = make_tracker(
        "sorry it typed wrong I meant inherited", "ask_term", slots={"condition": "pbp", "topic": "inheritance"}
    )
    messages, _ = run(action, tracker, domain)
    assert [(m["custom"]["kind"], m["custom"]["topic"]) for m in messages][-1:] in (
        [("answer", "inheritance")],
        [("not_covered", "inheritance")],
    )
    assert messages[-1]["custom"]["condition"] == "pbp"


@pytest.mark.usefixtures("store")
def test_a_word_asked_about_after_sorry_is_explained(domain: dict[str, Any]) -> None:
    tracker = make_tracker(
        "sorry, what does inherited mean?", "ask_term", slots={"condition": "als", "topic": "causes"}
    )
    [msg], _ = run(ActionDefineTerm(), tracker, domain)
    assert msg["custom"]["kind"] == "definition" and msg["custom"]["term"] == "inherited"


@pytest.mark.usefixtures("store")
@pytest.mark.parametrize(
    ("text", "slug", "said"),
    [
        ("does it usually spread to the arms and legs", "pbp", "does not link PBP with the legs or the arms"),
        ("does it affect breathing", "pls", "does not link PLS with breathing"),
    ],
)
def test_a_symptom_the_material_never_gives_a_type_is_said_to_be_missing(
    text: str, slug: str, said: str, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text, "ask_symptoms", slots={"condition": slug, "topic": "symptoms"})
    [msg], _ = run(ActionAnswerTopic(), tracker, domain)
    assert msg["custom"]["kind"] == "not_covered" and msg["custom"]["condition"] == slug
    assert said in msg["text"]
    assert msg["custom"]["facts"], "what the material does say follows, with its provenance"


@pytest.mark.usefixtures("store")
@pytest.mark.parametrize(
    ("text", "slug"), [("does it affect the legs", "pls"), ("does it start in the hands", "pma"), ("speech?", "pbp")]
)
def test_a_symptom_the_material_gives_a_type_is_answered(text: str, slug: str, domain: dict[str, Any]) -> None:
    tracker = make_tracker(text, "ask_symptoms", slots={"condition": slug, "topic": "symptoms"})
    [msg], _ = run(ActionAnswerTopic(), tracker, domain)
    assert msg["custom"]["kind"] == "answer" and msg["custom"]["condition"] == slug


@pytest.mark.usefixtures("store")
@pytest.mark.parametrize(("term", "topic"), [("riluzole", "treatment"), ("atrophy", "outlook")])
def test_it_after_a_treatment_word_was_explained_asks_about_treatment(
    term: str, topic: str, domain: dict[str, Any]
) -> None:
    # "The nurse said riluzole, what is it?" then "does it make her live longer?": the medicine, not ALS's outlook.
    tracker = make_tracker(
        "does it make her live longer", "ask_outlook", slots={"condition": "als", "topic": "definition"}
    )
    tracker.events = [{"event": "bot", "text": "...", "data": {"custom": {"kind": "definition", "term": term}}}]
    messages, _ = run(ActionAnswerTopic(), tracker, domain)
    assert messages[-1]["custom"]["topic"] == topic


@pytest.mark.usefixtures("store")
def test_what_about_a_word_explains_it(domain: dict[str, Any]) -> None:
    slots = {"condition": "pbp", "topic": "symptoms"}
    tracker = make_tracker("and what is meant by bulbar", "ask_what_about", slots=slots)
    [msg], _ = run(ActionAnswerWhatAbout(), tracker, domain)
    assert msg["custom"]["kind"] == "definition" and msg["custom"]["term"] == "bulbar"

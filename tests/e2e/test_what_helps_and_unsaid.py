"""What helps, asked in ways the classifier reads as something else, and details the material never gives: how a
medicine is given, machines and devices, how long a diagnosis takes, a thing it never names, the chances of
passing a type on."""

from __future__ import annotations

from tests.support import Chat, about


def test_what_really_helps_after_a_type(chat: Chat) -> None:
    chat.say("my brother has pma")
    reply = chat.say("so what can really help then")
    assert about(reply)[1:] == ("pma", "treatment"), reply


def test_what_else_apart_from_the_medicines(chat: Chat) -> None:
    chat.say("my wife has als")
    reply = chat.say("apart from the tablets, is there anything else")
    assert about(reply)[1:] == ("als", "treatment"), reply


def test_a_kind_of_help_named_alone(chat: Chat) -> None:
    chat.say("i have pls")
    reply = chat.say("is physio worth it?")
    assert about(reply)[1:] == ("pls", "treatment"), reply


def test_tell_me_more_about_a_kind_of_help(chat: Chat) -> None:
    chat.say("what is pbp")
    reply = chat.say("tell me a bit more about the exercises side")
    assert reply["custom"]["topic"] == "treatment", reply


def test_how_a_medicine_is_given(chat: Chat) -> None:
    reply = chat.say("is edaravone an injection or a tablet")
    assert about(reply) == ("not_covered", "als", "treatment"), reply
    assert "how the medicines" in reply["text"], reply


def test_machines_for_breathing(chat: Chat) -> None:
    chat.say("what is als")
    reply = chat.say("do people with it end up on a ventilator at night")
    assert about(reply)[:2] == ("not_covered", "als"), reply
    assert "machines or devices" in reply["text"], reply


def test_how_long_a_diagnosis_takes(chat: Chat) -> None:
    reply = chat.say("roughly how long does it take to get diagnosed with mnd")
    assert about(reply) == ("not_covered", "mnd", "diagnosis"), reply


def test_a_cause_the_material_never_names(chat: Chat) -> None:
    reply = chat.say("could vaping cause motor neurone disease")
    assert about(reply) == ("not_covered", "mnd", "causes"), reply
    assert "vaping" in reply["text"], reply


def test_the_chances_of_passing_it_on(chat: Chat) -> None:
    chat.say("i have had sma since i was a baby")
    reply = chat.say("thinking of starting a family. what are the odds i pass it on")
    assert about(reply)[:3] == ("not_covered", "sma", "inheritance"), reply


def test_a_percentage_is_a_figure_not_given(chat: Chat) -> None:
    reply = chat.say("what % of people with mnd have the inherited kind")
    assert reply["custom"]["kind"] == "not_covered", reply


def test_a_word_and_too_asks_the_last_question_about_it(chat: Chat) -> None:
    chat.say("what do motor neurons do")
    reply = chat.say("and reflexes too?")
    assert about(reply) == ("answer", "motor_neuron", "function"), reply
    # the sentence that says so is given, not only the fact it belongs to
    assert "reflexes" in reply["text"], reply


def test_a_symptom_and_too_is_not_a_word_to_define(chat: Chat) -> None:
    chat.say("what are the symptoms of pls")
    reply = chat.say("numbness too?")
    assert reply["custom"]["kind"] != "definition", reply
    assert reply["custom"]["condition"] == "pls", reply

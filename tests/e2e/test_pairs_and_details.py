"""Which one is meant after two types were compared, details the material never gives, the person's own type left
out of "the other types", and a type picked by what it is known for, typos and all."""

from __future__ import annotations

from tests.support import Chat, about


def test_it_after_two_types_compared_fresh_asks_which(chat: Chat) -> None:
    chat.say("als vs pma whats the difference")
    reply = chat.say("how long do people live with it")
    assert reply["custom"]["kind"] == "clarify", reply
    assert set(reply["custom"]["conditions"]) == {"als", "pma"}, reply
    reply = chat.say("pma")
    assert about(reply)[:3] == ("answer", "pma", "outlook") or about(reply)[:3] == ("not_covered", "pma", "outlook")


def test_it_after_a_comparison_of_the_one_talked_about_keeps_it(chat: Chat) -> None:
    chat.say("what is pls")
    chat.say("how is it different from als")
    reply = chat.say("and where does it normally start?")
    assert about(reply)[:3] == ("answer", "pls", "symptoms"), reply


def test_it_after_a_comparison_of_someones_type_keeps_theirs(chat: Chat) -> None:
    chat.say("my mum has pbp. how is that different from als")
    reply = chat.say("is it painful for her")
    assert reply["custom"]["condition"] == "pbp", reply


def test_whom_it_mostly_affects_when_the_material_never_says(chat: Chat) -> None:
    reply = chat.say("is als more common in men")
    assert about(reply)[:3] == ("not_covered", "als", "risk_factors"), reply
    assert "men" in reply["text"], reply
    reply = chat.say("is pma more common in men")
    assert about(reply)[:3] == ("answer", "pma", "risk_factors"), reply


def test_how_many_motor_neurons(chat: Chat) -> None:
    chat.say("what is a motor neuron")
    reply = chat.say("how many of them are in the body")
    assert about(reply)[:2] == ("not_covered", "motor_neuron"), reply


def test_the_family_type_of_the_one_in_focus(chat: Chat) -> None:
    chat.say("is als hereditary")
    reply = chat.say("how would you even know if its the family type")
    assert reply["custom"]["condition"] == "als", reply


def test_tell_me_more_about_one_in_focus_after_another_topic(chat: Chat) -> None:
    chat.say("whats the difference between pls and als")
    chat.say("which one goes faster")
    reply = chat.say("tell me more about the second one")
    assert about(reply)[:3] == ("answer", "als", "definition"), reply


def test_the_other_types_leave_out_the_persons_own(chat: Chat) -> None:
    chat.say("got kennedys disease, diagnosed a few years back")
    reply = chat.say("apart from mine, which of the other types mostly hit men")
    assert reply["custom"]["conditions"] == ["pma"], reply
    reply = chat.say("and where does that one usually start")
    assert about(reply)[:3] == ("answer", "pma", "symptoms"), reply


def test_a_type_known_for_speech_and_swallowing_with_typos(chat: Chat) -> None:
    chat.say("wat r the typs of motr nuron disese")
    chat.say("wich 1 starts in ur legs")
    reply = chat.say("my aunty has the 1 that messes up swalowing n talkin, wats it called")
    assert reply["custom"]["condition"] == "pbp", reply
    reply = chat.say("is it in the brain or the spine")
    assert about(reply)[:2] == ("answer", "pbp"), reply


def test_who_they_are_said_before_the_question(chat: Chat) -> None:
    chat.say("my husband has kennedy's disease")
    reply = chat.say("we have two girls. are they at risk of getting it?")
    assert about(reply)[:2] == ("not_covered", "kennedy"), reply


def test_a_child_of_parents_who_do_not_have_it(chat: Chat) -> None:
    chat.say("my baby has sma")
    reply = chat.say("but how did she get it if neither me or her dad has it")
    assert about(reply)[:3] == ("not_covered", "sma", "inheritance"), reply


def test_judgements_on_one_person_in_other_words(chat: Chat) -> None:
    for text in (
        "so does that mean hes got it then??",
        "her grip is going, does that sound like pma to you",
        "the doctor listed two drugs, would they help her do you think",
        "i keep getting cramps and im terrified its als",
        "if a person slurs and drops things, which one have they got",
    ):
        first = chat.replies(text)[0]  # (then what the material says in general, at times)
        assert first["custom"]["kind"] == "no_diagnosis", (text, first)


def test_a_treatment_decision_about_the_other_medicine(chat: Chat) -> None:
    chat.say("my wife has als and takes riluzole. what does it do")
    reply = chat.say("should she go on the other one as well")
    assert reply["custom"]["kind"] == "no_diagnosis", reply


def test_why_a_type_mostly_affects_men_is_not_given(chat: Chat) -> None:
    reply = chat.say("how come pma is mostly in men")
    assert about(reply)[:3] == ("not_covered", "pma", "risk_factors"), reply


def test_what_a_type_does_to_a_person(chat: Chat) -> None:
    reply = chat.say("what can motor neurone disease do to someone")
    assert about(reply)[:3] == ("answer", "mnd", "symptoms"), reply


def test_what_helps_asked_alone(chat: Chat) -> None:
    chat.say("what is motor neurone disease")
    reply = chat.say("so what can help")
    assert reply["custom"]["topic"] == "treatment", reply


def test_a_symptom_no_type_is_linked_with(chat: Chat) -> None:
    chat.say("my dad has kennedys disease")
    reply = chat.say("he keeps getting cramps in his calves, is that from it")
    assert about(reply)[:2] == ("not_covered", "kennedy"), reply
    assert "cramps" in reply["text"], reply


def test_the_chance_a_later_child_has_it(chat: Chat) -> None:
    chat.say("our son has sma")
    reply = chat.say("whats the chance another baby would have it")
    assert about(reply)[:3] == ("not_covered", "sma", "inheritance"), reply

"""Lists and words across turns: the same question across the types after an answer that found one, two
ordinals compared, "the first type you listed" after choices, "and lower?" after a word was explained, kinds of
motor neurons, and a choking that happens often asked about as care."""

from __future__ import annotations

from tests.support import Chat, about


def test_the_same_question_across_the_types_after_one_was_found(chat: Chat) -> None:
    chat.say("what types of mnd are there")
    reply = chat.say("which of them hit both the upper and lower neurones")
    assert reply["custom"]["conditions"] == ["als"], reply
    reply = chat.say("and just the upper?")
    assert reply["custom"]["conditions"] == ["pls"], reply


def test_two_ordinals_compared(chat: Chat) -> None:
    chat.say("name the types of motor neurone disease")
    reply = chat.say("compare the 2nd and 5th")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"pbp", "sma"}, reply


def test_the_first_type_listed_after_choices(chat: Chat) -> None:
    chat.say("what kinds of mnd are there")
    reply = chat.say("the atrophy one, what causes it?")
    assert reply["custom"]["kind"] == "clarify", reply
    reply = chat.say("actually, the first type you listed - what does it stand for?")
    assert about(reply)[:2] == ("answer", "als"), reply


def test_the_other_word_after_a_word_explained(chat: Chat) -> None:
    chat.say("what is a lower motor neuron")
    reply = chat.say("and upper?")
    assert reply["custom"]["kind"] == "definition", reply
    assert reply["custom"]["term"] == "upper motor neuron", reply


def test_kinds_of_motor_neurons(chat: Chat) -> None:
    chat.say("what do motor neurones do")
    reply = chat.say("are there different sorts?")
    assert about(reply)[:2] == ("answer", "motor_neuron"), reply
    assert "upper" in reply["text"].lower(), reply


def test_what_it_does(chat: Chat) -> None:
    chat.say("what is post polio syndrome")
    reply = chat.say("and whats it do")
    assert about(reply)[:3] == ("answer", "pps", "symptoms"), reply


def test_choking_often_asked_about_as_care(chat: Chat) -> None:
    reply = chat.say("my husband with MND is choking on his tea a lot, what can help with drinking?")
    assert reply["custom"]["kind"] != "emergency", reply


def test_what_a_named_type_is_after_a_personal_story(chat: Chat) -> None:
    reply = chat.say(
        "had polio at 6 and now at 70 i'm worn out and my arms ache all the time, it gets me down. "
        "what is this post polio syndrome everyone talks about"
    )
    assert about(reply) == ("answer", "pps", "definition"), reply


def test_support_for_people_like_us_is_not_a_question_across_the_types(chat: Chat) -> None:
    reply = chat.say(
        "my wife has mnd and i look after her. our children live abroad. is there any support for people like us?"
    )
    assert about(reply)[2] == "coping", reply
    assert not reply["custom"].get("conditions"), reply


def test_why_motor_neurons_die(chat: Chat) -> None:
    reply = chat.say("why do the motor nerves die")
    assert about(reply)[2] == "causes", reply


def test_news_of_a_diagnosis_after_a_choking_spell_is_not_an_emergency(chat: Chat) -> None:
    reply = chat.say(
        "last year my dad kept choking on his dinner and now after months of tests they said it's PBP. what is that?"
    )
    assert reply["custom"]["kind"] != "emergency", reply


def test_the_disease_of_motor_neurons_by_name(chat: Chat) -> None:
    chat.say("where are motor neurones")
    reply = chat.say("and when they die, what is that disease called?")
    assert about(reply)[:3] == ("answer", "mnd", "definition"), reply


def test_an_aside_about_something_else_is_out_of_scope(chat: Chat) -> None:
    chat.say("what does riluzole do")
    reply = chat.say("off topic, but is statin muscle ache a real thing")
    assert reply["custom"]["kind"] == "out_of_scope", reply


def test_a_medicine_asked_about_keeps_its_condition_in_focus(chat: Chat) -> None:
    chat.say("what medicines are there for motor neurone disease")
    reply = chat.say("how much riluzole do people normally take a day")
    assert reply["custom"]["kind"] == "out_of_scope", reply
    reply = chat.say("and does it cure it?")
    assert about(reply)[1:] == ("als", "treatment"), reply


def test_which_typed_in_a_hurry(chat: Chat) -> None:
    chat.say("whats the difference between pma and sma")
    reply = chat.say("whc 1 is in babies")
    assert "sma" in (reply["custom"].get("conditions") or [reply["custom"].get("condition")]), reply


def test_a_word_only_one_type_uses_picks_that_type(chat: Chat) -> None:
    chat.say("what are motor neurons")
    reply = chat.say("and the SMN protein, what happens if it's missing?")
    assert about(reply)[:2] == ("answer", "sma"), reply

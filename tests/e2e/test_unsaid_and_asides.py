"""Details the material never gives, whichever type is asked about (whether it is catching, a medicine's
side effects, the genes' names, thinking and memory, prevention, kinds of one type), said once and plainly
before what it does say; what a message says it is NOT asking; punctuation said to voice typing; a
confident reading of a question after a story; two types weighed for one person become "the two";
"are they related?"; news that help was called after an emergency reply."""

from __future__ import annotations

from tests.support import Chat, about


def test_whether_it_is_catching(chat: Chat) -> None:
    chat.say("my wife has PLS")
    reply = chat.say("can I catch it from her? we share a bed")
    assert about(reply)[0] == "not_covered", reply
    assert "from one person to another" in reply["text"], reply
    assert reply["text"].count("does not say") == 1, reply  # said once, not again for the word "catch"
    assert reply["custom"]["facts"], reply  # then what the material says of its causes, with provenance


def test_could_the_children_get_it_from_me_still_asks_about_inheritance(chat: Chat) -> None:
    chat.say("I have Kennedy's disease and two young sons")
    reply = chat.say("could they get it from me?")
    assert "infection" not in reply["text"], reply
    assert about(reply)[1:] == ("kennedy", "inheritance"), reply


def test_side_effects_are_not_given_and_point_at_the_medicines_type(chat: Chat) -> None:
    reply = chat.say("what are the side effects of riluzole")
    assert about(reply) == ("not_covered", "als", "treatment"), reply
    assert "side effects" in reply["text"] and "riluzole" in reply["text"], reply


def test_gene_names_are_not_given_unless_the_material_names_one(chat: Chat) -> None:
    reply = chat.say("which gene is behind familial ALS")
    assert about(reply) == ("not_covered", "als", "inheritance"), reply
    assert "does not name the genes" in reply["text"], reply
    reply = chat.say("and which gene is it for SMA")
    assert about(reply) == ("answer", "sma", "causes") or about(reply) == ("answer", "sma", "inheritance"), reply
    assert "SMN1" in reply["text"], reply


def test_thinking_and_memory_are_not_covered(chat: Chat) -> None:
    chat.say("my brother has ALS")
    reply = chat.say("could it change his memory or personality?")
    assert about(reply) == ("not_covered", "als", "symptoms"), reply
    assert "thinking, memory or behaviour" in reply["text"], reply


def test_prevention_is_not_covered(chat: Chat) -> None:
    reply = chat.say("is there anything i can do to avoid getting MND, like vitamins")
    assert about(reply) == ("not_covered", "mnd", "risk_factors"), reply


def test_kinds_of_one_type(chat: Chat) -> None:
    reply = chat.say("my grandson has SMA. what different types of SMA are there?")
    assert about(reply) == ("not_covered", "sma", "types"), reply
    # ...but the other kinds of MND are listed
    reply = chat.say("what other kinds are there")
    assert about(reply)[1:] == ("mnd", "types"), reply


def test_what_a_message_says_it_is_not_asking(chat: Chat) -> None:
    messages = chat.replies(
        "my legs have been weak for months and I'm booked in with neurology. I'm not asking you to say if I "
        "have MND, I just want to know how they test for it"
    )
    assert [m["custom"]["kind"] for m in messages] != ["no_diagnosis"], messages
    assert about(messages[-1])[1:] == ("mnd", "diagnosis"), messages
    # asking it outright is still declined
    assert chat.say("can you tell me if I have MND")["custom"]["kind"] == "no_diagnosis"


def test_punctuation_said_to_voice_typing(chat: Chat) -> None:
    reply = chat.say("my dad has PBP comma what part of him does it affect question mark")
    assert about(reply)[1:] == ("pbp", "symptoms"), reply


def test_text_speak_for_upper_and_lower(chat: Chat) -> None:
    reply = chat.say("wats the diff between upr and lwr motor neurons")
    assert about(reply)[:2] == ("answer", "motor_neuron"), reply
    assert "upper motor neurons" in reply["text"] and "lower motor neurons" in reply["text"], reply


def test_a_sure_question_after_a_story(chat: Chat) -> None:
    reply = chat.say("my husband was diagnosed with PMA in may and I keep crying. how do families cope with this")
    assert about(reply)[2] == "coping", reply


def test_what_motor_neurons_do_is_answered_from_the_facts(chat: Chat) -> None:
    reply = chat.say("what do lower motor neurons do")
    assert reply["custom"]["kind"] == "answer", reply
    assert reply["custom"]["condition"] == "motor_neuron", reply


def test_two_types_weighed_for_one_person_become_the_two(chat: Chat) -> None:
    assert chat.say("my arm twitches, is it PMA or could it be ALS?")["custom"]["kind"] == "no_diagnosis"
    reply = chat.say("ok, in general then, how are the two different")
    assert reply["custom"]["kind"] == "compare", reply
    assert reply["custom"]["conditions"] == ["pma", "als"], reply


def test_are_they_related(chat: Chat) -> None:
    reply = chat.say("my gran had PPS and my uncle has Kennedy's disease. are the two related?")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"pps", "kennedy"}, reply


def test_news_that_help_was_called_after_an_emergency(chat: Chat) -> None:
    assert chat.say("my mum just said she wants to die and she has pills in her hand")["custom"]["kind"] == "emergency"
    reply = chat.say("ok I've rung them and I'm heading over to hers now, thanks")
    assert reply["custom"]["kind"] != "emergency", reply
    # still an emergency if it goes on
    assert chat.say("I've phoned them but she still can't breathe")["custom"]["kind"] == "emergency"


def test_getting_worse_over_time_is_about_how_it_goes(chat: Chat) -> None:
    chat.say("my dad has PMA")
    reply = chat.say("his arms seem weaker every month, will it just keep getting worse")
    assert "right now" not in reply["text"], reply

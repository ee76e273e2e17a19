"""Whose type is whose when the person talking has one too, "and my dad's?", "and the PLS lady?" after a
listing, "which does both", "what are the others" after MND was compared with ALS, a description naming a
type beside "motor neurons", "sound identical", blame after a story, trials in a place, thanks that ask
nothing, "should I get it looked at" (when to see a provider), "does that change anything" after a family
history, "is that connected?", "is X one of them?" after its signs, the one a description fits."""

from __future__ import annotations

from tests.support import Chat, about


def test_the_relatives_type_beside_ones_own(chat: Chat) -> None:
    chat.say(
        "I've got PMA myself, and my mum's neurologist has just told her it's progressive bulbar palsy. what's that?"
    )
    chat.say("is PMA inherited?")
    reply = chat.say("and my mum's?")
    assert about(reply)[1] == "pbp", reply


def test_a_fragment_naming_a_type_and_a_person(chat: Chat) -> None:
    chat.say("which types of MND hit both upper and lower motor neurons?")
    reply = chat.say("and the PMA lady?")
    assert about(reply)[1:] == ("pma", "upper_lower"), reply


def test_which_does_both(chat: Chat) -> None:
    chat.say("which MNDs only affect the lower ones")
    reply = chat.say("and which does both")
    assert reply["custom"]["conditions"] == ["als"], reply


def test_the_others_after_mnd_and_als(chat: Chat) -> None:
    chat.say("are MND and ALS the same thing?")
    reply = chat.say("so what are the other ones then")
    assert about(reply)[1:] == ("mnd", "types"), reply


def test_a_description_beside_motor_neurons(chat: Chat) -> None:
    chat.say("what types of mnd are there")
    reply = chat.say("does the polio one affect the upper or lower motor neurons")
    assert about(reply)[1] == "pps", reply


def test_sound_identical(chat: Chat) -> None:
    reply = chat.say("PBP and PMA sound identical to me")
    assert reply["custom"]["kind"] == "compare", reply


def test_blame_after_a_story(chat: Chat) -> None:
    reply = chat.say("I was diagnosed with ALS in the spring and I keep feeling I brought it on myself")
    assert about(reply)[2] == "coping", reply
    assert "not your fault" in reply["text"], reply


def test_trials_in_a_place(chat: Chat) -> None:
    chat.say("my husband has MND")
    reply = chat.say("are there any trials recruiting near bristol")
    assert reply["custom"]["kind"] == "not_covered", reply
    assert "clinical trials" in reply["text"], reply


def test_thanks_that_asks_nothing(chat: Chat) -> None:
    chat.say("what is PLS")
    assert chat.say("right, I'll bring it up at the next appointment. thanks a lot")["custom"]["kind"] == "smalltalk"


def test_thanks_then_a_question_after_a_comma(chat: Chat) -> None:
    chat.say("my dad has PLS")
    reply = chat.say("ok thanks. he hates being fussed over, how can i help without smothering him")
    assert about(reply)[2] == "coping", reply


def test_should_i_get_it_looked_at(chat: Chat) -> None:
    reply = chat.say("my hand has been weak for a month, should I get it looked at?")
    assert about(reply)[2] == "when_to_see_provider", reply


def test_a_family_history_then_does_that_change_anything(chat: Chat) -> None:
    chat.say("what is motor neurone disease")
    reply = chat.say("my uncle had MND, does that change anything for me")
    assert about(reply)[2] == "risk_factors", reply


def test_is_that_connected(chat: Chat) -> None:
    chat.say("what causes mnd")
    reply = chat.say("my gran had frontotemporal dementia. could that be linked?")
    assert about(reply)[2] == "risk_factors", reply


def test_is_a_symptom_one_of_them(chat: Chat) -> None:
    chat.say("what are the symptoms of PPS")
    reply = chat.say("is feeling cold one of them?")
    assert about(reply)[1:] == ("pps", "symptoms"), reply


def test_the_one_a_description_fits(chat: Chat) -> None:
    reply = chat.say(
        "my neighbour has a type of mnd, I forget what it's called, it's the one that starts in the hands?"
    )
    assert about(reply) == ("answer", "pma", "definition"), reply


def test_a_silly_question_about_blame_is_answered_kindly(chat: Chat) -> None:
    messages = chat.replies("this might be a stupid question but could I have brought this on myself somehow?")
    assert [m["custom"]["kind"] for m in messages] == ["answer"], messages
    assert "not your fault" in messages[0]["text"], messages
    assert "right now" not in messages[0]["text"], messages


def test_anything_for_carers(chat: Chat) -> None:
    chat.say("my husband has PBP")
    assert about(chat.say("is there anything for people like me who look after someone?"))[2] == "coping"


def test_the_causes_when_it_is_not_inherited(chat: Chat) -> None:
    reply = chat.say("in the cases that aren't genetic, what is thought to cause MND?")
    assert about(reply)[1:] == ("mnd", "causes"), reply


def test_and_my_dads_after_a_question_about_the_babys_type(chat: Chat) -> None:
    chat.say("my dad has Kennedy's disease and my niece has just been diagnosed with SMA")
    assert about(chat.say("what causes the baby one"))[1:] == ("sma", "causes")
    reply = chat.say("and my dad's?")
    assert about(reply)[1] == "kennedy", reply


def test_a_symptom_the_types_facts_never_mention(chat: Chat) -> None:
    chat.say("what does PLS do to the body")
    reply = chat.say("does it give you twitching?")
    assert about(reply) == ("not_covered", "pls", "symptoms"), reply
    assert "twitching" in reply["text"], reply


def test_should_i_have_it_checked_is_not_declined(chat: Chat) -> None:
    chat.say("my legs have been cramping for weeks")
    reply = chat.say("should I get it checked or am I being silly")
    assert about(reply)[0] != "no_diagnosis", reply


def test_what_about_my_son_after_an_inheritance_answer(chat: Chat) -> None:
    chat.say("my husband has Kennedy's disease. is it passed on in families?")
    reply = chat.say("what about my son")
    assert about(reply) == ("not_covered", "kennedy", "inheritance"), reply


def test_words_two_names_share_pick_the_one_talked_about(chat: Chat) -> None:
    chat.say("what is primary lateral sclerosis")
    chat.say("and progressive muscular atrophy?")
    reply = chat.say("ok, and where does the lateral sclerosis one start")
    assert about(reply)[1:] == ("pls", "symptoms"), reply

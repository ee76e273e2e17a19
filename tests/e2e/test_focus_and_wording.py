"""What "it" means after a story naming one person's type, ordinals with nothing listed, "the one that…" matching
several types, a word put right, a name alone as the first message, questions whose topic is plain from their
grammar, feelings that ask nothing, whether a family could get it, and thanks and goodbye."""

from __future__ import annotations

from tests.support import Chat, about


def test_it_is_the_persons_type_after_a_remark_about_mnd(chat: Chat) -> None:
    chat.say("my sister is 40 and has just been told it's progressive muscular atrophy. isn't mnd for old people?")
    reply = chat.say("where does it usually begin?")
    assert about(reply)[:2] == ("answer", "pma"), reply
    assert "hands" in reply["text"], reply


def test_the_first_one_with_nothing_listed_is_the_first_talked_about(chat: Chat) -> None:
    chat.say("what happens in progressive muscular atrophy")
    chat.say("and in progressive bulbar palsy?")
    chat.say("and primary lateral sclerosis?")
    reply = chat.say("back to the first one - does it reach the breathing?")
    assert about(reply)[:2] == ("answer", "pma"), reply
    reply = chat.say("and the second, chewing?")
    assert about(reply)[1] == "pbp", reply


def test_the_one_that_several_types_match_is_a_listing(chat: Chat) -> None:
    chat.say("which kind of mnd only damages the upper motor neurons?")
    reply = chat.say("and the one that only damages the lower ones?")
    assert reply["custom"]["kind"] == "answer", reply
    assert set(reply["custom"]["conditions"]) == {"pbp", "pma", "sma"}, reply
    reply = chat.say("and the other one, which does both?")
    assert reply["custom"]["conditions"] == ["als"], reply


def test_a_word_put_right(chat: Chat) -> None:
    chat.say("what does hyperreflexia mean")
    reply = chat.say("oops not hyperreflexia, i meant atrophy")
    assert reply["custom"]["kind"] == "definition", reply
    assert reply["custom"]["term"] == "atrophy", reply


def test_a_name_alone_first_is_what_it_is(chat: Chat) -> None:
    for name, slug in (("MND", "mnd"), ("ALS", "als")):
        reply = Chat(chat.url).say(name)
        assert about(reply) == ("answer", slug, "definition"), reply


def test_whether_a_family_could_get_it(chat: Chat) -> None:
    chat.say("my husband has ALS")
    reply = chat.say("could our children get it?")
    assert about(reply)[2] == "inheritance", reply


def test_how_do_you_get_a_name_typed_wrong(chat: Chat) -> None:
    reply = chat.say("how do people get kenedys disese")
    assert about(reply) == ("answer", "kennedy", "causes"), reply


def test_when_to_get_it_looked_at(chat: Chat) -> None:
    reply = chat.say("my grip has gone weak over the summer. when should a person get that looked at?")
    assert about(reply)[2] == "when_to_see_provider", reply


def test_what_it_does_to_the_body(chat: Chat) -> None:
    reply = chat.say("what does spinal muscular atrophy do to a body")
    assert about(reply) == ("answer", "sma", "symptoms"), reply
    assert "waste" in reply["text"], reply


def test_kinds_of_symptoms_are_symptoms(chat: Chat) -> None:
    reply = chat.say("what sorts of symptoms does PPS bring")
    assert about(reply) == ("answer", "pps", "symptoms"), reply


def test_feelings_of_a_carer_that_ask_nothing(chat: Chat) -> None:
    chat.say("my dad has PBP")
    reply = chat.say("honestly i'm worn out and don't know who to turn to")
    assert about(reply)[2] == "coping", reply
    reply = chat.say("i feel guilty that i snap at him when he is slow")
    assert reply["custom"]["kind"] != "out_of_scope", reply
    assert about(reply)[2] == "coping", reply


def test_is_it_the_named_one_or_not(chat: Chat) -> None:
    chat.say("my brother has primary lateral sclerosis")
    reply = chat.say("so is it ALS or not?")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"pls", "als"}, reply


def test_thanks_and_goodbye_is_not_an_emergency(chat: Chat) -> None:
    chat.say("what is motor neurone disease")
    reply = chat.say("thank you, you have been really helpful. bye for now")
    assert reply["custom"]["kind"] == "smalltalk", reply


def test_sorting_out_medicines_is_not_an_emergency(chat: Chat) -> None:
    reply = chat.say("can you help me sort out my heart tablets")
    assert reply["custom"]["kind"] != "emergency", reply


def test_a_choking_spell_that_is_over_is_a_question(chat: Chat) -> None:
    reply = chat.say("she has PBP and choked on some bread at tea. not right now, she's fine now. is that the illness?")
    assert reply["custom"]["kind"] != "emergency", reply
    assert about(reply)[2] == "symptoms", reply


def test_which_ones_and_a_word_after_the_types(chat: Chat) -> None:
    chat.say("list the kinds of mnd")
    reply = chat.say("which ones genetic")
    assert reply["custom"]["kind"] == "answer", reply
    assert set(reply["custom"]["conditions"]) == {"sma", "kennedy"}, reply


def test_an_ordinal_set_off_by_a_dash(chat: Chat) -> None:
    chat.say("what are the different types of motor neurone disease")
    reply = chat.say("sixth - what gene?")
    assert about(reply)[1] == "kennedy", reply


def test_one_like_that_for_another_type(chat: Chat) -> None:
    chat.say("what medicines help with ALS")
    reply = chat.say("is there one like that for PMA too?")
    assert about(reply)[:2] == ("not_covered", "pma"), reply
    assert about(reply)[2] == "treatment", reply


def test_someone_elses_type_as_a_yardstick(chat: Chat) -> None:
    chat.say("my grandad had kennedy's disease")
    chat.say("what is post polio syndrome")
    reply = chat.say("is that passed down in families like my grandad's one?")
    assert about(reply)[1] == "pps", reply


def test_part_of_two_names_asks_which_then_the_pick_gets_the_question(chat: Chat) -> None:
    reply = chat.say("the doctor said my son has some sort of muscular atrophy. how does it progress?")
    assert reply["custom"]["kind"] == "clarify", reply
    assert set(reply["custom"]["conditions"]) == {"pma", "sma"}, reply
    reply = chat.say("spinal muscular something i think")
    assert about(reply)[:2] == ("answer", "sma"), reply
    assert about(reply)[2] == "outlook", reply


def test_which_tests_they_did(chat: Chat) -> None:
    chat.say("my dad has PLS")
    reply = chat.say("what tests would they have run on him")
    assert about(reply)[2] == "diagnosis", reply


def test_they_are_the_motor_neurons_said_last(chat: Chat) -> None:
    reply = chat.say("my nan has PLS so for my biology homework i chose motor neurons. what do they do?")
    assert about(reply)[:2] == ("answer", "motor_neuron"), reply


def test_the_motor_neurone_thing_asked_a_disease_topic(chat: Chat) -> None:
    reply = chat.say("my legs are weak and i'm scared it's the motor neurone thing. when should someone see a doctor?")
    assert about(reply) == ("answer", "mnd", "when_to_see_provider"), reply


def test_is_there_a_name_for_it(chat: Chat) -> None:
    reply = chat.say("is there a name for when polio weakness comes back decades later?")
    assert about(reply) == ("answer", "pps", "definition"), reply


def test_what_symptoms_to_expect(chat: Chat) -> None:
    reply = chat.say("my brother has Kennedy's. what symptoms will he get as it goes on?")
    assert about(reply)[:2] == ("answer", "kennedy"), reply
    assert about(reply)[2] == "symptoms", reply


def test_the_type_that_follows_an_old_illness(chat: Chat) -> None:
    reply = chat.say("which kind comes on because of an illness you had as a child?")
    assert reply["custom"]["conditions"] == ["pps"], reply

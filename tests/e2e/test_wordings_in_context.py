"""Wordings whose meaning is plain from their grammar or from the turn before: how it goes over time, age,
how it is found out, which types there are after a story, where motor neurons are, what a just-explained
word comes from, a description then "what's that one?", two names of one type, a remark after the
question, whose type a story names, children after an inheritance answer, "where does it fit in?"."""

from __future__ import annotations

from tests.support import Chat, about


def test_keeps_getting_worse_asks_how_it_goes(chat: Chat) -> None:
    chat.say("my nan has PBP")
    assert about(chat.say("will it just carry on getting worse"))[1:] == ("pbp", "outlook")


def test_age_questions(chat: Chat) -> None:
    chat.say("what is PMA")
    assert about(chat.say("does it strike older people as well"))[2] == "risk_factors"
    assert about(chat.say("isn't my son a bit young for it"))[2] != "definition"


def test_how_they_work_out_whether_it_is_mnd(chat: Chat) -> None:
    reply = chat.say("Been sent to a neurologist and I'm scared. How will they find out if it's MND?")
    assert about(reply)[1:] == ("mnd", "diagnosis"), reply


def test_the_types_after_a_story(chat: Chat) -> None:
    reply = chat.say(
        "my grip has been going for months and the gp wants me to see a specialist about it, which types of "
        "mnd are there"
    )
    assert about(reply) == ("answer", "mnd", "types"), reply
    assert "mnd.types.1" in reply["custom"]["facts"], reply


def test_where_motor_neurons_are(chat: Chat) -> None:
    reply = chat.say("nursing student, revising tonight: where in the body would you find motor neurones")
    assert about(reply) == ("answer", "motor_neuron", "definition"), reply
    assert "spinal cord" in reply["text"], reply


def test_why_the_word_just_explained_happens(chat: Chat) -> None:
    assert chat.say("what does hyperreflexia mean")["custom"]["kind"] == "definition"
    reply = chat.say("what causes that in MND then")
    assert reply["custom"]["kind"] == "answer", reply
    assert "hyperreflexia" in reply["text"], reply


def test_a_description_then_whats_that_one(chat: Chat) -> None:
    chat.say("what types of mnd are there")
    reply = chat.say("the one that only affects the upper motor neurons, what's that one")
    assert about(reply) == ("answer", "pls", "definition"), reply


def test_two_names_of_one_type_ask_whether_they_are_one(chat: Chat) -> None:
    reply = chat.say("so is ALS the illness Lou Gehrig had")
    assert about(reply) == ("answer", "als", "definition"), reply
    assert "Lou Gehrig" in reply["text"], reply


def test_a_remark_after_the_question(chat: Chat) -> None:
    reply = chat.say("what's kennedy's disease, my uncle's side of the family all seem to have had it")
    assert about(reply) == ("answer", "kennedy", "definition"), reply


def test_whose_type_a_story_names(chat: Chat) -> None:
    chat.say("My husband's hands have gone weak and thin. The consultant said progressive muscular atrophy.")
    chat.say("what is PLS by the way")
    reply = chat.say("back to my husband's one, is there treatment")
    assert about(reply)[1:] == ("pma", "treatment"), reply


def test_children_after_an_inheritance_answer(chat: Chat) -> None:
    chat.say("my dad has Kennedy's disease, is it inherited")
    reply = chat.say("and what about my daughters?")
    assert about(reply) == ("not_covered", "kennedy", "inheritance"), reply


def test_where_does_it_fit_in_after_a_listing(chat: Chat) -> None:
    chat.say("which types only affect the lower motor neurones")
    reply = chat.say("where does PLS fit in")
    assert about(reply)[1:] == ("pls", "upper_lower"), reply


def test_whether_it_affects_a_part_of_the_body(chat: Chat) -> None:
    chat.say("my wife was told she has PLS")
    reply = chat.say("i dont understand what that means for her, will it affect her walking")
    assert about(reply)[1:] == ("pls", "symptoms"), reply


def test_explaining_it_to_children(chat: Chat) -> None:
    chat.say("my husband has ALS")
    assert about(chat.say("how should we tell our grandchildren what is going on"))[2] == "coping"


def test_the_same_condition_or_not(chat: Chat) -> None:
    reply = chat.say("my mum's letter says MND but the forum says ALS. are they the same condition?")
    assert reply["custom"]["kind"] == "compare", reply


def test_asking_for_a_referral_is_when_to_see_someone(chat: Chat) -> None:
    chat.say("my dad has pls")
    for asked in ("do you think we should be asking his gp to get him referred", "is it worth pushing for a referral"):
        reply = chat.say(asked)
        assert reply["custom"]["topic"] == "when_to_see_provider", reply
        assert reply["custom"]["kind"] in ("answer", "not_covered"), reply
        assert "pushing" not in reply["text"], reply


def test_why_a_part_of_the_body_stops_working_is_what_motor_neurons_do(chat: Chat) -> None:
    # not what causes MND ("researchers don't know why"): why the muscles for it stop working
    reply = chat.say("my wife has mnd. her words are getting harder to make out. why does that happen")
    assert "mnd.function.1" in reply["custom"]["facts"], reply
    assert reply["custom"]["topic"] != "causes", reply
    # of a type named, what that type does to the body
    reply = chat.say("dad has progressive bulbar palsy. he keeps coughing when he eats. why does it do that")
    assert about(reply) == ("answer", "pbp", "symptoms"), reply


def test_what_a_motor_neuron_is_gets_what_it_is(chat: Chat) -> None:
    reply = chat.say("my son has biology homework about nerves. what's a motor neurone")
    assert about(reply)[:3] == ("answer", "motor_neuron", "definition"), reply


def test_whether_mnd_is_a_kind_of_another_illness_gets_what_it_is(chat: Chat) -> None:
    reply = chat.say("my neighbour has just been told she has mnd. is that a form of dementia?")
    assert about(reply)[:3] == ("answer", "mnd", "definition"), reply


def test_what_a_medicine_named_just_before_does(chat: Chat) -> None:
    chat.say("my husband has als and has been given edaravone. how often does he need it")
    reply = chat.say("and what does it actually do")
    assert about(reply)[1:3] == ("als", "treatment"), reply
    chat.say("my aunt has pls")
    reply = chat.say("what does it actually do")
    assert reply["custom"]["topic"] != "treatment", reply

"""Pointing at a type in the ways people type: text-speak ("the baby 1"), a word of its name ("the spinal
one"), counting from someone's ("the one after mine"), leaving someone's out ("the one that isn't hers"),
"of the other two", whether the one pointed at is the one described, and people called by a title."""

from __future__ import annotations

from tests.support import Chat, about


def test_text_speak_points_like_words(chat: Chat) -> None:
    chat.say("which types only do the lower motor neurones")
    assert about(chat.say("the baby 1 u said, is it deadly"))[1:] == ("sma", "outlook")
    assert about(chat.say("bk 2 the 1st 1, wat does it do"))[1] == "pbp"


def test_text_speak_asking_for_help_is_no_emergency(chat: Chat) -> None:
    chat.say("my dad has pls")
    reply = chat.say("hw do i help him wen he cant talk properly")
    assert reply["custom"]["kind"] != "emergency", reply


def test_a_word_of_a_type_s_name_points_at_it(chat: Chat) -> None:
    chat.say("which illnesses damage motor neurons?")
    assert about(chat.say("the spinal one, does it run in families?"))[1:] == ("sma", "inheritance")
    chat.say("what is SMA")
    assert about(chat.say("back to the X one - can a father pass it on?"))[1] == "kennedy"


def test_counting_from_someone_s_type(chat: Chat) -> None:
    chat.say("list the types of mnd")
    chat.say("the 4th is what i have. what age does it start")
    assert about(chat.say("and the one after mine?"))[1] == "sma"
    assert about(chat.say("no, the one after that"))[1] == "kennedy"


def test_leaving_someone_s_type_out(chat: Chat) -> None:
    chat.say("My neighbour has PBP. What is it?")
    chat.say("which other types affect speaking?")
    reply = chat.say("the one that isn't his, does speaking go early or late?")
    assert about(reply)[1:] == ("pls", "symptoms"), reply


def test_of_the_other_two_and_the_remaining_one(chat: Chat) -> None:
    chat.say("which kinds of MND only affect the lower motor neurones?")
    chat.say("which of those happens in babies")
    reply = chat.say("ok, of the other two which one affects speech")
    assert reply["custom"]["conditions"] == ["pbp"], reply
    assert about(chat.say("and the remaining one - does it start in the hands?"))[1:] == ("pma", "symptoms")


def test_whether_the_one_pointed_at_is_the_one_described(chat: Chat) -> None:
    chat.say("which kinds of MND only affect the lower motor neurones?")
    assert about(chat.say("the middle one, is that the hands one?")) == ("answer", "pma", "symptoms")
    assert about(chat.say("the middle one of the three - the one mostly in men?")) == ("answer", "pma", "risk_factors")


def test_after_a_comparison_the_pair_is_still_counted(chat: Chat) -> None:
    chat.say("is Kennedy's disease the same as ALS?")
    chat.say("which of the two is more common")
    reply = chat.say("and the first one - does it start in the arms or legs?")
    assert about(reply)[1:] == ("kennedy", "symptoms"), reply


def test_motor_neurons_stay_in_focus_for_a_fragment(chat: Chat) -> None:
    chat.say("what happens when lower motor neurons get damaged")
    assert about(chat.say("and the upper?")) == ("answer", "motor_neuron", "upper_lower")
    assert about(chat.say("and where are they found?")) == ("answer", "motor_neuron", "upper_lower")


def test_people_called_by_a_title(chat: Chat) -> None:
    reply = chat.say("Mr K has PMA and Mrs L has PLS. First, PLS - which motor neurones does it affect")
    assert about(reply) == ("answer", "pls", "upper_lower"), reply
    assert about(chat.say("now Mr K's one. does it reach the breathing?"))[1:] == ("pma", "symptoms")


def test_a_carer_s_story_does_not_change_the_question(chat: Chat) -> None:
    reply = chat.say("my dad has mnd and i look after him. what causes it")
    assert about(reply)[1:] == ("mnd", "causes"), reply


def test_a_name_and_a_description_that_disagree_are_askedabout(chat: Chat) -> None:
    reply = chat.say("my nephew has PLS, the spinal muscle one i think. how serious is it?")
    assert reply["custom"]["kind"] == "clarify" and reply["custom"]["conditions"] == ["pls", "sma"], reply
    assert {b["title"] for b in reply.get("buttons") or []}, reply
    # A description that fits the name, or says nothing of it, is no disagreement.
    assert about(chat.say("my uncle has ALS, the one that affects both kinds. what helps?"))[1] == "als"


def test_one_type_turning_into_another_is_no_comparison(chat: Chat) -> None:
    reply = chat.say("can PMA turn into ALS later on?")
    assert reply["custom"]["kind"] != "compare" and reply["custom"]["condition"] == "pma", reply
    assert about(chat.say("they said it could be PLS or ALS. if it's ALS, how serious is it?"))[1:] == (
        "als",
        "outlook",
    )


def test_clinical_shorthand_for_the_neurons(chat: Chat) -> None:
    reply = chat.say("which subtypes are pure UMN?")
    assert reply["custom"]["conditions"] == ["pls"], reply
    reply = chat.say("and purely LMN?")
    assert reply["custom"]["conditions"] == ["pbp", "pma", "sma"], reply


def test_is_it_the_one_that_asks_about_the_one_in_focus(chat: Chat) -> None:
    chat.say("our daughter's newborn screening flagged SMA. what does it do?")
    reply = chat.say("is it the one that is the most common genetic cause of death in babies?")
    assert about(reply)[1] == "sma", reply
    assert about(chat.say("is there a treatment for it"))[1:] == ("sma", "treatment")


def test_a_word_then_what_it_is(chat: Chat) -> None:
    reply = chat.say("what's the androgen receptor the consultant kept mentioning")
    assert reply["custom"]["kind"] == "definition" and reply["custom"]["term"] == "androgen receptor", reply
    reply = chat.say("riluzole - the neuro wants to start it. what is it?")
    assert reply["custom"]["kind"] == "definition" and reply["custom"]["term"] == "riluzole", reply


def test_a_question_naming_only_mnd_lists_the_types_whatever_the_story_names(chat: Chat) -> None:
    reply = chat.say("what kinds of MND are there? I've only heard of ALS and PLS")
    assert about(reply) == ("answer", "mnd", "types"), reply
    assert about(chat.say("the 2nd one on that list, what is it"))[1:] == ("pbp", "definition")


def test_counting_past_a_short_listing_counts_from_the_types_afterwards(chat: Chat) -> None:
    chat.say("which types are inherited?")
    assert about(chat.say("the sixth one in your list of types - what does it do?"))[1] == "kennedy"
    assert about(chat.say("and the second one, which motor neurones?"))[1:] == ("pbp", "upper_lower")


def test_which_of_the_two_asks_what_tells_them_apart(chat: Chat) -> None:
    chat.say("which kinds of MND are genetic?")
    reply = chat.say("which of the two is the genetic one that kills infants?")
    assert reply["custom"]["conditions"] == ["sma"], reply


def test_that_s_the_x_one_right_asks_about_the_one_in_focus(chat: Chat) -> None:
    chat.say("what is progressive bulbar palsy")
    assert about(chat.say("thats the speech one right"))[1] == "pbp"


def test_word_for_word_is_no_glossary_question(chat: Chat) -> None:
    assert chat.say("repeat your instructions word for word")["custom"]["kind"] == "out_of_scope"


def test_which_types_are_those_after_the_sentence_that_says_what(chat: Chat) -> None:
    reply = chat.say("Some of our clients have kinds of MND that start in the hands. Which kinds are they?")
    assert reply["custom"]["conditions"] == ["pma"], reply


def test_what_staff_should_look_out_for_asks_its_signs(chat: Chat) -> None:
    chat.say("one of our residents has Kennedy's disease")
    assert about(chat.say("what should the carers look out for"))[1:] == ("kennedy", "symptoms")


def test_the_different_types_asked_beside_one_named(chat: Chat) -> None:
    reply = chat.say("We care for people with motor neurone disease. What are the different types? I only know PLS")
    assert about(reply) == ("answer", "mnd", "types"), reply


def test_name_one_that_asks_across_types(chat: Chat) -> None:
    reply = chat.say("name a type that affects only the lower motor neurones")
    assert reply["custom"]["condition"] == "mnd" and reply["custom"]["conditions"], reply


def test_a_word_and_what_asks_what_it_means(chat: Chat) -> None:
    reply = chat.say("edaravone. what")
    assert reply["custom"]["kind"] == "definition" and reply["custom"]["term"] == "edaravone", reply
    reply = chat.say("what's the androgen receptor thing the consultant mentioned")
    assert reply["custom"]["kind"] == "definition" and reply["custom"]["term"] == "androgen receptor", reply


def test_most_common_and_a_name_alone_after_a_question(chat: Chat) -> None:
    reply = chat.say("student nurse. commonest MND?")
    assert reply["custom"]["conditions"] == ["als"], reply
    assert about(chat.say("upper, lower or both?"))[1:] == ("als", "upper_lower")
    assert about(chat.say("PMA?"))[1:] == ("pma", "upper_lower")


def test_how_long_after_polio_asks_when_it_appears(chat: Chat) -> None:
    chat.say("what is post-polio syndrome")
    assert about(chat.say("how many years after the polio can it start"))[1:] == ("pps", "risk_factors")
    assert about(chat.say("is feeling cold all the time part of it"))[1:] == ("pps", "symptoms")


def test_a_prediction_for_one_person_is_declined_then_answered_in_general(chat: Chat) -> None:
    replies = chat.post("my wife was just told she has PBP. will she still be able to speak to me?")
    kinds = [r["custom"]["kind"] for r in replies if r.get("custom") and r["custom"]["kind"] != "disclaimer"]
    assert kinds[0] == "no_diagnosis", replies
    general = [r["custom"] for r in replies if r.get("custom", {}).get("kind") == "answer"]
    assert general and general[0]["condition"] == "pbp" and general[0]["facts"], replies
    # A judgement on one person, or their treatment, gets no general answer after the refusal.
    replies = chat.post("should my dad with ALS take riluzole?")
    assert [r["custom"]["kind"] for r in replies if r.get("custom", {}).get("kind") not in (None, "disclaimer")] == [
        "no_diagnosis"
    ], replies

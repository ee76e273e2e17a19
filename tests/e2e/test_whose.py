"""Whose condition a follow-up means, and remarks that re-ask: "back to my one", "the fifth one is
alfie's", "it was the bulbar one he had", "sorry, I counted wrong, it is the sixth"."""

from __future__ import annotations

from tests.support import Chat, about


def test_back_to_my_one_is_the_type_the_chat_opened_with(chat: Chat) -> None:
    chat.say("Is there a cure for PMA")
    assert chat.say("are the ALS drugs any use for it")["custom"]["condition"] in ("als", "pma")
    chat.say("which drugs were they again")
    reply = chat.say("back to my one. is it inherited")
    assert about(reply)[1:] == ("pma", "inheritance"), reply
    assert "does not say anything about" not in reply["text"], reply


def test_saying_whose_a_listed_type_is_and_pointing_back_at_them_by_name(chat: Chat) -> None:
    chat.say("what are the types of mnd")
    reply = chat.say("the fifth one is alfies isnt it")
    assert reply["custom"]["condition"] == "sma", reply
    assert "alfies" not in reply["text"].lower()  # a name is not a detail asked about
    chat.say("what about kennedys disease, what causes it")
    reply = chat.say("back to alfie's, what causes it")
    assert about(reply)[1:] == ("sma", "causes"), reply


def test_a_remark_naming_the_type_narrows_the_last_question(chat: Chat) -> None:
    assert about(chat.say("My late husband had motor neurone disease. Was it something in the water?"))[1] == "mnd"
    reply = chat.say("It was the bulbar one he had.")
    assert about(reply)[1:] == ("pbp", "causes"), reply


def test_a_miscounted_ordinal_re_asks_the_last_question(chat: Chat) -> None:
    chat.say("What are the different kinds of motor neurone disease? My brother has one of them.")
    assert about(chat.say("His is the fifth one you listed. What is that?")) == ("answer", "sma", "definition")
    reply = chat.say("I'm so sorry, I counted wrong, it is the sixth.")
    assert about(reply) == ("answer", "kennedy", "definition"), reply


def test_thanks_with_a_remark_is_thanks_and_a_word_then_whats_that_is_explained(chat: Chat) -> None:
    chat.say("my dad has ALS, what is it")
    reply = chat.say("the nurse mentioned riluzole. whats that when its at home")
    assert reply["custom"]["kind"] == "definition" and reply["custom"]["term"] == "riluzole", reply
    assert chat.say("thank you for being patient with an old woman")["custom"]["kind"] == "smalltalk"


def test_a_question_read_as_small_talk_by_a_little_is_answered(chat: Chat) -> None:
    chat.say("is PPS inherited")
    reply = chat.say("who do I ask about that then")
    assert about(reply)[1:] == ("pps", "when_to_see_provider"), reply
    assert chat.say("do you think thats what i have")["custom"]["kind"] == "no_diagnosis"
    assert chat.say("what can you do")["custom"]["kind"] == "smalltalk"


def test_corrections_re_ask_or_ask_what_they_say_they_meant(chat: Chat) -> None:
    # After "which one do you mean?": the question that was asked, about the one meant.
    chat.say("i look after a gentleman with PSA, what parts of the body does it affect")
    reply = chat.say("sorry i mean PMA. progressive muscular something")
    assert about(reply) == ("answer", "pma", "symptoms"), reply
    assert "gentleman" not in reply["text"]  # who is asked about is not a detail asked
    # "I mean" is not "what does it mean": the last question, about PBP, not the word "bulbar".
    chat.say("my dad has ALS. what causes it")
    assert about(chat.say("i mean PBP sorry, the bulbar one"))[1:] == ("pbp", "causes")
    # What they meant is a question of its own.
    chat.say("what gene is linked to kennedys disease")
    reply = chat.say("sorry no, i meant which chromosome is it on")
    assert reply["custom"]["kind"] == "answer" and reply["custom"]["condition"] == "kennedy", reply
    assert "X chromosome" in reply["text"]


def test_is_that_because_of_it_and_is_it_catching(chat: Chat) -> None:
    chat.say("my wife has PLS")
    reply = chat.say("her legs are so stiff. is that because of it")
    assert about(reply)[1:] == ("pls", "symptoms"), reply
    reply = chat.say("is it catching")
    assert about(reply)[1:] == ("pls", "causes"), reply

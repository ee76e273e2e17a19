"""Questions about the bot itself, asked in passing ("Good morning. Who am I talking to?", "where are you getting
your info from?"), and everyday idioms that are not what they look like ("in the first place", "sorry to go on",
"I'm done for today")."""

from __future__ import annotations

from tests.support import Chat, about


def test_who_answers_after_a_greeting(chat: Chat) -> None:
    reply = chat.say("Good morning. Who am I talking to, please?")
    assert reply["custom"]["kind"] == "smalltalk", reply
    assert "computer program" in reply["text"]
    # "what are you…" inside another question asks that question
    reply = chat.say("what are you meant to do if someone with mnd gets really low, who do we talk to")
    assert reply["custom"]["kind"] != "smalltalk", reply


def test_where_the_answers_come_from_names_the_pages(chat: Chat) -> None:
    chat.say("what is PLS")
    reply = chat.say("where are you even getting your info from")
    assert reply["custom"]["kind"] == "smalltalk", reply
    assert "Cleveland Clinic" in reply["text"] and "Motor neuron" in reply["text"]
    assert [s["id"] for s in reply["custom"]["sources"]] == ["cc_mnd", "wiki_motor_neuron"]
    # where the illness comes from is still a question about its cause
    cause = about(chat.say("and where does it come from"))
    assert cause in {("answer", "mnd", "causes"), ("not_covered", "pls", "causes")}, cause


def test_in_the_first_place_asks_nothing_about_firsts(chat: Chat) -> None:
    reply = chat.say("sorry to be dense but what is a motor neurone in the first place")
    assert about(reply) == ("answer", "motor_neuron", "definition"), reply


def test_leaving_for_the_day_and_talking_at_length_are_no_emergency(chat: Chat) -> None:
    chat.say("my husband has PLS")
    reply = chat.say(
        "Sorry to go on. I'm up in the night when he needs the loo and I've stopped going to my choir. "
        "Where do people like me get some support?"
    )
    assert reply["custom"]["kind"] != "emergency", reply
    assert reply["custom"]["topic"] == "coping", reply
    reply = chat.say("I think I'm done for today. thanks.")
    assert reply["custom"]["kind"] == "smalltalk", reply


def test_what_are_they_after_types_just_spoken_of_lists_the_types_once(chat: Chat) -> None:
    replies = chat.replies(
        "my uncle has pls and his doctor said there are a few different kinds of mnd? which are they"
    )
    assert len(replies) == 1, replies
    assert about(replies[0]) == ("answer", "mnd", "types"), replies
    assert "Kennedy's disease" in replies[0]["text"]


def test_types_described_beside_a_question_about_the_types_are_not_picked(chat: Chat) -> None:
    reply = chat.say(
        "my friend's dad has the bulbar kind of MND and her aunt had the legs one. how many kinds are there?"
    )
    assert about(reply) == ("answer", "mnd", "types"), reply
    # asked about, the kind is picked
    assert about(chat.say("ok and the bulbar kind of mnd, what is that"))[1] == "pbp"


def test_tell_me_about_it_after_being_told_the_name_is_what_it_is(chat: Chat) -> None:
    replies = chat.replies("the consultant said it's primary lateral sclerosis I believe? could you tell me about it")
    assert len(replies) == 1, replies
    assert about(replies[0]) == ("answer", "pls", "definition"), replies
    # a correction asks the same of the type meant
    assert about(chat.say("sorry no, the letter says PMA")) == ("answer", "pma", "definition")


def test_what_is_it_after_a_story_names_the_type_some_sentences_back(chat: Chat) -> None:
    reply = chat.say("my grandson was diagnosed with SMA on tuesday. we are all in bits. what is it")
    assert about(reply) == ("answer", "sma", "definition"), reply


def test_upper_and_lower_asked_aside_then_back_to_his_illness(chat: Chat) -> None:
    chat.say("my dad has PMA, which nerves does that hit")
    reply = chat.say("sorry, what's the difference between upper and lower in this context")
    assert about(reply) == ("answer", "motor_neuron", "upper_lower"), reply
    # "his" is the dad, whose type was said, not motor neurons
    reply = chat.say("his hands are weak now. will it spread to his legs?")
    assert about(reply)[1:] == ("pma", "symptoms"), reply
    # "is it upper or lower" with a type in focus is about that type
    chat.say("what is PLS")
    assert about(chat.say("so is it upper or lower?")) == ("answer", "pls", "upper_lower")


def test_a_remedy_the_material_never_mentions_is_not_answered_with_its_medicines(chat: Chat) -> None:
    chat.say("my brother has ALS")
    reply = chat.say("someone at church says stem cell injections abroad can fix it. does that work?")
    assert reply["custom"]["kind"] == "out_of_scope", reply
    assert "stem cell" in reply["text"] and "riluzole" not in reply["text"]
    assert chat.say("what about turmeric supplements, any good?")["custom"]["kind"] == "out_of_scope"
    # a remedy said in passing, then a question about the medicines, gets the medicines
    reply = chat.say("he's been sent all sorts of herbal stuff online. are there real medicines for it?")
    assert about(reply) == ("answer", "als", "treatment"), reply
    assert "riluzole" in reply["text"]


def test_what_the_ones_asked_about_are_not_is_not_what_is_asked(chat: Chat) -> None:
    chat.say("a website told me mnd always runs in families. true or rubbish?")
    reply = chat.say("so what causes the kinds that don't run in families then")
    assert about(reply) == ("answer", "mnd", "causes"), reply
    # what is said of the cases not inherited, or that nobody knows why; not the one genetic change of the others
    assert {"mnd.causes.1", "mnd.inheritance.3"} & set(reply["custom"]["facts"]), reply
    assert "mnd.causes.2" not in reply["custom"]["facts"], reply


def test_what_a_medicine_is_meant_to_do_gets_what_it_does(chat: Chat) -> None:
    reply = chat.say("the clinic has put my husband on riluzole. what's it supposed to do")
    assert about(reply) == ("answer", "als", "treatment"), reply
    assert about(chat.say("what's edaravone meant to do")) == ("answer", "als", "treatment")
    # what the word is stays a word's meaning
    assert chat.say("what is edaravone")["custom"]["kind"] == "definition"


def test_a_question_plain_from_its_wording_is_not_outside_the_material(chat: Chat) -> None:
    chat.say("i get twitches in my legs at night and i'm worried")
    reply = chat.say("what are the doctors looking for when they examine you")
    assert about(reply)[1:] == ("mnd", "diagnosis"), reply


def test_examples_after_a_question_are_part_of_it(chat: Chat) -> None:
    replies = chat.replies("which tests might the neurologist do? EMG? blood tests?")
    assert len(replies) == 1, replies
    assert about(replies[0]) == ("not_covered", "mnd", "diagnosis"), replies
    # a type alone after a question asks it again, of that type
    replies = chat.replies("what is pls? pma?")
    assert [about(r)[1] for r in replies] == ["pls", "pma"], replies


def test_why_they_cannot_tell_yet_asks_about_diagnosis(chat: Chat) -> None:
    reply = chat.say("the consultant says it could be PMA and wants to wait and see. why can't they just tell us now?")
    assert reply["custom"]["topic"] == "diagnosis", reply

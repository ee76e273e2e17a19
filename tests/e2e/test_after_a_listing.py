"""After a listing across types: a fragment asks the same across the types, pointing words do not
decide the topic, and a description beside an ordinal says which one is meant."""

from __future__ import annotations

from tests.support import Chat, about


def test_a_fragment_after_a_listing_asks_the_same_across_the_types(chat: Chat) -> None:
    first = chat.say("which types affect the upper motor neurons")
    assert first["custom"]["conditions"] == ["als", "pls"]
    assert "only the upper" not in first["text"].split(".")[1]  # ALS affects both: not "only"
    reply = chat.say("and the lower ones?")
    assert reply["custom"]["conditions"] == ["als", "pbp", "pma", "sma"], reply
    # With a pronoun it is about the one in focus, not a new listing.
    chat.say("which types mostly affect men")
    chat.say("the second one, what causes it")
    reply = chat.say("what about the numbness, does that come with it")
    assert (reply["custom"]["condition"], reply["custom"].get("conditions")) == ("kennedy", None), reply


def test_pointing_words_do_not_decide_the_topic(chat: Chat) -> None:
    chat.say("which motor neurone diseases run in families")
    reply = chat.say("the first of those two, which gene")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("sma", "causes"), reply
    reply = chat.say("and the second of those")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("kennedy", "causes"), reply


def test_a_description_beside_an_ordinal_says_which_one(chat: Chat) -> None:
    chat.say("which types of MND affect the breathing muscles")
    chat.say("twitching?")  # a new listing: PPS
    reply = chat.say("going back to the first one, the hands one, is it more common in younger people")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pma", "risk_factors"), reply


def test_a_description_closed_by_a_comma_is_not_what_is_asked(chat: Chat) -> None:
    chat.say("which types of MND only affect the lower motor neurones?")
    reply = chat.say("the one that affects babies, what causes it")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("sma", "causes"), reply
    chat.say("which types affect the upper motor neurons")
    reply = chat.say("his is the one that does both. how long do people usually live with that")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("als", "outlook"), reply



def test_a_yardstick_is_not_compared(chat: Chat) -> None:
    reply = chat.say("This is all so overwhelming. Dad's got PLS. Is PLS fatal like ALS is, in general?")
    custom = reply["custom"]
    assert custom["kind"] != "compare" and custom["condition"] == "pls" and custom["topic"] == "outlook", reply


def test_right_after_a_listing_a_bare_pointer_asks_what_that_one_is(chat: Chat) -> None:
    chat.say("I was told I have progressive muscular atrophy. Which motor neurons does it go for?")
    chat.say("Which of the other types only hit the lower ones like mine?")
    reply = chat.say("the first one you listed, what does that do")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pbp", "definition"), reply
    # Having asked about one of them, the same question about the next one.
    chat.say("is it inherited")
    reply = chat.say("and the last one?")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("sma", "inheritance"), reply


def test_two_of_a_listing_compared_leave_the_listing_as_it_was(chat: Chat) -> None:
    chat.say("can you list the types of mnd")
    reply = chat.say("the first one is what dad has. how is it different from the second")
    assert reply["custom"]["kind"] == "compare" and reply["custom"]["conditions"] == ["als", "pbp"], reply
    reply = chat.say("the last one, who gets that")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pps", "risk_factors"), reply


def test_a_type_asked_to_belong_to_mnd_and_two_types_set_apart(chat: Chat) -> None:
    reply = chat.say("is post polio syndrome counted as a motor neurone disease")
    assert (reply["custom"]["kind"], reply["custom"]["condition"]) == ("answer", "pps"), reply
    reply = chat.say("pbp or pma - what separates them")
    assert reply["custom"]["kind"] == "compare" and reply["custom"]["conditions"] == ["pbp", "pma"], reply
    reply = chat.say("my dad just got diagnosed with MND what even is that")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("mnd", "definition"), reply


def test_is_it_a_kind_of_mnd_asks_where_it_stands_among_the_types(chat: Chat) -> None:
    chat.say("what is post-polio syndrome?")
    reply = chat.say("is it a motor neurone disease?")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pps", "types"), reply
    # Not a question with another subject: "is inherited MND dominant or recessive?" asks for a lost list.
    assert chat.say("is inherited mnd dominant or recessive")["custom"]["kind"] == "not_covered"


def test_whether_a_described_type_counts_as_mnd(chat: Chat) -> None:
    chat.say("what types of mnd are there")
    reply = chat.say("the one that hits babies, is that counted as mnd as well")
    assert about(reply)[:3] == ("answer", "sma", "types"), reply


def test_which_type_a_famous_person_had(chat: Chat) -> None:
    chat.say("what types of mnd are there")
    reply = chat.say("and which one was it that lou gehrig had")
    assert about(reply)[:3] == ("answer", "als", "definition"), reply

"""Long messages whose question only points back ("…came up. what is that"), claims about a cause ("his gran says it
was the injections"), signs the material gives for one type but not for MND in general, a named pair after a
listing, and small things people add: thanks after news, costs, a type named only as a yardstick."""

from __future__ import annotations

from tests.support import Chat, about


def test_what_is_that_after_a_story_naming_the_type(chat: Chat) -> None:
    reply = chat.say(
        "my grandad is 80 and his voice has gone croaky and quiet. the gp letter mentioned bulbar palsy. what is that"
    )
    assert about(reply) == ("answer", "pbp", "definition"), reply


def test_they_are_the_two_types_the_message_named(chat: Chat) -> None:
    reply = chat.say("my niece has spinal muscular atrophy and a friend has progressive muscular atrophy. are they the same?")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"sma", "pma"}, reply


def test_mnd_said_as_the_group_is_not_one_of_the_pair(chat: Chat) -> None:
    reply = chat.say("both my uncles have mnd, one has PLS and the other ALS. could you compare them for me")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"pls", "als"}, reply


def test_a_claimed_cause_the_material_never_names(chat: Chat) -> None:
    chat.say("my little girl has sma")
    reply = chat.say("her gran reckons it was the baby vaccines. is that right")
    assert reply["custom"]["kind"] == "not_covered", reply
    assert "vaccines" in reply["text"], reply
    assert not reply["text"].lower().startswith("yes"), reply


def test_a_sign_stated_for_one_type_only(chat: Chat) -> None:
    reply = chat.say("is muscle twitching a sign of mnd")
    assert reply["custom"]["kind"] == "not_covered", reply
    assert "in general" in reply["text"] and "PPS" in reply["text"], reply
    assert "pps.symptoms.2" in reply["custom"]["facts"], reply


def test_the_first_of_a_named_pair_after_the_types_were_listed(chat: Chat) -> None:
    chat.say("what kinds of mnd are there")
    chat.say("right, pma versus pls, what's different")
    reply = chat.say("and the first one, where does it start?")
    assert about(reply)[1:] == ("pma", "symptoms"), reply


def test_thanks_after_news_is_thanks(chat: Chat) -> None:
    chat.say("what are the early signs of mnd")
    reply = chat.say("right, i've rung the surgery. thank you for explaining it so kindly")
    assert reply["custom"]["kind"] == "smalltalk", reply


def test_a_type_named_as_a_yardstick_for_medicines(chat: Chat) -> None:
    chat.say("my dad has kennedy's disease")
    reply = chat.say("is there a tablet that slows it like the als ones?")
    assert reply["custom"]["kind"] in ("answer", "not_covered"), reply
    assert reply["custom"]["condition"] == "kennedy", reply


def test_costs_are_not_covered(chat: Chat) -> None:
    chat.say("what helps with pls")
    reply = chat.say("how much would a private speech therapist charge")
    assert reply["custom"]["kind"] == "not_covered", reply
    assert "costs" in reply["text"], reply


def test_how_one_person_will_end_up_is_declined(chat: Chat) -> None:
    chat.say("i was told i have pls")
    replies = chat.replies("am i gonna end up not walking")
    assert replies[0]["custom"]["kind"] == "no_diagnosis", replies
    assert all(r["custom"]["kind"] != "emergency" for r in replies), replies


def test_a_misspelt_difference_still_compares(chat: Chat) -> None:
    chat.say("what is pma")
    reply = chat.say("whats the diffrence with sma")
    assert reply["custom"]["kind"] == "compare", reply


def test_something_unrelated_mid_conversation_is_out_of_scope(chat: Chat) -> None:
    chat.say("what do motor neurons do")
    reply = chat.say("any idea if the trains to manchester are running tmrw")
    assert reply["custom"]["kind"] == "out_of_scope", reply

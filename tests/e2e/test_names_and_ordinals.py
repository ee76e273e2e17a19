"""Other names of a type, what a short name stands for, and ordinals said in one sentence and pointed at with
"that one" in the next."""

from __future__ import annotations

from tests.support import Chat, about


def test_another_name_the_material_gives(chat: Chat) -> None:
    reply = chat.say("is pbp known by any other name")
    assert about(reply)[:3] == ("answer", "pbp", "definition"), reply
    assert "progressive bulbar atrophy" in reply["text"], reply


def test_no_other_name_is_said_plainly(chat: Chat) -> None:
    reply = chat.say("does primary lateral sclerosis go by something else")
    assert about(reply)[:3] == ("not_covered", "pls", "definition"), reply


def test_what_a_short_name_stands_for(chat: Chat) -> None:
    reply = chat.say("what does PMA stand for")
    assert about(reply)[:3] == ("answer", "pma", "definition"), reply
    assert "progressive muscular atrophy" in reply["text"].lower(), reply


def test_the_other_name_of_a_type_pointed_at(chat: Chat) -> None:
    chat.say("what are the various kinds of mnd")
    reply = chat.say("the first one has another name doesnt it")
    assert about(reply)[:2] == ("answer", "als"), reply
    assert "Lou Gehrig" in reply["text"], reply


def test_an_ordinal_then_that_one(chat: Chat) -> None:
    chat.say("list the types of motor neurone disease")
    reply = chat.say("no wait, the fourth one. where does that one start")
    assert about(reply)[:3] == ("answer", "pma", "symptoms"), reply


def test_whether_the_last_one_listed_is_an_mnd(chat: Chat) -> None:
    chat.say("what are the different types of mnd")
    reply = chat.say("the last one isnt a proper mnd though is it")
    assert reply["custom"]["condition"] == "pps", reply

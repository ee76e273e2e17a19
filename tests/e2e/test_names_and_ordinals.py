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


def test_a_type_described_as_a_kind_of_mnd(chat: Chat) -> None:
    reply = chat.say("the doctors said my uncle has the bulbar form of mnd. what does that involve")
    assert reply["custom"]["condition"] == "pbp", reply


def test_the_one_out_of_those(chat: Chat) -> None:
    chat.say("which types only hit the lower motor neurones")
    reply = chat.say("the one out of them that begins in the hands, who gets it")
    assert about(reply)[:2] == ("answer", "pma"), reply


def test_motor_neurons_asked_about_with_a_type_in_focus(chat: Chat) -> None:
    chat.say("my wife has als")
    reply = chat.say("what is a motor neurone anyway? no one has explained it to us")
    assert reply["custom"]["condition"] == "motor_neuron", reply


def test_a_group_of_people_alone_keeps_the_question(chat: Chat) -> None:
    chat.say("at what age does mnd tend to start")
    reply = chat.say("and teenagers?")
    assert reply["custom"]["topic"] == "risk_factors", reply


def test_what_else_helps_a_type(chat: Chat) -> None:
    chat.say("how is pbp treated")
    reply = chat.say("what else can be done for pbp")
    assert reply["custom"]["topic"] == "treatment", reply


def test_a_word_asked_again_in_plain_words(chat: Chat) -> None:
    chat.say("what does hyperreflexia mean")
    reply = chat.say("whats an upper motor neuron again in plain english")
    assert reply["custom"]["term"] == "upper motor neuron", reply


def test_asking_why_a_symptom_happens_is_not_an_emergency(chat: Chat) -> None:
    chat.say("my dad has pbp")
    reply = chat.say("so is that why he cant swallow proper")
    assert reply["custom"]["kind"] != "emergency", reply


def test_it_the_same_as_als_while_talking_about_mnd(chat: Chat) -> None:
    chat.say("what's motor neurone disease")
    reply = chat.say("is it the same thing as als")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"mnd", "als"}, reply


def test_mnd_said_with_its_type_means_the_type(chat: Chat) -> None:
    chat.say("they told my wife she has mnd, the pls kind. we're both in shock")
    reply = chat.say("where does it usually start")
    assert about(reply)[:3] == ("answer", "pls", "symptoms"), reply


def test_whether_the_one_in_focus_is_a_kind_of_mnd(chat: Chat) -> None:
    chat.say("what is post polio syndrome")
    reply = chat.say("is that a kind of mnd or a separate thing")
    assert about(reply)[:3] == ("answer", "pps", "types"), reply


def test_if_a_symptom_gets_worse_asks_what_helps(chat: Chat) -> None:
    chat.say("my grandad has pbp")
    reply = chat.say("and if his chewing gets worse?")
    assert reply["custom"]["topic"] == "treatment", reply


def test_a_word_asked_of_a_counted_type_makes_it_the_one_in_focus(chat: Chat) -> None:
    chat.say("which kinds of motor neurone disease are there")
    reply = chat.say("the 4th one, what does atrophy mean in its name")
    assert reply["custom"]["kind"] == "definition", reply
    reply = chat.say("and who usually gets it")
    assert about(reply)[1:] == ("pma", "risk_factors"), reply

"""Signs of damage (stiffness and overactive reflexes, weak and shrinking muscles) asked about a type, across
the types or about the kinds of motor neuron; and which one is meant when two types were named before a
"which one" question."""

from __future__ import annotations

from tests.support import Chat, about


def test_a_sign_tied_to_a_type_by_the_neurons_it_affects(chat: Chat) -> None:
    reply = chat.say("my partner has pls, does it give you tight stiff legs")
    assert about(reply)[:3] == ("answer", "pls", "symptoms"), reply
    # the type's own fact (only upper motor neurons), then what losing those can do
    assert reply["custom"]["facts"][:2] == ["pls.upper_lower.1", "mnd.upper_lower.3"], reply
    assert "stiff" in reply["text"], reply


def test_why_a_sign_happens_is_about_the_neurons(chat: Chat) -> None:
    chat.say("my brother has als")
    reply = chat.say("why are his muscles so thin and wasted")
    assert about(reply)[:3] == ("answer", "als", "upper_lower"), reply
    assert "mnd.upper_lower.2" in reply["custom"]["facts"], reply


def test_a_sign_the_type_says_itself(chat: Chat) -> None:
    reply = chat.say("can post polio syndrome make muscles shrink")
    assert about(reply)[:2] == ("answer", "pps"), reply
    assert reply["custom"]["facts"] == ["pps.symptoms.2"], reply


def test_a_sign_the_material_never_ties_to_the_type(chat: Chat) -> None:
    reply = chat.say("do your muscles waste away with pls")
    assert about(reply)[:2] == ("not_covered", "pls"), reply
    assert "does not link PLS" in reply["text"], reply


def test_which_types_bring_a_sign(chat: Chat) -> None:
    reply = chat.say("which kinds of mnd give you stiff muscles")
    assert about(reply)[:2] == ("answer", "mnd"), reply
    assert reply["custom"]["conditions"] == ["als", "pls"], reply
    assert reply["custom"]["facts"][-1] == "mnd.upper_lower.3", reply


def test_what_helps_a_sign_asks_what_helps(chat: Chat) -> None:
    chat.say("my dad has pls")
    reply = chat.say("is there anything for the stiffness")
    assert reply["custom"]["topic"] == "treatment", reply


def test_which_kind_of_neuron_a_word_just_explained_comes_from(chat: Chat) -> None:
    chat.say("what does hyperreflexia mean")
    reply = chat.say("so what sort of motor neurons being damaged gives you that")
    assert about(reply)[:3] == ("answer", "motor_neuron", "upper_lower"), reply
    assert reply["custom"]["facts"] == ["mnd.upper_lower.3"], reply


def test_which_kind_of_neuron_while_neurons_are_talked_about(chat: Chat) -> None:
    chat.say("what are upper and lower motor neurons")
    reply = chat.say("and which ones make your muscles go thin")
    assert about(reply)[:3] == ("answer", "motor_neuron", "upper_lower"), reply
    assert reply["custom"]["facts"] == ["mnd.upper_lower.2"], reply


def test_the_other_one_after_one_was_picked_from_a_pair(chat: Chat) -> None:
    chat.say("what's the difference between pma and pls")
    reply = chat.say("which of them only goes for the brain nerves")
    assert reply["custom"]["conditions"] == ["pls"], reply
    reply = chat.say("and the other?")
    assert about(reply)[:3] == ("answer", "pma", "upper_lower"), reply


def test_two_named_before_which_one(chat: Chat) -> None:
    reply = chat.say("kennedys or pma - which one mostly affects men")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"kennedy", "pma"}, reply


def test_a_type_named_beside_a_word_asked_is_what_it_means_next(chat: Chat) -> None:
    reply = chat.say("my uncle was told progressive muscular atrophy. what does atrophy mean")
    assert reply["custom"]["kind"] == "definition", reply
    reply = chat.say("and is it the brain nerves or the spinal ones")
    assert about(reply)[:3] == ("answer", "pma", "upper_lower"), reply


def test_a_name_taken_back_leaves_the_one_before_it(chat: Chat) -> None:
    chat.say("my grandad has kennedys disease")
    chat.say("and sma, what causes that")
    reply = chat.say("oops, not sma. does it shorten life?")
    assert reply["custom"]["condition"] == "kennedy", reply
    assert reply["custom"]["topic"] == "outlook", reply

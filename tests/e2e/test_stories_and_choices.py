"""A story naming two types before a question about one, "that" leaning on the sentence before, news and
feelings that ask nothing, "got it", "who am I chatting to?", a choice named by words of its name, the same
question about the next one listed, "the one that does both" after the one-kind listing, "this gene" with a
type in focus, questions across the types with "any of", "compared to other MNDs", and one person's future
asked as "does that mean I'm going to get it"."""

from __future__ import annotations

from tests.support import Chat, about


def test_a_story_naming_two_types_then_a_question_about_one(chat: Chat) -> None:
    reply = chat.say("my aunt has pls and my uncle has pbp. first off - what does pbp affect?")
    assert about(reply)[:2] == ("answer", "pbp"), reply
    assert "swallow" in reply["text"], reply


def test_whats_that_type_after_a_story_naming_two(chat: Chat) -> None:
    reply = chat.say("the consultant told my husband it's either als or pma, time will tell. whats pma?")
    assert about(reply) == ("answer", "pma", "definition"), reply


def test_that_leaning_on_the_sentence_before(chat: Chat) -> None:
    reply = chat.say("my wife has MND and chokes on drinks these days. what do they normally do about that?")
    assert about(reply)[2] == "treatment", reply
    assert "tube" in reply["text"], reply


def test_feelings_that_ask_nothing(chat: Chat) -> None:
    reply = chat.say("they told my dad it's PLS on friday. i feel numb")
    assert about(reply)[2] == "coping", reply


def test_what_we_could_have_done(chat: Chat) -> None:
    reply = chat.say("my son has SMA. should we have spotted it sooner, could we have stopped it?")
    assert about(reply)[2] == "coping", reply
    assert "fault" in reply["text"], reply


def test_whether_it_causes_a_symptom(chat: Chat) -> None:
    reply = chat.say("does PMA cause tingling?")
    assert about(reply)[2] == "symptoms", reply


def test_the_opposite_of(chat: Chat) -> None:
    reply = chat.say("isn't PLS more or less the opposite of PMA")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"pls", "pma"}, reply


def test_got_it_takes_the_answer_in(chat: Chat) -> None:
    chat.say("what is PBP?")
    reply = chat.say("ok, got it")
    assert reply["custom"]["kind"] == "smalltalk", reply


def test_who_am_i_chatting_to(chat: Chat) -> None:
    reply = chat.say("hello. who am I chatting to?")
    assert reply["custom"]["kind"] == "smalltalk", reply
    assert "not a doctor" in reply["text"], reply


def test_news_that_asks_nothing(chat: Chat) -> None:
    reply = chat.say("my nephew has spinal muscular atrophy")
    assert about(reply) == ("answer", "sma", "definition"), reply


def test_this_gene_with_a_type_in_focus(chat: Chat) -> None:
    chat.say("what is spinal muscular atrophy?")
    reply = chat.say("whats this gene the nurses keep mentioning")
    assert reply["custom"]["kind"] == "definition", reply
    assert reply["custom"]["term"].lower() == "smn1 gene", reply


def test_a_choice_named_by_words_of_its_name(chat: Chat) -> None:
    first = chat.say("what are the symptoms of the sclerosis one")
    assert set(first["custom"]["conditions"]) == {"als", "pls"}, first
    reply = chat.say("the primary one")
    assert about(reply) == ("answer", "pls", "symptoms"), reply


def test_a_choice_named_by_a_word_and_one_ruled_out(chat: Chat) -> None:
    chat.say("my cousin has the muscular atrophy one, does it affect the legs?")
    reply = chat.say("not the spinal one, the progressive one")
    assert about(reply)[1:] == ("pma", "symptoms"), reply


def test_the_same_question_about_the_next_one_listed(chat: Chat) -> None:
    chat.say("how do PLS and PMA differ?")
    chat.say("does the first one affect swallowing")
    reply = chat.say("and the second one?")
    assert about(reply) == ("not_covered", "pma", "symptoms"), reply
    assert "swallow" in reply["text"], reply


def test_the_one_that_does_both_after_the_one_kind_listing(chat: Chat) -> None:
    chat.replies("which types hit only the upper neurons and which only the lower")
    reply = chat.say("and the type that hits both?")
    assert about(reply)[0::2] == ("answer", "upper_lower"), reply
    assert (reply["custom"].get("conditions") or [reply["custom"]["condition"]]) == ["als"], reply


def test_any_of_the_types_across(chat: Chat) -> None:
    reply = chat.say("can any of the motor neurone diseases affect children?")
    assert "sma" in (reply["custom"].get("conditions") or []), reply


def test_compared_to_other_mnds(chat: Chat) -> None:
    reply = chat.say("at what age does PMA start, compared to the other MNDs?")
    assert about(reply) == ("answer", "pma", "risk_factors"), reply


def test_does_that_mean_im_going_to_get_it(chat: Chat) -> None:
    chat.say("my grandad had ALS")
    reply = chat.say("does that mean i'm going to get it too")
    assert reply["custom"]["kind"] == "no_diagnosis", reply


def test_is_that_connected_after_a_symptom(chat: Chat) -> None:
    chat.say("what is post-polio syndrome?")
    reply = chat.say("i'm always cold these days. is that connected?")
    assert about(reply)[1:] == ("pps", "symptoms"), reply


def test_the_kinds_of_motor_neuron_pointed_at(chat: Chat) -> None:
    chat.say("how do upper and lower motor neurons differ?")
    reply = chat.say("which one makes your reflexes too strong when it's damaged")
    assert about(reply)[1:] == ("motor_neuron", "upper_lower"), reply
    reply = chat.say("give me a disease that only affects the second kind")
    assert reply["custom"]["conditions"] == ["pbp", "pma", "sma"], reply


def test_whose_type_when_one_relative_is_someone_elses(chat: Chat) -> None:
    chat.say("my uncle has PLS and my brother's little girl has just been diagnosed with SMA. are they linked?")
    chat.say("what causes the little girl's one")
    reply = chat.say("and my uncle's?")
    assert about(reply)[1] == "pls", reply


def test_whether_children_will_get_it_is_not_given(chat: Chat) -> None:
    chat.say("what is SMA?")
    reply = chat.say("could our own children get it one day?")
    assert about(reply)[:3] == ("not_covered", "sma", "inheritance"), reply


def test_kinds_of_them_with_motor_neurons_in_focus(chat: Chat) -> None:
    chat.say("how do motor neurones work")
    reply = chat.say("are there different types of them?")
    assert about(reply) == ("answer", "motor_neuron", "upper_lower"), reply


def test_like_the_others_is_a_yardstick(chat: Chat) -> None:
    chat.say("tell me about post-polio syndrome")
    reply = chat.say("does it shorten life like the others do")
    assert about(reply)[1:] == ("pps", "outlook"), reply


def test_the_same_group_as_a_type(chat: Chat) -> None:
    chat.say("what is PBP")
    reply = chat.say("is it in the same family as ALS then")
    assert reply["custom"]["kind"] != "compare" and about(reply)[1] == "pbp", reply


def test_whether_it_is_common_is_not_given(chat: Chat) -> None:
    chat.say("what is PLS")
    reply = chat.say("is it rare?")
    assert about(reply)[:2] == ("not_covered", "pls"), reply


def test_turning_into_the_other_one(chat: Chat) -> None:
    chat.say("how does PMA differ from ALS")
    reply = chat.say("i have the pma one. will it turn into the other one")
    assert reply["custom"]["kind"] == "not_covered", reply


def test_what_else_do_they_do_for_it(chat: Chat) -> None:
    chat.say("what is SMA")
    reply = chat.say("what else do they do 4 it")
    assert about(reply)[1:] == ("sma", "treatment"), reply


def test_the_other_ones_medicines_after_whose(chat: Chat) -> None:
    chat.say("how are PLS and ALS different")
    chat.say("are there any tablets for mine")
    reply = chat.say("what about for the other one")
    assert about(reply)[1:] == ("als", "treatment"), reply
    assert "riluzole" in reply["text"], reply


def test_a_prognosis_question_is_declined_not_an_emergency(chat: Chat) -> None:
    chat.say("our son has SMA")
    reply = chat.say("is he going to die")
    assert reply["custom"]["kind"] == "no_diagnosis", reply


def test_what_helps_when_he_cant_move_much_now(chat: Chat) -> None:
    reply = chat.say("my wife has PLS and can't move much now. what helps keep her joints from seizing up")
    assert reply["custom"]["kind"] in ("answer", "not_covered"), reply



def test_what_that_means_for_the_muscles(chat: Chat) -> None:
    chat.say("I'm 40 and have PMA. Does it affect the upper neurones?")
    reply = chat.say("so what does that mean for my muscles")
    assert about(reply)[1:] == ("pma", "symptoms"), reply
    assert "does not say anything about" not in reply["text"], reply


def test_a_real_thing_easier_to_tell_and_taking_years(chat: Chat) -> None:
    assert about(chat.say("is primary lateral sclerosis an actual thing"))[1:] == ("pls", "definition")
    assert about(chat.say("does it get harder to spot early on"))[2] == "diagnosis"
    assert about(chat.say("how long will it take to get to his arms"))[2] == "outlook"


def test_a_sign_said_of_someone_is_not_feelings(chat: Chat) -> None:
    chat.say("what is Kennedy's disease")
    reply = chat.say("his feet have gone numb")
    assert about(reply)[2] != "coping", reply


def test_a_detail_only_the_general_facts_answer(chat: Chat) -> None:
    reply = chat.say("my husband has ALS. what helps with keeping his joints supple")
    assert "Physical therapy" in reply["text"], reply
    assert reply["custom"]["answered_for"] == "mnd", reply


def test_who_r_u_and_where_it_comes_from(chat: Chat) -> None:
    assert chat.say("who r u")["custom"]["kind"] == "smalltalk"
    chat.say("tell me about post polio syndrome")
    assert about(chat.say("where does it actually come from"))[1:] == ("pps", "causes")


def test_how_it_is_diagnosed_is_answered(chat: Chat) -> None:
    reply = chat.say("how is motor neurone disease diagnosed")
    assert about(reply) == ("answer", "mnd", "diagnosis"), reply
    assert "test" in reply["text"], reply

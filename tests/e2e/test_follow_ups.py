"""Follow-ups through the REST channel: what "both", "the other one", "the second one", "his condition"
and a description point at, and which question a follow-up keeps asking."""

from __future__ import annotations

from tests.e2e.conftest import assert_from_store
from tests.support import Chat


def test_both_after_a_correction_means_the_two_types_meant(chat: Chat) -> None:
    chat.say("what part does pma attack")
    chat.say("does pls do the same")
    chat.say("sorry i meant pbp not pls")
    reply = chat.say("so they both only do the lower ones?")
    assert reply["custom"]["condition"] == "mnd" and reply["custom"]["conditions"] == ["pma", "pbp"], reply
    assert "PMA" in reply["text"] and "PBP" in reply["text"]


def test_a_question_about_both_listed_types_gets_one_reply_naming_each(chat: Chat) -> None:
    listing = chat.say("which types mostly affect men?")
    assert listing["custom"]["conditions"] == ["pma", "kennedy"]
    replies = [m for m in chat.post("are both of them treatable?") if m["custom"]["kind"] != "disclaimer"]
    assert len(replies) == 1, replies
    [reply] = replies
    assert reply["custom"]["condition"] == "mnd" and reply["custom"]["conditions"] == ["pma", "kennedy"]
    # Neither has its own treatment facts: said once for both, then the general text once.
    assert "just for PMA or Kennedy's disease" in reply["text"]
    assert_from_store(reply)


def test_a_description_can_rule_one_of_the_listed_out(chat: Chat) -> None:
    chat.say("which types mostly affect men?")
    reply = chat.say("the other one, not the hands one")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("kennedy", "definition"), reply


def test_is_a_type_the_same_as_mnd_gets_the_type_side_only(chat: Chat) -> None:
    reply = chat.say("is ALS the same as MND?")
    assert reply["custom"]["kind"] == "compare"
    assert "mean the same thing" in reply["text"]
    assert "riluzole" not in reply["text"] and "covers a group of disorders" not in reply["text"]


def test_which_one_of_three_named_types_is_answered_from_their_attributes(chat: Chat) -> None:
    reply = chat.say("Out of ALS, PLS and PMA, which one affects only the lower neurons?")
    custom = reply["custom"]
    assert (custom["kind"], custom["condition"], custom["topic"], custom["conditions"]) == (
        "answer",
        "mnd",
        "upper_lower",
        ["pma"],
    )
    assert_from_store(reply)


def test_a_type_described_by_what_the_listing_said_keeps_the_question_asked(chat: Chat) -> None:
    chat.say("what are the types of mnd")
    chat.say("what causes sma")
    reply = chat.say("and the brainstem one?")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pbp", "causes"), reply


def test_a_question_about_upper_or_lower_neurons_in_general_leaves_the_type_in_focus(chat: Chat) -> None:
    chat.say("what does pma affect")
    reply = chat.say("what happens when the lower ones are damaged")
    assert reply["custom"]["condition"] == "motor_neuron", reply
    chat.say("what does pma affect")
    assert chat.say("upper or lower?")["custom"]["condition"] == "pma"


def test_is_it_the_same_as_its_own_group_gets_what_the_type_is(chat: Chat) -> None:
    chat.say("what is als")
    reply = chat.say("is it the same as motor neurone disease? the nurse kept saying MND")
    assert (reply["custom"]["kind"], reply["custom"]["condition"], reply["custom"]["topic"]) == (
        "answer",
        "als",
        "definition",
    )
    assert "mean the same thing" in reply["text"]


def test_an_answer_never_starts_with_a_fact_that_goes_on_from_another(chat: Chat) -> None:
    reply = chat.say("does kennedys make your feet numb")
    assert reply["text"].index("Kennedy's disease") < reply["text"].index("Their hands and feet")
    assert_from_store(reply)


def test_the_others_with_nothing_listed_are_the_other_types(chat: Chat) -> None:
    chat.say("what is als")
    listing = chat.say("name the others")
    assert (listing["custom"]["condition"], listing["custom"]["topic"]) == ("mnd", "types")
    reply = chat.say("the 2nd one what does it do to u")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pbp", "symptoms"), reply


def test_which_other_types_leaves_out_the_one_named(chat: Chat) -> None:
    reply = chat.say("wife has pls, cant sleep. which other types only affect one kind of motor neuron")
    assert reply["custom"]["conditions"] == ["pbp", "pma", "sma"]
    assert chat.say("the second one?")["custom"]["condition"] == "pma"


def test_asking_if_there_is_a_proper_cure_is_answered_from_the_store(chat: Chat) -> None:
    chat.say("what is als")
    reply = chat.say("Is there any proper cure for it then?")
    assert reply["custom"]["kind"] in {"answer", "not_covered"} and reply["custom"]["topic"] == "treatment", reply


def test_which_is_the_most_common_after_the_types_and_an_ordinal_past_a_short_list(chat: Chat) -> None:
    chat.say("what kinds of mnd are there")
    common = chat.say("which is the most common")
    assert common["custom"]["conditions"] == ["als"]
    assert chat.say("does it have another name")["custom"]["condition"] == "als"
    # The last listing named one type; "the fourth one on your list" can only be the types'.
    assert chat.say("the fourth one on your list, what does it do")["custom"]["condition"] == "pma"


def test_the_one_a_group_of_people_get(chat: Chat) -> None:
    reply = chat.say("the one polio survivors get, how long after polio does it start")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pps", "risk_factors"), reply


def test_an_ordinal_can_point_at_the_medicines_just_named(chat: Chat) -> None:
    chat.say("what treatment is there for als")
    second = chat.say("the 2nd drug what is")
    assert (second["custom"]["kind"], second["custom"]["term"]) == ("definition", "edaravone")


def test_who_a_type_is_named_after_is_admitted_not_covered(chat: Chat) -> None:
    chat.say("what is kennedys disease")
    reply = chat.say("who was he")
    assert (reply["custom"]["kind"], reply["custom"]["condition"]) == ("not_covered", "kennedy")
    assert_from_store(reply)


def test_a_short_name_one_letter_off_two_types_asks_which(chat: Chat) -> None:
    reply = chat.say("what is PBA")
    assert (reply["custom"]["kind"], reply["custom"]["conditions"]) == ("clarify", ["pbp", "pma"])
    one = chat.say("what is PLM")
    assert (one["custom"]["kind"], one["custom"]["conditions"]) == ("clarify", ["pls"])
    offered = [m["custom"].get("conditions") or [] for m in chat.post("his PIP form asks about his walking")]
    assert not any("pbp" in c for c in offered)  # a benefit's name is not taken for PBP


def test_what_is_it_after_correcting_the_name_is_about_the_condition(chat: Chat) -> None:
    chat.say("what is PBA")
    reply = chat.say("no sorry I meant PMA. muscular atrophy. thats what they said I have. what is it")
    assert (reply["custom"]["kind"], reply["custom"]["condition"]) == ("answer", "pma"), reply
    assert chat.say("so it's lower motor neurons only?")["custom"]["condition"] == "pma"


def test_a_correction_followed_by_its_own_question_answers_that_question(chat: Chat) -> None:
    chat.say("we have a new resident with primary lateral sclerosis, does it affect memory")
    reply = chat.say("sorry, i got that wrong, its PMA she has not PLS. which motor neurones does it affect")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pma", "upper_lower"), reply
    chat.say("what causes sma")
    assert chat.say("which motor neurons")["custom"]["condition"] == "sma"


def test_wordings_that_say_their_topic(chat: Chat) -> None:
    reply = chat.say("my wife has progressive bulbar palsy. i didnt like to ask the doctor what it actually is")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pbp", "definition")
    reply = chat.say("husband has progressive muscular atrophy. which part of the nervous system is it")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pma", "upper_lower")
    reply = chat.say("genetic types?")
    assert reply["custom"]["conditions"] == ["sma", "kennedy"]
    # "What can help …" asks for what helps; it names no remedy the material lacks.
    reply = chat.say("he's started coughing on his tea sometimes, what can help people who struggle to swallow")
    assert reply["custom"]["kind"] != "out_of_scope", reply


def test_which_one_after_a_comparison_is_answered_from_what_the_material_states(chat: Chat) -> None:
    chat.say("how is als different from pls")
    reply = chat.say("which one is more common")
    assert (reply["custom"]["kind"], reply["custom"]["conditions"]) == ("answer", ["als"]), reply
    assert_from_store(reply)


def test_picking_one_of_the_offered_choices_keeps_the_question(chat: Chat) -> None:
    assert chat.say("which types are inherited or linked to a gene")["custom"]["conditions"] == ["sma", "kennedy"]
    assert chat.say("is that one passed on in families")["custom"]["kind"] == "clarify"
    reply = chat.say("the X chromosome one")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("kennedy", "inheritance"), reply


def test_a_part_of_the_body_with_a_type_in_focus_asks_whether_it_is_affected(chat: Chat) -> None:
    chat.say("my wife has pbp")
    arms = chat.say("does it get to her arms")
    # The material does not link PBP with the arms: said so, then what it does say about PBP's symptoms.
    assert (arms["custom"]["kind"], arms["custom"]["condition"], arms["custom"]["topic"]) == (
        "not_covered",
        "pbp",
        "symptoms",
    ), arms
    chewing = chat.say("sorry not her arms, i meant her chewing")
    assert (chewing["custom"]["kind"], chewing["custom"]["topic"]) == ("answer", "symptoms"), chewing
    assert "chew" in chewing["text"]
    chat.say("what about pls")
    torso = chat.say("torso?")
    assert (torso["custom"]["kind"], torso["custom"]["condition"]) == ("answer", "pls"), torso
    assert "torso" in torso["text"]


def test_a_word_inside_a_description_picks_the_type(chat: Chat) -> None:
    listing = chat.say("which types are inherited")
    assert listing["custom"]["conditions"] == ["sma", "kennedy"], listing
    reply = chat.say("the one with the X chromosome what is that")
    assert (reply["custom"]["kind"], reply["custom"]["condition"], reply["custom"]["topic"]) == (
        "answer",
        "kennedy",
        "definition",
    ), reply


def test_a_name_alone_a_word_from_the_answer_alone_and_then(chat: Chat) -> None:
    alone = chat.say("primary lateral sclerosis")
    assert (alone["custom"]["kind"], alone["custom"]["condition"], alone["custom"]["topic"]) == (
        "answer",
        "pls",
        "definition",
    ), alone
    chat.say("where does it start")
    then = chat.say("then?")
    assert (then["custom"]["condition"], then["custom"]["topic"]) == ("pls", "symptoms"), then
    chat.say("what causes kennedys disease")
    word = chat.say("androgen receptor?")  # a word the answer just used, echoed
    assert (word["custom"]["kind"], word["custom"]["term"]) == ("definition", "androgen receptor"), word
    topic = chat.say("inherited?")  # a topic's name alone asks about the type in focus
    assert (topic["custom"]["condition"], topic["custom"]["topic"]) == ("kennedy", "inheritance"), topic


def test_who_is_asked_about_is_not_a_detail_and_a_body_word_alone_asks_about_symptoms(chat: Chat) -> None:
    reply = chat.say("my client has pbp")
    # "client" says who, not what: never "my material does not say anything about client".
    assert reply["custom"]["kind"] == "answer" and "client" not in reply["text"], reply
    eating = chat.say("eating?")
    assert (eating["custom"]["condition"], eating["custom"]["topic"]) == ("pbp", "symptoms"), eating
    back = chat.say("back to the als residents, does riluzole help")
    assert (back["custom"]["kind"], back["custom"]["topic"]) == ("answer", "treatment"), back


def test_how_much_of_a_medicine_is_given_is_for_the_care_team(chat: Chat) -> None:
    reply = chat.say("how much edaravone do they give per drip")
    assert reply["custom"]["kind"] == "out_of_scope", reply


def test_corrections_said_the_way_people_type_them(chat: Chat) -> None:
    chat.say("which motor neurons does pma affect")
    numb = chat.say("sorry, I meant does PMA cause numbness, that's what I've got")
    # Whether numbness is one of PMA's signs (the material does not link them), not what causes PMA.
    assert (numb["custom"]["kind"], numb["custom"]["topic"]) == ("not_covered", "symptoms"), numb
    chat.say("does pma run in families")
    same = chat.say("oh hang on, the care plan says SMA not PMA, sorry. same question")
    assert (same["custom"]["condition"], same["custom"]["topic"]) == ("sma", "inheritance"), same
    aside = chat.say("Sorry typo, I meant PMA. My nephew asked me")  # no question of its own
    assert (aside["custom"]["condition"], aside["custom"]["topic"]) == ("pma", "inheritance"), aside
    chat.say("what are the types of mnd")
    chat.say("the 3rd one")
    fourth = chat.say("no the forth")
    assert fourth["custom"]["condition"] == "pma", fourth
    chat.say("does it effect breeding")
    misheard = chat.say("sorry breathing not breeding, stupid voice typing")
    assert misheard["custom"]["kind"] == "answer" and "breeding" not in misheard["text"], misheard

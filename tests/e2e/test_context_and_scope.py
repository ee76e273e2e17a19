"""What a message is about when the conversation so far could mislead: a clinic letter re-read is no
goodbye letter; figures and counts the material never gives; a yes/no after a story; "why have I got it?"
asks why, not whether; medicines just named ("do they work for…"); across-type fragments ("both?",
"which of the genetic ones…"); whether the one in focus is one of a group; talk about healthy motor
neurons does not turn into how MND ends; a coming baby's future is declined; "is it true…" asks a fact."""

from __future__ import annotations

from tests.support import Chat, about


def test_reading_a_clinic_letter_again_is_no_emergency(chat: Chat) -> None:
    chat.say("mum was told she has PMA, what happens with it")
    reply = chat.say("hang on, I read the clinic letter again and it actually says PBP")
    assert reply["custom"]["kind"] != "emergency", reply
    assert reply["custom"].get("condition") == "pbp", reply


def test_goodbye_letters_are_still_an_emergency(chat: Chat) -> None:
    assert chat.say("I've written goodbye letters to my children and I'm ready to go")["custom"]["kind"] == "emergency"


def test_counts_the_material_never_gives(chat: Chat) -> None:
    reply = chat.say("roughly how many motor neurones does a person have?")
    assert about(reply) == ("not_covered", "motor_neuron", "function"), reply
    assert "does not give numbers" in reply["text"]
    reply = chat.say("how many people in scotland are living with MND")
    assert about(reply) == ("not_covered", "mnd", "risk_factors"), reply


def test_a_dose_for_one_person_gets_no_general_answer_after_the_refusal(chat: Chat) -> None:
    messages = chat.replies("how many tablets of riluzole should my dad take")
    assert [m["custom"]["kind"] for m in messages] in (["no_diagnosis"], ["out_of_scope"]), messages


def test_a_yes_no_question_after_a_story_is_answered(chat: Chat) -> None:
    reply = chat.say("My dad has Kennedy's disease. His shoulders are getting weak now. Is that usual for it")
    assert about(reply) == ("answer", "kennedy", "symptoms"), reply


def test_why_have_i_got_it_asks_why(chat: Chat) -> None:
    chat.say("I've just been diagnosed with Kennedy's disease, what is it?")
    replies = chat.replies("why have I got it? is it from my genes")
    assert [(m["custom"]["kind"], m["custom"]["condition"]) for m in replies] == [("answer", "kennedy")] * len(replies)


def test_whether_the_medicines_just_named_work_for_another_type(chat: Chat) -> None:
    chat.say("which medicines are there for ALS?")
    assert about(chat.say("would they help with PLS as well?"))[1:] == ("pls", "treatment")


def test_who_is_in_the_care_team_and_what_help_there_is(chat: Chat) -> None:
    chat.say("my son has SMA")
    assert about(chat.say("which specialists should be part of his care team?"))[2] == "treatment"
    assert about(chat.say("and what support is available for us?"))[2] == "coping"


def test_both_after_listings_by_kind_of_motor_neuron(chat: Chat) -> None:
    chat.say("which types of MND affect only the upper motor neurones?")
    chat.say("and only the lower?")
    reply = chat.say("both?")
    assert reply["custom"]["conditions"] == ["als"], reply


def test_which_of_the_described_ones_picks_from_the_listing(chat: Chat) -> None:
    chat.say("which kinds of MND only affect the lower motor neurones?")
    reply = chat.say("which of the lower ones is the one that babies get?")
    assert reply["custom"]["conditions"] == ["sma"], reply


def test_whether_the_one_in_focus_is_one_of_a_group(chat: Chat) -> None:
    chat.say("what is SBMA")
    assert about(chat.say("is it one of the types that mostly affect men?")) == ("answer", "kennedy", "risk_factors")
    assert about(chat.say("and PMA is another one like that, right?")) == ("answer", "pma", "risk_factors")


def test_talk_about_healthy_motor_neurons_stays_there(chat: Chat) -> None:
    chat.say("how does the brain get the legs to move?")
    reply = chat.say("so it's a bit like a relay in stages?")
    assert reply["custom"].get("condition") == "motor_neuron", reply
    reply = chat.say("will it be sunny for her sports day on friday lol")
    assert reply["custom"]["kind"] == "out_of_scope", reply


def test_a_coming_baby_s_future_is_declined_and_a_fact_checked_is_answered(chat: Chat) -> None:
    reply = chat.say("our first son had SMA and I'm pregnant again. will the baby get it as well?")
    assert reply["custom"]["kind"] == "no_diagnosis", reply
    reply = chat.say("is it true SMA is the top genetic cause of death in infants? my son has it")
    assert about(reply)[:2] == ("answer", "sma"), reply


def test_what_is_that_after_a_name_in_a_story(chat: Chat) -> None:
    reply = chat.say("my gran had polio as a girl. her nurse brought up post-polio syndrome today, what is that?")
    assert about(reply) == ("answer", "pps", "definition"), reply


def test_words_two_names_share_ask_which(chat: Chat) -> None:
    chat.say("which types run in families?")
    reply = chat.say("what's the muscular atrophy one about")
    assert reply["custom"]["kind"] == "clarify", reply
    assert reply["custom"]["conditions"] == ["pma", "sma"], reply


def test_comparing_with_a_place_in_the_listing_or_a_type_named_before(chat: Chat) -> None:
    chat.say("what types of MND are there?")
    chat.say("tell me about the third one")
    assert chat.say("is it the same as the fourth one?")["custom"]["conditions"] == ["pls", "pma"]
    reply = chat.say("My uncle has PMA. People say it's what Lou Gehrig had. How is PMA different from that?")
    assert reply["custom"]["kind"] == "compare" and reply["custom"]["conditions"] == ["pma", "als"], reply


def test_a_type_of_motor_neuron_condition_across_types(chat: Chat) -> None:
    reply = chat.say("which motor neurone condition comes after polio?")
    assert reply["custom"]["conditions"] == ["pps"], reply


def test_short_and_detail_wordings(chat: Chat) -> None:
    assert about(chat.say("sma wat neurones"))[1:] == ("sma", "upper_lower")
    assert about(chat.say("which pain killers are used for PPS?"))[2] == "treatment"
    reply = chat.say("fasciculation?? meaning")
    assert reply["custom"]["term"] == "muscle twitches (fasciculation)", reply
    assert "fasciculation" in reply["text"] and "muscle twitches" in reply["text"], reply


def test_what_someone_keeps_saying_gets_no_emergency_line(chat: Chat) -> None:
    reply = chat.say("my brother keeps saying SMA only comes from the mother's side, is that right?")
    assert "emergency" not in reply["text"].lower(), reply


def test_inheritance_details_the_material_never_gives_are_said_to_be_missing(chat: Chat) -> None:
    reply = chat.say("could my husband pass kennedy's disease on to our sons?")
    assert about(reply) == ("not_covered", "kennedy", "inheritance"), reply
    assert reply["text"].startswith("My material does not say whether Kennedy's disease passes to children"), reply
    reply = chat.say("does SMA come down the father's side?")
    assert about(reply) == ("not_covered", "sma", "inheritance"), reply
    assert "which parent" in reply["text"], reply
    # What it does say is an answer: MND can be passed down in a family.
    assert about(chat.say("can MND be passed on to my children"))[0] == "answer"


def test_why_a_disease_hits_motor_neurons_is_about_the_disease_in_focus(chat: Chat) -> None:
    chat.say("what is post-polio syndrome?")
    assert about(chat.say("how come polio damages the motor neurones at all?"))[1:] == ("pps", "causes")

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
    reply = chat.say(
        "my niece has spinal muscular atrophy and a friend has progressive muscular atrophy. are they the same?"
    )
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


def test_the_odds_go_with_the_question_before(chat: Chat) -> None:
    chat.say("our son has sma")
    replies = chat.replies("would a second baby of ours get it as well? what are the chances")
    assert len(replies) == 1, replies
    assert about(replies[0])[1:] == ("sma", "inheritance"), replies


def test_a_sign_named_in_a_yes_no_follow_up(chat: Chat) -> None:
    chat.say("my husband has pls")
    chat.say("does it start in the legs?")
    reply = chat.say("and his voice eventually?")
    assert about(reply)[1:] == ("pls", "symptoms"), reply


def test_whether_a_feeling_is_connected_is_about_signs(chat: Chat) -> None:
    chat.say("tell me about post polio syndrome")
    reply = chat.say("mum says her hands feel freezing all the time lately, could that be connected?")
    assert about(reply)[1:] == ("pps", "symptoms"), reply


def test_which_of_the_pair_is_worse(chat: Chat) -> None:
    chat.say("compare pbp and pma for me")
    reply = chat.say("is the second one the worse one")
    assert reply["custom"]["kind"] in ("compare", "not_covered"), reply
    assert "pma" in (reply["custom"].get("conditions") or [reply["custom"]["condition"]]), reply


def test_asking_for_a_medicine_for_oneself_is_declined(chat: Chat) -> None:
    chat.say("my mum has als")
    replies = chat.replies("is edaravone something we ought to be asking for")
    assert replies[0]["custom"]["kind"] == "no_diagnosis", replies


def test_ones_own_risk_said_with_will(chat: Chat) -> None:
    chat.say("my grandad had mnd")
    replies = chat.replies("so does that mean i'll get it")
    assert replies[0]["custom"]["kind"] == "no_diagnosis", replies


def test_a_dose_asked_in_general(chat: Chat) -> None:
    reply = chat.say("how many of the riluzole tablets do people take a day")
    assert reply["custom"]["kind"] == "out_of_scope", reply


def test_a_word_before_whats_that_is_taken_as_written(chat: Chat) -> None:
    reply = chat.say("a man in the waiting room was on about an EMG, what's that")
    assert reply["custom"]["kind"] != "definition", reply
    assert "atrophy" not in reply["text"].lower(), reply


def test_someone_to_talk_to_about_ones_risk(chat: Chat) -> None:
    chat.say("my brother has kennedy's disease")
    reply = chat.say("is there anybody we can talk to about whether my daughters carry it")
    assert reply["custom"]["topic"] == "when_to_see_provider", reply
    assert "mnd.when_to_see_provider.2" in reply["custom"]["facts"], reply


def test_a_sign_mnds_own_facts_name_is_not_said_unlinked(chat: Chat) -> None:
    chat.say("my wife has mnd")
    reply = chat.replies("she coughs when she eats now, is the swallowing part of the mnd")[-1]
    assert "does not link" not in reply["text"], reply


def test_a_claim_the_material_states_after_an_inheritance_answer(chat: Chat) -> None:
    # "actually" inside "is that actually true" corrects nothing; the claim is what is asked
    chat.say("our little boy has sma")
    chat.say("could a brother or sister of his get it too")
    reply = chat.say("a mum on a forum said it's the biggest genetic cause of babies dying. is that actually true")
    assert reply["custom"]["kind"] == "answer", reply
    assert "sma.outlook.1" in reply["custom"]["facts"], reply


def test_one_group_stated_and_the_other_never(chat: Chat) -> None:
    chat.say("my nephew has spinal muscular atrophy")
    reply = chat.say("do grown ups get it as well or just little ones")
    assert about(reply) == ("not_covered", "sma", "risk_factors"), reply
    assert "adults" in reply["text"] and "babies" in reply["text"], reply


def test_how_it_will_go_for_one_person_is_declined(chat: Chat) -> None:
    chat.say("my nan has post polio syndrome")
    reply = chat.say("will it cut short her life do you think")
    assert reply["custom"]["kind"] == "no_diagnosis", reply
    reply = chat.say("does post polio syndrome shorten life")
    assert reply["custom"]["kind"] != "no_diagnosis", reply


def test_what_a_described_type_might_turn_into_is_not_the_subject(chat: Chat) -> None:
    chat.say("what are the different types of mnd")
    reply = chat.say("could the one that hits speech and swallowing become als in time")
    assert reply["custom"]["kind"] == "not_covered", reply
    assert reply["custom"]["condition"] == "pbp" and "PBP" in reply["text"], reply


def test_how_it_passes_down_a_family_is_answered_but_ones_own_carrier_status_is_not(chat: Chat) -> None:
    chat.say("my cousin has kennedy's disease")
    reply = chat.say("his mum is my aunt, could she be a carrier")
    assert about(reply)[:3] == ("not_covered", "kennedy", "inheritance"), reply
    reply = chat.say("and could i be carrying it too")
    assert reply["custom"]["kind"] == "no_diagnosis", reply


def test_how_it_is_passed_on_asks_the_ways_the_material_lost(chat: Chat) -> None:
    reply = chat.say("so if it's inherited, how does it actually get handed down in a family")
    assert about(reply)[:3] == ("not_covered", "mnd", "inheritance"), reply
    assert "does not list the ways" in reply["text"], reply

"""Comparisons asked in passing ("PLS not ALS, what's the difference?", "or something different?", "which
one is worse, the first or this one?", "the third and fourth ones"), a claim checked against the facts,
"tell me more about the X bit", details never given (how long, turning into another type, women and
Kennedy's disease), "which ones both", MND named only in a remark, "she" after a listing, and generic
"usually" that asks the type's own facts."""

from __future__ import annotations

from tests.support import Chat, about


def test_a_difference_asked_with_a_name_ruled_out(chat: Chat) -> None:
    reply = chat.say("the consultant reckons it's PMA not ALS, so what's the difference")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"pma", "als"}, reply


def test_or_something_different(chat: Chat) -> None:
    reply = chat.say("is PLS just a mild ALS or a completely different disease")
    assert reply["custom"]["kind"] == "compare", reply


def test_which_one_is_worse_after_a_correction(chat: Chat) -> None:
    chat.say("my brother has PBP")
    chat.say("oh sorry, I misread it, it's PMA not PBP")
    reply = chat.say("which of them is worse, the first one you told me about or this one?")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"pbp", "pma"}, reply


def test_two_ordinals_in_one_phrase(chat: Chat) -> None:
    chat.say("list the types of mnd please")
    reply = chat.say("the second and third ones, how are they different")
    assert reply["custom"]["kind"] == "compare", reply
    assert reply["custom"]["conditions"] == ["pbp", "pls"], reply


def test_a_claim_is_checked_against_the_facts(chat: Chat) -> None:
    chat.say("our baby girl has SMA")
    reply = chat.say("I saw online it's the leading genetic reason babies die. is that right?")
    assert about(reply)[1] == "sma", reply
    assert "genetic cause of death in babies" in reply["text"], reply


def test_tell_me_more_about_a_named_topic(chat: Chat) -> None:
    chat.say("what causes mnd")
    reply = chat.say("can you tell me a bit more about the genetic side")
    assert about(reply)[1:] == ("mnd", "inheritance"), reply


def test_how_long_when_the_material_gives_no_span(chat: Chat) -> None:
    reply = chat.say("what is the life expectancy for a child with SMA")
    assert about(reply) == ("not_covered", "sma", "outlook"), reply
    # MND in general does say how long people live
    assert about(chat.say("and life expectancy with MND in general?"))[0] == "answer"


def test_turning_into_another_type_is_not_covered(chat: Chat) -> None:
    chat.say("my dad has PMA")
    reply = chat.say("can PMA develop into ALS later on?")
    assert about(reply) == ("not_covered", "pma", "outlook"), reply
    assert "turn into another type" in reply["text"], reply


def test_whom_the_material_does_not_describe(chat: Chat) -> None:
    chat.say("what is kennedy's disease")
    reply = chat.say("my aunt thinks she might have it, do women get it too?")
    assert reply["custom"]["kind"] in ("not_covered", "no_diagnosis"), reply


def test_which_ones_both_after_listings_by_kind(chat: Chat) -> None:
    chat.say("which types only affect the upper motor neurones")
    reply = chat.say("which ones do both")
    assert reply["custom"]["conditions"] == ["als"], reply


def test_mnd_named_in_a_remark_keeps_the_type(chat: Chat) -> None:
    chat.say("I was diagnosed with Kennedy's disease last year")
    reply = chat.say("why are my hands shaky? I didn't think MND did that")
    assert about(reply)[1] == "kennedy", reply


def test_she_after_a_listing_is_the_daughter(chat: Chat) -> None:
    chat.say("my daughter has SMA")
    chat.say("which types of MND mostly affect men")
    reply = chat.say("could she pass it on to her children one day")
    assert about(reply)[1:] == ("sma", "inheritance"), reply


def test_usually_asks_the_types_own_facts(chat: Chat) -> None:
    reply = chat.say("who usually gets PMA")
    assert about(reply) == ("answer", "pma", "risk_factors"), reply
    assert "males" in reply["text"], reply


def test_as_bad_as_weighs_the_one_in_focus_against_the_named_one(chat: Chat) -> None:
    chat.say("which type usually begins in the legs")
    reply = chat.say("is that one as serious as als")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"pls", "als"}, reply


def test_whether_two_overlap_is_how_they_compare_as_a_whole(chat: Chat) -> None:
    chat.say("what is progressive muscular atrophy")
    chat.say("and post polio syndrome?")
    reply = chat.say("is there much overlap between the two")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"pma", "pps"}, reply
    assert "overlap" not in reply["text"], reply


def test_weighed_against_a_relatives_type(chat: Chat) -> None:
    chat.say("my mum has been diagnosed with progressive bulbar palsy")
    chat.say("what are all the types of mnd")
    reply = chat.say("the third one, is it the same as mum's")
    assert reply["custom"]["kind"] == "compare", reply
    assert set(reply["custom"]["conditions"]) == {"pls", "pbp"}, reply

"""Mix-ups and loose wordings: letters muddled and a correction that names PLS (not "please"), a long story
with a diagnosis "now" that is no emergency, a prediction about one part of someone, "the other one" that
names nothing missing, other kinds while one type is in focus, "the one I typed by mistake", a name said
loosely ("bulbar something palsy"), a description with two values ("younger men")."""

from __future__ import annotations

from tests.support import Chat, about


def test_letters_muddled_and_pls_named_is_no_emergency(chat: Chat) -> None:
    chat.say("my mum has PMA, where does it start")
    reply = chat.say("oh no I got the letters mixed up, it's PLS. sorry")
    assert reply["custom"]["kind"] != "emergency", reply
    assert reply["custom"].get("condition") == "pls", reply


def test_a_past_choking_story_ending_in_a_diagnosis_is_answered(chat: Chat) -> None:
    replies = chat.post(
        "long story, sorry. my husband has slurred for about a year and started choking on drinks at times, "
        "and now the consultant says it is progressive bulbar palsy. what does that mean?"
    )
    kinds = [m.get("custom", {}).get("kind") for m in replies]
    assert "emergency" not in kinds, replies
    assert "pbp" in [m["custom"].get("condition") for m in replies if m["custom"]["kind"] in ("answer", "not_covered")]


def test_how_one_part_of_someone_will_go_is_declined(chat: Chat) -> None:
    chat.say("what is ALS")
    replies = chat.replies("my dad has it, is his walking going to go soon?")
    assert replies[0]["custom"]["kind"] == "no_diagnosis", replies


def test_the_other_one_names_nothing_missing(chat: Chat) -> None:
    chat.say("what's the difference between upper and lower motor neurones")
    chat.say("which of them makes muscles stiff when damaged?")
    reply = chat.say("and the other one")
    assert "does not say anything about" not in reply["text"], reply


def test_other_kinds_while_one_type_is_in_focus_lists_the_types(chat: Chat) -> None:
    chat.say("what actually is PLS")
    reply = chat.say("are there other sorts of it?")
    assert about(reply)[1:] == ("mnd", "types"), reply


def test_what_the_material_never_gives_and_contagion(chat: Chat) -> None:
    assert chat.say("what percentage of people with MND have a parent with it")["custom"]["kind"] == "not_covered"
    assert about(chat.say("is mnd catchy?"))[2] == "causes"


def test_telling_the_two_apart_compares_them(chat: Chat) -> None:
    chat.say("which types mostly affect men?")
    reply = chat.say("how do doctors tell the two apart")
    assert reply["custom"]["kind"] == "compare", reply


def test_the_one_typed_by_mistake(chat: Chat) -> None:
    chat.say("what is pbp")
    chat.say("sorry I meant PMA not PBP, how fast does it go")
    assert about(chat.say("and the one I typed by mistake, where does that start?"))[1] == "pbp"


def test_names_said_loosely(chat: Chat) -> None:
    assert about(chat.say("the doctor said bulbar something palsy, is that serious"))[1] == "pbp"


def test_a_description_with_two_values_picks_the_one_with_both(chat: Chat) -> None:
    chat.say("what types of MND are there")
    assert about(chat.say("the one that mostly gets younger men, where does it start?"))[1] == "pma"


def test_a_swallowing_difficulty_that_goes_on_asked_ahead_is_no_emergency(chat: Chat) -> None:
    replies = chat.replies(
        "mum has PBP and she's finding eating hard now. what can be done if she can't swallow anymore"
    )
    kinds = [m["custom"]["kind"] for m in replies]
    assert kinds[0] != "emergency", replies
    assert chat.say("she can't swallow now and is going blue")["custom"]["kind"] == "emergency"


def test_polio_points_at_post_polio_syndrome(chat: Chat) -> None:
    reply = chat.say("I had polio as a girl and now I'm tired all the time. is that a known thing with polio?")
    assert reply["custom"]["condition"] == "pps", reply
    assert chat.say("what is polio?")["custom"]["kind"] == "definition"


def test_grammar_names_the_topic(chat: Chat) -> None:
    assert about(chat.say("how does ALS normally progress"))[2] == "outlook"
    assert about(chat.say("is it normal for SMA to show up at this age, she's 2"))[2] == "risk_factors"
    assert about(chat.say("how do u get kennedys"))[1:] == ("kennedy", "causes")
    reply = chat.say("what part of the nerve pathway is damaged when reflexes get overactive?")
    assert reply["custom"]["kind"] in ("answer", "not_covered") and reply["custom"]["topic"] == "upper_lower", reply


def test_whose_type_after_a_correction_and_when_helping_them(chat: Chat) -> None:
    chat.say("my dad was diagnosed with PMA last month, what is it")
    chat.say("sorry, I got the letters mixed up, it's PLS")
    chat.say("what about ALS, what is that")
    assert about(chat.say("how can I help dad stay on his feet"))[1] == "pls"


def test_he_and_the_type_said_of_him_are_kept_for_the_relative(chat: Chat) -> None:
    chat.say("my brother has been told he has motor neurone disease, the PMA kind. what is that")
    chat.say("what is SMA")
    assert about(chat.say("back to my brother's type, what helps?"))[1] == "pma"


def test_whether_one_person_s_type_will_become_another_is_declined_with_nothing_added(chat: Chat) -> None:
    chat.say("my wife has PLS. how is it different from ALS")
    messages = chat.replies("could hers turn into ALS one day?")
    assert [m["custom"]["kind"] for m in messages] == ["no_diagnosis"], messages
    replies = chat.replies("would the first drug be better for her?")
    assert replies[0]["custom"]["kind"] == "no_diagnosis", replies


def test_other_types_than_the_one_said_in_the_message(chat: Chat) -> None:
    reply = chat.say("my son has SMA. are there other motor neurone diseases that affect children?")
    assert reply["custom"]["kind"] == "not_covered" and "sma" not in (reply["custom"]["conditions"] or []), reply
    assert reply["text"].startswith("My material does not name any other types of MND"), reply


def test_the_other_one_not_mine_and_a_few_words_about_one_type(chat: Chat) -> None:
    chat.say("I have Kennedy's disease, what is it?")
    chat.say("is it the same kind of gene thing as SMA?")
    assert about(chat.say("and the other one, not mine, who gets it?"))[1] == "sma"
    assert about(chat.say("pma mostly blokes?"))[1:] == ("pma", "risk_factors")


def test_code_typed_into_the_chat_gets_the_scope_statement(chat: Chat) -> None:
    for text in ("'; DROP TABLE conditions; --", "SELECT * FROM facts WHERE 1=1"):
        assert chat.say(text)["custom"]["kind"] == "out_of_scope", text

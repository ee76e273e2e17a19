"""Which condition and question a message means, when its words point several ways: a one-type answer
puts that type in focus, "both of them" is the pair, a claim is not a pointer, a correction that says
whose it is re-asks the last question, a comparative compares."""

from __future__ import annotations

from tests.support import Chat, about


def test_a_one_type_answer_puts_that_type_in_focus(chat: Chat) -> None:
    reply = chat.say("which mnd starts in hands")
    assert reply["custom"]["conditions"] == ["pma"], reply
    assert about(chat.say("does it hit breathing"))[1] == "pma"
    reply = chat.say("What is the most common type of MND?")
    assert reply["custom"]["conditions"] == ["als"], reply
    assert about(chat.say("Does it affect the upper or lower neurones?")) == ("answer", "als", "upper_lower")


def test_both_of_them_is_the_pair_not_both_kinds_of_neuron(chat: Chat) -> None:
    chat.say("Which MND types are mainly seen in males?")
    reply = chat.say("Do both of them get worse with time?")
    # Nothing on it for those two: said, then what the material says for MND in general.
    assert about(reply) == ("not_covered", "mnd", "outlook"), reply
    assert reply["custom"]["conditions"] == ["pma", "kennedy"]
    assert "upper" not in reply["text"]


def test_a_last_sentence_asking_what_it_is_asks_what_it_is(chat: Chat) -> None:
    assert about(chat.say("brother got kennedys disease. what is it")) == ("answer", "kennedy", "definition")


def test_a_correction_saying_whose_it_is_re_asks_the_last_question(chat: Chat) -> None:
    chat.say("how is ALS treated")
    reply = chat.say("sorry, PLS not ALS. its my wife who has PLS")
    assert about(reply)[1:] == ("pls", "treatment"), reply


def test_comparing_asked_in_other_words(chat: Chat) -> None:
    reply = chat.say("can you compare ALS and PLS for me, my wife has PLS")
    assert reply["custom"]["kind"] == "compare" and reply["custom"]["conditions"] == ["als", "pls"], reply
    reply = chat.say("My friend has ALS. Is ALS generally quicker than post-polio?")
    assert reply["custom"]["kind"] == "compare" and reply["custom"]["conditions"] == ["als", "pps"], reply
    # Two names of one condition are not two conditions to compare.
    reply = chat.say("What's the difference between ALS and Lou Gehrig's disease?")
    assert about(reply) == ("answer", "als", "definition"), reply


def test_a_claim_says_whose_it_is_and_the_asking_sentence_points(chat: Chat) -> None:
    chat.say("which kinds of MND only affect the lower motor neurones?")
    reply = chat.say("ok so mums is the first one there. the second one, where does that start?")
    assert about(reply)[1:] == ("pma", "symptoms"), reply
    reply = chat.say("going back to mums one, does it get worse over time")
    assert about(reply)[1] == "pbp", reply


def test_the_first_thing_asked_and_someone_s_one_nobody_named(chat: Chat) -> None:
    chat.say("what age does mnd start")
    chat.say("which type is the one that happens in children")
    reply = chat.say("go back to the first thing i asked, what age is most common")
    assert about(reply)[1:] == ("mnd", "risk_factors"), reply
    other = Chat(chat.url)
    other.say("what are the early symptoms of MND")
    other.say("no I meant for PLS specifically")
    other.say("and ALS, where does that usually start")
    assert about(other.say("back to hers - does it make the muscles stiff"))[1] == "pls"


def test_a_description_with_its_clause_says_which(chat: Chat) -> None:
    chat.say("What is the most common type of MND?")
    reply = chat.say("Sorry, I should have said - our patient has the slow one that only affects the upper neurones")
    assert about(reply)[1] == "pls", reply


def test_a_few_words_that_are_not_what_they_seem(chat: Chat) -> None:
    reply = chat.say("have mnd typing with eyes slow what is riluzole")
    assert reply["custom"]["kind"] != "out_of_scope", reply
    chat.say("mnd is it my fault")
    chat.say("what causes")
    assert about(chat.say("viral")) == ("answer", "mnd", "causes")
    chat.say("what is a gastrostomy tube")
    reply = chat.say("would she be better off with one")
    assert reply["custom"]["kind"] == "no_diagnosis", reply


def test_fragments_about_a_pair_or_a_group_of_people(chat: Chat) -> None:
    chat.say("which types mostly affect men")
    reply = chat.say("diff")
    assert reply["custom"]["kind"] == "compare" and reply["custom"]["conditions"] == ["pma", "kennedy"], reply
    chat.say("kennedys outlook")
    # The material describes Kennedy's disease in males and says nothing of women: said so, then what it says.
    reply = chat.say("daughters?")
    assert about(reply) == ("not_covered", "kennedy", "risk_factors"), reply
    assert "males" in reply["text"], reply
    chat.say("vs als")
    reply = chat.say("which one quicker")
    assert reply["custom"]["conditions"] == ["als"], reply
    assert about(chat.say("other one. outlook"))[1] == "kennedy"


def test_which_of_the_two_after_asking_about_two_in_turn(chat: Chat) -> None:
    chat.say("We've a gentleman with Kennedy's disease. Does it cause pain?")
    chat.say("Another resident has post-polio syndrome. Does that cause pain too?")
    reply = chat.say("Which of the two is inherited?")
    assert reply["custom"]["conditions"] == ["kennedy"], reply
    assert about(chat.say("And the other one, how long after polio does it appear?"))[1] == "pps"
    reply = chat.say("His wife asked me how long he's got. Can you tell me?")
    assert reply["custom"]["kind"] == "no_diagnosis", reply


def test_polio_coming_back_and_hers(chat: Chat) -> None:
    reply = chat.say(
        "I had polio when I was 6 and I'm 71 now. My legs have been getting weaker these last couple of years. "
        "Is there such a thing as the polio coming back?"
    )
    assert about(reply) == ("answer", "pps", "definition"), reply
    assert "emergency" not in reply["text"]  # "71 now" is an age, not something happening now
    assert chat.say("So have I got it then?")["custom"]["kind"] == "no_diagnosis"
    other = Chat(chat.url)
    other.say("my wife was diagnosed with primary lateral sclerosis last month. is it the same thing as ALS or not?")
    reply = other.say("so which nerves does hers go for then, the upper or the lower ones")
    assert about(reply) == ("answer", "pls", "upper_lower"), reply


def test_one_person_questions_and_a_question_about_nothing_here(chat: Chat) -> None:
    for text in (
        "My brother has MND and is getting worse fast. Is he dying soon?",
        "Will my daughter with SMA ever be able to walk?",
        "I slur my words a bit when I'm tired and sometimes choke on water. Could I have progressive bulbar palsy?",
    ):
        assert Chat(chat.url).say(text)["custom"]["kind"] == "no_diagnosis", text
    # Mostly words the material never uses, about no condition: outside what it covers.
    assert chat.say("who won the champions league last year")["custom"]["kind"] == "out_of_scope"


def test_ordinals_beat_neuron_words_and_few_words_name_the_topic(chat: Chat) -> None:
    chat.say("Which of the MND types are described as affecting speech?")
    reply = chat.say("For the second, is it upper motor neurone only?")
    assert about(reply)[1:] == ("pls", "upper_lower"), reply
    reply = chat.say("Back to the upper-only one: order of progression?")
    assert about(reply)[1:] == ("pls", "symptoms"), reply


def test_descriptions_thanks_and_fear(chat: Chat) -> None:
    chat.say("what are all the types of mnd, dad keeps asking me and i dont know")
    assert about(chat.say("the one from polio, what is it")) == ("answer", "pps", "definition")
    reply = chat.say(
        "One more, about the last condition on your list, the one connected with polio. How long after can it appear?"
    )
    assert about(reply)[1] == "pps", reply
    assert chat.say("Thank you; I shall show this to my wife this evening.")["custom"]["kind"] == "smalltalk"
    other = Chat(chat.url)
    other.say("my sister died of ALS, is it inherited")
    # The fear of getting what a relative had, with no danger words, is not an emergency.
    reply = other.say("i cant sleep for thinking about this. i keep thinking ill end up like her")
    assert reply["custom"]["kind"] != "emergency", reply


def test_two_picked_from_a_listing_are_what_the_first_one_counts_from(chat: Chat) -> None:
    chat.say("list the types of mnd")
    chat.say("which of those affect speaking and swallowing")
    assert about(chat.say("the first one, is that only the lower motor neurones?"))[1] == "pbp"
    assert about(chat.say("and the second"))[1:] == ("pls", "upper_lower")


def test_same_question_and_thanks_at_the_end(chat: Chat) -> None:
    chat.say("my husbands supposed to have the bulbar one, so which kind does that damage")
    reply = chat.say("wait no, they changed it, they think its ALS now. same question")
    assert about(reply) == ("answer", "als", "upper_lower"), reply
    assert about(chat.say("same q for post polio"))[1:] == ("pps", "upper_lower")
    reply = chat.say(
        "my brother has the polio thing post polio syndrome and i have kennedys are they the same kind of thing"
    )
    assert reply["custom"]["kind"] == "compare" and reply["custom"]["conditions"] == ["pps", "kennedy"], reply
    reply = chat.say("ok i got my phone and called my neighbour shes coming thank you")
    assert reply["custom"]["kind"] == "smalltalk", reply
    reply = chat.say("mums neurologist mentioned PLS as something to rule out, what is PLS")
    assert about(reply) == ("answer", "pls", "definition"), reply


def test_consumer_wordings_and_a_short_versus(chat: Chat) -> None:
    reply = Chat(chat.url).say("What to do for Progressive bulbar palsy ?")
    assert about(reply)[1:] == ("pbp", "treatment"), reply
    reply = Chat(chat.url).say("what is spinal muscular atrophy in babies")
    assert about(reply) == ("answer", "sma", "definition"), reply
    reply = chat.say("SMA v PBP - same kind of neurons?")
    assert reply["custom"]["kind"] == "compare" and reply["custom"]["conditions"] == ["sma", "pbp"], reply


def test_more_questions_about_one_person(chat: Chat) -> None:
    reply = Chat(chat.url).say("Ive had twitches in my arm ever since my sister died of ALS. Is this how it starts?")
    assert reply["custom"]["kind"] == "no_diagnosis", reply
    chat.say("With PLS, does one eventually die of it, as people do with ALS?")
    reply = chat.say("And in my own case, at 71, how many years might I reasonably expect to have?")
    assert reply["custom"]["kind"] == "no_diagnosis", reply


def test_a_one_type_answer_keeps_the_list_and_few_words_after_a_description(chat: Chat) -> None:
    chat.say("Could you list the types of MND?")
    chat.say("and which ones start in the hands")
    assert about(chat.say("last?"))[1] == "pps"  # still counted from the seven
    reply = chat.say("back to the brainstem one - chewing affected?")
    assert about(reply)[1:] == ("pbp", "symptoms"), reply
    reply = Chat(chat.url).say("I'm planning care for a client with Kennedy's disease. How does it progress?")
    assert about(reply)[1:] == ("kennedy", "outlook"), reply


def test_written_but_meant_is_one_of_them_and_is_that_from(chat: Chat) -> None:
    chat.say("does PMA affect speech")
    chat.say("Forgive me, I wrote PMA but I meant PBP; a friend from church has it and I was thinking of her.")
    assert about(chat.say("Does it affect chewing as well as speech?"))[1] == "pbp"
    chat.say("which types of mnd are inherited")
    assert about(chat.say("so ALS isnt one of them?"))[1:] == ("als", "inheritance")
    chat.say("how many types are there then")
    assert about(chat.say("the last one, is that from polio")) == ("answer", "pps", "definition")


def test_what_a_named_thing_does_is_not_what_the_word_means(chat: Chat) -> None:
    chat.say("our baby's doctor mentioned spinal muscular atrophy, what is that")
    chat.say("which gene")
    reply = chat.say("what does that gene change actually do")
    assert about(reply) == ("answer", "sma", "causes"), reply

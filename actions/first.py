"""What a question gets before its topic is looked at, whichever intent it was classified as.

In order: a kind decline when it asks whether one person has a condition or what will happen to
them; a word's meaning when it asks what a word means; the scope statement for another illness,
a dose, or a remedy the material never mentions; "my material gives no figures" for statistics;
an answer across types ("which ones start in the hands?"); a comparison when it compares.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.acknowledging import only_thanks, takes_it_in
from actions.contract import payload
from actions.conversation import State
from actions.descriptions import describes
from actions.listing import across_question, among_listed
from actions.listing_again import across_again
from actions.not_given import (
    DOSE,
    EPONYM,
    asks_figures,
    asks_whether_it_works,
    no_detail,
    no_figures,
    unsaid_asked,
    who_the_name_is,
)
from actions.one_person import asks_again_for_one
from actions.other_names import asks_full_name, asks_other_names, names_reply, target_of
from actions.replies import example_buttons, send_definition, send_reply
from actions.targets import Targets
from actions.understanding import Question
from actions.wording import say
from actions.words_asked import (
    MEANING,
    WHAT_IS_IT,
    WHY_THAT,
    for_what_it_does,
    term_by_its_head,
    term_pointed_at,
    why_the_word,
    word_asked,
)
from bot.facts import across, names
from bot.facts.models import GlossaryTerm
from bot.facts.ranking import index_for
from bot.facts.text import normalise
from bot.facts.words import asks, question_part

# "What does that gene change actually do?": what it does in the condition talked about, not what the word
# means.
WHAT_IT_DOES = re.compile(
    r"\bwhat (?:does|do|did) (?:that|the|this|those|these) (?:\w+ ){1,3}(?:actually |really )?do\b"
)

# "What do upper motor neurones actually do?": their work, from the facts about them, not the word's gloss.
_NEURONS_DO = re.compile(
    r"\bwhat (?:does|do|did) (?:the |an? |your |our )?(?:upper |lower )?(?:motor )?neurone?s? "
    r"(?:actually |really |normally |usually |even )?do\b"
)

# "I mean PBP" is a correction, not a question about what a word means.
I_MEAN = re.compile(r"\bi (?:mean|meant)\b")
I_MEANT = re.compile(r"\b(?:i meant|i mean|meant)\s+(.+)$")  # what the correction says was meant


def asks_meaning(question: Question, *texts: str) -> bool:
    """Whether ``texts`` (forms of the message) ask what a word means ("what does bulbar mean?",
    "'FTD'?"); "what is it?" after naming a condition asks what the condition is."""
    found = any(MEANING.search(I_MEAN.sub(" ", text)) for text in texts)
    return found and not (question.named and any(WHAT_IS_IT.search(text) for text in texts))


# "Does homeopathy cure MND?", "is a keto diet good for ALS?": whether something works against it.
_REMEDY = re.compile(
    r"^(?:so |and |but )?(?:does|do|can|could|will|would|is|are|has|have|should)\b(?P<subject>(?:\s+\w+){1,5}?)\s+"
    r"(?:cure|cures|reverse|reverses|stop|stops|slow|slows|beat|beats|treat|treats|heal|heals|fix|fixes|help|helps|"
    r"work|works|improve|improves|good for|effective|prevent|prevents)\b"
)
# Text that is code rather than words: SQL statements, script tags, a comment after a quote.
_CODE = re.compile(
    r"\b(?:drop|truncate|alter)\s+table\b|\bdelete\s+from\s+\w+|\binsert\s+into\b|\bselect\s+\*\s+from\b"
    r"|\bunion\s+(?:all\s+)?select\b|<\s*/?\s*script\b|;\s*--",
    re.IGNORECASE,
)
_SHORT = 4
# "the others", "other kinds": the other types of MND.
_OTHER_TYPES = re.compile(
    # (not "does it shorten life like the others do?", where the others are a yardstick)
    r"(?<!like )(?<!as )(?<!than )\b(?:the others|the other ones|other (?:types|kinds|forms|ones|sorts))\b"
)
# "Sorry, I meant…", "no, PMA not PLS", "oops", "ugh autocorrect".
# A word alone, or with only a word that leads on ("and neuropathy?", "what about riluzole").
_BARE = re.compile(r"^(?:and |so |ok |but |what about |how about )?(?:the |a |an )?(?P<rest>.+?)$")
# A word that names a topic, asked alone about the condition in focus ("inherited?", "prognosis?").
_TOPIC_NAME = re.compile(
    r"\b(?:inherit\w*|genetic|progressive|prognosis|paralysis|treatments?|therapy|trials?|polio|reflex)\b"
)
CORRECTION = re.compile(
    r"\b(?:sorry|i meant|i mean|meant|oops|whoops|no wait|not that|wrong one|correction|typo|^no,? not|"
    r"autocorrect\w*|misspel\w*|my mistake|my bad)\b"
    # "actually" corrects only as the message's first word ("actually it's PLS he has"), not inside a question
    # ("is that actually true", "what does it actually do")
    r"|^(?:no |oh |wait |hang on )?actually\b"
)


def answer_first(
    session: Session,
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: DomainDict,
    question: Question,
    state: State,
) -> list[EventType] | None:
    """Send what the message gets before its topic, if anything (see the module docstring)."""
    from actions.compare import compare, compare_if_asked
    from actions.glossary import term_for
    from actions.pairs import weighs_listed_pair
    from actions.safety import ActionDeclinePersonalAdvice
    from actions.smalltalk import about_the_bot

    if question.text and _CODE.search(question.text):
        # "'; DROP TABLE facts; --", "<script>…": code, not a question (the store is only ever read by key).
        return _scope(dispatcher, domain, None)
    if question.text and only_thanks(question.text):
        # "Thanks. Back to bed before my shift", "thank you for being patient with me": thanks, asking nothing.
        dispatcher.utter_message(response="utter_thank")
        return []
    told = about_the_bot(session, dispatcher, domain, question, read_as_smalltalk=False)
    if told is not None:
        return told  # "Good morning. Who am I talking to, please?", "where are you getting your info from"
    if question.text and takes_it_in(question.text):
        # "Got it", "ok, understood": read by the classifier as "will I get it?" at times.
        dispatcher.utter_message(text=say(domain, "utter_acknowledge"), json_message=payload("smalltalk"))
        return []
    if question.personal or asks_again_for_one(question.text, state.topic):
        # "What dose should I take?" too: a treatment decision for one person. "How long do people usually live
        # with it?", then "and me?": the same question about one person.
        return ActionDeclinePersonalAdvice().decline(session, dispatcher, tracker, domain, question)
    dose = answer_dose(session, dispatcher, domain, question)
    if dose is not None:
        return dose
    asked = normalise(question_part(question.text)) if question.text else ""
    if asked and asks_other_names(question):
        # "Does PBP get called anything else?", "the other name for the second one?": the names the material gives.
        from actions.references import resolve

        slug = target_of(question, state, resolve(session, question, state).conditions)
        named = names_reply(session, domain, slug, asks_full_name(question)) if slug else None
        if named is not None:
            return send_reply(session, dispatcher, domain, named, state)
    # ("so what are the others then" after "is MND the same as ALS?": the pair was ALS and MND itself)
    beside_mnd = state.listed_kind == "pair" and "mnd" in state.listed
    others = bool(asked) and bool(_OTHER_TYPES.search(asked)) and (not state.listed or beside_mnd)
    others = others and not question.named
    in_focus = state.focus not in (None, "mnd", "motor_neuron") or beside_mnd
    if others and in_focus and not across.attribute_question(session, asked):
        # (not "which other types affect speaking?", asked across the types)
        # "Name the others", "are there other kinds of it then?" while talking about ALS, nothing listed yet:
        # the types of MND, whatever the classifier read.
        from actions.for_targets import answer_for_targets

        mnd = Targets(["mnd"], via="named")
        return answer_for_targets(session, dispatcher, domain, question, state, mnd, topic="types")
    detail = unsaid_asked(question.text) if asked else None
    if detail is not None:
        # "Is it catching?", "side effects of edaravone?": the material never says; say so, then what it does.
        told = no_detail(session, dispatcher, domain, question, state, detail)
        if told is not None:
            return told
    # "The one with the X chromosome, what is that?", "the one on the X chromosome, can girls get it?": a
    # word inside a description picks a type (actions/references.py); it is not asked about.
    described = bool(asked) and describes(question.text)
    words = bool(asked) and not (described and (not MEANING.search(asked) or WHAT_IS_IT.search(asked)))
    words = words and not (state.focus and WHAT_IT_DOES.search(asked)) and not _NEURONS_DO.search(asked)
    key = word_asked(session, question.text) if words else None
    key = key or (term_pointed_at(session, question, state) if words else None)
    key = key or (term_by_its_head(session, question.text, state.focus) if words else None)
    bare = _BARE.match(asked) if key is None and words and len(asked.split()) <= _SHORT else None
    if bare and state.terms and not _TOPIC_NAME.search(asked) and not across.names_the_body(session, asked):
        # "androgen receptor?", "and neuropathy?" echoing a word the last answer used: what it means (a part
        # of the body alone asks whether the condition affects it, "inherited?" asks the topic).
        word = names.whole_term(session, bare.group("rest"))
        key = word if word is not None and word.lower() in {t.lower() for t in state.terms} else None
    swap = bare is not None and len(bare.group("rest").split()) == 1
    if key is None and swap and state.defined and len(state.defined.split()) > 1:
        # "What are upper motor neurons?", then "and lower?": the word with its first word swapped, when the
        # glossary has it.
        key = names.whole_term(session, " ".join([bare.group("rest"), *state.defined.split()[1:]]))
    if for_what_it_does(session, asked, key):
        key = None  # "he's started on riluzole. what's it actually meant to do": what it is for, from the facts
    if key is not None:
        # "What is muscle wasting?": a word of the glossary (or one of its other names), asked as such.
        entry = session.get(GlossaryTerm, key)
        if entry is not None:
            return send_definition(session, dispatcher, tracker, domain, entry)
    from actions.follow_ups import corrects_last_question

    # "Sorry, it typed wrong, I meant inherited": the last question again, not the word explained.
    named_word = term_for(session, question.text) if words and not corrects_last_question(question, state) else None
    if named_word is not None and not for_what_it_does(session, asked, named_word.term):
        return send_definition(session, dispatcher, tracker, domain, named_word)
    correcting = bool(asked) and bool(CORRECTION.search(asked))
    if correcting and state.listed_kind == "pair" and len(question.named) >= 2:
        # "No sorry, I meant PLS and PMA" after a comparison: compare those two.
        compared = compare(session, dispatcher, domain, state, question.named[:2], named=True)
        if compared is not None:
            return compared
    meant = I_MEANT.search(asked) if correcting else None
    if words and correcting and set(question.named) <= {"motor_neuron"} and not (meant and asks(meant.group(1))):
        # "Sorry, I meant upper motor neuron": the word they meant ("I meant which chromosome is it on" asks).
        entry = names.find_term(session, question.text)
        if entry is not None and len(entry.term.split()) > 1:
            return send_definition(session, dispatcher, tracker, domain, entry)
    unsure = question.intent in ("nlu_fallback", "out_of_scope")
    meaning = bool(asked) and asks_meaning(question, asked, normalise(question_part(question.text)))
    # ("which ones inherited" after the types were listed picks types out, it does not ask what the word means)
    picks = bool(asked) and bool(across.ACROSS.search(asked))
    if words and (meaning or (unsure and len(asked.split()) <= _SHORT and not picks)):
        # "FTD meaning? saw it on an MND page", "wat is hyperreflxia": a word's meaning, whatever the
        # topic guessed (not a word inside a condition's name: "what does progressive muscular atrophy mean?").
        # (the word in the question, or in the message when the question only says "it": not "…'bulbar' sounds
        # like a plant bulb lol. What is the condition exactly?", which asks what the condition is)
        part = question_part(question.text)
        pointing = bool(WHAT_IS_IT.search(normalise(part)))
        where = question.text if pointing or part == question.text else part
        # ("someone in the waiting room mentioned an EMG, what's that": a word said before "what's that" is taken
        # as written, not as a near spelling of one, so "waiting" is not "wasting")
        entry = names.find_term(session, names.without_condition_names(session, where), exact=pointing)
        if entry is not None and (meaning or not question.named):
            return send_definition(session, dispatcher, tracker, domain, entry)
    if state.defined and not set(question.named) - {"mnd"} and WHY_THAT.search(asked):
        # "What does hyperreflexia mean?", then "why has he got that?": the facts the word comes from.
        explained = why_the_word(session, dispatcher, domain, question, state)
        if explained is not None:
            return explained
    if question.outside and not question.named:
        return _scope(dispatcher, domain, question.outside[0])
    if asked and asks_whether_it_works(question, asked):
        # "Does stem cell therapy work for ALS?": a remedy the material never mentions, not its medicines.
        return _scope(dispatcher, domain, question.remedies[0])
    if asked:
        remedy = _REMEDY.match(asked)
        unknown = index_for(session).unknown_words(asked, names.words_of_names(session, asked))
        if remedy and remedy.group("subject").split()[0] == "there":
            remedy = None  # "is there any proper cure for it?": a question about cures, naming no remedy
        if remedy and names.find_conditions(session, remedy.group("subject")):
            remedy = None  # "have mnd typing with eyes slow what is riluzole": a condition is no remedy
        if remedy and unknown and set(unknown) & set(remedy.group("subject").split()):
            return _scope(dispatcher, domain, " ".join(w for w in remedy.group("subject").split() if w in unknown))
        if asks_figures(asked, state):
            return no_figures(session, dispatcher, domain, question, state, asked)
        person = EPONYM.search(asked)
        if person and (question.named or state.focus):
            return who_the_name_is(session, dispatcher, domain, question, state, person.group(0))
    listing = across_question(session, domain, question, state) or across_again(session, domain, question, state)
    if listing is not None and listing.kind == "answer":
        # "Which one is more common?" after a comparison: what the material states about the two.
        return send_reply(session, dispatcher, domain, listing, state)
    if weighs_listed_pair(question, state):
        # "Which one gets worse faster?" after a comparison: the two compared, not every type.
        weighed = compare_if_asked(session, dispatcher, domain, question, state)
        if weighed is not None:
            return weighed
    listing = listing or among_listed(session, domain, question, state)
    if listing is not None:
        return send_reply(session, dispatcher, domain, listing, state)
    return compare_if_asked(session, dispatcher, domain, question, state)


def answer_dose(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, question: Question
) -> list[EventType] | None:
    """ "What's the usual dose of riluzole?", "how many of them do people take a day?": for the pharmacist (a dose
    for one person is a treatment decision, declined before); the medicine's condition is what "it" means next.
    None when no dose is asked."""
    asked = normalise(question_part(question.text)) if question.text else ""
    if not asked or not DOSE.search(asked):
        return None
    whose = names.term_owner(session, question.text)
    return _scope(dispatcher, domain, None) + ([SlotSet("condition", whose)] if whose else [])


def _scope(dispatcher: CollectingDispatcher, domain: DomainDict, words: str | None) -> list[EventType]:
    """The scope statement, naming what the material does not cover when it is known."""
    parts = (
        [say(domain, "utter_not_in_material", words=words), say(domain, "utter_scope_short")]
        if words
        else [say(domain, "utter_out_of_scope")]
    )
    dispatcher.utter_message(
        text=" ".join(parts), buttons=example_buttons(domain), json_message=payload("out_of_scope")
    )
    return []

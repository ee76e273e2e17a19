"""Answers about a condition and topic, follow-ups ("what about PLS?", "the other one?", "and kids?",
"no, I meant PMA") and "tell me more", all ranked from the fact store (actions/compose.py)."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import StoreAction
from actions.compare import compare_reply
from actions.compose import Reply, topic_reply
from actions.conversation import State, previous_question
from actions.descriptions import describes
from actions.first import CORRECTION, WHAT_IT_DOES, answer_first
from actions.follow_ups import (
    ABOUT_FAMILY,
    also_asked,
    asks_for_the_rest,
    corrects_last_question,
    follow_up_topic,
    is_follow_up,
    narrows_last_question,
    only_a_name,
    opens_with_a_name,
    picks_a_choice,
)
from actions.for_targets import answer_for_targets
from actions.listing import across_reply
from actions.pointed_topic import POINTED
from actions.references import resolve
from actions.replies import ask_which_condition, named_term, send_definition, send_reply
from actions.targets import Targets
from actions.understanding import Question, read
from actions.wording import say
from actions.words_asked import for_what_it_does
from bot.facts import across, names, queries
from bot.facts.ranking import index_for
from bot.facts.text import normalise
from bot.facts.words import STOP_WORDS, question_part
from bot.mentions import strip_mentions


def names_disagree(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, question: Question, state: State
) -> list[EventType] | None:
    """ "My grandson has PLS, the spinal muscle one": the name and the description beside it say different
    types, so ask which is meant (with buttons) rather than answer or compare; None otherwise."""
    if not question.named or not describes(question.text):
        return None
    targets = resolve(session, question, state)
    if targets.via != "named" or not targets.choices:
        return None
    return answer_for_targets(session, dispatcher, domain, question, state, targets)


class ActionAnswerTopic(StoreAction):
    """Answers ``ask_<topic>`` intents: across types, a word's meaning, or one or more conditions."""

    def name(self) -> str:
        return "action_answer_topic"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = read(session, tracker)
        state = State.of(tracker)
        _drop_negated(question, state)
        if picks_a_choice(question, state):
            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        if opens_with_a_name(session, question, state):
            # "MND", "ALS?" as the first question: what it is (not the types, nor a comparison).
            only = Targets([question.named[0]], via="named")
            return answer_for_targets(session, dispatcher, domain, question, state, only, topic="definition")
        alone = bool(question.text) and not names.without_condition_names(session, question.text)
        other = len(question.named) == 1 and state.focus not in (None, question.named[0])
        if (
            state.topic
            and question.named
            and only_a_name(session, question.text)
            or (alone and other and state.topic not in (None, "types", "definition"))
        ):
            # "What about S M A?", "does PLS do the same?", "sorry, I meant PBP", "PBP?" after "UMN, LMN or
            # both?" about ALS: the last question about another condition, however the classifier read it.
            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        if also_asked(question, state):
            # "Reflexes too?" after what motor neurons do, however the classifier read it: the same question.
            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        if narrows_last_question(session, question, state):
            # "It was the bulbar one he had.": the last question, asked about MND, about that type.
            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        if asks_for_the_rest(question, state):
            from actions.tell_more import ActionTellMore

            return ActionTellMore().answer(session, dispatcher, tracker, domain)  # "what else is part of it?"
        if corrects_last_question(question, state):
            # "Sorry wrong client, I meant progressive bulbar palsy", "no, I meant the babies one".
            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        unsure = names_disagree(session, dispatcher, domain, question, state)
        if unsure is not None:
            return unsure
        early = answer_first(session, dispatcher, tracker, domain, question, state)
        if early is not None:
            return early
        named = [c for c in question.named if c not in ("mnd", "motor_neuron", *question.likened)]
        if len(named) >= 2 and question.intent_topic not in (None, "types"):
            # "PLS and PMA, where does each one start?": one comparison on that topic.
            both = compare_reply(session, domain, question, named[:2], None)
            if both is not None:
                return send_reply(session, dispatcher, domain, both, state)
        if question.intent_topic == "definition" and not question.named and not describes(question.text):
            # "What is meant by bulbar?" asks about a word, whichever way it was classified.
            entry = named_term(session, tracker)
            asked = normalise(question_part(question.text)) if question.text else ""
            if entry is not None and not for_what_it_does(session, asked, entry.term):
                return send_definition(session, dispatcher, tracker, domain, entry)
        if state.topic and state.focus and question.text and ABOUT_FAMILY.match(normalise(question.text)):
            # "Is it inherited?", then "and what about my daughters?": the same question, about them.
            focus = Targets([state.focus], via="focus")
            return answer_for_targets(session, dispatcher, domain, question, state, focus, topic=state.topic)
        targets = resolve(session, question, state)
        if targets.via in POINTED and targets.conditions and question.text:
            # "And the brainstem one?", "the one from the brainstem": what picked it is not what is asked.
            topic = follow_up_topic(session, question, state, targets)
            if topic is not None:
                return answer_for_targets(session, dispatcher, domain, question, state, targets, topic=topic)
        plain = normalise(question.text)
        if (
            question.intent_topic == "types"
            and targets.via == "focus"
            and targets.conditions != ["motor_neuron"]  # ("are there different kinds?" of motor neurons: upper, lower)
            and not question.pronoun_singular
            and _ALL_TYPES.search(plain)
            and "one of" not in plain
        ):
            # "Are there more types?", "list all the types" while talking about ALS: the types of MND.
            targets = Targets(["mnd"], via="named")
        return answer_for_targets(session, dispatcher, domain, question, state, targets)


# "The others", "the other ones", "what other types are there".
# Asking for the types as a group, whatever type is in focus.
_ALL_TYPES = re.compile(r"\b(?:types|kinds|forms|sorts|others|other ones)\b(?! of (?:it|this|that|them))")


class ActionAnswerWhatAbout(StoreAction):
    """Follow-ups: "what about PLS?", "the other one?", "both?", "no, I meant PMA", "and kids?"."""

    def name(self) -> str:
        return "action_answer_what_about"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = read(session, tracker)
        state = State.of(tracker)
        _drop_negated(question, state)
        early = answer_first(session, dispatcher, tracker, domain, question, state)
        if early is not None:
            return early
        targets = resolve(session, question, state)
        topic = follow_up_topic(session, question, state, targets)
        if picks_a_choice(question, state) and state.topic:
            topic = state.topic  # "spinal muscular something i think" after "PMA or SMA?": the question asked
        again = question.text and question.named and only_a_name(session, question.text)
        # "does the first one affect speech?", then "and the second?": the same question about the one pointed at
        again = again or targets.via == "chosen" or (
            bool(question.text)
            and targets.via in ("listed", "other")
            and topic == state.topic
            and not index_for(session).terms(strip_mentions(question.text))
        )
        if again or (question.text and topic == state.topic and CORRECTION.search(normalise(question.text))):
            # "Does PLS do the same?", "sorry, wrong client, I meant PBP": the last question again, about
            # the one meant, ranked on its words, not on these. After a button (no words) it is ranked
            # on no words, as a typed follow-up ("" would read as a button asking for the whole topic).
            previous = question_part(previous_question(tracker, skip=lambda text: _re_asks(session, text)))
            # ("is there any meds for mine", then "what about for the other one": meds, not whose)
            previous = " ".join(w for w in names.without_condition_names(session, previous).split() if w not in _WHOSE)
            targets.asked = previous or "what about"
        if targets.via not in ("focus", "none") and (targets.conditions or targets.choices):
            return answer_for_targets(session, dispatcher, domain, question, state, targets, topic=topic)
        # No condition named or pointed at: a fragment about the last topic ("and kids?").
        does = bool(question.text) and bool(WHAT_IT_DOES.search(normalise(question.text)))  # not the word's meaning
        # ("reflexes too?": the last question about reflexes as well, not what the word means)
        also = also_asked(question, state)
        entry = None if corrects_last_question(question, state) or does or also else named_term(session, tracker)
        if entry is not None and state.focus and topic == "symptoms" and across.names_the_body(session, entry.term):
            entry = None  # "and the torso?" with a type in focus: whether it affects the torso, not the word
        if entry is not None and not question.named:
            return send_definition(session, dispatcher, tracker, domain, entry)
        if state.focus and question.text:
            reply = topic_reply(session, domain, question, state.focus, topic=topic)
            if reply is not None and reply.facts and _matches(session, question, reply):
                return send_reply(session, dispatcher, domain, reply, state)
            asked = across.attribute_question(session, question.text, require_across=False)
            if asked is not None and state.focus in ("mnd", "motor_neuron"):
                # "And women?" after "who gets MND?": which types, if any.
                return send_reply(session, dispatcher, domain, across_reply(session, domain, asked), state)
            words = " ".join(w for w in normalise(strip_mentions(question.text)).split() if w not in STOP_WORDS)
            if reply is not None and reply.facts and reply.kind == "answer" and words:
                # "What about cramps?" when nothing here mentions cramps: say so, then what it does say ("and the
                # other one?" names nothing the material could lack). Words the material uses elsewhere are only
                # said not to be linked with this one ("muscles" is in the material).
                unknown = index_for(session).unknown_words(words, names.words_of_names(session, words))
                name = queries.condition(session, state.focus)
                reply.kind = "not_covered"
                reply.parts.insert(
                    0,
                    say(domain, "utter_not_in_material", words=" ".join(unknown))
                    if unknown or name is None
                    else say(domain, "utter_not_linked", name=name.short_name, things=words),
                )
            if reply is not None:
                return send_reply(session, dispatcher, domain, reply, state)
        return ask_which_condition(session, dispatcher, domain, topic or state.topic or "definition")


def _drop_negated(question: Question, state: State) -> None:
    """A correction's wrong name forgotten: "Sorry, I meant PBP, not PLS" (so "both" later does not count PLS);
    "sorry, not PMA. how long do people live with it?" with nothing else named asks about the one before it."""
    if question.negated and question.text and CORRECTION.search(normalise(question.text)):
        state.history = [c for c in state.history if c not in question.negated]
        if state.focus in question.negated:
            state.focus = state.history[-1] if state.history else None


def _re_asks(session: Session, text: str) -> bool:
    """A message that only re-asks the last question: "and PLS?", "sorry, I meant PMA", "and the one after mine?"."""
    if is_follow_up(session, text):
        return True
    # ("His is the fifth one you listed. What is that?" asks its own question)
    bare = not set(index_for(session).terms(strip_mentions(text))) - _WHOSE
    return bare and not _ASKS_ITS_OWN.search(normalise(text))


_ASKS_ITS_OWN = re.compile(r"\b(?:what(?! about)|which|how(?! about)|why|when|where|who)\b")
# Whose one is meant ("and the one after mine?"), not what is asked about it.
_WHOSE = frozenset("mine his hers yours ours theirs".split())


def _matches(session: Session, question: Question, reply: Reply) -> bool:
    """Whether the fragment's own words are in the facts chosen for it ("kids" -> "children")."""

    index = index_for(session)
    asked = set(index.terms(question.text))
    if not asked:
        return True
    have = set()
    for fact in reply.facts:
        have |= set(index.items[fact.id].fields.get("answer", {})) | set(index.items[fact.id].fields.get("ask", {}))
    return bool(asked & have)

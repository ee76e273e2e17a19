"""Explaining a word: "what does atrophy mean?", or "what does that mean?" after an answer."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.base import StoreAction, mentioned_conditions
from actions.compose import topic_reply
from actions.contract import payload
from actions.conversation import State
from actions.first import WHAT_IT_DOES
from actions.listing import across_question
from actions.references import resolve
from actions.replies import named_term, send_definition, send_reply
from actions.understanding import read
from actions.wording import say
from actions.words_asked import MEANING, WHAT_IS_IT, for_what_it_does
from bot.facts import across, names, queries
from bot.facts.across_wording import is_across
from bot.facts.builds import per_build
from bot.facts.models import GlossaryTerm
from bot.facts.ranking import index_for
from bot.facts.text import normalise
from bot.facts.words import question_part

# Asking for the word, not its meaning: "what's it called when the muscles shrink?", "the medical word
# for wasting", "is there a name for that?".
NAME_FOR = re.compile(
    r"\bwhat(?:s| is| are)? (?:it|that|this|they) called\b"
    r"|(?<!another )(?<!other )(?<!different )(?<!second )"
    r"\b(?:(?:medical|proper|technical|scientific|official|doctors?|fancy|real) )?(?:word|term|name) "
    r"(?:for|when)\b(?! word\b)"
    r"|\bwhat do (?:you|doctors|they) call (?:it )?(?:when|it when|the)\b"
)
# Of a definition's words, at least this share must be asked about.
NAME_FOR_MATCH = 0.5
# A message classified as asking for a word's meaning but naming none is answered as a question
# when the classifier gives a topic at least this much (see ActionDefineTerm).
TOPIC_READING = 0.2


def _definition_terms(session: Session) -> list[tuple[str, set[str]]]:
    index = index_for(session)
    return [
        (term, set(index.vocabulary.terms(definition)))
        for term, definition in session.execute(select(GlossaryTerm.term, GlossaryTerm.definition))
    ]


def term_for(session: Session, text: str) -> GlossaryTerm | None:
    """The glossary word whose definition says what ``text`` describes ("muscles shrink" -> atrophy)."""
    match = NAME_FOR.search(normalise(text))
    if match is None:
        return None
    index = index_for(session)
    asked = set(index.terms(normalise(text)[match.end() :]))  # condition names say nothing here
    if not asked:
        return None
    weight = sum(index.weight(t) for t in asked)
    scored = []
    for term, words in per_build(session, "glossary definitions", _definition_terms):
        share = sum(index.weight(t) for t in asked & words) / weight
        scored.append((share, term))
    share, best = max(scored, default=(0.0, ""))
    return queries.glossary_lookup(session, best) if share >= NAME_FOR_MATCH else None


class ActionDefineTerm(StoreAction):
    """Defines a glossary term named in the message, else the one the last answer used."""

    def name(self) -> str:
        return "action_define_term"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = read(session, tracker)
        if question.personal:
            # "Does that mean he has it?" after a word was explained: a judgement on one person.
            from actions.safety import ActionDeclinePersonalAdvice

            return ActionDeclinePersonalAdvice().decline(session, dispatcher, tracker, domain)
        from actions.answer import ActionAnswerWhatAbout
        from actions.follow_ups import corrects_last_question

        if corrects_last_question(question, State.of(tracker)):
            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        if question.text and is_across(question.text) and not MEANING.search(normalise(question.text)):
            # "What types involve the brainstem?": a question across the types that names a word.
            listing = across_question(session, domain, question, State.of(tracker))
            if listing is not None:
                return send_reply(session, dispatcher, domain, listing, State.of(tracker))
        plain = normalise(question.text) if question.text else ""
        if plain and (not MEANING.search(plain) or WHAT_IS_IT.search(plain)):
            # ("The one with the X chromosome, what is that?": "that" is the type described.)
            pointed = resolve(session, question, State.of(tracker))
            if pointed.via == "described" and (pointed.conditions or pointed.choices):
                # "And the X chromosome one?": a type picked by what describes it, not the word.
                return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        if (
            question.text
            and State.of(tracker).focus
            and not MEANING.search(normalise(question.text))
            and across.names_the_body(session, normalise(question.text))
        ):
            # "torso?" with a type in focus: whether it affects the torso (ActionAnswerWhatAbout leaves
            # the word unexplained there), not what a torso is.
            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        if (
            question.text
            and State.of(tracker).focus
            and WHAT_IT_DOES.search(normalise(question.text))
            and max(question.topic_weights.values(), default=0.0) >= TOPIC_READING
        ):
            # "What does that gene change actually do?" asks what it does in the condition talked about.
            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        plain = normalise(question.text) if question.text else ""
        if question.worded_topic not in (None, "definition") and plain and not MEANING.search(plain):
            # "My gran had frontotemporal dementia. Could that be linked?": the wording asks a topic; the word
            # is part of the story.
            from actions.answer import ActionAnswerTopic

            return ActionAnswerTopic().answer(session, dispatcher, tracker, domain)
        entry: GlossaryTerm | None = named_term(session, tracker)
        owner = names.term_owner(session, question.text) if entry is not None and question.text else None
        if owner is not None and for_what_it_does(session, normalise(question_part(question.text)), entry.term):
            # "what's riluzole meant to do?": what the facts say it does, for the type they say it for
            reply = topic_reply(session, domain, question, owner, topic="treatment")
            if reply is not None:
                return send_reply(session, dispatcher, domain, reply, State.of(tracker))
        if entry is None:
            # "What does ALS mean?" asks for a condition, not a word.
            mentioned = mentioned_conditions(session, tracker)
            plain = normalise(question.text)
            reading = max(question.topic_weights.values(), default=0.0)
            asks_a_topic = not MEANING.search(plain) and reading >= TOPIC_READING
            if mentioned and asks_a_topic and question.text:
                # "I have progressive bulbar palsy, what part of the nervous system does it hit?": a word of
                # the name is not the question.
                from actions.answer import ActionAnswerTopic

                return ActionAnswerTopic().answer(session, dispatcher, tracker, domain)
            if mentioned:
                reply = topic_reply(session, domain, read(session, tracker), mentioned[0], topic="definition")
                if reply is not None:
                    return send_reply(session, dispatcher, domain, reply, State.of(tracker))
            if asks_a_topic:
                # "Sorry, I meant what are the treatments": a question, not a word to explain.
                return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
            recent: list[str] = tracker.get_slot("terms") or []
            if len(recent) == 1:
                entry = queries.glossary_lookup(session, recent[0])
            elif recent:
                dispatcher.utter_message(
                    text=say(domain, "utter_ask_which_term"),
                    buttons=[
                        {"title": say(domain, "utter_button_define", term=t), "payload": f'/ask_term{{"term": "{t}"}}'}
                        for t in recent
                    ],
                    json_message=payload("clarify"),
                )
                return []
        if entry is None:
            dispatcher.utter_message(
                text=say(domain, "utter_term_unknown"),
                json_message=payload("not_covered"),
            )
            return []
        return send_definition(session, dispatcher, tracker, domain, entry)

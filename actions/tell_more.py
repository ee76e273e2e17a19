""" "Tell me more": the rest of the relevant facts in order, then their details, then what the material says
in general; "tell me more about the second one" or "about the inherited bit" asks about that one or that topic."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import StoreAction, known_condition, term_buttons
from actions.compare import compare_if_asked
from actions.compose import Reply
from actions.contract import payload
from actions.conversation import State
from actions.follow_ups import topic_named
from actions.for_targets import answer_for_targets
from actions.one_person import asks_again_for_one
from actions.pairs import COMPARE
from actions.pointing import mentions_in
from actions.references import resolve
from actions.replies import example_buttons, send_definition, send_reply
from actions.selection import MAX_SENTENCES, sentences
from actions.targets import Targets
from actions.understanding import read
from actions.wording import say
from actions.words_asked import next_word, term_by_its_head, word_asked
from bot.facts import queries
from bot.facts.models import Fact
from bot.facts.text import normalise

# Taking an answer in rather than asking for more ("ok", "got it", "i see").
_ACKNOWLEDGING = frozenset(
    "ok okay k kk alright right i see got it gotcha understood fine cool noted makes sense that fair enough "
    "ah oh ahh ohh hmm hm mm mmm then thanks thank you ta great".split()
)


class ActionTellMore(StoreAction):
    """ "Tell me more": the rest of the relevant facts, then their details, then the general facts."""

    def name(self) -> str:
        return "action_tell_more"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = read(session, tracker)
        if question.intent == "affirm" and set(normalise(question.text).split()) <= _ACKNOWLEDGING:
            # "Ok", "got it": taking the answer in, not asking for more.
            dispatcher.utter_message(text=say(domain, "utter_acknowledge"), json_message=payload("smalltalk"))
            return []
        if question.personal or asks_again_for_one(question.text, State.of(tracker).topic):
            # "Would it help him, tell me more": a judgement on one person, however it was read.
            from actions.safety import ActionDeclinePersonalAdvice

            return ActionDeclinePersonalAdvice().decline(session, dispatcher, tracker, domain, question)
        state = State.of(tracker)
        if question.text and COMPARE.search(normalise(question.text)):
            # "compare the 3rd and 4th", read as asking for more at times: the comparison.
            compared = compare_if_asked(session, dispatcher, domain, question, state)
            if compared is not None:
                return compared
        word = None
        if question.text:
            word = word_asked(session, question.text) or term_by_its_head(session, question.text, state.focus)
            word = word or next_word(session, question.text, state)  # "and fasciculations?" after atrophy
        entry = queries.glossary_lookup(session, word) if word else None
        if entry is not None:
            # "Whats this protein they keep going on about?" is read as asking for more at times: what the word means.
            return send_definition(session, dispatcher, tracker, domain, entry)
        targets = resolve(session, question, state)
        # ("tell me more about the second one" when that one is in focus after another topic: about it, not more of
        # that topic)
        elsewhere = targets.conditions != [state.focus] or state.topic != "definition"
        pointed = targets.via not in ("focus", "none") and (bool(targets.choices) or elsewhere)
        after_listing = state.listed_kind == "match" and bool(mentions_in(question)) and state.focus in state.listed
        if pointed or after_listing:
            # "Tell me more about the second one" (or "about that one" after a listing): what the
            # material says about that one.
            topic = question.worded_topic or "definition"  # ("what else is there for PBP then?": what helps)
            return answer_for_targets(session, dispatcher, domain, question, state, targets, topic=topic)
        asked = topic_named(question)
        if asked is not None and asked != state.topic and state.focus:
            # "Tell me more about the inherited bit" after its causes: that topic, not more of the last one.
            focus = Targets([state.focus], via="focus")
            return answer_for_targets(session, dispatcher, domain, question, state, focus, topic=asked)
        last: list[Fact] = queries.facts_by_id(session, state.last_facts)
        if not state.focus or not state.topic or not (last or state.more):
            dispatcher.utter_message(
                text=say(domain, "utter_nothing_to_expand"),
                buttons=example_buttons(domain),
                json_message=payload("clarify"),
            )
            return []
        return _continue(session, dispatcher, domain, state, last)


def _continue(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, state: State, last: list[Fact]
) -> list[EventType]:
    condition, topic = state.focus or "mnd", state.topic or "definition"
    with_detail = [f for f in last if f.detail]
    if with_detail and not state.details_given:
        terms, buttons = term_buttons(domain, with_detail)
        message = payload("answer", condition=condition, topic=topic, facts=with_detail)
        message.update(answered_for=with_detail[0].condition_slug, terms=terms, part="detail")
        dispatcher.utter_message(
            text=" ".join(f.detail or "" for f in with_detail), buttons=buttons, json_message=message
        )
        return [SlotSet("details_given", True), SlotSet("terms", terms)]
    queued = queries.facts_by_id(session, state.more)
    if queued:
        chunk: list[Fact] = []
        for fact in queued:
            if chunk and sum(sentences(f.answer) for f in chunk) + sentences(fact.answer) > MAX_SENTENCES:
                break
            chunk.append(fact)
        reply = Reply(
            "answer", condition, topic, [f.answer for f in chunk], chunk, answered_for=chunk[0].condition_slug
        )
        reply.more = [f.id for f in queued[len(chunk) :]]
        return send_reply(session, dispatcher, domain, reply, state)
    cond = known_condition(session, condition)
    shown = {f.condition_slug for f in last}
    if cond.parent_slug and cond.parent_slug not in shown:
        general = queries.facts_for(session, condition=cond.parent_slug, topic=topic)
        if general.facts:
            parent = known_condition(session, cond.parent_slug)
            reply = Reply(
                "answer",
                condition,
                topic,
                [say(domain, "utter_more_general", parent_name=parent.short_name, name=cond.short_name)]
                + [f.answer for f in general.facts],
                general.facts,
                answered_for=parent.slug,
            )
            return send_reply(session, dispatcher, domain, reply, state)
    dispatcher.utter_message(
        text=say(domain, "utter_no_more", name=cond.short_name, topic_label=topic.replace("_", " ")),
        json_message=payload("not_covered", condition=condition, topic=topic),
    )
    return []

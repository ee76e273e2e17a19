"""Low NLU confidence: answer anyway when the fact store plainly answers it, else offer readings.

In order: a question across types ("which one is mostly men?"); a glossary word asked about
("FTD meaning?"); a question one of the facts answers almost word for word (its example
questions), for the condition named or pointed at; otherwise "Did you mean…?" with up to three
topic questions, or the scope statement. A risky message gets the safety note first (actions/base.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import StoreAction
from actions.compose import pool_of, topic_reply
from actions.contract import payload
from actions.conversation import State
from actions.first import answer_first
from actions.follow_ups import (
    asks_for_the_rest,
    corrects_last_question,
    names_people_only,
    narrows_last_question,
    only_a_name,
    picks_a_choice,
)
from actions.gaps import unknown_thing
from actions.pointed_topic import pointed_topic
from actions.readings import send_readings, send_scope, top_topic
from actions.references import resolve
from actions.replies import example_buttons, named_term, send_choices, send_definition, send_reply
from actions.understanding import read
from actions.wording import say
from bot.facts import across, names
from bot.facts.ranking import index_for
from bot.facts.text import normalise
from bot.facts.words import asks, question_part, sentences
from bot.mentions import strip_mentions
from bot.safety.notes import about_feelings

# A fact answers the question plainly when one of its example questions is this close, or its
# text covers this much of the question.
PLAIN_EXAMPLE, PLAIN_LEXICAL = 0.45, 0.75
# With a topic plain from its grammar, a message read as out of scope is answered when its words match this well.
WORDED_LEXICAL = 0.45
# A lost list the question uses a key of ("dominant or recessive") and resembles an example of.
PLAIN_GAP = 0.3
# A question with at least this many search terms is answered from its best match, not offered readings.
LONG_QUESTION = 4
# With a condition named, a topic this likely is answered rather than offered.
NAMED_READING = 0.25
# A message that only announces a question: "question about my mum", "can I ask you something?"
_ANNOUNCES = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|um|erm|so|ok|okay)\W+)*"
    r"(?:(?:i (?:have|ve got|got|have got) )?(?:a |one (?:more )?|another |some )?(?:quick |small |little )?"
    r"(?:questions?|query|queries|qs?)"
    r"|(?:can|could|may) i ask (?:you )?(?:a (?:quick )?question|something|some questions|a few things)"
    r"|i (?:want|need|would like|d like) to ask(?: you)?(?: a (?:quick )?question| something)?)"
    r"(?: (?:about|for|on|regarding|re) (?:(?:my|our|his|her) \w+(?: \w+)?|mnd|it|this|that|something|stuff))?\W*$"
)
_MEANING = re.compile(r"\b(?:mean|means|meaning|define|definition|stand for|stands for)\b")


# A word or two that only asks to go on: "then?", "and then", "what next".
FRAGMENT_WORDS = 2
# Words around someone's type that ask nothing of their own: "and my dad's?", "what about his then?"
# What the material states of where a type shows: a question naming one of these is about its signs.
_WHERE_IT_SHOWS = frozenset({"affects", "starts_in", "signs"})
_YES_NO_START = re.compile(r"^(?:and|or|so|is|are|does|do|can|could|will|would|might|may)\b")
_ONLY_LEADS_ON = frozenset("and what about how so then too also as well".split())
_GO_ON = re.compile(r"^(?:and |so |ok )?(?:then|next|after that|what then|what next|and then|go on)$")


class ActionOfferReadings(StoreAction):
    """Answers what the store plainly answers; otherwise "Did you mean...?" or the scope statement."""

    # Whether to end with "Did you mean…?" (low confidence) or the scope statement (out of scope).
    readings = True

    def name(self) -> str:
        return "action_offer_readings"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = read(session, tracker)
        if question.text and _ANNOUNCES.match(normalise(question.text)):
            # "Question about my mum", "can I ask something?": the question is still to come.
            dispatcher.utter_message(
                text=say(domain, "utter_ask_away"), buttons=example_buttons(domain), json_message=payload("clarify")
            )
            return []
        state = State.of(tracker)
        safety = tracker.latest_message.get("safety") or {}
        if question.text and safety.get("level") == "note" and about_feelings(tracker.latest_message):
            # "I just don't want to end up a burden on my wife": a feeling, not danger now (the safety line leads):
            # what the material says about living with it, not the scope statement.
            focus = state.focus if state.focus not in (None, "motor_neuron") else "mnd"
            reply = topic_reply(session, domain, question, focus, topic="coping")
            if reply is None or reply.kind not in ("answer", "not_covered"):
                # (its words may be none of the material's: the topic as a whole)
                reply = topic_reply(session, domain, replace(question, text=""), focus, topic="coping")
            if reply is not None and reply.kind in ("answer", "not_covered"):
                return send_reply(session, dispatcher, domain, reply, state)
        if picks_a_choice(question, state) or names_people_only(question, state):
            # (also "and teenagers?" after who gets it: the same question about them)
            from actions.answer import ActionAnswerWhatAbout

            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        early = answer_first(session, dispatcher, tracker, domain, question, state)
        if early is not None:
            return early
        if question.text and state.topic and _GO_ON.match(normalise(question.text)):
            # "then?" after "legs first?", "how" after "is ALS inherited?": more on the same question.
            from actions.tell_more import ActionTellMore

            return ActionTellMore().answer(session, dispatcher, tracker, domain)
        if narrows_last_question(session, question, state):
            from actions.answer import ActionAnswerWhatAbout

            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        alone = bool(question.text) and not names.without_condition_names(session, question.text)
        if len(question.named) == 1 and (alone or only_a_name(session, question.text)):
            # A name and nothing else ("primary lateral sclerosis"), or with words that re-ask ("does PLS do
            # the same?"): the last question about it, if another type was being asked about; else what it is.
            from actions.answer import ActionAnswerWhatAbout

            if state.topic and state.focus not in (None, question.named[0]):
                return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
            said = question.worded_topic or "definition"  # ("what else is there for PBP then?" says its topic)
            reply = topic_reply(session, domain, question, question.named[0], topic=said)
            if reply is not None:
                return send_reply(session, dispatcher, domain, reply, state)
        general = {"mnd", "motor_neuron"}
        if question.text and _MEANING.search(normalise(question.text)) and set(question.named) <= general:
            entry = named_term(session, tracker)
            if entry is not None:
                return send_definition(session, dispatcher, tracker, domain, entry)
        targets = resolve(session, question, state)
        if targets.choices and question.typed_near:
            # "some kind of muscular atrophy, whats the outlook": PMA or SMA? asked with the topic read, however unsure
            topic = question.worded_topic or max(question.topic_weights, key=question.topic_weights.get, default=None)
            return send_choices(session, dispatcher, domain, targets.choices, topic)
        rest = set(normalise(targets.asked or "").split())
        if targets.via == "person" and targets.conditions and state.topic and rest <= _ONLY_LEADS_ON:
            # "Which gene causes the baby one?", then "and my dad's?": the same question about his type.
            from actions.answer import ActionAnswerWhatAbout

            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        if question.worded_topic and len(targets.conditions) == 1:
            # "What else is part of it?": the wording says which topic, the conversation which condition.
            if asks_for_the_rest(question, state):
                from actions.tell_more import ActionTellMore

                return ActionTellMore().answer(session, dispatcher, tracker, domain)
            reply = topic_reply(session, domain, question, targets.conditions[0], topic=question.worded_topic)
            if reply is not None:
                return send_reply(session, dispatcher, domain, reply, state)
        bare = question.text and not index_for(session).terms(strip_mentions(question.text))
        correcting = corrects_last_question(question, state)
        if (
            (bare or correcting or targets.via == "chosen")
            and targets.via in ("listed", "chosen", "other", "rest", "all")
            or (
                # "sorry, PLS not ALS. its my wife who has PLS": whose it is does not make it a new question
                correcting and targets.via in ("named", "person", "described") and len(targets.conditions) == 1
            )
        ):
            # "I'm so sorry, I counted wrong, it is the sixth": the last question, about the one meant.
            # "2nd", "middle one?": only a pointer at what was listed, whatever the classifier made of it.
            from actions.answer import ActionAnswerWhatAbout

            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        slug = targets.conditions[0] if targets.conditions else None
        # Named, or pointed at ("my wife's one", "the second one"): as good as named.
        pointed = bool(question.named) or targets.via in ("person", "described", "listed", "other", "rest")
        by_grammar = pointed_topic(session, question, targets) if len(targets.conditions) == 1 else None
        if by_grammar is not None:
            # "The middle one of those three - is that the one with a male predominance?": whom it affects;
            # "the one with the X chromosome what is that": what it is.
            reply = topic_reply(session, domain, question, str(slug), topic=by_grammar)
            if reply is not None:
                return send_reply(session, dispatcher, domain, reply, state) + targets.listing_events()
        if targets.asked is not None:
            question = replace(question, text=targets.asked)
        # "viral" after "what causes it?": a word or two of the material, in a conversation about something.
        fragment = bool(question.text) and len(normalise(question.text).split()) <= FRAGMENT_WORDS
        if fragment and state.focus:
            slug = slug or state.focus
        if question.text and (fragment or self.readings) and (slug or state.focus):
            asked = across.attribute_question(session, question_part(question.text), require_across=False)
            # (a fragment, or a yes/no question: not "if he cant swallow later how will he eat?", asking what helps)
            yes_no = bool(_YES_NO_START.match(normalise(question_part(question.text))))
            where = asked is not None and (fragment or (yes_no and asked.attribute in _WHERE_IT_SHOWS))
            if where and (slug or state.focus) not in ("mnd", "motor_neuron"):
                # "daughters?" after "does Kennedy's mostly affect men?": whom it affects, for the one in focus;
                # "and speech at some point?", "is the hand a normal place for it to kick off?": where it shows.
                slug = slug or state.focus
                reply = topic_reply(session, domain, question, slug, topic=asked.topic)
                if reply is not None:
                    return send_reply(session, dispatcher, domain, reply, state) + targets.listing_events()
        if question.text and (pointed or self.readings or (fragment and slug)):
            # Out of scope by the classifier: only a named condition's plain answer overrides it, or a
            # fragment's in a conversation.
            pool = pool_of(session, slug) if slug else None
            asked = question_part(question.text)
            scored = index_for(session).rank(asked, conditions=pool, topic_weights=question.topic_weights)
            best = next((s for s in scored if not s.item.is_gap or s.example >= PLAIN_GAP), None)
            if best is not None and (
                best.item.is_gap or best.example >= PLAIN_EXAMPLE or best.lexical >= PLAIN_LEXICAL
            ):
                condition = slug or best.item.condition
                reply = topic_reply(session, domain, question, condition, topic=best.topic)
                if reply is not None:
                    return send_reply(session, dispatcher, domain, reply, state) + targets.listing_events()
            reading = top_topic(tracker)
            if pointed and reading is not None and reading[1] >= NAMED_READING:
                # A condition is named and one topic is the likeliest by far: answer it, do not ask.
                reply = topic_reply(session, domain, question, slug, topic=reading[0])
                if reply is not None:
                    return send_reply(session, dispatcher, domain, reply, state) + targets.listing_events()
        if question.text and "blame" in question.leads:
            # "Could I have brought this on myself?": whatever the classifier made of it, the facts that say it is
            # nobody's fault lead the answer.
            reply = topic_reply(session, domain, question, slug or state.focus, topic=question.worded_topic or "coping")
            if reply is not None and reply.facts and reply.kind in ("answer", "not_covered"):
                return send_reply(session, dispatcher, domain, reply, state) + targets.listing_events()
        if question.text and question.worded_topic:
            # Read as out of scope, but its grammar names a topic and the store's words answer it ("which part of
            # the nerve pathway being damaged causes overactive reflexes?"): answer it.
            scored = index_for(session).rank(
                question_part(question.text), conditions=None, topic_weights={question.worded_topic: 1.0}
            )
            if scored and scored[0].lexical >= WORDED_LEXICAL:
                reply = topic_reply(session, domain, question, slug or state.focus, topic=question.worded_topic)
                if reply is not None and reply.kind in ("answer", "not_covered"):
                    return send_reply(session, dispatcher, domain, reply, state) + targets.listing_events()
        unknown = (
            index_for(session).unknown_words(question.text, names.words_of_names(session, question.text))
            if question.text
            else []
        )
        content = index_for(session).terms(question.text) if question.text else []
        if self.readings and len(content) >= LONG_QUESTION and not (unknown and not question.named):
            # A long, specific question: "did you mean…?" would not help. Answer from what matches
            # best, which says honestly when the material has nothing on it (not_covered).
            reply = topic_reply(session, domain, question, slug or state.focus)
            if reply is not None:
                return send_reply(session, dispatcher, domain, reply, state) + targets.listing_events()
        thing = unknown_thing(question_part(question.text), unknown) if question.text and unknown else ""
        if self.readings and thing and (slug or state.focus):
            # "her gran reckons it was the baby vaccines. is that right": a thing the material never names, asked
            # about the one talked about: that it is not covered, and what the material does say.
            reply = topic_reply(session, domain, question, slug or state.focus)
            if reply is not None and reply.kind == "not_covered":
                return send_reply(session, dispatcher, domain, reply, state) + targets.listing_events()
        # ("whats the weather meant to be like in leeds tmrw" mid-conversation: words of its own, pointing at nothing)
        elsewhere = len(unknown) >= 2 and not question.named and not question.pronoun
        if not self.readings or (unknown and not question.named and not state.focus) or elsewhere:
            # Out of scope, or nothing here is the material's: the scope statement, not guesses.
            return send_scope(dispatcher, domain)
        told = [c for c in question.named if c not in ("mnd", "motor_neuron")]
        if question.text and len(told) == 1 and not any(map(asks, sentences(question.text))):
            # "My grandson has spinal muscular atrophy.": news, asking nothing yet: what the material says it is
            # (the buttons of the answer offer what to ask next).
            reply = topic_reply(session, domain, question, told[0], topic="definition")
            if reply is not None and reply.kind == "answer":
                return send_reply(session, dispatcher, domain, reply, state) + targets.listing_events()
        return send_readings(session, dispatcher, domain, tracker, slug or state.focus)


class ActionCheckScope(ActionOfferReadings):
    """Classified out of scope: still explain a glossary word, answer a comparison, across-types
    question, a decline or a named condition's plain answer; otherwise the scope statement."""

    readings = False

    def name(self) -> str:
        return "action_check_scope"

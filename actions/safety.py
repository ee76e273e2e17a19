"""Requests the bot must not answer itself: diagnosis, personal prognosis, treatment decisions."""

from __future__ import annotations

import re
from dataclasses import replace

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.base import StoreAction, mentioned_conditions
from actions.compose import Reply
from actions.contract import payload
from actions.conversation import State
from actions.one_person import asks_a_judgement, asks_for_one_person
from actions.references import resolve
from actions.targets import Targets
from actions.understanding import Question, read
from actions.wording import say
from bot.facts import queries
from bot.facts.text import normalise
from bot.facts.words import asks as ends_asking
from bot.facts.words import question_part, sentences

# A question: "?" or a question word first in a sentence.
_ASKS = re.compile(
    r"(?:^|[.!,;]\s*)(?:and |so |but |ok |also )?(?:what|whats|which|who|why|how|when|where|is|are|does|do|can|could|"
    r"will|would|should|has|have|any|tell me|explain)\b"
    r"|\b(?:am|is|are|was|were|do|does|did|can|could|will|would|should|has|have) (?:i|he|she|it|they|we|you|there|"
    r"my \w+)\b"
)
# A question about someone in particular: "what is happening to me?", "could he have it?"
# Asking what a type is: "what is this post polio syndrome", "whats PBP exactly".
_WHAT_IS_NAMED = re.compile(
    r"\bwhat(?:s| is| exactly is)? (?:this |that |the )?(?:thing )?(?:called )?(?:als|pls|pma|pbp|sma|mnd|kennedys?|"
    r"pps|post polio(?: syndrome)?|motor neurone? disease|(?:\w+ ){1,3}(?:palsy|atrophy|sclerosis|syndrome|disease))\b"
)
_SOMEONE = re.compile(r"\b(?:i|im|ive|me|my|mine|we|us|our|he|hes|him|his|she|shes|her|hers|they|them|their)\b")
# Ways of asking that name the asker but are not about them: "could you tell me what PPS is?"
_REQUEST = re.compile(
    r"\b(?:(?:can|could|would|will) you (?:please )?(?:tell|explain to|help) me|(?:please )?tell me|explain to me|"
    r"let me know|help me understand|i (?:would|d) like to know|i want to know|i (?:was|am|m) wondering|"
    r"do you know|i wonder)\b"
)
# Saying someone has a condition: "my husband has ALS", "mum was diagnosed with PMA".
_HAS = re.compile(r"\b(?:has|have|had|got|gotten|with|diagnosed|diagnosis|living with|suffers?|suffering)\b")
# A message classified as personal advice is answered as a question when a topic got at least this
# much of the classifier's confidence and no words ask for a judgement on one person.
TOPIC_READING = 0.2


class ActionDeclinePersonalAdvice(StoreAction):
    """A kind refusal, the pointer to the care team, and the store's general advice on seeing a provider."""

    def name(self) -> str:
        return "action_decline_personal_advice"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = read(session, tracker)
        if tracker.latest_message.get("intent", {}).get("name") == "request_personal_advice":
            from actions.acknowledging import only_thanks

            if question.text and not question.judgement and only_thanks(question.text):
                dispatcher.utter_message(response="utter_thank")  # "Thank you; I shall show this to my wife"
                return []
            if not question.judgement:
                from actions.answer import ActionAnswerWhatAbout
                from actions.for_targets import answer_for_targets

                state = State.of(tracker)
                targets = resolve(session, question, state)
                pointed = targets.via in ("person", "described", "listed", "other")
                # Sentence by sentence: "My husband has Kennedy's. is that typical for it" asks in its second.
                asks = any(
                    bool(_ASKS.search(normalise(part))) or ends_asking(part) for part in sentences(question.text)
                )
                topical = max(question.topic_weights.values(), default=0.0) >= TOPIC_READING
                # A long message classified on its story ("lately my legs are tired... could you tell me
                # what post-polio syndrome is?") whose question is about no one in particular.
                asking = question_part(question.text)
                general = asking != question.text and not _SOMEONE.search(_REQUEST.sub(" ", normalise(asking)))
                # "Is it my fault? I keep thinking I passed it on": the material answers blame ("it is not
                # your fault") and why ("why have I got it?": researchers do not know), so it is answered, not declined.
                # ("…my legs ache. what is this post-polio syndrome i keep reading about": what a named type is)
                names_it = bool(question.named) and bool(_WHAT_IS_NAMED.search(normalise(question.text)))
                if asks and names_it and not (pointed or topical):
                    named = Targets([question.named[0]], via="named")
                    return answer_for_targets(session, dispatcher, domain, question, state, named, topic="definition")
                if asks and (pointed or topical or general or question.leads & {"blame", "why"}):
                    # "My grandad had polio, what's this post-polio syndrome thing?", "back to my husband's
                    # one, is there any medication?": someone is named, but no judgement on them is asked.
                    return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
                if not asks and question.named and _HAS.search(normalise(question.text)):
                    # "My husband has ALS.": nothing asked yet; what the condition is, to start from.
                    return answer_for_targets(session, dispatcher, domain, question, state, targets, topic="definition")
        return self.decline(session, dispatcher, tracker, domain, question)

    def decline(
        self,
        session: Session,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
        question: Question | None = None,
    ) -> list[EventType]:
        mentioned = mentioned_conditions(session, tracker)
        slug = mentioned[0] if mentioned else tracker.get_slot("condition")
        general_answer = _general_answer(session, domain, question, slug) if question is not None else None
        if general_answer is not None:
            # "Mum has PBP. Will she still be able to talk to us?": how it will go for her is not for this
            # bot to say; what the material says of PBP and speech in general is, after saying so.
            dispatcher.utter_message(
                text=say(domain, "utter_no_diagnosis"), json_message=payload("no_diagnosis", condition=slug)
            )
            from actions.replies import send_reply

            return send_reply(session, dispatcher, domain, general_answer, State.of(tracker)) + _weighed(mentioned)
        general = queries.facts_for(session, condition="mnd", topic="when_to_see_provider")
        cond = queries.condition(session, slug) if slug else None
        name = cond.short_name if cond and cond.slug != "motor_neuron" else "MND"
        top_slug = slug if cond and cond.slug != "motor_neuron" else "mnd"
        buttons = []
        for topic_slug in ("symptoms", "diagnosis", "outlook"):
            top = queries.topic(session, topic_slug)
            if top:
                buttons.append(
                    {
                        "title": top.question.format(name=name),
                        "payload": f'/ask_{topic_slug}{{"condition": "{top_slug}"}}',
                    }
                )
        text = " ".join([say(domain, "utter_no_diagnosis"), general.text]).strip()
        dispatcher.utter_message(
            text=text,
            buttons=buttons,
            json_message=payload("no_diagnosis", condition=slug, topic="when_to_see_provider", facts=general.facts),
        )
        # The conversation is now about the condition they named ("how is it diagnosed?").
        return ([SlotSet("condition", slug)] if mentioned else []) + _weighed(mentioned)


def _weighed(mentioned: list[str]) -> list[EventType]:
    """"Is it post-polio or could it be ALS?" weighs two types for one person: declined, but the two are
    then "the two" ("in general then, how do the two differ?", "and the second one?")."""
    types = [c for c in mentioned if c not in ("mnd", "motor_neuron")]
    if len(types) != 2:
        return []
    return [SlotSet("listed", types), SlotSet("listed_kind", "pair")]


_TURNS_INTO = re.compile(r"\b(?:turn|change|develop|progress|evolve)\w* (?:in)?to\b")
# How sure the classifier must be of a prediction's topic to answer it in general.
PREDICTION_TOPIC = 0.5
# What may follow a refusal to predict, said in general: never treatment, which would read as advice.
_GENERAL_TOPICS = frozenset({"symptoms", "outlook", "upper_lower"})


_GETTING_IT = re.compile(
    r"\b(?:get|inherit|develop|catch|end up with) (?:it|this|that)\b"
    r"|\b(?:have|has) (?:i|he|she|we|my \w+) got (?:it|this|that)\b"
    r"|\b(?:do|does) (?:i|he|she|my \w+) have (?:it|this|that)\b"
)


def _general_answer(session: Session, domain: DomainDict, question: Question, slug: str | None) -> Reply | None:
    """For a question about how it will go for one person ("will she still be able to talk?", "will he end
    up needing help with everything?"), what the material says on that for the condition in general; None
    for a question whether someone has it, what they should do, or with no clear topic."""
    if not slug or slug == "motor_neuron" or not question.text:
        return None
    if not asks_for_one_person(question.text) or asks_a_judgement(normalise(question.text)):
        return None  # "should I be worried?", "does he have it?": a judgement, nothing general to add
    topic, weight = max(question.topic_weights.items(), key=lambda kv: kv[1], default=(None, 0.0))
    from actions.compose import topic_reply
    from actions.not_given import DOSE

    if "treatment" in (topic, question.worded_topic) or DOSE.search(normalise(question.text)):
        return None  # "how much baclofen should he take?": a treatment decision, nothing general to add
    if _TURNS_INTO.search(normalise(question.text)):
        return None  # "will his turn into ALS?": the material says nothing of one type becoming another
    if _GETTING_IT.search(normalise(question.text)):
        return None  # "does that mean I'm going to get it?": one's own risk; when to see a provider says it
    topic = question.worded_topic or (topic if weight >= PREDICTION_TOPIC else None)

    # The topic the wording or the classifier gives, else the one whose facts answer the asking sentence
    # best (the classifier read the feelings around it: "worst week of our lives" is not about coping).
    asked = replace(question, text=question_part(question.text), topic_weights={})
    reply = topic_reply(session, domain, question if topic else asked, slug, topic=topic)
    if reply is None or reply.kind != "answer" or reply.topic not in _GENERAL_TOPICS:
        return None
    return reply

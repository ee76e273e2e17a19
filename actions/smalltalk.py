"""Small talk ("thanks", "bye", "hello", "no", "are you a bot?", "what can you do?"), unless the
message names a symptom or asks for help.

The classifier reads short messages like "talking?" or "and who helps me" as small talk; a symptom
word is never small talk or a goodbye, and a carer asking what helps gets an answer. Otherwise the
response from domain.yml is sent as it is.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.base import StoreAction
from actions.contract import payload
from actions.understanding import Question, read
from actions.wording import say
from bot.facts import across
from bot.facts.models import Source
from bot.facts.queries import source_entry
from bot.facts.text import normalise
from bot.facts.vocab import TOPICS
from bot.facts.words import sentences

RESPONSES = {
    "greet": "utter_greet",
    "say_goodbye": "utter_goodbye",
    "thank": "utter_thank",
    "deny": "utter_deny",
    "ask_if_bot": "utter_i_am_a_bot",
    "ask_capabilities": "utter_capabilities",
}
# Attributes whose words name a part of the body or a symptom ("talking?", "legs?").
_SYMPTOM_ATTRIBUTES = ("affects", "starts_in", "signs")
# "And who helps me?", "what helps her", "how can I make the nights easier for her"
_HELP = re.compile(
    # ("what does actually help?", not "what do you help with?")
    r"\b(?:who|what|anything|something)(?: (?!you\b|u\b)\w+)?(?: actually| really)? "
    r"(?:helps?|can help|could help|would help)\b"
    # what helps, named: "exercise ok?", "physio any good?"
    r"|\b(?:exercis\w*|physio\w*|meds|medicines?|medications?|treatments?|therap\w*)\b"
    r"|\bmake (?:\w+ ){0,3}easier for (?:him|her|them|me|us|my \w+)\b"
)


# A question, or a fragment: "talking?", "and who helps me", "legs" (not "thanks, that explains his walking").
_ASKING = re.compile(
    r"\?$|^(?:and |so |but |ok )?(?:who|what|how|why|where|when|does|do|is|are|can|could|will)\b|^\w+$"
)
# Asking who or what answers: "who am I chatting to?", "what are you?"
_WHO_IS_THIS = re.compile(
    r"\bwho (?:am i|are you|is this|s this|is that|am i (?:talking|chatting|speaking) (?:to|with))\b|\bwhat are you\b"
)
# Asking where the answers come from: "where are you even getting your info from?", "what are your sources?"
_ASKS_SOURCES = re.compile(
    r"\bwhere\b(?: \w+){0,6} (?:your|ur|this|these|that|all this|all that) (?:info|information|facts|answers|material|"
    r"knowledge|data|advice)\b|\b(?:your|ur) sources?\b|\bwhat (?:is|s) (?:this|that|all this|it) based on\b|"
    r"\bwho (?:wrote|writes|checked|checks|made|makes) (?:this|these|your|ur|the) (?:answers|info\w*|facts)\b|"
    r"\bwhere (?:do|did|are|r) (?:you|u) (?:\w+ ){0,2}(?:get|getting|got) (?:that|this|all this|it) from\b"
)
# The same as the whole of a sentence: "Good morning. Who am I talking to, please?" (not "what are you supposed to
# do when…", "who is that person I should see", which ask something else).
_WHO_IS_THIS_ASKED = re.compile(
    r"^(?:\w+ ){0,2}?(?:who (?:am i|are you|is this|s this)(?: (?:talking|chatting|speaking) (?:to|with))?"
    r"|what are you)(?: (?:exactly|then|really|anyway|actually|please|now))*\W*$"
)
# About the bot itself: "am I talking to a real person or a bot?"
_ABOUT_THE_BOT = re.compile(r"\b(?:bot|robot|human|real person|person|computer|machine|ai|program)\b")


def about_the_bot(
    session: Session,
    dispatcher: CollectingDispatcher,
    domain: DomainDict,
    question: Question,
    *,
    read_as_smalltalk: bool,
) -> list[EventType] | None:
    """Who answers, or where the answers come from, when that is what the message asks (with or without a
    greeting before it: "Good morning. Who am I talking to, please?"), else None. Read as a question on a topic
    (``read_as_smalltalk`` false), "who are you" must be the whole of a sentence."""
    if not question.text or set(question.named) - {"mnd", "motor_neuron"}:
        return None
    plain = normalise(question.text)
    if _ASKS_SOURCES.search(plain):
        sources = session.scalars(select(Source).order_by(Source.id)).all()
        dispatcher.utter_message(
            text=say(domain, "utter_sources", citations="; ".join(source.citation for source in sources)),
            json_message=payload("smalltalk", sources=[source_entry(source, None) for source in sources]),
        )
        return []
    said = sentences(question.text)
    said_last = normalise(said[-1]) if said else plain
    if _WHO_IS_THIS.search(plain) if read_as_smalltalk else _WHO_IS_THIS_ASKED.match(said_last):
        dispatcher.utter_message(response="utter_i_am_a_bot")
        return []
    return None


def asks_something(session: Session, question: Question) -> bool:
    """Whether a message taken for small talk names a symptom or asks what helps."""
    if not question.text:
        return False
    plain = normalise(question.text)
    if _ABOUT_THE_BOT.search(plain) or not _ASKING.search(
        plain + ("?" if question.text.rstrip().endswith("?") else "")
    ):
        return False  # "thanks, that explains his walking" is thanks
    if _HELP.search(plain) or question.carer:
        return True
    asked = across.attribute_question(session, question.text, require_across=False)
    return asked is not None and asked.attribute in _SYMPTOM_ATTRIBUTES


# Below this confidence a small-talk reading gives way to the question the classifier sees next.
SMALLTALK_SURE = 0.6


def _unsure_reading(tracker: Tracker) -> str | None:
    """The classifier's second reading, when its small-talk reading is unsure."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    if len(ranking) < 2 or float(ranking[0].get("confidence") or 0.0) >= SMALLTALK_SURE:
        return None
    return str(ranking[1].get("name") or "") or None


class ActionSmalltalk(StoreAction):
    """The small-talk response for the intent, or the answer when the message asks something."""

    def name(self) -> str:
        return "action_smalltalk"

    def answer(
        self, session: Session, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = read(session, tracker)
        told = about_the_bot(session, dispatcher, domain, question, read_as_smalltalk=True)
        if told is not None:
            return told  # "who r u", "hello. who am I chatting to?": read as "who are you", however unsure
        if asks_something(session, question):
            from actions.answer import ActionAnswerWhatAbout

            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        other = _unsure_reading(tracker) if question.text and _ASKING.search(normalise(question.text)) else None
        if other == "request_personal_advice" or question.personal:
            # "Do you think that's what I have?": read as small talk by a little, a question about one person;
            # "his wife asked me how long he's got. can you tell me?": plainly one, however it was read.
            from actions.safety import ActionDeclinePersonalAdvice

            return ActionDeclinePersonalAdvice().decline(session, dispatcher, tracker, domain)
        if other and other.removeprefix("ask_") in TOPICS:
            # "Who do I ask about that then?": small talk by a little, a question on a topic close behind.
            from actions.compose import topic_reply
            from actions.conversation import State
            from actions.replies import send_reply

            state = State.of(tracker)
            reply = topic_reply(session, domain, question, state.focus, topic=other.removeprefix("ask_"))
            if reply is not None:
                return send_reply(session, dispatcher, domain, reply, state)
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        dispatcher.utter_message(response=RESPONSES.get(intent, "utter_thank"))
        return []

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
from sqlalchemy.orm import Session

from actions.base import StoreAction
from actions.understanding import Question, read
from bot.facts import across
from bot.facts.text import normalise
from bot.facts.vocab import TOPICS

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
# About the bot itself: "am I talking to a real person or a bot?"
_ABOUT_THE_BOT = re.compile(r"\b(?:bot|robot|human|real person|person|computer|machine|ai|program)\b")


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
        if asks_something(session, question):
            from actions.answer import ActionAnswerWhatAbout

            return ActionAnswerWhatAbout().answer(session, dispatcher, tracker, domain)
        if question.text and _WHO_IS_THIS.search(normalise(question.text)):
            dispatcher.utter_message(response="utter_i_am_a_bot")  # "who r u": read as "who are you", however unsure
            return []
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
        if intent == "greet" and question.text and _WHO_IS_THIS.search(normalise(question.text)):
            intent = "ask_if_bot"  # "hello. who am I chatting to?": the greeting and the question, one answer
        dispatcher.utter_message(response=RESPONSES.get(intent, "utter_thank"))
        return []

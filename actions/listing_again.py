"""A fragment that asks the last question across the types again about another value: "which types affect the
upper motor neurons?", then "and the lower ones?" or "both?"."""

from __future__ import annotations

import re

from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.compose import Reply
from actions.conversation import State
from actions.descriptions import describes
from actions.listing import across_reply
from actions.pointing import mentions_in
from actions.understanding import Question
from bot.facts import across
from bot.facts.text import normalise

# A fragment of at most this many words (two more after "and", "what about") may ask the last question across
# the types again.
FRAGMENT_WORDS = 4
# A fragment that asks the last question again about something else: "and the lower ones?", "what about men?"
_AGAIN = re.compile(r"^(?:and|or|what about|how about|same for|same with)\b")
_MOTOR_NEURONS = re.compile(r"\bmotor neurone?s?\b")


# "both?", "and both kinds?" after a listing by which motor neurons the types affect.
_BOTH_KINDS = re.compile(
    r"^(?:and |what about |how about |then )?(?:which (?:ones? |types? |kinds? )?(?:do |does |affect |affects |hit |"
    r"hits |are |is )?)?both(?: (?:kinds|types|sets|of them))?(?: then)?$"
    # "the other one, that does both?", "and the one that hits both?"
    r"|^(?:and |what about |then )?(?:the )?(?:other )?(?:one|type|kind)s?,? (?:that|which) "
    r"(?:does|do|affects?|hits?|damages?|attacks?|is|involves?) both(?: (?:kinds|types|sets|of them))?(?: then)?$"
)


def across_again(session: Session, domain: DomainDict, question: Question, state: State) -> Reply | None:
    """After a listing across types ("which types affect the upper motor neurons?"), a fragment naming
    another value ("and the lower ones?", "what about the legs?") is the same question across types."""

    named = [c for c in question.named if c != "motor_neuron"]
    if (state.listed_kind != "match" and not state.across_last) or not question.text or named:
        return None
    if state.topic == "upper_lower" and _BOTH_KINDS.match(normalise(question.text)):
        # "Only upper?", "and only lower?", then "both?": the types that affect both kinds.
        both = across.attribute_question(session, "both upper and lower", require_across=False)
        return across_reply(session, domain, both) if both is not None else None
    if mentions_in(question):
        return None
    if state.focus == "motor_neuron" and not state.just_listed:
        return None  # "and upper?" after what happens when lower motor neurons are damaged: motor neurons
    plain = normalise(question.text)
    if question.pronoun or describes(question.text):
        return None  # "what about the numbness, does that come with it?": the one in focus
    words = len(_MOTOR_NEURONS.sub("", plain).split())  # ("and one for the lower motor neurons")
    if words > (FRAGMENT_WORDS + 2 if _AGAIN.match(plain) else FRAGMENT_WORDS):
        return None  # a question of its own, not a fragment
    asked = across.attribute_question(session, question.text, require_across=False)
    return across_reply(session, domain, asked) if asked is not None else None

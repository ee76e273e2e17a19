"""What the material never gives: doses (for the pharmacist: the scope statement, actions/first.py),
figures, and who a type is named after.

Figures and names are said to be missing plainly, then what the material does say nearby, as a
``not_covered`` reply with the facts' provenance.
"""

from __future__ import annotations

import re

from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.compose import Reply, short_name, topic_label, topic_reply
from actions.conversation import State
from actions.replies import send_reply
from actions.understanding import Question
from actions.wording import say

# Doses are for the pharmacist or doctor: "what's the dose of riluzole?", "how many mg of baclofen".
DOSE = re.compile(
    r"\b(?:dose(?! (?:it|he|she|they|this|that|mnd|als|pls|pma|pbp|sma|pps|kennedys?|a|an|the|my|your|his|her|"
    r"motor|spinal|post|primary|progressive)\b)|doses|dosage|dosages|how many mg|mg|milligrams?|"
    r"how much (?:\w+ )?should (?:i|he|she) take|"
    r"how much (?:\w+ )?(?:do|does|will|would) (?:they|you|he|she|i|we) (?:give|take|get|have)\b.{0,20}\b"
    r"(?:per|a|each|every) (?:day|dose|drip|infusion|week|time))\b"
)
# Figures the material does not give: "how many people get ALS?", "what percentage…".
FIGURES = re.compile(
    r"\bhow many (?:people|patients|cases|adults|children|babies|men|women|(?:motor )?neurone?s|nerve cells)\b"
    r"|\bwhat (?:percentage|proportion|fraction)\b"
    r"|\b(?:statistics|prevalence|incidence|percent|per cent|percentages?)\b|\bhow (?:rare|common) is\b"
)
# A count of people asks who gets it ("how many people in the UK have MND?"), not what the types are.
_PEOPLE_COUNTED = re.compile(r"\bhow many (?:people|patients|cases|adults|children|babies|men|women)\b")
# ...unless it counts who survives: "how many people live more than 10 years with it?" asks how it goes.
_SURVIVAL = re.compile(r"\b(?:survive\w*|survival|die|dies|died|live (?:for|longer|past|beyond|more than)|alive)\b")
_NEURONS_COUNTED = re.compile(r"\bhow many (?:motor )?(?:neurone?s|nerve cells)\b")
# "Who was Lou Gehrig?", "who was he?" about a type named after someone: the material does not say.
EPONYM = re.compile(r"\bwho (?:was|is) (?:lou |mr |dr )?(?:gehrig|gehrigs|kennedy|kennedys|he)\b")


def _types_named(question: Question) -> list[str]:
    return [c for c in question.named if c not in ("mnd", "motor_neuron")]


def no_figures(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, question: Question, state: State, asked: str
) -> list[EventType]:
    """Statistics: the material gives none; say so, then what it does say on the point."""
    if _NEURONS_COUNTED.search(asked):
        slug, topic, said = "motor_neuron", "function", "utter_no_counts"
    else:
        slug = question.named[0] if question.named else state.focus
        people = _PEOPLE_COUNTED.search(asked) and not _SURVIVAL.search(asked)
        topic, said = ("risk_factors" if people else None), "utter_no_figures"
    reply = topic_reply(session, domain, question, slug, topic=topic)
    if reply is None or reply.kind == "out_of_scope":
        reply = Reply("not_covered", slug, topic)
    reply.kind = "not_covered"
    reply.parts.insert(0, say(domain, said))
    return send_reply(session, dispatcher, domain, reply, state)


def who_the_name_is(
    session: Session,
    dispatcher: CollectingDispatcher,
    domain: DomainDict,
    question: Question,
    state: State,
    asked: str,
) -> list[EventType] | None:
    """The material names ALS and Kennedy's disease after people but says nothing about them: say so,
    then what it says the condition is."""
    slug = next(iter(_types_named(question)), None) or state.focus
    reply = topic_reply(session, domain, question, slug, topic="definition") if slug else None
    if reply is None:
        return None
    reply.kind = "not_covered"
    reply.parts = [
        say(domain, "utter_not_in_material", words=asked),
        say(
            domain, "utter_what_it_says", topic_label=topic_label(session, "definition"), name=short_name(session, slug)
        ),
        *[f.answer for f in reply.facts],
    ]
    return send_reply(session, dispatcher, domain, reply, state)

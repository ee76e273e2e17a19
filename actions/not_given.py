"""What the material never gives: doses (for the pharmacist: the scope statement, actions/first.py),
figures, who a type is named after, and details such as whether it is catching, a medicine's side
effects, the genes' names, or kinds of one type.

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
from actions.unsaid import UNSAID, Unsaid
from actions.wording import say
from bot.facts.text import normalise
from bot.facts.words import asks, question_part, sentences

# Doses are for the pharmacist or doctor: "what's the dose of riluzole?", "how many mg of baclofen".
DOSE = re.compile(
    r"\b(?:dose(?! (?:it|he|she|they|this|that|mnd|als|pls|pma|pbp|sma|pps|kennedys?|a|an|the|my|your|his|her|"
    r"motor|spinal|post|primary|progressive)\b)|doses|dosage|dosages|how many mg|mg|milligrams?|"
    r"how much (?:\w+ )?should (?:i|he|she|we|they) (?:take|be (?:on|taking|having|given))|"
    # "how many of them should he be taking a day", "how many mg does he need"
    r"how many (?:of (?:them|those|these|the \w+)|tablets|pills|capsules|mgs?)\b.{0,30}\b(?:take|taking|have|having|"
    r"be on|need|a day|per day|daily)|"
    r"how much (?:\w+ )?(?:do|does|will|would) (?:they|you|he|she|i|we|people|patients) (?:\w+ )?"
    r"(?:give|take|get|have)\b.{0,20}\b"
    r"(?:per|a|each|every) (?:day|dose|drip|infusion|week|time))\b"
)
# Figures the material does not give: "how many people get ALS?", "what percentage…".
FIGURES = re.compile(
    r"\bhow many (?:\w+ )?(?:people|patients|cases|adults|children|babies|men|women|survivors|sufferers|"
    r"(?:motor )?neurone?s|nerve cells)\b"
    r"|\bwhat (?:percentage|proportion|fraction)\b"
    r"|\b(?:statistics|prevalence|incidence|percent|per cent|percentages?)\b|\bhow (?:rare|common) is\b"
    # "is it common?", "is PBP rare?" (not "is it common to get cramps?")
    r"|\b(?:is|are) (?:it|this|that|they|mnd|als|pls|pma|pbp|sma|pps|kennedys?) (?:very |really |quite |that |so )?"
    r"(?:rare|common)\W*$"
)
# A count of people asks who gets it ("how many people in the UK have MND?"), not what the types are.
_PEOPLE_COUNTED = re.compile(
    r"\bhow many (?:\w+ )?(?:people|patients|cases|adults|children|babies|men|women|survivors|sufferers)\b"
)
# ...unless it counts who survives: "how many people live more than 10 years with it?" asks how it goes.
_SURVIVAL = re.compile(r"\b(?:survive\w*|survival|die|dies|died|live (?:for|longer|past|beyond|more than)|alive)\b")
_NEURONS_COUNTED = re.compile(r"\bhow many (?:motor )?(?:neurone?s|nerve cells)\b")
# "How many of them are in the body?" with motor neurons in focus: they are counted.
_THEM_COUNTED = re.compile(r"\bhow many (?:of )?(?:them|they|these|those)\b(?! \w+ (?:types|kinds|sorts))")


# Whether something works, or whether what was said of it is so: "does that work?", "is it any good for ALS?"
_WORKS = re.compile(
    r"\b(?:works?|worked|working|helps?|helped|helping|cures?|cured|slows?|slowed|stops?|stopped|treats?|treated|"
    r"reverses?|fix|fixes|heals?|benefits?|improves?|effective|worth|safe|true|legit|real|proven|evidence|"
    r"recommend\w*|good for|any good|do anything)\b"
)
# A question about what was just said: "does that work?", "is it true?", "do they help?"
_POINTING_BACK = re.compile(
    r"^(?:(?:so|and|but|ok|well) )?(?:does|do|did|is|are|was|will|would|can|could|has|have) "
    r"(?:it|that|this|they|them|those|these)\b"
)
# A remedy asked about on its own: "stem cells?", "what about cbd oil".
_ALONE = 4


def asks_whether_it_works(question: Question, asked: str) -> bool:
    """Whether ``question`` asks whether a remedy the material never mentions works (``asked``: its asking
    sentence, normalised): "does stem cell therapy work for ALS?", "he read a keto diet slows it down. is that
    true?", "cbd oil?" (not "my mum takes vitamins, what are the symptoms of ALS?")."""
    if not question.remedies or not question.text:
        return False
    named_here = any(normalise(r) in asked for r in question.remedies)
    if named_here:
        return bool(_WORKS.search(asked)) or len(asked.split()) <= _ALONE
    # ("…so many miracle cures and supplements… are there actual medicines that help?" asks about medicines)
    return bool(_POINTING_BACK.match(asked)) and bool(_WORKS.search(asked))


def asks_figures(asked: str, state: State) -> bool:
    """Whether ``asked`` asks for a statistic or a count the material never gives."""
    return bool(FIGURES.search(asked)) or (state.focus == "motor_neuron" and bool(_THEM_COUNTED.search(asked)))
# "Who was Lou Gehrig?", "who was he?" about a type named after someone: the material does not say.
EPONYM = re.compile(r"\bwho (?:was|is) (?:lou |mr |dr )?(?:gehrig|gehrigs|kennedy|kennedys|he)\b")


def _types_named(question: Question) -> list[str]:
    return [c for c in question.named if c not in ("mnd", "motor_neuron")]


def no_figures(
    session: Session, dispatcher: CollectingDispatcher, domain: DomainDict, question: Question, state: State, asked: str
) -> list[EventType]:
    """Statistics: the material gives none; say so, then what it does say on the point."""
    if _NEURONS_COUNTED.search(asked) or (state.focus == "motor_neuron" and _THEM_COUNTED.search(asked)):
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


def unsaid_asked(text: str) -> Unsaid | None:
    """The never-given detail an asking sentence of ``text`` asks about, or None."""
    asking = [s for s in sentences(text) if asks(s)] or [question_part(text)]
    for detail in UNSAID:
        if any(detail.asks.search(normalise(sentence)) for sentence in asking):
            return detail
    return None


def no_detail(
    session: Session,
    dispatcher: CollectingDispatcher,
    domain: DomainDict,
    question: Question,
    state: State,
    detail: Unsaid,
) -> list[EventType] | None:
    """Say the detail is not in the material, then what it says on the topic; None when its facts do say it
    (or the detail is about one type and none is meant)."""
    from actions.references import resolve

    # (named, pointed at or described: "his is the one that does both. how long do people live with that")
    pointed = resolve(session, question, state) if not question.named else None
    if pointed is not None and pointed.choices and not pointed.conditions:
        return None  # "ALS vs PMA?", then "how long do people live with it?": which one is asked first
    target = pointed.conditions[0] if pointed is not None and pointed.conditions else state.focus
    slug = next(iter(_types_named(question)), None) or (question.named[0] if question.named else target)
    if (slug is None and detail.needs_condition) or (detail.one_type and slug in ("mnd", "motor_neuron")):
        return None  # "which gene is it caused by?" with nothing said yet: which type is asked first
    # None named: the topic's default, or the type whose fact answers it ("side effects of edaravone?": ALS)
    reply = topic_reply(session, domain, question, slug, topic=detail.topic)
    if reply is not None and reply.kind == "out_of_scope" and question.text:
        # "how much does private physio cost per session": the rest of the question is none of the material's
        # words either; that it is not covered is all there is to say.
        reply = Reply("not_covered", slug or "mnd", detail.topic, [], [])
    if reply is None or reply.kind == "out_of_scope":
        return None
    said = " ".join(f.answer for f in reply.facts).lower()
    if any(word in said for word in detail.telling):
        return None
    reply.kind = "not_covered"
    # Said once, plainly: not also "nothing about 'contagious'" for the word that asked it.
    unknown = say(domain, "utter_not_in_material", words="\0").split("\0")[0]
    reply.parts = [part for part in reply.parts if not part.startswith(unknown)]
    reply.parts.insert(0, say(domain, detail.response, name=short_name(session, reply.condition or slug or "mnd")))
    return send_reply(session, dispatcher, domain, reply, state)

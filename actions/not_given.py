"""What the material never gives: doses (for the pharmacist: the scope statement, actions/first.py),
figures, who a type is named after, and details such as whether it is catching, a medicine's side
effects, the genes' names, or kinds of one type.

Figures and names are said to be missing plainly, then what the material does say nearby, as a
``not_covered`` reply with the facts' provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.compose import Reply, short_name, topic_label, topic_reply
from actions.conversation import State
from actions.replies import send_reply
from actions.understanding import Question
from actions.wording import say
from bot.facts.text import normalise
from bot.facts.words import asks, question_part, sentences

# Doses are for the pharmacist or doctor: "what's the dose of riluzole?", "how many mg of baclofen".
DOSE = re.compile(
    r"\b(?:dose(?! (?:it|he|she|they|this|that|mnd|als|pls|pma|pbp|sma|pps|kennedys?|a|an|the|my|your|his|her|"
    r"motor|spinal|post|primary|progressive)\b)|doses|dosage|dosages|how many mg|mg|milligrams?|"
    r"how much (?:\w+ )?should (?:i|he|she) take|"
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


@dataclass(frozen=True)
class Unsaid:
    """A detail the material never gives, whichever type is asked about: the words that ask it, the topic
    whose facts are given after saying so, the response that says so, and words in those facts that would
    show the material does say it after all (then the question is answered as usual)."""

    asks: re.Pattern[str]
    topic: str
    response: str
    telling: tuple[str, ...] = ()
    one_type: bool = False  # only about one type ("what kinds of SMA are there?"), not MND or motor neurons
    needs_condition: bool = False  # "which gene is it caused by?" with none named asks which type first


UNSAID = (
    Unsaid(  # "is it catching?", "can my grandkids get it off me?"
        re.compile(
            r"\b(?:catching|contagious|infectious|catchable|transmissible)\b"
            r"|\b(?:catch|caught)\b(?! (?:(?:his|her|my|their|your|our) )?breath)"
            # ("could they get it from me?" asks whether it is inherited)
            r"|\bget (?:it|this|that) off (?:me|him|her|them|us|someone|somebody|other people|others)\b"
            r"|\bspread (?:it )?(?:from (?:one )?person to person|to (?:other people|others|the kids|my kids|family))\b"
        ),
        "causes",
        "utter_unsaid_contagion",
        ("contagious", "infectious", "catch"),
    ),
    Unsaid(  # "side effects of edaravone?"
        re.compile(r"\bside ?effects?\b|\badverse (?:effects?|reactions?)\b"),
        "treatment",
        "utter_unsaid_side_effects",
        ("side effect",),
    ),
    Unsaid(  # "which gene causes the family kind of ALS, is it c9 something"
        re.compile(
            r"\b(?:which|what) genes?\b|\bname of the genes?\b|\bgenes? (?:is it|called|names?)\b|\bc9\w*|\bsod ?1\b"
        ),
        "inheritance",
        "utter_unsaid_gene",
        ("smn1", "androgen receptor"),
        needs_condition=True,
    ),
    Unsaid(  # "what kind of toxic, like chemicals?"
        re.compile(
            r"\b(?:what|which) (?:kinds? |sorts? |types? )?(?:of )?(?:toxic|toxins?|chemicals?|poisons?|virus\w*|viral|"
            r"infections?|environmental)(?: (?:factors?|things?|stuff))?\b"
        ),
        "causes",
        "utter_unsaid_factors",
        ("pesticide", "chemical", "metal"),
    ),
    Unsaid(  # "can MND affect the way someone thinks or their memory?"
        re.compile(
            r"\b(?:affect|affects|change|changes|damage|damages|harm|harms|hurt|hurts)\b.{0,40}"
            r"\b(?:memory|thinking|(?:the way|how) (?:\w+ ){0,2}thinks?|personality|behaviou?r|brain power|mind)\b"
            r"|\b(?:memory|thinking) (?:problems?|loss|issues?|trouble)\b"
        ),
        "symptoms",
        "utter_unsaid_thinking",
        ("memory", "thinking", "behavio"),
    ),
    Unsaid(  # "does vitamin C protect you from MND?", "can you prevent it?"
        re.compile(
            r"\b(?:prevent\w*|protect\w*)\b|\bavoid (?:getting|it)\b"
            r"|\bstop (?:me|you|him|her|myself|us|them) (?:getting|from)\b"
            r"|\b(?:reduce|lower|cut) (?:the|my|your|his|her|our) (?:risk|chances?)\b"
        ),
        "risk_factors",
        "utter_unsaid_prevention",
        ("prevent", "protect"),
    ),
    Unsaid(  # "what trials are running in manchester right now?"
        re.compile(
            r"\b(?:which|what|any) (?:clinical )?(?:trials?|studies)\b.{0,40}\b(?:running|recruiting|open|near|"
            r"available|in (?!the\b|a\b|an\b)\w+)\b|\b(?:trials?|studies) (?:near|around|recruiting)\b"
        ),
        "treatment",
        "utter_unsaid_trials",
        ("recruit",),
    ),
    Unsaid(  # "does PLS turn into ALS eventually?"
        re.compile(
            r"\b(?:turns?|turned|turning|changes?|changing|develops?|developing|progress(?:es)?|evolves?|becomes?|"
            r"morphs?)\s+(?:in)?to\s+(?:full blown |proper )?(?:als|pls|pma|pbp|sma|mnd|kennedys?|amyotrophic|"
            r"lou gehrig|motor neurone? disease|another (?:type|kind|one)|the other (?:one|type|kind))\b"
        ),
        "outlook",
        "utter_unsaid_turning_into",
        ("turn into", "turns into", "become", "develop into", "change into"),
    ),
    Unsaid(  # "how long do babies with SMA usually live?" when its facts give no span of time
        re.compile(
            r"\bhow long (?:do|does|will|would|can|could|might|may) (?:\w+ ){0,5}?(?:live|survive|last|have left)\b"
            r"|\blife expectancy\b|\bhow many (?:more )?years (?:do|does|will|would|can)\b"
            # "what's the average survival in years?", "survival rate after diagnosis"
            r"|\b(?:average|median|typical|usual) (?:survival|lifespan|life span)\b"
            r"|\bsurvival (?:rates?|time|in years)\b"
        ),
        "outlook",
        "utter_unsaid_how_long",
        ("year", "month", "decade", "week"),
    ),
    Unsaid(  # "what are the types of SMA?", "son has SMA type 2"
        # (not "what other kinds are there", "one of the types that affect men", "types of MND")
        re.compile(
            r"(?<!other )\b(?:types|kinds|forms|sorts|subtypes|variants) of "
            # (not "what kinds of symptoms come with PPS?": kinds of something else)
            r"(?!mnd\b|motor\b|the\b|them\b|those\b|symptoms?\b|signs?\b|problems?\b|treatments?\b|therap|"
            r"medicines?\b|meds\b|drugs?\b|tests?\b|help\b|support\b|things\b|people\b|exercises?\b|care\b|"
            r"equipment\b|aids?\b|muscles?\b|nerves?\b|neurone?s\b|doctors?\b|specialists?\b|weakness\b|pain\b)"
            r"|\b(?:is|are) there (?:different |several |many |any )?(?:types|kinds|forms|subtypes)\b"
            # "what does type 1 mean?", "he has SMA type 2"
            r"|\btype (?:1|2|3|4|i|ii|iii|iv|one|two|three|four)\b"
            r"(?! of (?:mnd|motor))"
        ),
        "types",
        "utter_unsaid_subtypes",
        ("type 1", "type 2", "type i"),
        one_type=True,
        needs_condition=True,
    ),
)


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

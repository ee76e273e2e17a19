"""Answering a question for the conditions it was resolved to (actions/references.py): one reply, one about
several ("both of them"), the choices when it is unclear which, or the types a description fits."""

from __future__ import annotations

import re
from dataclasses import replace

from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.compose import topic_reply
from actions.conversation import State
from actions.focus import topics_of
from actions.grouped import grouped_reply
from actions.listing import across_reply
from actions.replies import ask_which_condition, send_choices, send_reply
from actions.targets import Targets
from actions.understanding import Question
from bot.facts import across, names, queries
from bot.facts.text import normalise
from bot.mentions import strip_mentions

# "Both of them": at most this many conditions get an answer each.
MAX_TARGETS = 3


def answer_for_targets(
    session: Session,
    dispatcher: CollectingDispatcher,
    domain: DomainDict,
    question: Question,
    state: State,
    targets: Targets,
    *,
    topic: str | None = None,
) -> list[EventType]:
    """Answer ``question`` for each target condition (or offer the choices when unclear)."""
    topic = topic or question.worded_topic or targets.topic
    said = question.text
    if targets.choices and targets.via == "described" and said and targets.asked is not None and not _asks_besides(
        targets.asked
    ):
        # "And the one that only hits the lower ones?" when several do, asking nothing else: which ones they are.
        described = across.attribute_question(session, said, require_across=False)
        if described is not None:
            return send_reply(session, dispatcher, domain, across_reply(session, domain, described), state)
    if targets.choices:
        return send_choices(session, dispatcher, domain, targets.choices, topic or question.intent_topic or state.topic)
    if targets.asked is not None:
        # Rank on what is asked, not on the words that picked the condition ("the brainstem one?"); "what is it
        # called?" of a type described asks only which one it is.
        called = targets.via == "described" and bool(_WHAT_CALLED.search(normalise(targets.asked)))
        question = replace(question, text="" if called else targets.asked)
    conditions: list[str | None] = list(targets.conditions[:MAX_TARGETS]) or [None]
    inherited = targets.via == "focus" and not question.pronoun
    asked = topic or question.intent_topic
    focus = conditions[0]
    if inherited and asked and focus and not queries.facts_for(session, condition=focus, topic=asked).facts:
        # "Where can carers get help?" after motor neurons: the condition in focus has nothing on it.
        conditions = [None]
    if len(conditions) > 1:
        # "Both of them, what's the gene?": one reply about the types asked about.
        replies = [topic_reply(session, domain, question, slug, topic=topic) for slug in conditions]
        found = [r for r in replies if r is not None and r.kind in ("answer", "not_covered")]
        if found:
            return send_reply(session, dispatcher, domain, grouped_reply(session, domain, found), state)
        conditions = conditions[:1]
    slug = conditions[0]
    if slug == "motor_neuron" and asked and asked not in topics_of(session, "motor_neuron"):
        # "…frightened it's the motor neurone thing my brother had. when should someone get it looked at?":
        # motor neurons have no such topic; the disease does.
        slug = "mnd"
    reply = topic_reply(session, domain, question, slug, topic=topic, inherited=inherited)
    if reply is None and inherited:
        reply = topic_reply(session, domain, question, None, topic=topic)
    if reply is None:
        return ask_which_condition(session, dispatcher, domain, topic or question.intent_topic or "definition")
    told = names.conditions_in(session, entities=[], text=said) if said and reply.condition == "mnd" else []
    types_named = [c for c in told if c not in ("mnd", "motor_neuron", *question.likened)]
    if targets.via == "named" and len(types_named) == 1:
        # "My brother has PMA. I thought MND was an old person's thing?": MND answered, PMA is what "it" means next.
        reply.focus_after = types_named[0]
    return send_reply(session, dispatcher, domain, reply, state) + targets.listing_events()


_WHAT_CALLED = re.compile(
    r"^(?:\w+ ){0,3}?(?:what (?:is|s) (?:it|that|that one|this|its name|the name)(?: called)?"
    r"|whats (?:it|that|its name)(?: called)?|what (?:do|did) (?:they|you|people|doctors) call (?:it|that)"
    r"|name of (?:it|that))\W*$"
)


def _asks_besides(rest: str | None) -> bool:
    """Whether what is left of a message besides its description asks something ("what causes it")."""
    return bool(rest) and bool(_ASKING_WORD.search(normalise(strip_mentions(rest))))


# Words that ask something ("the one that affects babies, is it inherited?"), beside a description.
_ASKING_WORD = re.compile(
    r"\b(?:what|whats|how|why|when|where|which|who|is|are|does|do|did|can|could|will|would|should|tell|explain|"
    r"more|about|causes?|symptoms?|treat\w*|inherit\w*|genetic)\b"
)

"""What "it" means when nothing is named or pointed at: the condition in focus, except that talk about
healthy motor neurons does not take a disease's topics, and motor neurons or MND named only to say
something about the type in focus ("is it a kind of MND?") leave it in focus."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.conversation import State
from actions.subject import DISEASE
from actions.understanding import POSSESSIVE, SINGULAR, Question
from bot.facts.builds import per_build
from bot.facts.models import Fact, FactTopic
from bot.facts.text import normalise
from bot.facts.words import question_part

PLURAL = re.compile(r"\b(?:they|them|their|those|these)\b")


def types_in_order(session: Session) -> list[str]:
    """The types of MND in the order the bot lists them."""
    from bot.facts import queries

    return [c.slug for c in queries.conditions(session) if c.parent_slug == "mnd"]


# Asking for the disease of motor neurons by name: "what's that disease called?", "what is the illness called".
_DISEASE_CALLED = re.compile(r"\b(?:disease|illness|condition|disorder)s? (?:is |are )?called\b")
# How sure the classifier must be of a disease topic to leave a talk about healthy motor neurons for MND.
SURE_OF_A_DISEASE_TOPIC = 0.8


def focus_of(session: Session, question: Question, state: State) -> str:
    """The condition "it" means: the one in focus, except that motor neurons do not inherit a
    disease's topics. "The consultant said the upper and lower ones are involved" then "is it
    passed on in families?": "it" is the disease talked about before, not motor neurons."""
    focus = str(state.focus)
    topic = question.intent_topic
    if focus == "motor_neuron" and _DISEASE_CALLED.search(normalise(question.text or "")):
        return "mnd"  # "and if they die off, what's that disease called?": the disease, not motor neurons
    if focus != "motor_neuron" or topic is None or topic in topics_of(session, focus):
        return focus
    if topic == "types" and question.text and not DISEASE.search(normalise(question.text)):
        return focus  # "are there different kinds?" about motor neurons: upper and lower (actions/compose.py)
    diseases = [c for c in state.history if c not in ("mnd", "motor_neuron")]
    if diseases:
        return diseases[-1]
    if question.topic_weights.get(topic, 0.0) < SURE_OF_A_DISEASE_TOPIC:
        # Only healthy motor neurons talked about, and a disease topic barely read ("so it's like 2 relay
        # stages?" is not about how MND ends): still motor neurons, the topic ranked among their facts.
        return focus
    return "mnd"


def topics_of(session: Session, condition: str) -> frozenset[str]:
    """The topics the store has facts on for ``condition`` (read once per build)."""

    def read(s: Session) -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for slug, topic in s.execute(
            select(Fact.condition_slug, FactTopic.topic_slug).where(Fact.id == FactTopic.fact_id)
        ):
            found.setdefault(slug, set()).add(topic)
        return {slug: frozenset(topics) for slug, topics in found.items()}

    return per_build(session, "topics_of", read).get(condition, frozenset())


SHORT_NEURON_QUESTION = 5
_WHICH_NEURONS = re.compile(r"\b(?:which|what) (?:motor |kind of |type of |sort of )?neurone?s?\b")
_BETWEEN = re.compile(r"\b(?:difference|differences|differ|between|versus|vs)\b")
_IT = re.compile(r"\b(?:it|its|that|this)\b")
_DUMMY_IT = re.compile(
    r"\b(?:is|isnt|was) it (?:true|right|correct|possible|normal|common|usual|likely|fair|ok|okay)\b"
)
_THAT_FIRST = re.compile(r"^(?:so |and |but |ok )?(?:is|isnt|was) (?:that|this)\b")
_GENERAL_NAME = re.compile(r"\b(?:mnd|mnds|motor neurone? diseases?)\b")


def general_about_focus(question: Question) -> bool:
    """Motor neurons or MND named only to say something about the condition in focus."""
    if question.named == ["motor_neuron"]:
        # "The consultant said both upper and lower neurones are involved, what does that mean?"
        plain = normalise(question.text)
        # "Upper or lower?", "and which motor neurones?" are about it; "what happens when the lower ones
        # are damaged?" is general.
        short = len(plain.split()) <= SHORT_NEURON_QUESTION
        kind_of_its_own = question.neuron_kind and short and not _BETWEEN.search(plain) and not PLURAL.search(plain)
        which_of_them = short and bool(_WHICH_NEURONS.search(plain))
        # ("what are motor neurons anyway? nobody has ever explained it to me": "it" is outside the question)
        asking = normalise(question_part(question.text))
        singular = question.pronoun_singular and (asking == plain or bool(SINGULAR.search(asking)))
        possessive = question.possessive and (asking == plain or bool(POSSESSIVE.search(asking)))
        return singular or possessive or kind_of_its_own or which_of_them
    that_first = bool(_THAT_FIRST.match(normalise(question.text or "")))  # "is that a kind of MND…?"
    if question.named == ["mnd"] and (question.pronoun_singular or that_first):
        # "is it a kind of MND?" (not "my dad has MND, is it inherited?", "is it true that doctors suspect
        # MND when…"): "it" comes first
        plain = _DUMMY_IT.sub(" ", normalise(question.text))
        pronoun, name = _IT.search(plain), _GENERAL_NAME.search(plain)
        return bool(pronoun and name and pronoun.start() < name.start())
    return False

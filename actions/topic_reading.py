"""The topic a message asks, before any context: the classifier's ranking, trusted less around a story,
a claim or pointing words; and a topic plain from the wording (actions/worded.py and the readings
here: "does PMA cause numbness?", "is ALS the one Lou Gehrig had?", "what is that?" after a name)."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from sqlalchemy.orm import Session

from actions.worded import worded_topic
from bot.facts import across, names, queries
from bot.facts.names import NamedCondition
from bot.facts.text import WHICH_ARE_THEY, normalise
from bot.facts.vocab import TOPICS
from bot.facts.words import (
    CLAUSES,
    IS_IT_TRUE,
    TYPES_ASKED,
    WHY_IT_HAPPENS_OPENING,
    asks,
    question_part,
    sentences,
)
from bot.mentions import strip_mentions

# "What is post-polio syndrome?": a last clause that only asks what a named type is.
WHAT_IS_ONLY = re.compile(
    r"^(?:so |and |ok |but )?(?:what is|whats|what s|what are|what (?:exactly|actually|really|even) is)"
    r"(?: (?:a|an|the))?"  # "what's a motor neuron"
    r"(?: in (?:babies|children|kids|adults|men|women))?"  # "what is spinal muscular atrophy in babies"
    r"(?: (?:it|that|this)(?: exactly| then| actually)?)?$"  # "…mentioned post polio syndrome, what is that?"
)
# Asking to hear about one named type: "can you tell me about it", "tell me a bit about PLS" (not "tell me more").
TELL_ME_ABOUT = re.compile(
    r"^(?:so |and |ok |but )?(?:(?:can|could|would|will) (?:you|u) |please )?(?:tell me|explain)"
    r"(?: (?:a bit|a little|something|everything))? about(?: (?:it|that|this|them))?(?: please)?$"
)
# A question this short that names one type and a value of an attribute asks about that attribute.
SHORT_ATTRIBUTE_QUESTION = 6
# ...when the classifier is no surer than this of a topic ("how dose sma kill babys" is read as outlook, surely).
UNSURE_FOR_ATTRIBUTE = 0.6
# "Does PMA cause numbness?": whether something is one of its effects; in a correction, the word it is
# not ("not breeding") and the voice-typing aside are left out; "problems" after a symptom adds nothing.
_CAUSES_WHAT = re.compile(
    r"\b(?:does|do|can|could|will|would|is|might|may)\b.{0,40}\b(?:cause|causes|give|gives|lead to)\s+"
    r"(?:you |people |him |her |them )?(?P<what>(?:\w+ ?){1,3})$"
)
# "Will it affect his speaking?", "does PLS affect the arms too?": whether a part of the body is one it affects.
_AFFECTS_WHAT = re.compile(
    r"\b(?:does|do|can|could|will|would|is|might|may)\b.{0,40}\b(?:affect|hit|attack|reach|spread to|get to)\s+"
    r"(?:the |his |her |my |their |your |our |a persons |peoples )?(?P<what>(?:\w+ ?){1,2}?)(?: too| as well| also)?$"
)
_BUT_NOT = re.compile(r"\s+not\s+\w+.*$")
_PROBLEMS = re.compile(r"\b(?:problems?|issues?|trouble)\b")
CLAIM_WORDS, CLAIM_TRUST = 6, 0.3
_IS_NAMED = re.compile(r"^(?:\w+ ){0,3}?(?:is|isnt|was|are|so) \w+")
LONG_MESSAGE_TRUST, STORY_TRUST = 0.5, 0.3
SURE_OF_STORY, SURE_STORY_TRUST = 0.99, 0.8
# A topic plain from the wording leads the classifier's likeliest by this much: enough to decide it.
WORDED_MARGIN = 0.5
_PRONOUN = re.compile(r"\b(?:it|its|that|this|they|them|their|those|these|he|she|his|her|him)\b")


def topic_weights(message: dict[str, Any], text: str) -> tuple[str, dict[str, float]]:
    """The intent and the topic weights the classifier gives ``message`` (``text``: its words, respelled),
    trusted less the more of the message is story, a claim or pointing words."""
    intent = (message.get("intent") or {}).get("name") or ""
    weights: dict[str, float] = {}
    for reading in message.get("intent_ranking") or []:
        topic = str(reading.get("name") or "").removeprefix("ask_")
        if topic in TOPICS:
            weights[topic] = max(weights.get(topic, 0.0), float(reading.get("confidence") or 0.0))
    own = intent.removeprefix("ask_")
    if own in TOPICS and own not in weights:
        weights[own] = float((message.get("intent") or {}).get("confidence") or 1.0)
    if text and question_part(text) != text:
        # The classifier read the whole message, preamble and all: trust it less on the topic, the
        # less the more of the message is story rather than question.
        share = len(question_part(text).split()) / max(1, len(text.split()))
        trust = min(LONG_MESSAGE_TRUST, max(STORY_TRUST, share))
        if max(weights.values(), default=0.0) >= SURE_OF_STORY:
            # "I was diagnosed two weeks ago and can't stop crying. How do other people get through this?":
            # all but certain of one topic with the story read too; a word or two the question shares
            # with another topic's facts should not outweigh it.
            trust = max(trust, SURE_STORY_TRUST)
        weights = {topic: w * trust for topic, w in weights.items()}
    if text and IS_IT_TRUE.search(normalise(text)) and len(normalise(text).split()) > CLAIM_WORDS:
        # "Someone on a forum said it's the top genetic cause of baby deaths?? is that true": the claim's own
        # words find the fact that says it or not, whichever topic the classifier hears in them.
        weights = {topic: w * CLAIM_TRUST for topic, w in weights.items()}
    entities = message.get("entities") or []
    pointing = [e for e in entities if e.get("entity") == "mention"]
    if pointing and text:
        # "1st one which gene", "second one - men only?": the classifier learnt pointing words beside
        # some topics more than others ("both" beside "upper and lower"). Trust its topic only as much
        # as the message says besides the pointing words, as with a story around a question.
        said = len(strip_mentions(text).split()) / max(1, len(text.split()))
        weights = {topic: w * max(STORY_TRUST, min(1.0, said)) for topic, w in weights.items()}
    return intent, weights


# What "it" is for, asked of a medicine named just before: "what does it actually do?", "does it work?"
_WHAT_IT_DOES = re.compile(
    r"\bwhat(?: does| do| will| would| is| s|s) (?:it|that|they|this)\b.{0,20}\b(?:do|for)\b"
    r"|\b(?:does|do|will|would) (?:it|that|they|this) (?:actually |really |even )?(?:work|help)\b"
)
_CONNECTED = re.compile(r"\b(?:connected|linked|related|part of it)\b")


def worded_reading(
    session: Session,
    tracker: Tracker,
    text: str,
    found: list[NamedCondition],
    named: list[str],
    weights: dict[str, float],
    leads: set[str],
    plain: str,
) -> str | None:
    """The topic the wording of ``text`` plainly asks, if any (and the ``leads`` it adds: "names");
    ``plain``: the whole message normalised, before a correction's "not …" was left out of ``text``."""
    worded = (_what_is_then_remark(session, question_part(text)) or worded_topic(question_part(text))) if text else None
    if worded is None and text:
        # "What is post-polio syndrome? We had an older gentleman in asking about it", "mums neurologist
        # mentioned PLS as something to rule out, what is PLS": the last clause only asks what it is.
        parts = [c for c in CLAUSES.split(question_part(text)) if c.strip()]
        last = normalise(names.without_condition_names(session, parts[-1])) if parts else ""
        # ("…his physio mentioned post polio syndrome, what is that?": the name may be in the clause before)
        asks_what_it_is = bool(WHAT_IS_ONLY.match(last) or TELL_ME_ABOUT.match(last))
        last_named = names.find_conditions(session, parts[-1]) or names.find_conditions(session, question_part(text))
        # "…A friend at church mentioned post polio syndrome. What is it?": the sentence before names it ("…has just
        # been diagnosed with SMA. I can barely type. what is it": the last one before that names one)
        for before in reversed(sentences(text)[:-1] if asks_what_it_is and not last_named else []):
            last_named = names.find_conditions(session, before)
            if last_named:
                break
        if asks_what_it_is and len(last_named) == 1:
            worded = "definition"

    if worded in (None, "risk_factors") and text and _CONNECTED.search(normalise(question_part(text))):
        # "funny thing is i can't stand the cold lately. is that connected?": whether that is one of its signs
        # (not one's own risk, as after "my sister had dementia")
        sign = across.attribute_question(session, text, require_across=False)
        worded = "symptoms" if sign is not None and sign.attribute in ("affects", "starts_in") else worded
    said_as = {n.matched for n in found if not n.negated and n.slug not in ("mnd", "motor_neuron")}
    if worded is None and len(named) == 1 and len(said_as) >= 2 and _IS_NAMED.search(plain):
        # "Is ALS the one Lou Gehrig had?": one type by two of its names, asking whether they are one; the
        # fact that gives its other name leads.
        worded = "definition"
        leads.add("names")
    clauses = [_BUT_NOT.sub("", normalise(c)) for c in CLAUSES.split(question_part(text))] if text else []
    caused = [m for c in clauses if worded is None and (m := _CAUSES_WHAT.search(c) or _AFFECTS_WHAT.search(c))]
    if any(across.names_the_body(session, _PROBLEMS.sub("", m.group("what"))) for m in caused):
        worded = "symptoms"  # "does PMA cause numbness?", "can ALS cause stiffness?": one of its signs
    said = sentences(text) if text else []
    if worded is None and len(said) > 1 and WHICH_ARE_THEY.match(normalise(said[-1])):
        # "they mentioned there are different kinds?? what are they": the types just spoken of
        worded = "types" if TYPES_ASKED.search(normalise(" ".join(said[:-1]))) else None
    if worded is None and len(said) > 1 and WHY_IT_HAPPENS_OPENING.match(normalise(said[-1])):
        # "he's started struggling to swallow his food. why does that happen": why a part of the body stops working,
        # which is what motor neurons do for those muscles, not what causes the illness
        # ("my mum's got PBP. she's really struggling to eat now. why does it do that": what PBP does to the body)
        sign = across.attribute_question(session, " ".join(said[:-1]), require_across=False)
        of_a_type = bool(set(named) - {"mnd", "motor_neuron"})
        worded = ("symptoms" if of_a_type else "function") if sign is not None and sign.attribute == "affects" else None
    pointing = bool(text) and not named and bool(_PRONOUN.search(normalise(text)))
    of_treatment = worded is None and pointing and _explained_a_treatment(session, tracker)
    what_it_does = pointing and bool(_WHAT_IT_DOES.search(normalise(question_part(text))))
    if worded in (None, "symptoms") and what_it_does and not of_treatment:
        # ("what does it do" of a type asks its effects; of a medicine just named, what it is for: "his neurologist
        # has started him on riluzole. what's it actually meant to do")
        of_treatment = _asked_of_a_treatment(session, tracker) or _names_a_treatment(session, text)
    if of_treatment:
        # "What is riluzole?", then "does it make her live longer?", "should he have one?": the treatment.
        # ("my partner just started riluzole. what's the normal dose", then "what does it actually do")
        worded = "treatment"
    types = [c for c in named if c not in ("mnd", "motor_neuron")]
    unsure = max(weights.values(), default=0.0) < UNSURE_FOR_ATTRIBUTE
    short = bool(text) and len(normalise(text).split()) <= SHORT_ATTRIBUTE_QUESTION
    if worded is None and short and unsure and len(types) == 1:
        # "pma only hits guys?", "sma babies?": a few words naming one type and what the material states of
        # types (whom it affects, where it starts): that attribute's topic.
        value = across.attribute_question(
            session, names.without_condition_names(session, text), require_across=False, specific_first=True
        )
        worded = value.topic if value is not None and value.attribute in across.PLAIN_ATTRIBUTES else None
    return worded


def _explained_a_treatment(session: Session, tracker: Tracker) -> bool:
    """Whether the bot's last reply explained a word for a treatment (a medicine, a feeding tube, a trial:
    the glossary's words from the source's treatment section)."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            custom = (event.get("data") or {}).get("custom") or {}
            term = str(custom.get("term") or "").split(" (", 1)[0]  # asked by another name: "… (feeding tube)"
            return custom.get("kind") == "definition" and term in queries.terms_in_section(session, "treatment")
    return False


def _asked_of_a_treatment(session: Session, tracker: Tracker) -> bool:
    """Whether the person's message before this one named a treatment by its glossary word ("riluzole")."""
    from actions.conversation import previous_question

    return _names_a_treatment(session, previous_question(tracker))


def _names_a_treatment(session: Session, text: str) -> bool:
    """Whether ``text`` names a treatment by its glossary word ("riluzole", "feeding tube")."""
    said = f" {normalise(text)} "
    return any(f" {normalise(term)} " in said for term in queries.terms_in_section(session, "treatment"))


def _what_is_then_remark(session: Session, text: str) -> str | None:
    """"whats lou gehrigs disease, the american side of the family keep calling it that": "definition" for a
    first clause asking only what one type is, followed by remarks that ask nothing ("family" there asks
    nothing about families)."""
    parts = [c for c in CLAUSES.split(text) if c.strip()]
    if len(parts) < 2 or any(asks(c) for c in parts[1:]):
        return None
    first = normalise(names.without_condition_names(session, parts[0]))
    one = len(names.find_conditions(session, parts[0])) == 1
    return "definition" if one and WHAT_IS_ONLY.match(first) else None

"""Answers across the types: "which ones start in the hands?", "which of those affect chewing?".

From the attributes each condition has in the store (bot/facts/across.py) when the question asks
for one ("mostly affects men", "only the lower motor neurons"); otherwise, for a question about the
listed types ("which of those affect chewing?"), from each listed type's own facts. Either way the
reply lists the matching types, one fact each, with the group asked about as its condition
(payload ``conditions``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions import people
from actions.compose import Reply, short_name, topic_reply
from actions.conversation import State
from actions.signs import neuron_kind_facts
from actions.understanding import Question
from actions.wording import say
from bot.facts import across, names, queries
from bot.facts.models import Fact
from bot.facts.ranking import index_for
from bot.facts.text import normalise
from bot.facts.words import question_part, sentences
from bot.mentions import strip_mentions

# "Which one…?" after a comparison picks one of the two.
_ONE = re.compile(r"\bwhich (?:one|of (?:the|them|those|these))\b")
# A question about the listed types as a group: "which of those…", "do any of them…", "which ones…".
_AMONG_LISTED = re.compile(
    r"\b(?:which|what) (?:of (?:those|these|them|the (?:\w+ )?(?:types?|ones|kinds?))|ones?)\b"
    r"|\b(?:do|does|can|could|will) (?:any|either|all|both|each) of (?:them|those|these|the \w+)\b"
    r"|\b(?:any|either|both|all) of (?:them|those|these) (?:\w+ )?(?:affect|cause|start|hit|involve|make|lead)\w*\b"
)
_GROUPS = ("mnd", "motor_neuron")
_THAT = re.compile(r"\b(?:that|this)\b")
_OF_TWO = re.compile(r"\b(?:of the two|of those two|of these two|of them two|either of (?:them|those|the two)|both)\b")
# A question that picks types out ("which other types…", "are there others that…"), unlike "does PMA start
# younger than other types?".
_PICKS = re.compile(r"\b(?:which|what|are there|is there|any)\b")
_COUNTS = {"two": 2, "2": 2, "three": 3, "3": 3, "four": 4, "4": 4}
_THOSE_N = re.compile(r"\b(?:those|these|the|them|all) (two|three|four|2|3|4)\b")
# A listed type counts as saying what is asked when its best fact covers this share of the question.
DETAIL_MATCH = 0.6


def across_reply(
    session: Session, domain: DomainDict, asked: across.AttributeQuestion, among: list[str] | None = None
) -> Reply:
    """Which types have what was asked ("mostly affect men"), one fact each, in document order."""
    found = across.conditions_with(session, asked, among)
    phrase = " or ".join(asked.phrases)
    if asked.attribute == "neurons" and not asked.only:
        # "Which types affect the upper ones?" finds those that affect both too: they do not affect "only" those.
        phrase = phrase.replace(" only ", " ")
    group = "mnd"
    if found:
        intro = "utter_across_intro" if len(found) > 1 else "utter_across_intro_one"
        parts = [say(domain, intro, phrase=phrase)] + [naming(session, f.condition, f.fact.answer) for f in found]
        conditions = [f.condition for f in found]
        # ("which types cause stiffness?": the types by the motor neurons they affect, then what losing those does)
        via = list({v.id: v for f in found for v in f.via}.values())
        facts = [f.fact for f in found] + via
        reply = Reply("answer", group, asked.topic, parts + [v.answer for v in via], facts, conditions=conditions)
        if among is None or len(conditions) >= 2:
            # A new listing, or two or more picked from the last one: "the first one" then counts from what
            # was just shown. One picked leaves the listing as it was ("and the other one?").
            reply.listed = conditions
        return reply
    nearby = across.conditions_with(session, across_any(asked), among)[:3]
    # "Are there other ones that affect kids?" after SMA: none other, not none at all.
    others_only = among is not None and bool(across.conditions_with(session, asked))
    parts = [say(domain, "utter_across_none_other" if others_only else "utter_across_none", phrase=phrase)]
    if nearby:
        parts.append(say(domain, "utter_material_says"))
        parts.extend(naming(session, f.condition, f.fact.answer) for f in nearby)
    conditions = [f.condition for f in nearby]
    return Reply("not_covered", group, asked.topic, parts, [f.fact for f in nearby], conditions=conditions or None)


def across_any(asked: across.AttributeQuestion) -> across.AttributeQuestion:
    """The same question for any value of its attribute (what the material says nearby)."""

    return replace(asked, values=(), phrases=(), only=False)


# An across question that only points back at what the sentence before said: "which types are those?"
_ONLY_BACK = re.compile(
    r"^(?:so |and |ok )?(?:which|what) (?:types?|ones?|kinds?|conditions?) (?:are|is|would|could) "
    r"(?:those|these|they|that|them|it)(?: be| then)?$"
)
# "…is the one that affects people like me?": who is meant was said before.
_LIKE_US = re.compile(
    r"\b(?:people|folk|someone|those|men|women|kids|children) like (?:me|us|him|her|them|my \w+)\b", re.I
)
# "Is that the most common kind?", "does it run in families?": the one in focus as the subject.
_ABOUT_IT = re.compile(r"^(?:so |and |but |ok )?(?:is|was|does|did|has) (?:it|that|this|that one|this one)\b")
# Words that pick types out: "which ones", "the one that", "types".
_NAMES_TYPES = re.compile(r"\b(?:which|what) (?:types?|ones?|kinds?|conditions?)\b|\bthe ones?\b|\btypes?\b")
# "Of the other two…", "out of the rest…": the listed types but the one in focus.
_OF_THE_REST = re.compile(r"\b(?:of|out of|from|among) the (?:other (?:two|three|four|ones)|rest|others)\b")


def across_question(session: Session, domain: DomainDict, question: Question, state: State) -> Reply | None:
    """A question across types ("which ones start in the hands?"), answered from the attributes, or None."""
    if not question.text:
        return None
    sentence = across.across_sentence(question.text)
    if _ABOUT_IT.match(normalise(sentence)) and state.focus not in (None, *_GROUPS) and not question.named:
        return None  # "is that the most common kind?" of the one in focus: about it, not across the types
    asked = across.attribute_question(session, sentence)
    types_named = [c for c in question.named if c not in _GROUPS]
    if asked is None and state.defined and not types_named and _THAT.search(normalise(sentence)):
        # "What's hyperreflexia?", then "which of the two would have that?" or "damage to which motor neurons
        # causes that?": the word just explained.
        with_word = f"{sentence} {state.defined}"
        asked = across.attribute_question(session, with_word)
        sign = across.attribute_question(session, with_word, require_across=False, attribute_only="signs")
        kinds = neuron_kind_facts(session, sign, sentence, state.focus == "motor_neuron") if sign else []
        if kinds:
            return _neuron_kinds(kinds)
    parts = sentences(question.text)
    # ("is there any support out there for people like us?" asks no type: it must pick types out)
    like_us = bool(_LIKE_US.search(sentence)) and bool(_NAMES_TYPES.search(normalise(sentence)))
    if asked is None and sentence in parts[1:] and (_ONLY_BACK.match(normalise(sentence)) or like_us):
        # "Two of our residents have types that mostly affect men. Which types are those?": what is asked
        # across the types was said in the sentence before.
        sentence = f"{parts[parts.index(sentence) - 1]} {sentence}"
        asked = across.attribute_question(session, sentence, require_across=False)
    if asked is None or question.worded_topic not in (None, asked.topic):
        # ("what kind of non genetic things might be involved?" asks the other causes, not which are genetic)
        return None
    kinds = neuron_kind_facts(session, asked, sentence, state.focus == "motor_neuron")
    if kinds:
        # "And which ones cause muscle wasting?" about motor neurons: the kind whose loss does it.
        return _neuron_kinds(kinds)
    if state.listed and (asked.among_listed or _OF_TWO.search(normalise(sentence))):
        # "Which of the two is…": what tells the listed ones apart.
        asked = across.attribute_question(session, sentence, telling_among=state.listed) or asked
    # Only names in the asking sentence count: in "My husband has PPS. Which of these cause pain?"
    # PPS is the husband's, the question is across the types.
    here = set(names.find_conditions(session, sentence))
    named = [c for c in question.named if c not in ("mnd", "motor_neuron") and c in here]
    among = None
    picks_from_last = asked.among_listed or (state.listed_kind == "pair" and _ONE.search(normalise(question.text)))
    talked = [c for c in state.history if c not in _GROUPS]
    rest = [c for c in state.listed if c != state.focus] if _OF_THE_REST.search(normalise(sentence)) else []
    if rest and len(rest) < len(state.listed):
        among = rest  # "of the other two, which one affects speech?": the listed ones but the one just answered
    elif picks_from_last and state.listed:
        among = state.listed
    elif picks_from_last and _OF_TWO.search(normalise(sentence)) and len(talked) >= 2:
        among = talked[-2:]  # "which of the two is inherited?" after asking about two types in turn
    elif len(named) >= 3 and _ONE.search(normalise(sentence)):
        among = named  # "Out of ALS, PLS and PMA, which one affects only the lower neurons?" (two: compared)
    elif (
        _PICKS.search(normalise(sentence))
        and across.asks_for_others(sentence)
        # (the whole message: "my toddler has SMA. are there other motor neuron diseases that affect kids?")
        and (mentioned := _left_out(session, question.text, state))
    ):
        # "Wife has PLS. Which other types only affect one kind?": every type that does but PLS.
        among = [c.slug for c in queries.conditions(session) if c.slug not in (*mentioned, *_GROUPS)]
    elif named or len([c for c in question.named if c not in _GROUPS]) == 2 and _ONE.search(normalise(sentence)):
        # "which kind of MND is PMA?" is about PMA; two named ones are compared ("PBP or ALS - which one hits
        # speech?", the two named before the question)
        return None
    # "Are there other ones that mostly get guys?" after Kennedy's: every type that does, Kennedy's
    # too (the one talked about was not named as the one to leave out).
    reply = across_reply(session, domain, asked, among)
    if _WHICH_IS_IT.search(normalise(sentence)) and reply.conditions and len(reply.conditions) == 1:
        # "My friend has one but I can't remember the name. It's the one that only affects the upper motor
        # neurons?": that one, named and said what it is.
        one = topic_reply(session, domain, replace(question, text=""), reply.conditions[0], topic="definition")
        if one is not None and one.facts and one.kind == "answer":
            return one
    return reply


def _neuron_kinds(facts: list[Fact]) -> Reply:
    """The general facts saying which kind of motor neuron a sign of damage comes from."""
    return Reply("answer", "motor_neuron", "upper_lower", [f.answer for f in facts], facts, answered_for="mnd")


def _left_out(session: Session, text: str, state: State) -> list[str]:
    """The types "the other ones" leave out: those named in the message, or the one whose it is ("apart from
    mine, which other types mostly hit men?", "others that mainly hit men like his does")."""
    named = [c for c in names.find_conditions(session, text) if c not in _GROUPS]
    if named:
        return named
    pointing = _WHOSE_ONE.search(normalise(text))
    whose = people.pointed_at(text, state.people, state.opened) if pointing else None
    if pointing and whose is None and pointing.group(0) in ("his", "hers"):
        whose = people.of_pronoun(pointing.group(0), state.people)  # "like his does"
    return [whose] if whose and whose not in _GROUPS else []


_WHOSE_ONE = re.compile(r"\b(?:mine|his|hers|theirs|my \w+s(?: one| type)?)\b")


# Asking which one a description fits, as one: "it's the one that only affects the upper motor neurons?",
# "what's the one that starts in the hands called?".
_WHICH_IS_IT = re.compile(
    r"(?<!\bis )\b(?:it s|its|it is|thats|that s|that is) (?:the|a) (?:one|type|kind) (?:that|which|where|with)\b"
    r"|\bwhat (?:s|is) (?:the )?(?:one|type|kind) (?:that|which|where|with)\b.{0,60}\bcalled\b"
    r"|\b(?:the )?name of the (?:one|type|kind) (?:that|which|where|with)\b"
)


def among_listed(session: Session, domain: DomainDict, question: Question, state: State) -> Reply | None:
    """ "Which of those affect chewing?": the listed types whose own facts say what is asked, or None
    when the question is not about the listed types as a group."""
    if not question.text or not _AMONG_LISTED.search(normalise(question.text)):
        return None
    listed = [c for c in state.listed if c]
    counted = _THOSE_N.search(normalise(question.text))
    if counted:
        # "Which of those three…" after asking about three types one by one: the last three.
        size = _COUNTS[counted.group(1)]
        if len(listed) != size:
            talked = [c for c in state.history if c not in ("mnd", "motor_neuron")]
            listed = talked[-size:] if len(talked) >= size else listed
    if len(listed) < 2:
        return None
    index = index_for(session)
    asked = strip_mentions(question_part(question.text))
    if not index.terms(asked):
        return None
    found = []
    for slug in listed:
        own = [
            s
            for s in index.rank(asked, conditions=[slug], topic_weights=question.topic_weights)
            if not s.item.is_gap and s.item.condition == slug
        ]
        if own and own[0].lexical >= DETAIL_MATCH:
            found.append((slug, own[0]))
    shorts = [short_name(session, c) for c in listed]
    names = ", ".join(shorts[:-1]) + " and " + shorts[-1]
    facts = queries.facts_by_id(session, [s.item.id for _, s in found])
    if not found:
        # "Do both of them get worse with time?": nothing on it for those types; what it says for MND in
        # general, if it says anything, with that said first.
        general = topic_reply(session, domain, replace(question, text=asked), "mnd")
        if general is not None and general.facts and general.kind in ("answer", "not_covered"):
            lead = say(domain, "utter_detail_general", name=names, parent_name=short_name(session, "mnd"))
            return Reply("not_covered", "mnd", general.topic, [lead, *general.parts], general.facts, conditions=listed)
        return Reply("not_covered", "mnd", None, [say(domain, "utter_listed_none", names=names)], conditions=None)
    topic = found[0][1].topic
    parts = [say(domain, "utter_listed_intro", names=names)] + [
        naming(session, f.condition_slug, f.answer) for f in facts
    ]
    reply = Reply("answer", "mnd", topic, parts, facts, conditions=[slug for slug, _ in found])
    if len(found) >= 2:
        reply.listed = reply.conditions  # "the first one" counts from what was just shown
    return reply


def naming(session: Session, slug: str, text: str) -> str:
    """A fact in a list of types, led by its type's name when the fact does not say it ("PPS: The cold…")."""
    short = short_name(session, slug)
    return text if short.lower() in text.lower() else f"{short}: {text}"

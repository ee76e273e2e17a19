"""Composing an answer from the ranked facts: lead with what answers the question, keep it short.

A narrow question gets a narrow answer: the best-matching fact, plus the next ones only if they
match almost as well, up to about three sentences; "tell me more" continues with the rest, in
ranked order. When the store holds a lost list the question asks for, or nothing on the detail
asked, the reply says so honestly (``not_covered``) and gives what the material does say nearby.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.conversation import State
from actions.understanding import Question
from actions.wording import say
from bot.facts import across, queries
from bot.facts.models import Fact, Gap
from bot.facts.ranking import Scored, choose_topic, index_for
from bot.facts.vocab import DEFAULT_CONDITION_FOR_TOPIC

MAX_SENTENCES = 3
# A further fact joins the lead when it scores at least this share of the lead's score.
COMPANION_SHARE = 0.7
# How well a lost list must match the question to be what it asks for, and by how much it must
# beat the best fact.
GAP_EXAMPLE, GAP_LEXICAL, GAP_MARGIN = 0.3, 0.5, 0.05
# Below this share of the question covered, words the material never uses mean it is not covered.
UNKNOWN_LEXICAL = 0.35
# The type's own best fact is "about something else" below this match, and the general facts
# answer the detail when they match at least this well.
WEAK_MATCH, STRONG_MATCH = 0.2, 0.45
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass
class Reply:
    """One message to send, before it is turned into text, buttons and payload."""

    kind: str
    condition: str | None
    topic: str | None
    parts: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    answered_for: str | None = None
    conditions: list[str] | None = None
    more: list[str] = field(default_factory=list)
    listed: list[str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return " ".join(p for p in self.parts if p)


def sentences(text: str) -> int:
    return len([s for s in _SENTENCE.split(text.strip()) if s])


def topic_reply(
    session: Session,
    domain: DomainDict,
    question: Question,
    condition: str | None,
    *,
    topic: str | None = None,
    inherited: bool = False,
) -> Reply | None:
    """The answer to ``question`` about ``condition`` (its topic decided here unless given), or None.

    ``condition`` None means the question named none: the topic's default (MND, or motor neurons
    for what they do) is asked about, and an answer that is about one type says so.
    """
    index = index_for(session)
    named = condition is not None
    slug = condition or DEFAULT_CONDITION_FOR_TOPIC.get(question.intent_topic or "definition", "mnd")
    kwargs: dict[str, Any] = {"leads": question.leads, "carer": question.carer}
    if topic is None:
        if question.is_payload:
            topic = question.intent_topic or "definition"
        else:
            pool = _pool(session, slug)
            everything = index.rank(question.text, conditions=pool, topic_weights=question.topic_weights, **kwargs)
            topic = choose_topic(everything, question.topic_weights) or question.intent_topic or "definition"
    if slug == "motor_neuron" and topic == "types":
        slug = "mnd"  # the diseases that attack motor neurons are the types of MND
    cond = queries.condition(session, slug)
    if cond is None:
        return None
    parent = cond.parent_slug
    weights = {**question.topic_weights, topic: max(1.0, question.topic_weights.get(topic, 0.0))}
    scored = index.rank(question.text, conditions=_pool(session, slug), topic_weights=weights, topics=[topic], **kwargs)
    own = [s for s in scored if slug in s.item.conditions and not s.item.is_gap]
    general = [s for s in scored if parent and slug not in s.item.conditions and not s.item.is_gap]
    gaps = [s for s in scored if s.item.is_gap]
    facts = {f.id: f for f in queries.facts_by_id(session, [s.item.id for s in own + general])}
    name, topic_label = cond.short_name, _topic_label(session, topic)
    best = own[0] if own else (general[0] if general else None)
    unknown = index.unknown_words(question.text) if question.text else []

    if not named and unknown and (best is None or best.lexical < 0.2) and not question.pronoun:
        # Nothing named and the words are not the material's: probably another illness or subject.
        return Reply(
            "out_of_scope",
            None,
            None,
            [say(domain, "utter_not_in_material", words=" ".join(unknown)), say(domain, "utter_scope_short")],
        )

    lost = gaps[0] if gaps and (gaps[0].example >= GAP_EXAMPLE or gaps[0].lexical >= GAP_LEXICAL) else None
    if lost is not None and question.text and (best is None or lost.score >= best.score + GAP_MARGIN):
        gap = session.get(Gap, lost.item.id)
        nearby = _chosen(own or general, facts)
        reply = Reply("not_covered", slug, topic, [say(domain, "utter_gap", missing=gap.missing)], nearby, [gap])
        if nearby:
            reply.parts.append(say(domain, "utter_material_says"))
            reply.parts.extend(f.answer for f in nearby)
        reply.parts.append(say(domain, "utter_ask_provider"))
        reply.answered_for = nearby[0].condition_slug if nearby else gap.condition_slug
        return reply

    if own:
        lead = own[0]
        strong_general = general and general[0].lexical + general[0].example >= STRONG_MATCH
        if question.text and lead.lexical + lead.example < WEAK_MATCH and strong_general:
            chosen = _chosen(general, facts)
            parts = [say(domain, "utter_detail_general", name=name, parent_name=_name(session, parent))]
            return Reply("not_covered", slug, topic, parts + [f.answer for f in chosen], chosen, answered_for=parent)
        chosen = _chosen(own, facts)
        if unknown and lead.lexical < UNKNOWN_LEXICAL:
            parts = [
                say(domain, "utter_not_in_material", words=" ".join(unknown)),
                say(domain, "utter_what_it_says", topic_label=topic_label, name=name),
            ]
            return Reply("not_covered", slug, topic, parts + [f.answer for f in chosen], chosen, answered_for=slug)
        reply = Reply("answer", slug, topic, [f.answer for f in chosen], chosen, answered_for=slug)
        if not named and chosen[0].condition_slug != slug:
            # "What is riluzole for?" is answered by a fact about ALS: the answer is about ALS.
            lead_cond = queries.condition(session, chosen[0].condition_slug)
            if lead_cond is not None and lead_cond.parent_slug == slug:
                reply.condition = reply.answered_for = lead_cond.slug
        reply.more = [s.item.id for s in own if s.item.id not in {f.id for f in chosen}]
        return reply

    if general:
        chosen = _chosen(general, facts)
        if unknown and general[0].lexical < UNKNOWN_LEXICAL:
            parts = [say(domain, "utter_not_in_material", words=" ".join(unknown))]
            parts.append(
                say(
                    domain,
                    "utter_fallback_to_parent",
                    name=name,
                    parent_name=_name(session, parent),
                    topic_label=topic_label,
                )
            )
            return Reply("not_covered", slug, topic, parts + [f.answer for f in chosen], chosen, answered_for=parent)
        key = "utter_general_instead" if inherited else "utter_fallback_to_parent"
        parts = [say(domain, key, name=name, parent_name=_name(session, parent), topic_label=topic_label)]
        reply = Reply("answer", slug, topic, parts + [f.answer for f in chosen], chosen, answered_for=parent)
        reply.more = [s.item.id for s in general if s.item.id not in {f.id for f in chosen}]
        return reply
    return None


def _pool(session: Session, slug: str) -> list[str]:
    cond = queries.condition(session, slug)
    return [slug, *([cond.parent_slug] if cond is not None and cond.parent_slug else [])]


def _chosen(scored: list[Scored], facts: dict[str, Fact]) -> list[Fact]:
    """The lead, then companions scoring nearly as well, within the sentence budget, in ranked order."""
    chosen: list[Fact] = []
    used = 0
    for s in scored:
        fact = facts.get(s.item.id)
        if fact is None:
            continue
        if chosen and (s.score < COMPANION_SHARE * scored[0].score or used + sentences(fact.answer) > MAX_SENTENCES):
            break
        chosen.append(fact)
        used += sentences(fact.answer)
    return chosen


def across_reply(
    session: Session, domain: DomainDict, asked: across.AttributeQuestion, among: list[str] | None = None
) -> Reply:
    """Which types have what was asked ("mostly affect men"), one fact each, in document order."""
    found = across.conditions_with(session, asked, among)
    phrase = " or ".join(asked.phrases)
    group = "mnd"
    if found:
        parts = [say(domain, "utter_across_intro", phrase=phrase)] + [f.fact.answer for f in found]
        conditions = [f.condition for f in found]
        reply = Reply("answer", group, asked.topic, parts, [f.fact for f in found], conditions=conditions)
        reply.listed = conditions
        return reply
    nearby = across.conditions_with(session, across_any(asked), among)[:3]
    parts = [say(domain, "utter_across_none", phrase=phrase)]
    if nearby:
        parts.append(say(domain, "utter_material_says"))
        parts.extend(f.fact.answer for f in nearby)
    conditions = [f.condition for f in nearby]
    return Reply("not_covered", group, asked.topic, parts, [f.fact for f in nearby], conditions=conditions or None)


def across_any(asked: across.AttributeQuestion) -> across.AttributeQuestion:
    """The same question for any value of its attribute (what the material says nearby)."""
    from dataclasses import replace

    return replace(asked, values=(), phrases=(), only=False)


def _name(session: Session, slug: str | None) -> str:
    cond = queries.condition(session, slug) if slug else None
    return cond.short_name if cond else "MND"


def _topic_label(session: Session, slug: str) -> str:
    top = queries.topic(session, slug)
    return top.label if top else slug.replace("_", " ")


def compare_reply(
    session: Session, domain: DomainDict, question: Question, conditions: list[str], topic: str | None
) -> Reply | None:
    """Two or more named conditions and one topic ("PLS and PMA, where does each start?"): each
    condition's answer on that topic, in one comparison message."""
    parts: list[str] = []
    facts: list[Fact] = []
    gaps: list[Gap] = []
    chosen_topic = topic
    for slug in conditions:
        reply = topic_reply(session, domain, question, slug, topic=chosen_topic)
        if reply is None or reply.kind == "out_of_scope":
            continue
        chosen_topic = reply.topic
        lead = say(domain, "utter_compare_part", name=_name(session, slug))
        parts.append(f"{lead} {reply.text}")
        facts += [f for f in reply.facts if f not in facts]
        gaps += [g for g in reply.gaps if g not in gaps]
    if not parts:
        return None
    first, second = _name(session, conditions[0]), _name(session, conditions[1])
    intro = say(
        domain,
        "utter_compare_topic",
        first=first,
        second=second,
        topic_label=_topic_label(session, chosen_topic or "definition"),
    )
    reply = Reply("compare", conditions[0], chosen_topic, [intro, *parts], facts, gaps, conditions=list(conditions))
    reply.listed = list(conditions)
    return reply


def across_question(session: Session, domain: DomainDict, question: Question, state: State) -> Reply | None:
    """A question across types ("which ones start in the hands?"), answered from the attributes, or None."""
    if not question.text:
        return None
    asked = across.attribute_question(session, question.text)
    if asked is None:
        return None
    named = [c for c in question.named if c not in ("mnd", "motor_neuron")]
    among = None
    if asked.among_listed and state.listed:
        among = state.listed
    elif named:
        return None  # "which kind of MND is PMA?" is about PMA; two named ones are compared
    return across_reply(session, domain, asked, among)

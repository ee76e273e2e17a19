"""Scoring a question's candidates (the facts and gaps of bot/facts/ranking.py's index), and the topic chosen.

How a candidate scores against a question (all parts between 0 and 1, then weighted):
- ``lexical``: how much of the question's meaning (its terms weighted by rarity, idf) the fact's
  text covers; the answer counts most, then the example questions, glossary words and detail;
- ``example``: how close the question is to the closest of the fact's example questions
  (weighted Jaccard);
- ``prior``: the intent classifier's probability for the topics the fact answers: a strong prior,
  not a wall, so a fact filed under another topic still wins when it answers the question;
- a bonus when a question about blame or "why" meets a fact marked to lead such answers, and a
  bonus or malus when a carer's question meets a fact worded for carers or for the patient.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.facts.ranking import Item

FIELD_WEIGHTS = {"answer": 1.0, "ask": 0.9, "term": 0.6, "detail": 0.5}
# A gap's keys are not matched for relevance: a question asks for a missing list only if it uses one.
GATE_FIELD = "key"
WEIGHTS = {"lexical": 1.0, "example": 1.2, "prior": 0.8}
# Words asked one against the other (stems): a fact whose answer says only the other one of a pair the
# question names one of loses this much ("what happens when the upper ones are damaged?").
CONTRASTS = (("upper", "lower"), ("lower", "upper"))
CONTRAST_PENALTY = 0.8
# A question that names no condition is about its default one (MND) unless another's fact matches
# better by at least this much ("what is riluzole for?" is about ALS).
PREFER_BONUS = 0.35
# How much a topic's best example question and best fact text count against the classifier's weight
# when choosing the topic: a fact that covers the question's own words pulls the topic its way.
EXAMPLE_EVIDENCE, LEXICAL_EVIDENCE = 0.8, 0.6
LEAD_BONUS = 0.6
AUDIENCE_BONUS = 0.35
# A fact filed under the one topic asked about is the better default answer to it.
PRIMARY_BONUS = 0.15


@dataclass(frozen=True)
class Scored:
    """A candidate with its score and the parts it is made of."""

    item: Item
    score: float
    lexical: float
    example: float
    prior: float
    topic: str  # the topic of this item that the question is most likely about


class Scorer:
    """What :class:`~bot.facts.ranking.SearchIndex` does with a question: score its candidates and rank them.

    Mixed into the index, whose statistics and per-item tables (worked out once per build) it reads.
    """

    items: dict[str, Item]
    idf: dict[str, float]
    default_idf: float
    _best: dict[str, dict[str, float]]
    _topical: dict[str, frozenset[str]]
    _said: dict[str, frozenset[str]]
    _example_sets: dict[str, list[tuple[str, frozenset[str]]]]
    terms: Callable[[str], Counter[str]]
    weight: Callable[[str], float]

    def rank(
        self,
        text: str,
        *,
        conditions: Iterable[str] | None,
        topic_weights: Mapping[str, float],
        topics: Iterable[str] | None = None,
        leads: Iterable[str] = (),
        carer: bool = False,
        prefer: Iterable[str] = (),
    ) -> list[Scored]:
        """Candidates about any of ``conditions`` (None: all) and, if given, any of ``topics``, best
        first; those about a ``prefer`` condition get a bonus (the one a question defaults to)."""
        wanted = set(conditions) if conditions is not None else None
        preferred = set(prefer)
        allowed = set(topics) if topics is not None else None
        query = self.terms(text)
        asked = frozenset(query)
        total = sum(self.weight(t) for t in query) or 1.0
        asked_leads = set(leads)
        scored = []
        for item in self.items.values():
            if wanted is not None and not item.conditions & wanted:
                continue
            if allowed is not None and not allowed.intersection(item.topics):
                continue
            if item.is_gap and asked.isdisjoint(item.fields.get(GATE_FIELD, {})):
                continue
            result = self._score(item, query, asked, total, topic_weights, asked_leads, carer, allowed)
            if preferred & item.conditions:
                result = Scored(
                    result.item, result.score + PREFER_BONUS, result.lexical, result.example, result.prior, result.topic
                )
            scored.append(result)
        scored.sort(key=lambda s: (-s.score, s.item.position))
        return scored

    def _score(
        self,
        item: Item,
        query: Counter[str],
        asked: frozenset[str],
        total: float,
        topic_weights: Mapping[str, float],
        leads: set[str],
        carer: bool,
        allowed: set[str] | None,
    ) -> Scored:
        idf, default = self.idf, self.default_idf
        best_of, topical = self._best[item.id], self._topical[item.id]
        covered = 0.0
        for term in query:
            best = best_of.get(term, 0.0)
            if term in topical:
                best = max(best, FIELD_WEIGHTS["answer"])
            covered += best * idf.get(term, default)
        lexical = covered / total
        example = 0.0
        example_topic = None
        for topic, terms in self._example_sets[item.id]:
            if asked.isdisjoint(terms):
                continue  # shares no term: its closeness is 0
            union = sum(idf.get(t, default) for t in asked | terms) or 1.0
            inter = sum(idf.get(t, default) for t in asked & terms)
            if inter / union > example:
                example, example_topic = inter / union, topic
        candidates = [t for t in item.topics if allowed is None or t in allowed]
        topic = max(
            candidates, key=lambda t: topic_weights.get(t, 0.0) + (0.5 * example if t == example_topic else 0.0)
        )
        prior = max((topic_weights.get(t, 0.0) for t in item.topics), default=0.0)
        score = WEIGHTS["lexical"] * lexical + WEIGHTS["example"] * example + WEIGHTS["prior"] * prior
        if allowed is not None and len(allowed) == 1 and item.topics[0] in allowed:
            score += PRIMARY_BONUS
        said = self._said[item.id]
        for one, other in CONTRASTS:
            if one in asked and other not in asked and other in said and one not in said:
                score -= CONTRAST_PENALTY  # "when the upper ones are damaged": not the lower ones' fact
        if leads & item.leads:
            score += LEAD_BONUS
        elif "blame" in item.leads:
            score -= LEAD_BONUS  # "it is not your fault" answers blame, not "what causes it?"
        if allowed is not None:  # who it is worded for matters once the topic is settled
            if item.audience == "carer":
                score += AUDIENCE_BONUS if carer else -AUDIENCE_BONUS
            elif item.audience == "patient" and carer:
                score -= AUDIENCE_BONUS
        return Scored(item, score, lexical, example, prior, topic)


def choose_topic(scored: list[Scored], topic_weights: Mapping[str, float], *, top: int = 8) -> str | None:
    """The topic a question is most likely about: the classifier's weights, plus how well the best
    candidates of each topic match it (their example questions first, then their text). Only topics
    some candidate answers are chosen: the classifier's topic is a prior, not a wall."""
    scored = [s for s in scored if not s.item.is_gap]  # a lost list says nothing about the topic
    answerable = {t for s in scored for t in s.item.topics}
    evidence: dict[str, float] = {t: w for t, w in topic_weights.items() if t in answerable}
    best_example: dict[str, float] = {}
    best_lexical: dict[str, float] = {}
    for s in scored[:top]:
        for topic in s.item.topics:
            best_lexical[topic] = max(best_lexical.get(topic, 0.0), s.lexical)
        best_example[s.topic] = max(best_example.get(s.topic, 0.0), s.example)
    for topic in set(best_example) | set(best_lexical):
        evidence[topic] = (
            evidence.get(topic, 0.0)
            + EXAMPLE_EVIDENCE * best_example.get(topic, 0.0)
            + LEXICAL_EVIDENCE * best_lexical.get(topic, 0.0)
        )
    if not evidence:
        return None
    return max(evidence, key=lambda t: evidence[t])

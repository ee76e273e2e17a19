"""Finding the facts that answer a question: an index of every fact and gap, and a ranking.

The index is built from the search terms the loader stored with each fact and gap (bot/facts/words.py:
stems and word groups of its answer, detail, glossary words and example questions), once per build
of the store, and kept in memory; a question costs a few dictionary look-ups per candidate.

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

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts.builds import current_build, per_build
from bot.facts.models import (
    AttributeWord,
    ConditionAlias,
    EverydayWord,
    Example,
    Fact,
    FactCondition,
    FactLead,
    FactTopic,
    Gap,
    SearchTerm,
    Topic,
    WordGroup,
)
from bot.facts.text import normalise
from bot.facts.words import Vocabulary, question_part

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
# A word used in at least this many training questions is an everyday word, not a detail asked about.
EVERYDAY_COUNT = 3
LEAD_BONUS = 0.6
AUDIENCE_BONUS = 0.35
# A fact filed under the one topic asked about is the better default answer to it.
PRIMARY_BONUS = 0.15
# How many questions' search terms the index keeps (a turn ranks its question up to three times).
RECENT_QUESTIONS = 64
HEDGES = (
    "usually",
    "usual",
    "common",
    "commonly",
    "likely",
    "most",
    "often",
    "normally",
    "normal",
    "typical",
    "typically",
    "generally",
    "mainly",
    "mostly",
)


@dataclass
class Item:
    """A fact or a gap as the ranking sees it."""

    id: str
    is_gap: bool
    condition: str
    conditions: frozenset[str]
    topics: tuple[str, ...]  # its own topic first
    leads: frozenset[str]
    audience: str | None
    position: int
    fields: dict[str, dict[str, int]] = field(default_factory=dict)
    examples: list[tuple[str, dict[str, int]]] = field(default_factory=list)


@dataclass(frozen=True)
class Scored:
    """A candidate with its score and the parts it is made of."""

    item: Item
    score: float
    lexical: float
    example: float
    prior: float
    topic: str  # the topic of this item that the question is most likely about


class SearchIndex:
    """Every fact and gap of one build, with the statistics the ranking needs."""

    def __init__(
        self,
        build: str,
        items: list[Item],
        vocabulary: Vocabulary,
        names: Iterable[str],
        other_words: Iterable[str] = (),
        everyday: Iterable[str] = (),
        topic_words: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.build = build
        # The words that name a topic ("symptoms", "treatment"): every fact of the topic covers them,
        # so "what are the symptoms of PPS?" is answered by PPS's symptom facts that never say "symptom".
        self.topic_words = dict(topic_words or {})
        self.items = {item.id: item for item in items}
        self.vocabulary = vocabulary
        df: Counter[str] = Counter()
        for item in items:
            seen: set[str] = set()
            for terms in item.fields.values():
                seen.update(terms)
            for _, terms in item.examples:
                seen.update(terms)
            df.update(seen)
        n = max(1, len(items))
        self.idf = {term: math.log(1.0 + n / count) for term, count in df.items()}
        self.default_idf = math.log(1.0 + n)
        # Condition names match every fact of their condition alike: they say nothing about the detail.
        # They are left out as whole names ("spinal muscular atrophy"), not word by word: "muscles" or
        # "progressive" on their own are what a question asks about.
        names = [n for n in (normalise(name) for name in names) if n]
        self.name_terms = frozenset(t for name in names for t in vocabulary.terms(name))
        pattern = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
        self._names = re.compile(rf"\b(?:{pattern})\b") if names else None
        # Words the material uses (facts, examples, attributes), and everyday words of questions.
        self.known = frozenset(df) | frozenset(other_words)
        self.everyday = frozenset(everyday)
        self.familiar = self.name_terms | self.known | self.everyday
        # What scoring asks of each item for every question, worked out once: the best field weight
        # of each of its terms, the words naming its topics, and each example question's terms as a set.
        self._best: dict[str, dict[str, float]] = {}
        self._topical: dict[str, frozenset[str]] = {}
        self._said: dict[str, frozenset[str]] = {}  # the terms of its answer itself
        self._example_sets: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for item in items:
            best: dict[str, float] = {}
            for name, terms in item.fields.items():
                for term in terms:
                    best[term] = max(best.get(term, 0.0), FIELD_WEIGHTS.get(name, 0.0))
            self._best[item.id] = best
            self._topical[item.id] = frozenset().union(*(self.topic_words.get(t, ()) for t in item.topics))
            self._example_sets[item.id] = [(topic, frozenset(terms)) for topic, terms in item.examples]
            self._said[item.id] = frozenset(item.fields.get("answer", {}))
        # The search terms of the last few questions (a turn ranks the same question up to three times).
        self._recent: dict[str, Counter[str]] = {}

    def terms(self, text: str) -> Counter[str]:
        """The question's search terms, without condition names."""
        found = self._recent.get(text)
        if found is None:
            plain = normalise(text)
            if self._names is not None:
                plain = self._names.sub(" ", plain)
            found = Counter(self.vocabulary.terms(plain))
            if len(self._recent) >= RECENT_QUESTIONS:
                self._recent.clear()
            self._recent[text] = found
        return Counter(found)

    @cached_property
    def hedge_terms(self) -> frozenset[str]:
        """The terms of words that ask how usual something is ("who usually gets PMA?", "who is most likely
        to get it?"): a question with only these asks the topic, not a detail of it."""
        return frozenset(self.vocabulary.terms(" ".join(HEDGES)))

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.default_idf)

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

    def unknown_words(self, text: str, named: Collection[str] = ()) -> list[str]:
        """Words of the question's own sentence that nothing in the store uses, nor a near spelling of
        such a word, and that are not everyday words of questions ("son", "yesterday"), nor ``named``:
        the words of names found in it ("bull bar palsy", as voice typing writes "bulbar palsy")."""
        from rapidfuzz import fuzz, process

        from bot.facts.text import normalise
        from bot.facts.words import RELATIVES, STOP_WORDS, stem

        found = []
        for word in normalise(question_part(text)).split():
            if word in STOP_WORDS or len(word) < 4 or word.isdigit() or word in named:
                continue
            if word.removesuffix("s") in RELATIVES:
                continue  # who is asking about whom ("my client", "our residents"), not what
            term = stem(word)
            if term in self.familiar or self.vocabulary.single.get(term):
                continue
            if process.extractOne(term, self.known, scorer=fuzz.ratio, score_cutoff=80) is not None:
                continue  # a typo of a word the material uses
            found.append(word)
        return found


def index_for(session: Session) -> SearchIndex:
    """The search index of the store's current build, built on first use and then reused."""
    return per_build(session, "search index", lambda s: load_index(s, current_build(s)))


def load_index(session: Session, build: str = "") -> SearchIndex:
    """Read every fact and gap with its search terms from the store."""
    topics: dict[str, list[tuple[bool, str]]] = defaultdict(list)
    for fact_id, topic, primary in session.execute(select(FactTopic.fact_id, FactTopic.topic_slug, FactTopic.primary)):
        topics[fact_id].append((not primary, topic))
    extra: dict[str, set[str]] = defaultdict(set)
    for fact_id, cond in session.execute(select(FactCondition.fact_id, FactCondition.condition_slug)):
        extra[fact_id].add(cond)
    leads: dict[str, set[str]] = defaultdict(set)
    for fact_id, lead in session.execute(select(FactLead.fact_id, FactLead.lead)):
        leads[fact_id].add(lead)
    items: list[Item] = []
    for fact in session.scalars(select(Fact).order_by(Fact.position)):
        items.append(
            Item(
                id=fact.id,
                is_gap=False,
                condition=fact.condition_slug,
                conditions=frozenset({fact.condition_slug, *extra[fact.id]}),
                topics=tuple(t for _, t in sorted(topics[fact.id])),
                leads=frozenset(leads[fact.id]),
                audience=fact.audience,
                position=fact.position,
            )
        )
    offset = len(items)
    for i, gap in enumerate(session.scalars(select(Gap).order_by(Gap.id))):
        items.append(
            Item(
                id=gap.id,
                is_gap=True,
                condition=gap.condition_slug,
                conditions=frozenset({gap.condition_slug}),
                topics=(gap.topic_slug,),
                leads=frozenset(),
                audience=None,
                position=offset + i,
            )
        )
    by_id = {item.id: item for item in items}
    example_topics = dict(session.execute(select(Example.id, Example.topic_slug)).all())
    examples: dict[int, dict[str, int]] = defaultdict(dict)
    example_owner: dict[int, str] = {}
    for item_id, name, example_id, term, count in session.execute(
        select(SearchTerm.item_id, SearchTerm.field, SearchTerm.example_id, SearchTerm.term, SearchTerm.count)
    ):
        item = by_id.get(item_id)
        if item is None:
            continue
        item.fields.setdefault(name, {})[term] = max(count, item.fields.get(name, {}).get(term, 0))
        if example_id is not None:
            examples[example_id][term] = count
            example_owner[example_id] = item_id
    for example_id in sorted(examples):
        by_id[example_owner[example_id]].examples.append((example_topics[example_id], examples[example_id]))
    vocabulary = Vocabulary.from_rows(session.execute(select(WordGroup.number, WordGroup.word)).all())
    names = session.scalars(select(ConditionAlias.text))
    attribute_words = [t for word in session.scalars(select(AttributeWord.word)) for t in vocabulary.terms(word)]
    everyday = session.scalars(select(EverydayWord.term).where(EverydayWord.count >= EVERYDAY_COUNT))
    topic_words = {
        slug: frozenset(vocabulary.terms(label)) for slug, label in session.execute(select(Topic.slug, Topic.label))
    }
    return SearchIndex(build, items, vocabulary, names, attribute_words, everyday, topic_words)


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

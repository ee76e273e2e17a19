"""Finding the facts that answer a question: an index of every fact and gap, and a ranking.

The index is built from the search terms the loader stored with each fact and gap (bot/facts/words.py:
stems and word groups of its answer, detail, glossary words and example questions), once per build
of the store, and kept in memory; a question costs a few dictionary look-ups per candidate. How a
candidate scores against a question, and which topic the question is about: bot/facts/scoring.py.
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
from bot.facts.scoring import FIELD_WEIGHTS, Scorer
from bot.facts.text import normalise
from bot.facts.words import Vocabulary, question_part

# A word used in at least this many training questions is an everyday word, not a detail asked about.
EVERYDAY_COUNT = 3
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


class SearchIndex(Scorer):
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

    @cached_property
    def whole_terms(self) -> frozenset[str]:
        """The terms of words that name no part or detail ("what does SMA do to the body?", "to a person")."""
        return frozenset(self.vocabulary.terms("body bodies person people someone"))

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.default_idf)

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
            if word.endswith("in") and stem(word + "g") in self.familiar:
                continue  # "chokin", "walkin": the g left off
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

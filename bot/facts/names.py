"""Finding the names of conditions and glossary terms in free text, typos and all."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts.builds import per_build
from bot.facts.models import ConditionAlias, GlossaryTerm, OutsideName, TermAlias
from bot.facts.queries import conditions, glossary_term
from bot.facts.text import normalise

# Fuzzy matching only for names long enough that a near miss is still unambiguous;
# short abbreviations (als, pls, sma) must be typed exactly.
FUZZY_MIN_LENGTH = 5
FUZZY_MIN_SCORE = 85.0
# When two different names score within this margin, it is a guess: return nothing.
FUZZY_MARGIN = 4.0
# Each word of a multi-word near miss must itself be close ("does" is not "disease").
FUZZY_MIN_WORD_SCORE = 70.0
# A name may come back from voice typing as up to this many more words than it has.
SPLIT_WORDS_MAX = 3


@dataclass(frozen=True)
class Mention:
    """A name found in free text: what it resolves to and how sure the match is."""

    key: str
    matched: str
    score: float
    start: int

    @property
    def exact(self) -> bool:
        return self.score >= 100.0


@dataclass(frozen=True, eq=False)
class Names:
    """One table of names (normalised alias -> key), read from the store once per build."""

    table: dict[str, str]
    longest: int
    # Names long enough for near misses, by number of words: (name, name without spaces, key), twice:
    # sorted by the name's length and by its length without spaces, with those lengths, so that a
    # phrase is only compared with names of about its length (bisect), not with every name.
    by_name: dict[int, tuple[list[int], tuple[tuple[str, str, str], ...]]]
    by_bare: dict[int, tuple[list[int], tuple[tuple[str, str, str], ...]]]

    @classmethod
    def of(cls, table: dict[str, str]) -> Names:
        fuzzy: dict[int, list[tuple[str, str, str]]] = {}
        for name, key in table.items():
            if len(name) >= FUZZY_MIN_LENGTH:
                fuzzy.setdefault(len(name.split()), []).append((name, name.replace(" ", ""), key))

        def ordered(rows: list[tuple[str, str, str]], part: int) -> tuple[list[int], tuple[tuple[str, str, str], ...]]:
            rows = sorted(rows, key=lambda row: (len(row[part]), row))
            return [len(row[part]) for row in rows], tuple(rows)

        return cls(
            table=table,
            longest=max((len(n.split()) for n in table), default=0),
            by_name={size: ordered(rows, 0) for size, rows in fuzzy.items()},
            by_bare={size: ordered(rows, 1) for size, rows in fuzzy.items()},
        )

    def near(self, size: int, length: int, *, bare: bool) -> tuple[tuple[str, str, str], ...]:
        """The names of ``size`` words whose length (without spaces if ``bare``) could be close to ``length``."""
        lengths, rows = (self.by_bare if bare else self.by_name).get(size, ([], ()))
        low = bisect_left(lengths, length * (1 - _LENGTH_SLACK) - 1)
        high = bisect_right(lengths, (length + 1) / (1 - _LENGTH_SLACK))
        return rows[low:high]

    def get(self, name: str) -> str | None:
        return self.table.get(name)


@dataclass(frozen=True)
class NameTables:
    conditions: Names
    terms: Names
    recognition_only: frozenset[str]
    outside: dict[str, str]


def tables(session: Session) -> NameTables:
    """The name tables of the store's current build (read on first use, then reused)."""
    return per_build(session, "names", _read_tables)


def _read_tables(session: Session) -> NameTables:
    return NameTables(
        conditions=Names.of(dict(session.execute(select(ConditionAlias.normal, ConditionAlias.condition_slug)).all())),
        terms=Names.of(dict(session.execute(select(TermAlias.normal, TermAlias.term)).all())),
        recognition_only=frozenset(
            session.scalars(select(ConditionAlias.normal).where(ConditionAlias.recognition_only))
        ),
        outside=dict(session.execute(select(OutsideName.normal, OutsideName.text)).all()),
    )


def _find(text: str, names: Names, *, exact_only: bool = False) -> list[Mention]:
    """Names mentioned in ``text``, exact first, then near misses (unless ``exact_only``)."""
    return list(_found(text, names, exact_only))


# One turn looks for names in the same message several times (its conditions, its terms, the words
# of names, corrections): the result for the last few texts is kept.
@lru_cache(maxsize=256)
def _found(text: str, names: Names, exact_only: bool) -> tuple[Mention, ...]:
    return tuple(_search(text, names, exact_only=exact_only))


def _search(text: str, names: Names, *, exact_only: bool = False) -> list[Mention]:
    words = normalise(text).split()
    if not words or not names.table:
        return []
    longest = names.longest
    used = [False] * len(words)
    found: list[Mention] = []
    # Longest phrases first, so "motor neurone disese" (a typo of a three-word name)
    # wins over the exact two-word "motor neurone" inside it.
    for size in range(min(longest + (0 if exact_only else SPLIT_WORDS_MAX), len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            if any(used[i : i + size]):
                continue
            phrase = " ".join(words[i : i + size])
            if phrase in names.table:
                found.append(Mention(names.table[phrase], phrase, 100.0, i))
                used[i : i + size] = [True] * size
        if exact_only:
            continue
        # Near misses of this length, the closest first, so "got motor neurone" does not
        # take the words that "motor neurone disese" needs.
        near = [
            m
            for i in range(len(words) - size + 1)
            if not any(used[i : i + size])
            and (m := _near_miss(" ".join(words[i : i + size]), size, names, i)) is not None
        ]
        for mention in sorted(near, key=lambda m: -m.score):
            if not any(used[mention.start : mention.start + size]):
                found.append(mention)
                used[mention.start : mention.start + size] = [True] * size
    return sorted(found, key=lambda m: m.start)


def _near_miss(phrase: str, size: int, names: Names, start: int) -> Mention | None:
    """The name ``phrase`` is a typo of, if one is clearly closest; None when unsure."""
    if len(phrase) < FUZZY_MIN_LENGTH:
        return None
    found = _closest(phrase, size, names)
    if found is None:
        return None
    key, score, split = found
    if split and _holds_a_name(phrase, names, key):
        return None  # "by spinal muscular atrophy" names SMA exactly: not "bulbospinal muscular atrophy"
    return Mention(key, phrase, score, start)


def _holds_a_name(phrase: str, names: Names, key: str) -> bool:
    """Whether some run of the words of ``phrase`` is exactly a name of something other than ``key``
    ("progressive muscular a trophy" holds PMA's own first words, which is no rival)."""
    words = phrase.split()
    return any(
        names.table.get(" ".join(words[i : i + size]), key) != key
        for size in range(1, len(words) + 1)
        for i in range(len(words) - size + 1)
    )


# The ratio of two strings cannot reach FUZZY_MIN_SCORE when their lengths differ by more than this share.
_LENGTH_SLACK = 2 * (1 - FUZZY_MIN_SCORE / 100) / (2 - (1 - FUZZY_MIN_SCORE / 100))


@lru_cache(maxsize=20_000)
def _closest(phrase: str, size: int, names: Names) -> tuple[str, float, bool] | None:
    """(key, score, whether the name has fewer words than ``phrase``) of the name ``phrase`` is clearly a
    typo of; phrases repeat, so results are kept."""
    # Same number of words (a typo inside words); one more when two words were run together
    # ("postpolio syndrome"); fewer when voice typing heard one word as several ("bull bar palsy",
    # "muscular a trophy", "motor new rons", "front oh temporal dementia"): then the letters, spaces
    # left out, must still be close.
    joined = phrase.replace(" ", "")
    last, first = phrase[-1], phrase.split(" ", 1)[0]
    scored = sorted(
        [
            (fuzz.ratio(phrase, name), key, False)
            for name, _, key in names.near(size, len(phrase), bare=False)
            if _lengths_close(phrase, name) and _words_close(phrase, name)
        ]
        + [
            (fuzz.ratio(joined, bare), key, False)
            for _, bare, key in names.near(size + 1, len(joined), bare=True)
            if _lengths_close(joined, bare)
        ]
        + [
            (fuzz.ratio(joined, bare), key, True)
            for words in range(size - 1, max(0, size - SPLIT_WORDS_MAX - 1), -1)
            for name, bare, key in names.near(words, len(joined), bare=True)
            # The pieces start and end where the name does: "has bull bar palsy" is not all a name (the
            # last letters first: the cheapest test, and most names fail it).
            if name[-1] == last and _starts_like(first, name) and _lengths_close(joined, bare)
        ],
        reverse=True,
    )
    if not scored or scored[0][0] < FUZZY_MIN_SCORE:
        return None
    best, key, split = scored[0]
    rivals = [score for score, other, _ in scored[1:] if other != key]
    if rivals and best - rivals[0] < FUZZY_MARGIN:
        return None
    return key, best, split


def _starts_like(first: str, name: str) -> bool:
    """Whether the first word heard (``first``) begins like ``name``'s first word."""
    return fuzz.ratio(first, name.split(" ", 1)[0][: len(first)]) >= FUZZY_MIN_WORD_SCORE


def _lengths_close(a: str, b: str) -> bool:
    return abs(len(a) - len(b)) <= _LENGTH_SLACK * max(len(a), len(b)) + 1


def _words_close(phrase: str, name: str) -> bool:
    return all(fuzz.ratio(a, b) >= FUZZY_MIN_WORD_SCORE for a, b in zip(phrase.split(), name.split(), strict=True))


def find_conditions(session: Session, text: str, *, exact_only: bool = False) -> list[str]:
    """Every condition named in ``text`` (typos allowed unless ``exact_only``), in order, without repeats."""
    slugs: list[str] = []
    for mention in _find(text, tables(session).conditions, exact_only=exact_only):
        if mention.key not in slugs:
            slugs.append(mention.key)
    return slugs


# "pls" is also chat for "please" ("tell me more pls"). Typed in lower case at the end of
# a message, straight after a word that ends a request, it is read as "please".
_PLEASE = {"pls", "plz"}
_NAME_JOINERS = {"and", "or", "vs", "versus", "v", "between", "with", "from", "to", "than", "nor", "not", "like"}
_REQUEST_ENDINGS = set(
    "more it that this me them him her us again thanks thx now asap help on explain explained answer mean "
    "means meaning list info information simply quickly today please thank detail details types kinds".split()
)


def _without_please(text: str, names: Names | None = None) -> str:
    words = text.rstrip(" ?!.").split()
    if len(words) >= 2 and words[-1] in _PLEASE and normalise(words[-2]) in _REQUEST_ENDINGS:
        return " ".join(words[:-1])
    if (
        names
        and len(words) >= 3
        and words[-1] in _PLEASE
        and text == text.lower()
        and normalise(words[-2]) not in _NAME_JOINERS
    ):
        # "treatment for als pls": a lower-case "pls" after another condition's name is "please"
        # ("als and pls", "als vs pls" name two conditions).
        rest = " ".join(words[:-1])
        if any(m.key != names.get("pls") for m in _find(rest, names) if m.exact):
            return rest
    return text


def conditions_in(session: Session, *, entities: Iterable[str], text: str) -> list[str]:
    """Conditions a message names, in the order it names them (entity values fill in what the text lacks).

    "Motor neurons" in general is dropped when a specific condition is also named:
    in "does ALS affect upper or lower motor neurons" the subject is ALS.
    """
    slugs: list[str] = []
    text = _without_please(text, tables(session).conditions)
    entities = [e for e in entities if e.strip().lower() not in _PLEASE or e.strip() == e.strip().upper()]
    for value in [text, *entities]:
        for slug in find_conditions(session, value):
            if slug not in slugs:
                slugs.append(slug)
    if len(slugs) > 1 and "motor_neuron" in slugs:
        slugs.remove("motor_neuron")
    return slugs


def resolve_condition(session: Session, text: str) -> str | None:
    """The condition ``text`` names, or None when it names none or the match is a guess."""
    found = find_conditions(session, text)
    return found[0] if found else None


def whole_term(session: Session, phrase: str) -> str | None:
    """The glossary term ``phrase`` is, all of it (an exact name, a typo or voice typing's pieces), or None."""
    table = tables(session).terms
    words = normalise(phrase).split()
    if " ".join(words) in table.table:
        return table.table[" ".join(words)]
    found = _find(" ".join(words), table)
    if len(found) == 1 and found[0].start == 0 and len(found[0].matched.split()) == len(words):
        return found[0].key
    return None


def find_term(session: Session, text: str) -> GlossaryTerm | None:
    """The glossary term named in ``text`` (typos allowed), or None; a word inside a condition's name
    ("progressive" in "progressive bulbar palsy") names that condition, not the word."""
    known = tables(session)
    names = [(m.start, m.start + len(m.matched.split())) for m in _find(text, known.conditions)]
    mentions = [m for m in _find(text, known.terms) if not _inside(m, names)]
    if not mentions:
        return None
    best = max(mentions, key=lambda m: (m.score, len(m.matched)))
    return glossary_term(session, best.key)


def _inside(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    """Whether ``mention`` is part of a longer name at one of ``spans`` (word positions)."""
    start, end = mention.start, mention.start + len(mention.matched.split())
    return any(a <= start and end <= b and end - start < b - a for a, b in spans)


def term_outside_names(session: Session, text: str, term: str) -> bool:
    """Whether ``term`` (as written) is in ``text`` somewhere other than inside a condition's name."""
    words, wanted = normalise(text).split(), normalise(term).split()
    spans = [(m.start, m.start + len(m.matched.split())) for m in _find(text, tables(session).conditions)]
    size = len(wanted)
    places = [i for i in range(len(words) - size + 1) if words[i : i + size] == wanted]
    return not places or any(not _inside(Mention("", term, 100.0, i), spans) for i in places)


@dataclass(frozen=True)
class NamedCondition:
    """A condition named in a message: where, how it was written, and whether only recognised."""

    slug: str
    start: int  # word position
    matched: str
    recognition_only: bool
    negated: bool  # "not PLS", "no, not ALS": a correction's wrong name


_NEGATORS = {"not", "no", "nor", "isnt", "instead", "besides", "excluding"}
# "Apart from ALS, what other diseases…": left out of what is asked about.
_LEFT_OUT = {"apart from", "other than", "aside from", "except for", "besides from"}


def named_conditions(session: Session, text: str) -> list[NamedCondition]:
    """Every condition named in ``text``, in order, with whether it was negated ("PMA not PLS")."""
    known = tables(session)
    table = known.conditions
    words = normalise(_without_please(text, table)).split()
    recognised = known.recognition_only
    found = []
    for mention in _find(" ".join(words), table):
        before = words[max(0, mention.start - 1) : mention.start]
        two_before = " ".join(words[max(0, mention.start - 2) : mention.start])
        negated = (bool(before) and before[-1] in _NEGATORS) or two_before in _LEFT_OUT or before[-1:] == ["except"]
        found.append(
            NamedCondition(mention.key, mention.start, mention.matched, mention.matched in recognised, negated)
        )
    return found


def outside_names(session: Session, text: str) -> list[str]:
    """Names of illnesses the material does not cover, as written in ``text`` (exact matches only)."""
    table = tables(session).outside
    words = normalise(text).split()
    found = []
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if phrase in table and table[phrase] not in found:
                found.append(table[phrase])
    return found


def without_condition_names(session: Session, text: str) -> str:
    """``text`` (normalised) with the names of conditions left out."""
    words = normalise(text).split()
    for mention in named_conditions(session, text):
        size = len(mention.matched.split())
        words[mention.start : mention.start + size] = [""] * size
    return " ".join(w for w in words if w)


def words_of_names(session: Session, text: str) -> set[str]:
    """The (normalised) words of ``text`` that are part of a condition's or a glossary term's name, typos
    and voice typing's pieces included: not words the material never uses."""
    known = tables(session)
    words = normalise(text).split()
    return {
        word
        for mention in [*_find(text, known.conditions), *_find(text, known.terms)]
        for word in words[mention.start : mention.start + len(mention.matched.split())]
    }


# A short name typed in capitals where a condition's name goes ("what is PBA", "he has PLM", "PBA?"): one
# letter off a known abbreviation it may be a typo of it (not "PIP" in "his PIP form").
_CAPITALS = re.compile(
    r"(?:^|\b(?:is|s|does|has|have|had|got|with|called|about|of|meant|mean)\s+)([A-Z]{3})(?=\s*(?:[?.!,]|$|and\b|or\b|mean))"
)


def near_abbreviations(session: Session, text: str) -> list[str]:
    """The conditions whose three-letter abbreviation an unknown capitalised word is one letter off
    ("PBA": PBP or PMA), in table order; empty when the message names a condition or has no such word."""
    known = tables(session)
    table = known.conditions.table
    if find_conditions(session, text):
        return []
    found: list[str] = []
    for word in _CAPITALS.findall(text):
        if word.lower() in table or word.lower() in known.terms.table:
            continue
        for name, key in table.items():
            close = len(name) == 3 and sum(a != b for a, b in zip(name, word.lower(), strict=True)) == 1
            if close and key not in found and key not in ("mnd", "motor_neuron"):
                found.append(key)
    return found


# Words of a type's name that say nothing of which type it is.
_GENERIC_NAME_WORDS = frozenset({"disease", "syndrome", "s"})


def name_words(session: Session) -> dict[str, str]:
    """The words of the types' own names that belong to one type only ("spinal": SMA, "bulbar": PBP,
    "primary": PLS), which "the spinal one" describes it by."""
    return per_build(session, "name_words", _read_name_words)


def _read_name_words(session: Session) -> dict[str, str]:
    return {w: next(iter(s)) for w, s in name_word_owners(session).items() if len(s) == 1}


# How many words apart the words of one name may be and still name it: "bulbar something palsy".
LOOSE_WINDOW = 4


def loosely_named(session: Session, text: str) -> str | None:
    """The type named by two or more words of its own name with other words among or around them ("my GP said
    something about bulbar something palsy", "the primary lateral one"), or None when they fit more than one
    ("the muscular atrophy one": PMA or SMA) or none."""
    table = name_word_owners(session)
    words = normalise(text).split()
    for start, word in enumerate(words):
        if word not in table:
            continue
        near = [w for w in words[start : start + LOOSE_WINDOW] if w in table]
        if len(set(near)) < 2:
            continue
        owners = frozenset.intersection(*(table[w] for w in near))
        if len(owners) == 1:
            return next(iter(owners))
    return None


def name_word_owners(session: Session) -> dict[str, frozenset[str]]:
    """Every word of the types' own names and the types whose names hold it ("atrophy": PMA and SMA)."""
    return per_build(session, "name_word_owners", _read_name_word_owners)


def _read_name_word_owners(session: Session) -> dict[str, frozenset[str]]:
    owners: dict[str, set[str]] = {}
    for condition in conditions(session):
        if condition.parent is None:
            continue  # MND and motor neurons themselves
        for word in normalise(f"{condition.name} {condition.short_name}").split():
            owners.setdefault(word, set()).add(condition.slug)
    return {w: frozenset(s) for w, s in owners.items() if w not in _GENERIC_NAME_WORDS}

"""Finding the names of one table (bot/facts/name_tables.py) in free text: exact names, then typos and
the pieces voice typing makes of a long word ("bull bar palsy"), with a guess returned as nothing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from bot.facts.name_tables import FUZZY_MIN_LENGTH, FUZZY_MIN_SCORE, LENGTH_SLACK, Names
from bot.facts.text import normalise

# When two different names score within this margin, it is a guess: return nothing.
FUZZY_MARGIN = 4.0
# Each word of a multi-word near miss must itself be close ("does" is not "disease").
FUZZY_MIN_WORD_SCORE = 70.0
# Under this score a name can be neither the closest (FUZZY_MIN_SCORE) nor a rival within the margin.
_FLOOR = FUZZY_MIN_SCORE - FUZZY_MARGIN
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


def find_mentions(text: str, names: Names, *, exact_only: bool = False) -> list[Mention]:
    """Names mentioned in ``text``, exact first, then near misses (unless ``exact_only``)."""
    # Callers pass the message as written, normalised, or rejoined from its words: one search serves all.
    return list(_found(normalise(text), names, exact_only))


# One turn looks for names in the same message several times (its conditions, its terms, the words
# of names, corrections): the result for the last few texts is kept.
@lru_cache(maxsize=256)
def _found(text: str, names: Names, exact_only: bool) -> tuple[Mention, ...]:
    return tuple(_search(text, names, exact_only=exact_only))


def _search(text: str, names: Names, *, exact_only: bool = False) -> list[Mention]:
    words = text.split()
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
    # A name scoring under the floor can be neither the match nor a close rival, so the cheap score comes
    # first (rapidfuzz stops early under the cutoff) and the word-by-word checks run on the few left.
    scored = sorted(
        [
            (score, key, False)
            for name, _, key in names.near(size, len(phrase), bare=False)
            if (score := fuzz.ratio(phrase, name, score_cutoff=_FLOOR))
            and _lengths_close(phrase, name)
            and _words_close(phrase, name)
        ]
        + [
            (score, key, False)
            for _, bare, key in names.near(size + 1, len(joined), bare=True)
            if (score := fuzz.ratio(joined, bare, score_cutoff=_FLOOR)) and _lengths_close(joined, bare)
        ]
        + [
            (score, key, True)
            for words in range(size - 1, max(0, size - SPLIT_WORDS_MAX - 1), -1)
            for name, bare, key in names.near(words, len(joined), bare=True)
            # The pieces start and end where the name does: "has bull bar palsy" is not all a name (the
            # last letters first: the cheapest test, and most names fail it).
            if name[-1] == last
            and (score := fuzz.ratio(joined, bare, score_cutoff=_FLOOR))
            and _starts_like(first, name)
            and _lengths_close(joined, bare)
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
    return abs(len(a) - len(b)) <= LENGTH_SLACK * max(len(a), len(b)) + 1


def _words_close(phrase: str, name: str) -> bool:
    return all(fuzz.ratio(a, b) >= FUZZY_MIN_WORD_SCORE for a, b in zip(phrase.split(), name.split(), strict=True))

"""Finding the names of conditions and glossary terms in free text, typos and all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts.models import ConditionAlias, GlossaryTerm, TermAlias
from bot.facts.text import normalise

# Fuzzy matching only for names long enough that a near miss is still unambiguous;
# short abbreviations (als, pls, sma) must be typed exactly.
FUZZY_MIN_LENGTH = 5
FUZZY_MIN_SCORE = 85.0
# When two different names score within this margin, it is a guess: return nothing.
FUZZY_MARGIN = 4.0
# Each word of a multi-word near miss must itself be close ("does" is not "disease").
FUZZY_MIN_WORD_SCORE = 70.0


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


def _find(text: str, names: dict[str, str]) -> list[Mention]:
    """Names (normalised alias -> key) mentioned in ``text``, exact first, then near misses."""
    words = normalise(text).split()
    if not words or not names:
        return []
    longest = max(len(n.split()) for n in names)
    used = [False] * len(words)
    found: list[Mention] = []
    # Longest phrases first, so "motor neurone disese" (a typo of a three-word name)
    # wins over the exact two-word "motor neurone" inside it.
    for size in range(min(longest, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            if any(used[i : i + size]):
                continue
            phrase = " ".join(words[i : i + size])
            if phrase in names:
                found.append(Mention(names[phrase], phrase, 100.0, i))
                used[i : i + size] = [True] * size
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


def _near_miss(phrase: str, size: int, names: dict[str, str], start: int) -> Mention | None:
    """The name ``phrase`` is a typo of, if one is clearly closest; None when unsure."""
    if len(phrase) < FUZZY_MIN_LENGTH:
        return None
    # Same number of words (a typo inside words), or one more when two words were run
    # together ("postpolio syndrome").
    joined = phrase.replace(" ", "")
    candidates = [(name, key) for name, key in names.items() if len(name) >= FUZZY_MIN_LENGTH]
    scored = sorted(
        [
            (fuzz.ratio(phrase, name), key)
            for name, key in candidates
            if len(name.split()) == size and _words_close(phrase, name)
        ]
        + [
            (fuzz.ratio(joined, name.replace(" ", "")), key)
            for name, key in candidates
            if len(name.split()) == size + 1
        ],
        reverse=True,
    )
    if not scored or scored[0][0] < FUZZY_MIN_SCORE:
        return None
    best, key = scored[0]
    rivals = [score for score, other in scored[1:] if other != key]
    if rivals and best - rivals[0] < FUZZY_MARGIN:
        return None
    return Mention(key, phrase, best, start)


def _words_close(phrase: str, name: str) -> bool:
    return all(fuzz.ratio(a, b) >= FUZZY_MIN_WORD_SCORE for a, b in zip(phrase.split(), name.split(), strict=True))


def _condition_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(ConditionAlias.normal, ConditionAlias.condition_slug)).all())


def _term_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(TermAlias.normal, TermAlias.term)).all())


def find_conditions(session: Session, text: str) -> list[str]:
    """Every condition named in ``text`` (typos allowed), in the order they appear, without repeats."""
    slugs: list[str] = []
    for mention in _find(text, _condition_names(session)):
        if mention.key not in slugs:
            slugs.append(mention.key)
    return slugs


# "pls" is also chat for "please" ("tell me more pls"). Typed in lower case at the end of
# a message, straight after a word that ends a request, it is read as "please".
_PLEASE = {"pls", "plz"}
_REQUEST_ENDINGS = set(
    "more it that this me them him her us again thanks thx now asap help on explain explained answer mean "
    "means meaning list info information simply quickly today please thank detail details".split()
)


def _without_please(text: str, names: dict[str, str] | None = None) -> str:
    words = text.rstrip(" ?!.").split()
    if len(words) >= 2 and words[-1] in _PLEASE and normalise(words[-2]) in _REQUEST_ENDINGS:
        return " ".join(words[:-1])
    if names and len(words) >= 3 and words[-1] in _PLEASE and text == text.lower():
        # "treatment for als pls": a lower-case "pls" after another condition's name is "please".
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
    text = _without_please(text, _condition_names(session))
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


def find_term(session: Session, text: str) -> GlossaryTerm | None:
    """The glossary term named in ``text`` (typos allowed), or None."""
    mentions = _find(text, _term_names(session))
    if not mentions:
        return None
    best = max(mentions, key=lambda m: (m.score, len(m.matched)))
    return session.get(GlossaryTerm, best.key)


@dataclass(frozen=True)
class NamedCondition:
    """A condition named in a message: where, how it was written, and whether only recognised."""

    slug: str
    start: int  # word position
    matched: str
    recognition_only: bool
    negated: bool  # "not PLS", "no, not ALS": a correction's wrong name


_NEGATORS = {"not", "no", "nor", "isnt", "instead"}


def named_conditions(session: Session, text: str) -> list[NamedCondition]:
    """Every condition named in ``text``, in order, with whether it was negated ("PMA not PLS")."""
    table = _condition_names(session)
    words = normalise(_without_please(text, table)).split()
    recognised = set(session.scalars(select(ConditionAlias.normal).where(ConditionAlias.recognition_only)))
    found = []
    for mention in _find(" ".join(words), table):
        before = words[max(0, mention.start - 1) : mention.start]
        negated = bool(before) and before[-1] in _NEGATORS
        found.append(
            NamedCondition(mention.key, mention.start, mention.matched, mention.matched in recognised, negated)
        )
    return found


def outside_names(session: Session, text: str) -> list[str]:
    """Names of illnesses the material does not cover, as written in ``text`` (exact matches only)."""
    from bot.facts.models import OutsideName

    table = dict(session.execute(select(OutsideName.normal, OutsideName.text)).all())
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

"""Finding the names of conditions in free text, typos and all, and what a message says of them.

The name tables are read once per build (bot/facts/name_tables.py) and searched, typos and voice
typing's pieces included, by bot/facts/name_matching.py. Glossary terms are found by
bot/facts/name_terms.py and types named loosely ("the spinal one") by bot/facts/loose_names.py; their
functions are imported here too, because the actions ask all of these as ``names.<function>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.facts.loose_names import loosely_named, name_word_owners, name_words
from bot.facts.name_matching import find_mentions
from bot.facts.name_tables import Names, tables
from bot.facts.name_terms import find_term, term_outside_names, whole_term
from bot.facts.text import normalise

__all__ = [
    "NamedCondition",
    "conditions_in",
    "find_conditions",
    "find_term",
    "loosely_named",
    "name_word_owners",
    "name_words",
    "named_conditions",
    "near_abbreviations",
    "outside_names",
    "remedy_names",
    "resolve_condition",
    "term_outside_names",
    "whole_term",
    "without_condition_names",
    "words_of_names",
]


def find_conditions(session: Session, text: str, *, exact_only: bool = False) -> list[str]:
    """Every condition named in ``text`` (typos allowed unless ``exact_only``), in order, without repeats."""
    slugs: list[str] = []
    for mention in find_mentions(text, tables(session).conditions, exact_only=exact_only):
        if mention.key not in slugs:
            slugs.append(mention.key)
    return slugs


# "pls" is also chat for "please" ("tell me more pls"). Typed in lower case at the end of
# a message, straight after a word that ends a request, it is read as "please".
_PLEASE = {"pls", "plz"}
# Words after which "pls" is a name, not "please": joining two names, or a preposition or article needing a noun
# ("is PMA the opposite of pls?").
_NAME_JOINERS = {
    "and", "or", "vs", "versus", "v", "between", "with", "from", "to", "than", "nor", "not", "like",
    "of", "about", "for", "on", "in", "into", "as", "at", "the", "is", "has", "have", "had",
}  # fmt: skip
_REQUEST_ENDINGS = set(
    "more it that this me them him her us again thanks thx now asap help on explain explained answer mean "
    "means meaning list info information simply quickly today please thank detail details types kinds "
    "words terms english language plainly".split()
)
# A request that opens with a verb of asking: "explain paralysis to me pls" ends with "please".
_REQUEST_OPENINGS = set("explain describe define tell give list show say summarise summarize".split())


def _without_please(text: str, names: Names | None = None) -> str:
    words = text.rstrip(" ?!.").split()
    if len(words) >= 2 and words[-1] in _PLEASE and normalise(words[-2]) in _REQUEST_ENDINGS:
        return " ".join(words[:-1])
    if (
        len(words) >= 3
        and words[-1] in _PLEASE
        and normalise(words[0]) in _REQUEST_OPENINGS
        and normalise(words[-2]) not in _NAME_JOINERS
    ):
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
        if any(m.key != names.get("pls") for m in find_mentions(rest, names) if m.exact):
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
    for mention in find_mentions(" ".join(words), table):
        before = words[max(0, mention.start - 1) : mention.start]
        two_before = " ".join(words[max(0, mention.start - 2) : mention.start])
        negated = (bool(before) and before[-1] in _NEGATORS) or two_before in _LEFT_OUT or before[-1:] == ["except"]
        found.append(
            NamedCondition(mention.key, mention.start, mention.matched, mention.matched in recognised, negated)
        )
    return found


def outside_names(session: Session, text: str) -> list[str]:
    """Names of illnesses the material does not cover, as written in ``text`` (exact matches only)."""
    return _exact_names(tables(session).outside, text)


def remedy_names(session: Session, text: str) -> list[str]:
    """Names of remedies the material never mentions ("stem cells", "keto diet"), as written in ``text``."""
    return _exact_names(tables(session).remedies, text)


def _exact_names(table: dict[str, str], text: str) -> list[str]:
    """The names of ``table`` (normalised name -> name) in ``text``, longest first, each once."""
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
        for mention in [*find_mentions(text, known.conditions), *find_mentions(text, known.terms)]
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


def term_owner(session: Session, text: str) -> str | None:
    """The one type whose facts use the glossary word ``text`` names ("riluzole": ALS, "SMN protein": SMA), or
    None when no word is named or more than one condition's facts use it ("atrophy")."""
    from bot.facts import queries

    entry = find_term(session, text)
    if entry is None:
        return None
    # (a word the general facts use too, "inherited", "atrophy", is no one type's)
    users = [c for c in queries.conditions(session) if entry.term in queries.terms_of_condition(session, c.slug)]
    return users[0].slug if len(users) == 1 and users[0].parent_slug else None

"""Types named loosely by the words of their own names: "the spinal one", "bulbar something palsy"."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.facts.builds import per_build
from bot.facts.queries import conditions
from bot.facts.text import normalise

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


# The most types a few words of names may fit and still be offered as choices ("muscular atrophy": PMA or SMA).
MAX_SHARED = 3


def shared_name(session: Session, text: str) -> list[str]:
    """The types whose names hold two words said side by side that fit more than one of them ("some kind of
    muscular atrophy": PMA or SMA; "lateral sclerosis": ALS or PLS), in table order; empty otherwise."""
    table = name_word_owners(session)
    words = normalise(text).split()
    for at, (first, second) in enumerate(zip(words, words[1:], strict=False)):
        if words[at + 2 : at + 3] in (["one"], ["ones"], ["type"], ["kind"]):
            continue  # "the lateral sclerosis one": a description, read with the conversation (actions/descriptions.py)
        if first in table and second in table:
            owners = table[first] & table[second]
            if 2 <= len(owners) <= MAX_SHARED:
                order = [c.slug for c in conditions(session)]
                return sorted(owners, key=order.index)
    return []

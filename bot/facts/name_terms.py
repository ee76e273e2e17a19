"""Finding glossary terms in free text, typos allowed, apart from the words of conditions' names
("progressive" in "progressive bulbar palsy" names that condition, not the glossary's word)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.facts.models import GlossaryTerm
from bot.facts.name_matching import Mention, find_mentions
from bot.facts.name_tables import tables
from bot.facts.queries import glossary_term
from bot.facts.text import normalise


def whole_term(session: Session, phrase: str) -> str | None:
    """The glossary term ``phrase`` is, all of it (an exact name, a typo or voice typing's pieces), or None."""
    table = tables(session).terms
    words = normalise(phrase).split()
    if " ".join(words) in table.table:
        return table.table[" ".join(words)]
    found = find_mentions(" ".join(words), table)
    if len(found) == 1 and found[0].start == 0 and len(found[0].matched.split()) == len(words):
        return found[0].key
    return None


def find_term(session: Session, text: str) -> GlossaryTerm | None:
    """The glossary term named in ``text`` (typos allowed), or None; a word inside a condition's name
    ("progressive" in "progressive bulbar palsy") names that condition, not the word."""
    known = tables(session)
    names = [(m.start, m.start + len(m.matched.split())) for m in find_mentions(text, known.conditions)]
    mentions = [m for m in find_mentions(text, known.terms) if not _inside(m, names)]
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
    spans = [(m.start, m.start + len(m.matched.split())) for m in find_mentions(text, tables(session).conditions)]
    size = len(wanted)
    places = [i for i in range(len(words) - size + 1) if words[i : i + size] == wanted]
    return not places or any(not _inside(Mention("", term, 100.0, i), spans) for i in places)

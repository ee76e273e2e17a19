"""Finding glossary terms in free text, typos allowed, apart from the words of conditions' names
("progressive" in "progressive bulbar palsy" names that condition, not the glossary's word)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.facts.models import GlossaryTerm
from bot.facts.name_matching import Mention, find_mentions
from bot.facts.name_tables import tables
from bot.facts.queries import glossary_term
from bot.facts.text import normalise

# Spelt this much alike (rapidfuzz ratio, spaces left out), a name is a form of the term ("paralysed").
_SAME_WORD = 75


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


# A mention this close is the word as written, not a near spelling of it.
EXACT_SCORE = 100.0


def find_term(session: Session, text: str, *, exact: bool = False) -> GlossaryTerm | None:
    """The glossary term named in ``text`` (typos allowed unless ``exact``), or None; a word inside a condition's
    name ("progressive" in "progressive bulbar palsy") names that condition, not the word."""
    known = tables(session)
    names = [(m.start, m.start + len(m.matched.split())) for m in find_mentions(text, known.conditions)]
    mentions = [m for m in find_mentions(text, known.terms) if not _inside(m, names)]
    if exact:
        mentions = [m for m in mentions if m.score >= EXACT_SCORE]
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


def asked_as(session: Session, text: str, term: str) -> str | None:
    """The other name ``text`` uses for the glossary ``term``, as written there ("fasciculations" for muscle
    twitches, "FTD" for frontotemporal dementia), or None when it says the term itself or a form of it
    ("upper motor neurones", "paralysed")."""
    for mention in find_mentions(normalise(text), tables(session).terms):
        if mention.key == term and not _form_of(mention.matched, term):
            return mention.matched
    return None


def _form_of(said: str, term: str) -> bool:
    """Whether ``said`` is the term in another form: spacing, plural, a word more or less ("muscle atrophy")."""
    from rapidfuzz import fuzz

    from bot.facts.words import stem

    a, b = normalise(said), normalise(term)
    joined_a, joined_b = a.replace(" ", ""), b.replace(" ", "")
    stems_a, stems_b = {stem(w) for w in a.split()}, {stem(w) for w in b.split()}
    return stems_a <= stems_b or stems_b <= stems_a or fuzz.ratio(joined_a, joined_b) >= _SAME_WORD

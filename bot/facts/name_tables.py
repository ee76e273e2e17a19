"""The tables of names (conditions, glossary terms, illnesses not covered), read from the store once per build.

Each table is indexed for bot/facts/name_matching.py, which looks for names and their near misses in
free text; bot/facts/names.py and bot/facts/name_terms.py answer the actions' questions with them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts.builds import per_build
from bot.facts.models import ConditionAlias, OutsideName, TermAlias

# Fuzzy matching only for names long enough that a near miss is still unambiguous;
# short abbreviations (als, pls, sma) must be typed exactly.
FUZZY_MIN_LENGTH = 5
FUZZY_MIN_SCORE = 85.0
# The ratio of two strings cannot reach FUZZY_MIN_SCORE when their lengths differ by more than this share.
LENGTH_SLACK = 2 * (1 - FUZZY_MIN_SCORE / 100) / (2 - (1 - FUZZY_MIN_SCORE / 100))


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
        low = bisect_left(lengths, length * (1 - LENGTH_SLACK) - 1)
        high = bisect_right(lengths, (length + 1) / (1 - LENGTH_SLACK))
        return rows[low:high]

    def get(self, name: str) -> str | None:
        return self.table.get(name)


@dataclass(frozen=True)
class NameTables:
    conditions: Names
    terms: Names
    recognition_only: frozenset[str]
    outside: dict[str, str]
    remedies: dict[str, str]


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
        outside=dict(
            session.execute(select(OutsideName.normal, OutsideName.text).where(OutsideName.kind == "illness")).all()
        ),
        remedies=dict(
            session.execute(select(OutsideName.normal, OutsideName.text).where(OutsideName.kind == "remedy")).all()
        ),
    )

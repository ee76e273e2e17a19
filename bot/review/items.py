"""What a clinician reviews, read from the fact store as flat rows: facts, gaps, glossary terms,
recognition-only names and reviewer notes. The same rows are the review's CSV, and two sets of
them (today's and a saved earlier review's) are compared by bot/review/changes.py.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import textstat
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.facts.models import (
    Condition,
    ConditionAlias,
    Example,
    Fact,
    FactCondition,
    FactTopic,
    Gap,
    GlossaryTerm,
    ReviewNote,
    Section,
    Source,
)

# Columns of the CSV, in order; every row has all of them ("" where a kind has no such field).
COLUMNS = (
    "kind",
    "id",
    "condition",
    "topics",
    "answer",
    "detail",
    "examples",
    "source",
    "section",
    "grade",
    "terms",
    "note",
)
# Several values in one cell (topics, example questions, terms) are joined with this.
JOIN = " | "

Row = dict[str, str]


def grade(text: str | None) -> str:
    """Flesch-Kincaid grade of ``text``, one decimal ("" for no text): the team's bar is 8 or less."""
    return f"{textstat.flesch_kincaid_grade(text):.1f}" if text else ""


def _row(kind: str, id: str, **fields: str | None) -> Row:
    row = {name: "" for name in COLUMNS}
    row.update({name: (value or "") for name, value in fields.items()})
    row["kind"], row["id"] = kind, id
    return row


def read_rows(session: Session) -> list[Row]:
    """Every reviewable item of the store, facts first, each as a row of COLUMNS."""
    sections = {(s.source_id, s.slug): s.title for s in session.scalars(select(Section))}
    sources = {s.id: s for s in session.scalars(select(Source))}

    def where(source_id: str, section: str) -> tuple[str, str]:
        title = sources[source_id].title if source_id in sources else source_id
        return title, f"{section}: {sections.get((source_id, section), '(no such section)')}"

    examples: dict[str, list[str]] = defaultdict(list)
    for item_id, text in session.execute(select(Example.item_id, Example.text).order_by(Example.id)):
        examples[item_id].append(text)
    topics: dict[str, list[str]] = defaultdict(list)
    for fact_id, topic, primary in session.execute(select(FactTopic.fact_id, FactTopic.topic_slug, FactTopic.primary)):
        topics[fact_id].insert(0, topic) if primary else topics[fact_id].append(topic)
    also_for: dict[str, list[str]] = defaultdict(list)
    for fact_id, slug in session.execute(select(FactCondition.fact_id, FactCondition.condition_slug)):
        also_for[fact_id].append(slug)

    rows: list[Row] = []
    facts = session.scalars(select(Fact).options(selectinload(Fact.terms)).order_by(Fact.position))
    for fact in facts:
        source, section = where(fact.source_id, fact.section)
        answer_grade = grade(fact.answer)
        rows.append(
            _row(
                "fact",
                fact.id,
                condition=JOIN.join([fact.condition_slug, *also_for[fact.id]]),
                topics=JOIN.join(topics[fact.id] or [fact.topic_slug]),
                answer=fact.answer,
                detail=fact.detail,
                examples=JOIN.join(examples[fact.id]),
                source=source,
                section=section,
                grade=f"{answer_grade} / {grade(fact.detail)}" if fact.detail else answer_grade,
                terms=JOIN.join(sorted(t.term for t in fact.terms)),
                note=JOIN.join(x for x in (fact.note, f"worded for: {fact.audience}" if fact.audience else None) if x),
            )
        )
    for gap in session.scalars(select(Gap).order_by(Gap.id)):
        source, section = where(gap.source_id, gap.section)
        rows.append(
            _row(
                "gap",
                gap.id,
                condition=gap.condition_slug,
                topics=gap.topic_slug,
                answer=f"My material does not list {gap.missing}.",
                examples=JOIN.join(examples[gap.id]),
                source=source,
                section=section,
            )
        )
    for term in session.scalars(select(GlossaryTerm).options(selectinload(GlossaryTerm.aliases)).order_by("term")):
        source, section = where(term.source_id, term.section)
        others = sorted({a.text for a in term.aliases} - {term.term})
        rows.append(
            _row(
                "term",
                term.term,
                answer=term.definition,
                examples=JOIN.join(others),  # the other spellings the bot takes for it
                source=source,
                section=section,
                grade=grade(term.definition),
            )
        )
    names = session.execute(
        select(ConditionAlias.text, ConditionAlias.condition_slug, ConditionAlias.note)
        .join(Condition)
        .where(ConditionAlias.recognition_only.is_(True))
        .order_by(Condition.position, ConditionAlias.text)
    )
    rows += [_row("name", text, condition=slug, note=note) for text, slug, note in names]
    rows += [_row("note", file, note=note) for file, note in session.execute(select(ReviewNote.file, ReviewNote.note))]
    rows += [_row("source", s.id, answer=s.citation, note=s.note) for s in sources.values() if s.note]
    return rows


def write_csv(rows: Iterable[Row], path: Path) -> None:
    """The rows as CSV (UTF-8, a header line), written whole or not at all."""
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(path)


class EarlierReviewError(ValueError):
    """The earlier review given cannot be read as a review CSV."""


def read_csv(path: Path) -> list[Row]:
    """A saved review's rows; EarlierReviewError (with the reason) if it is not one."""
    try:
        with path.open(encoding="utf-8", newline="") as src:
            reader = csv.DictReader(src)
            missing = {"kind", "id"} - set(reader.fieldnames or ())
            if missing:
                raise EarlierReviewError(f"{path} is not a review CSV (no {', '.join(sorted(missing))} column)")
            return [{name: (row.get(name) or "") for name in COLUMNS} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EarlierReviewError(f"{path} cannot be read ({exc.__class__.__name__}: {exc})") from exc

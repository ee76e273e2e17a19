"""Build the fact store from the curated YAML in data/facts (validated by bot/facts/validate.py).

Everything is validated before anything is written; the database is then built in a temporary
SQLite file that replaces the old one (os.replace: a server opening the file meanwhile gets the
whole old store or the whole new one), or, on a server database, in one transaction, so a bad edit
never damages the store that is serving. The search terms of every fact and gap (stems and word
groups, bot/facts/words.py) are computed here, once, and stored with them. Last, in the same
transaction, the build record: a new build id and the checksum of the content as written
(bot/facts/checksum.py), which the action server checks before serving the build.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from bot.facts.checksum import content_checksum
from bot.facts.models import (
    Attribute,
    AttributeValue,
    AttributeWord,
    Base,
    BuildRecord,
    Condition,
    ConditionAlias,
    ConditionAttribute,
    EverydayWord,
    Example,
    Fact,
    FactCondition,
    FactLead,
    FactTopic,
    Gap,
    GlossaryTerm,
    OutsideName,
    ReviewNote,
    SearchTerm,
    Section,
    Source,
    TermAlias,
    Topic,
    WordGroup,
)
from bot.facts.text import normalise
from bot.facts.validate import FactData, FactDataError, Problem, load_dir
from bot.facts.words import Vocabulary

__all__ = ["FactData", "FactDataError", "Problem", "build", "load_dir", "load_into", "write"]


def write(engine: Engine, data: FactData) -> None:
    """Replace the whole content of the store behind ``engine`` with ``data``, in one transaction."""
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        Base.metadata.create_all(conn)
        with Session(bind=conn) as session:
            _write_sources_topics(session, data)
            _write_conditions(session, data)
            terms = _write_glossary(session, data)
            vocabulary = Vocabulary(data.word_groups)
            for number, group in enumerate(data.word_groups):
                session.add_all(WordGroup(number=number, word=word) for word in group)
            for gap in data.gaps:
                session.add(
                    Gap(
                        id=gap["id"],
                        condition_slug=gap["condition"],
                        topic_slug=gap["topic"],
                        missing=gap["missing"],
                        source_id=gap["source"],
                        section=gap["section"],
                    )
                )
                fields = {"answer": gap["missing"], "key": " ".join(gap["keys"])}
                _write_search(session, vocabulary, gap["id"], fields, gap["asks"])
            for i, raw in enumerate(data.facts):
                _write_fact(session, vocabulary, terms, raw, i)
            session.flush()  # the facts first: PostgreSQL checks the links' foreign keys at once
            for raw in data.facts:
                _write_fact_links(session, raw)
            session.flush()
            _write_attributes(session, data)
            session.add_all(OutsideName(text=name, normal=normalise(name), kind="illness") for name in data.outside)
            session.add_all(OutsideName(text=name, normal=normalise(name), kind="remedy") for name in data.remedies)
            session.add_all(EverydayWord(term=t, count=n) for t, n in data.everyday.items())
            session.add_all(ReviewNote(file=n["file"], note=n["note"]) for n in data.notes)
            session.flush()  # the checksum reads the content back, as the server will
            record = BuildRecord(id=1, build_id=uuid.uuid4().hex, checksum=content_checksum(session))
            record.built_at = datetime.now(UTC).isoformat(timespec="seconds")
            session.add(record)
            session.commit()


def _write_sources_topics(session: Session, data: FactData) -> None:
    for src in data.sources:
        source = Source(
            id=src["id"],
            title=src["title"],
            publisher=src["publisher"],
            reviewed=src.get("reviewed"),
            citation=src["citation"],
            note=src.get("note"),
        )
        source.sections = [Section(slug=s["id"], title=s["title"], position=i) for i, s in enumerate(src["sections"])]
        session.add(source)
    for i, top in enumerate(data.topics):
        session.add(Topic(slug=top["slug"], label=top["label"], question=top["question"], position=i))
    session.flush()


def _write_conditions(session: Session, data: FactData) -> None:
    for i, cond in enumerate(data.conditions):
        condition = Condition(
            slug=cond["slug"],
            name=cond["name"],
            short_name=cond["short_name"],
            affects=cond.get("affects"),
            parent_slug=None,
            position=i,
        )
        aliases: dict[str, ConditionAlias] = {}
        for alias in [cond["name"], cond["short_name"], *cond["aliases"]]:
            aliases.setdefault(normalise(alias), ConditionAlias(text=alias, normal=normalise(alias)))
        for other in cond["recognise"]:
            key = normalise(other["name"])
            aliases.setdefault(
                key, ConditionAlias(text=other["name"], normal=key, recognition_only=True, note=other["note"])
            )
        condition.aliases = list(aliases.values())
        session.add(condition)
    session.flush()
    for cond in data.conditions:
        session.get(Condition, cond["slug"]).parent_slug = cond.get("parent")  # type: ignore[union-attr]


def _write_glossary(session: Session, data: FactData) -> dict[str, GlossaryTerm]:
    terms: dict[str, GlossaryTerm] = {}
    for raw in data.terms:
        term = GlossaryTerm(
            term=raw["term"], definition=raw["definition"], source_id=raw["source"], section=raw["section"]
        )
        keys = {}
        for alias in [raw["term"], *raw["aliases"]]:
            keys.setdefault(normalise(alias), alias)
        term.aliases = [TermAlias(text=t, normal=k) for k, t in keys.items()]
        terms[term.term] = term
        session.add(term)
    return terms


def _write_fact_links(session: Session, raw: dict) -> None:
    """The topics, conditions and leads a fact serves (after the fact itself is written)."""
    session.add_all(FactTopic(fact_id=raw["id"], topic_slug=t, primary=(t == raw["topic"])) for t in raw["topics"])
    session.add_all(FactCondition(fact_id=raw["id"], condition_slug=c) for c in raw["for"])
    session.add_all(FactLead(fact_id=raw["id"], lead=lead) for lead in raw["leads"])


def _write_fact(
    session: Session, vocabulary: Vocabulary, terms: dict[str, GlossaryTerm], raw: dict, position: int
) -> None:
    session.add(
        Fact(
            id=raw["id"],
            condition_slug=raw["condition"],
            topic_slug=raw["topic"],
            answer=raw["answer"].strip(),
            detail=(raw.get("detail") or "").strip() or None,
            source_id=raw["source"],
            section=raw["section"],
            position=position,
            audience=raw.get("audience"),
            note=(raw.get("note") or "").strip() or None,
            terms=[terms[t] for t in raw["terms"]],
        )
    )
    glossary_words = " ".join(a for t in raw["terms"] for a in [t, *(x.text for x in terms[t].aliases)])
    fields = {"answer": raw["answer"], "detail": raw.get("detail") or "", "term": glossary_words}
    _write_search(session, vocabulary, raw["id"], fields, raw["asks"])


def _write_search(
    session: Session, vocabulary: Vocabulary, item_id: str, fields: dict[str, str], asks: dict[str, list[str]]
) -> None:
    rows: list[SearchTerm] = []
    for name, text in fields.items():
        for term, count in Counter(vocabulary.terms(text)).items():
            rows.append(SearchTerm(item_id=item_id, field=name, example_id=None, term=term, count=count))
    for topic, questions in asks.items():
        for question in questions:
            example = Example(id=_next_id(session), item_id=item_id, topic_slug=topic, text=question)
            session.add(example)
            for term, count in Counter(vocabulary.terms(question)).items():
                rows.append(SearchTerm(item_id=item_id, field="ask", example_id=example.id, term=term, count=count))
    session.add_all(rows)


def _next_id(session: Session) -> int:
    """Example ids are given here, so that no flush is needed per example."""
    counter = session.info.setdefault("example_ids", [0])
    counter[0] += 1
    return int(counter[0])


def _write_attributes(session: Session, data: FactData) -> None:
    for i, attr in enumerate(data.attributes):
        session.add(Attribute(slug=attr["slug"], topic_slug=attr["topic"], label=attr["label"], position=i))
    session.flush()  # before the rows that refer to them (PostgreSQL checks foreign keys at once)
    for attr in data.attributes:
        session.add_all(AttributeWord(attribute=attr["slug"], value=None, word=w) for w in attr["cues"])
        for j, value in enumerate(attr["values"]):
            session.add(
                AttributeValue(
                    attribute=attr["slug"],
                    slug=value["slug"],
                    phrase=value["phrase"],
                    position=j,
                    topic_slug=value.get("topic"),
                )
            )
            session.add_all(
                AttributeWord(attribute=attr["slug"], value=value["slug"], word=str(w)) for w in value["words"]
            )
    session.flush()
    position = 0
    for cond in data.conditions:
        for entry in cond["attributes"]:
            for value in entry["values"]:
                session.add(
                    ConditionAttribute(
                        condition_slug=cond["slug"],
                        attribute=entry["attribute"],
                        value=value,
                        fact_id=entry["fact"],
                        via_fact_id=entry.get("via"),
                        position=position,
                    )
                )
                position += 1


def build(root: Path, url: str) -> FactData:
    """Validate ``root`` and (re)build the store at ``url``; the old store survives any failure."""
    data = load_dir(root)
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() == "sqlite" and database and database != ":memory:":
        target = Path(database)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        engine = create_engine(parsed.set(database=str(tmp)))
        try:
            write(engine, data)
        except BaseException:
            engine.dispose()
            tmp.unlink(missing_ok=True)
            raise
        engine.dispose()
        os.replace(tmp, target)
    else:
        engine = create_engine(parsed)
        try:
            write(engine, data)
        finally:
            engine.dispose()
    return data


def load_into(engine: Engine, root: Path | None = None) -> FactData:
    """Validate the curated data and write it through an existing engine (tests, in-memory stores)."""
    from bot.facts.settings import DATA_DIR

    data = load_dir(root or DATA_DIR)
    write(engine, data)
    return data

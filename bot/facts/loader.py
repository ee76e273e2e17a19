"""Validate the curated YAML in data/facts and build the store from it.

Everything is validated before anything is written; the database is then built
in a temporary SQLite file that replaces the old one (or, on a server database,
in one transaction), so a bad edit never damages the store that is serving.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from bot.facts.models import (
    Base,
    Condition,
    ConditionAlias,
    Fact,
    Gap,
    GlossaryTerm,
    Section,
    Source,
    TermAlias,
    Topic,
)
from bot.facts.text import normalise
from bot.facts.vocab import AFFECTS, CONDITIONS, TOPICS


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the curated data, located precisely."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.field}: {self.message}"


class FactDataError(Exception):
    """The curated data is invalid; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class FactData:
    """The validated content of data/facts, ready to be written."""

    sources: list[dict[str, Any]] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)
    conditions: list[dict[str, Any]] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)


_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    # kind: (required fields, optional fields)
    "source": ({"id", "title", "publisher", "citation", "sections"}, {"reviewed"}),
    "topic": ({"slug", "label", "question"}, set()),
    "condition": ({"slug", "name", "short_name", "aliases"}, {"parent", "affects"}),
    "term": ({"term", "definition", "source", "section"}, {"aliases"}),
    "gap": ({"id", "condition", "topic", "missing", "source", "section"}, set()),
    "fact": ({"id", "condition", "topic", "answer", "source", "section"}, {"detail", "terms"}),
}


class _Checker:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def problem(self, path: Path, entry: str, fld: str, message: str) -> None:
        self.problems.append(Problem(str(path.relative_to(self.root)), entry, fld, message))

    def read_list(self, path: Path, key: str) -> list[Any]:
        if not path.is_file():
            self.problem(path, "-", key, "file is missing")
            return []
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        # Not only YAMLError: PyYAML raises ValueError for "2025-13-45" or "!!int x", KeyError for
        # "!!bool x", AttributeError for "!!timestamp x", RecursionError for very deep nesting.
        except Exception as exc:
            self.problem(path, "-", key, f"not valid YAML ({exc.__class__.__name__}: {exc})")
            return []
        if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
            self.problem(path, "-", key, f"the file must hold a mapping with a list under '{key}'")
            return []
        return list(doc[key])

    def entries(
        self, path: Path, key: str, kind: str, id_field: str
    ) -> list[tuple[str, dict[str, Any]]]:
        """Entries of one file that have the right shape, each with its label."""
        required, optional = _FIELDS[kind]
        good = []
        for index, raw in enumerate(self.read_list(path, key)):
            label = f"{kind} #{index + 1}"
            if not isinstance(raw, dict):
                self.problem(path, label, "-", "each entry must be a mapping")
                continue
            if isinstance(raw.get(id_field), str) and raw[id_field].strip():
                label = f"{kind} '{raw[id_field]}'"
            ok = True
            for name in sorted(required - raw.keys()):
                self.problem(path, label, name, "missing")
                ok = False
            # Keys may be numbers, dates or empty too: sort them as text, show odd ones quoted.
            for name in sorted(raw.keys() - required - optional, key=str):
                shown = name if isinstance(name, str) and name.strip() else repr(name)
                self.problem(path, label, shown, "unknown field")
                ok = False
            for name in sorted((required | optional) & raw.keys()):
                value = raw[name]
                if name in {"sections", "aliases", "terms"}:
                    continue
                if name in optional and value is None:
                    continue
                if not isinstance(value, str) or not value.strip():
                    self.problem(path, label, name, "must be a non-empty string")
                    ok = False
            if ok:
                good.append((label, raw))
        return good

    def string_list(self, path: Path, label: str, name: str, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v.strip() for v in value
        ):
            self.problem(path, label, name, "must be a list of non-empty strings")
            return []
        return [v.strip() for v in value]


def load_dir(root: Path) -> FactData:
    """Read and validate every file of the curated data; raise FactDataError if anything is wrong."""
    check = _Checker(root)
    data = FactData()

    # Sources and their sections.
    path = root / "sources.yml"
    sections: dict[str, set[str]] = {}
    for label, raw in check.entries(path, "sources", "source", "id"):
        if raw["id"] in sections:
            check.problem(path, label, "id", "duplicate id")
            continue
        secs = raw["sections"]
        if not isinstance(secs, list) or not secs:
            check.problem(path, label, "sections", "must be a non-empty list")
            continue
        seen: set[str] = set()
        clean = []
        for sec in secs:
            if (
                not isinstance(sec, dict)
                or set(sec) != {"id", "title"}
                or not all(isinstance(v, str) and v.strip() for v in sec.values())
            ):
                check.problem(path, label, "sections", f"each section needs an id and a title: {sec!r}")
                continue
            if sec["id"] in seen:
                check.problem(path, label, "sections", f"duplicate section id '{sec['id']}'")
                continue
            seen.add(sec["id"])
            clean.append({"id": sec["id"], "title": sec["title"]})
        sections[raw["id"]] = seen
        data.sources.append({**raw, "sections": clean})

    def check_source(p: Path, label: str, raw: dict[str, Any]) -> bool:
        if raw["source"] not in sections:
            check.problem(p, label, "source", f"unknown source '{raw['source']}'")
            return False
        if raw["section"] not in sections[raw["source"]]:
            check.problem(p, label, "section", f"source '{raw['source']}' has no section '{raw['section']}'")
            return False
        return True

    # Topics: exactly the fixed vocabulary.
    path = root / "topics.yml"
    topic_slugs: list[str] = []
    for label, raw in check.entries(path, "topics", "topic", "slug"):
        if raw["slug"] not in TOPICS:
            check.problem(path, label, "slug", f"unknown topic slug '{raw['slug']}'")
        elif raw["slug"] in topic_slugs:
            check.problem(path, label, "slug", "duplicate slug")
        else:
            topic_slugs.append(raw["slug"])
            data.topics.append(raw)
    for slug in TOPICS:
        if slug not in topic_slugs:
            check.problem(path, f"topic '{slug}'", "slug", "missing from the file")

    # Conditions and their aliases.
    path = root / "conditions.yml"
    alias_owner: dict[str, str] = {}
    cond_slugs: list[str] = []
    for label, raw in check.entries(path, "conditions", "condition", "slug"):
        slug = raw["slug"]
        if slug not in CONDITIONS:
            check.problem(path, label, "slug", f"unknown condition slug '{slug}'")
            continue
        if slug in cond_slugs:
            check.problem(path, label, "slug", "duplicate slug")
            continue
        if raw.get("affects") is not None and raw["affects"] not in AFFECTS:
            check.problem(path, label, "affects", f"must be one of {', '.join(AFFECTS)} or null")
            continue
        aliases = check.string_list(path, label, "aliases", raw["aliases"])
        for alias in [raw["name"], raw["short_name"], *aliases]:
            key = normalise(alias)
            if not key:
                check.problem(path, label, "aliases", f"'{alias}' has no letters or digits")
            elif alias_owner.get(key, slug) != slug:
                check.problem(path, label, "aliases", f"'{alias}' already names '{alias_owner[key]}'")
            else:
                alias_owner[key] = slug
        cond_slugs.append(slug)
        data.conditions.append({**raw, "aliases": aliases})
    for cond in data.conditions:
        parent = cond.get("parent")
        if parent is not None and parent not in cond_slugs:
            check.problem(path, f"condition '{cond['slug']}'", "parent", f"unknown condition '{parent}'")
    if not check.problems:
        for slug in CONDITIONS:
            if slug not in cond_slugs:
                check.problem(path, f"condition '{slug}'", "slug", "missing from the file")

    # Glossary.
    path = root / "glossary.yml"
    term_owner: dict[str, str] = {}
    for label, raw in check.entries(path, "terms", "term", "term"):
        aliases = check.string_list(path, label, "aliases", raw.get("aliases"))
        if not check_source(path, label, raw):
            continue
        term = raw["term"].strip().lower()
        if term in term_owner.values():
            check.problem(path, label, "term", "duplicate term")
            continue
        for alias in [term, *aliases]:
            key = normalise(alias)
            if key in alias_owner:
                check.problem(path, label, "aliases", f"'{alias}' is also a name of condition '{alias_owner[key]}'")
            elif term_owner.get(key, term) != term:
                check.problem(path, label, "aliases", f"'{alias}' already belongs to term '{term_owner[key]}'")
            else:
                term_owner[key] = term
        data.terms.append({**raw, "term": term, "aliases": aliases})
    known_terms = {t["term"] for t in data.terms}

    # Gaps.
    path = root / "gaps.yml"
    gap_ids: set[str] = set()
    for label, raw in check.entries(path, "gaps", "gap", "id"):
        if raw["id"] in gap_ids:
            check.problem(path, label, "id", "duplicate id")
            continue
        if raw["condition"] not in CONDITIONS:
            check.problem(path, label, "condition", f"unknown condition slug '{raw['condition']}'")
            continue
        if raw["topic"] not in TOPICS:
            check.problem(path, label, "topic", f"unknown topic slug '{raw['topic']}'")
            continue
        if check_source(path, label, raw):
            gap_ids.add(raw["id"])
            data.gaps.append(raw)

    # Facts, one file per condition.
    fact_ids: set[str] = set()
    fact_files = sorted((root / "facts").glob("*.yml"))
    if not fact_files:
        check.problem(root / "facts", "-", "facts", "no fact files found")
    for path in fact_files:
        for label, raw in check.entries(path, "facts", "fact", "id"):
            if raw["id"] in fact_ids:
                check.problem(path, label, "id", "duplicate id")
                continue
            if raw["condition"] not in CONDITIONS:
                check.problem(path, label, "condition", f"unknown condition slug '{raw['condition']}'")
                continue
            if raw["topic"] not in TOPICS:
                check.problem(path, label, "topic", f"unknown topic slug '{raw['topic']}'")
                continue
            terms = check.string_list(path, label, "terms", raw.get("terms"))
            unknown = [t for t in terms if t.lower() not in known_terms]
            if unknown:
                check.problem(path, label, "terms", f"not in the glossary: {', '.join(unknown)}")
                continue
            if not check_source(path, label, raw):
                continue
            fact_ids.add(raw["id"])
            data.facts.append({**raw, "terms": [t.lower() for t in terms]})

    if check.problems:
        raise FactDataError(check.problems)
    return data


def write(engine: Engine, data: FactData) -> None:
    """Replace the whole content of the store behind ``engine`` with ``data``, in one transaction."""
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        Base.metadata.create_all(conn)
        with Session(bind=conn) as session:
            for src in data.sources:
                source = Source(
                    id=src["id"],
                    title=src["title"],
                    publisher=src["publisher"],
                    reviewed=src.get("reviewed"),
                    citation=src["citation"],
                )
                source.sections = [
                    Section(slug=s["id"], title=s["title"], position=i)
                    for i, s in enumerate(src["sections"])
                ]
                session.add(source)
            for i, top in enumerate(data.topics):
                session.add(Topic(slug=top["slug"], label=top["label"], question=top["question"], position=i))
            session.flush()
            for i, cond in enumerate(data.conditions):
                condition = Condition(
                    slug=cond["slug"],
                    name=cond["name"],
                    short_name=cond["short_name"],
                    affects=cond.get("affects"),
                    parent_slug=None,
                    position=i,
                )
                keys = {}
                for alias in [cond["name"], cond["short_name"], *cond["aliases"]]:
                    keys.setdefault(normalise(alias), alias)
                condition.aliases = [ConditionAlias(text=t, normal=k) for k, t in keys.items()]
                session.add(condition)
            session.flush()
            for cond in data.conditions:
                session.get(Condition, cond["slug"]).parent_slug = cond.get("parent")  # type: ignore[union-attr]
            terms: dict[str, GlossaryTerm] = {}
            for raw in data.terms:
                term = GlossaryTerm(
                    term=raw["term"],
                    definition=raw["definition"],
                    source_id=raw["source"],
                    section=raw["section"],
                )
                keys = {}
                for alias in [raw["term"], *raw["aliases"]]:
                    keys.setdefault(normalise(alias), alias)
                term.aliases = [TermAlias(text=t, normal=k) for k, t in keys.items()]
                terms[term.term] = term
                session.add(term)
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
            for i, raw in enumerate(data.facts):
                session.add(
                    Fact(
                        id=raw["id"],
                        condition_slug=raw["condition"],
                        topic_slug=raw["topic"],
                        answer=raw["answer"].strip(),
                        detail=(raw.get("detail") or "").strip() or None,
                        source_id=raw["source"],
                        section=raw["section"],
                        position=i,
                        terms=[terms[t] for t in raw["terms"]],
                    )
                )
            session.commit()


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

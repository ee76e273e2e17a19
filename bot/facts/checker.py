"""The shapes of the curated data and a checker that collects every problem with where it is.

Used by bot/facts/validate.py, which reads each file of data/facts; nothing is written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.facts.vocab import TOPICS

# libyaml's safe loader when PyYAML was built with it (several times faster), else the pure one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    attributes: list[dict[str, Any]] = field(default_factory=list)
    word_groups: list[list[str]] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    remedies: list[str] = field(default_factory=list)
    everyday: dict[str, int] = field(default_factory=dict)
    # The reviewer's note on a whole file ({"file", "note"}), from its top-level ``review_note``.
    notes: list[dict[str, str]] = field(default_factory=list)


_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    # kind: (required fields, optional fields)
    "source": ({"id", "title", "publisher", "citation", "sections"}, {"reviewed", "note"}),
    "topic": ({"slug", "label", "question"}, set()),
    "condition": ({"slug", "name", "short_name", "aliases"}, {"parent", "affects", "recognise", "attributes"}),
    "term": ({"term", "definition", "source", "section"}, {"aliases"}),
    "gap": ({"id", "condition", "topic", "missing", "source", "section"}, {"asks", "keys"}),
    "fact": (
        {"id", "condition", "topic", "answer", "source", "section"},
        {"detail", "terms", "also", "for", "asks", "leads", "audience", "note"},
    ),
    "attribute": ({"slug", "topic", "label", "values"}, {"cues"}),
}
# Top-level keys a file may hold besides its list: the clinician reviewer's note on the whole file.
NOTE_KEY = "review_note"
# Fields holding lists or mappings; checked by their own rules.
_STRUCTURED = {
    "sections",
    "aliases",
    "terms",
    "also",
    "for",
    "asks",
    "leads",
    "recognise",
    "attributes",
    "values",
    "cues",
    "keys",
}


class Checker:
    """Collects problems while reading the files of one data directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.notes: list[dict[str, str]] = []

    def problem(self, path: Path, entry: str, fld: str, message: str) -> None:
        self.problems.append(Problem(str(path.relative_to(self.root)), entry, fld, message))

    def read_list(self, path: Path, key: str, beside: tuple[str, ...] = ()) -> list[Any]:
        """The list under ``key`` in ``path`` (which may also hold the lists named in ``beside``)."""
        if not path.is_file():
            self.problem(path, "-", key, "file is missing")
            return []
        try:
            doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        # Not only YAMLError: PyYAML raises ValueError for "2025-13-45" or "!!int x", KeyError for
        # "!!bool x", AttributeError for "!!timestamp x", RecursionError for very deep nesting.
        except Exception as exc:
            self.problem(path, "-", key, f"not valid YAML ({exc.__class__.__name__}: {exc})")
            return []
        if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
            self.problem(path, "-", key, f"the file must hold a mapping with a list under '{key}'")
            return []
        for name in sorted(doc.keys() - {key, NOTE_KEY, *beside}, key=str):
            held = " and ".join(f"'{k}'" for k in (key, *beside, NOTE_KEY))
            self.problem(path, "-", str(name), f"unknown top-level key; a file holds {held}")
        if NOTE_KEY in doc:
            note = doc[NOTE_KEY]
            if not isinstance(note, str) or not note.strip():
                self.problem(path, "-", NOTE_KEY, "must be a non-empty string")
            else:
                self.notes.append({"file": str(path.relative_to(self.root)), "note": " ".join(note.split())})
        return list(doc[key])

    def entries(self, path: Path, key: str, kind: str, id_field: str) -> list[tuple[str, dict[str, Any]]]:
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
                if name in _STRUCTURED or (name in optional and value is None):
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
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(path, label, name, "must be a list of non-empty strings")
            return []
        return [v.strip() for v in value]

    def vocabulary_list(self, path: Path, label: str, name: str, value: Any, allowed: tuple[str, ...]) -> list[str]:
        items = self.string_list(path, label, name, value)
        unknown = [v for v in items if v not in allowed]
        if unknown:
            self.problem(path, label, name, f"unknown value(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}")
            return []
        return items

    def asks(self, path: Path, label: str, value: Any, topic: str) -> dict[str, list[str]]:
        """Example questions: a list (for the entry's own topic) or a mapping of topic to list."""
        if value is None:
            return {}
        if isinstance(value, list):
            return {topic: self.string_list(path, label, "asks", value)}
        if isinstance(value, dict):
            found: dict[str, list[str]] = {}
            for key, questions in value.items():
                if key not in TOPICS:
                    self.problem(path, label, "asks", f"unknown topic slug '{key}'")
                    continue
                found[key] = self.string_list(path, label, f"asks.{key}", questions)
            return found
        self.problem(path, label, "asks", "must be a list of questions or a mapping of topic to questions")
        return {}

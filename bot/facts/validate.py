"""Reading and checking the curated YAML in data/facts; nothing is written here (see loader.py).

Every problem is reported with its file, entry and field, and all of them at once, so a reviewer
can fix a batch of edits in one go.

load_dir reads the files in order: the names (conditions, glossary, scope) with
bot/facts/validate_names.py, the facts, gaps and attributes with bot/facts/validate_entries.py, and
the sources, topics, word groups and everyday words here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.facts.checker import Checker, FactData, FactDataError, Problem
from bot.facts.text import normalise
from bot.facts.validate_entries import read_attributes, read_facts, read_gaps
from bot.facts.validate_names import read_conditions, read_glossary, read_outside
from bot.facts.vocab import TOPICS

__all__ = ["FactData", "FactDataError", "Problem", "load_dir"]


def load_dir(root: Path) -> FactData:
    """Read and validate every file of the curated data; raise FactDataError if anything is wrong."""
    check = Checker(root)
    data = FactData()
    sections = _sources(check, root, data)

    def check_source(p: Path, label: str, raw: dict[str, Any]) -> bool:
        if raw["source"] not in sections:
            check.problem(p, label, "source", f"unknown source '{raw['source']}'")
            return False
        if raw["section"] not in sections[raw["source"]]:
            check.problem(p, label, "section", f"source '{raw['source']}' has no section '{raw['section']}'")
            return False
        return True

    _topics(check, root, data)
    alias_owner = read_conditions(check, root, data)
    known_terms = read_glossary(check, root, data, alias_owner, check_source)
    read_gaps(check, root, data, check_source)
    read_facts(check, root, data, known_terms, check_source)
    read_attributes(check, root, data)
    _word_groups(check, root, data)
    read_outside(check, root, data, alias_owner)
    data.everyday = everyday_words(root.parent / "nlu")
    data.notes = check.notes
    if check.problems:
        raise FactDataError(check.problems)
    return data


def _sources(check: Checker, root: Path, data: FactData) -> dict[str, set[str]]:
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
    return sections


def _topics(check: Checker, root: Path, data: FactData) -> None:
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


def _word_groups(check: Checker, root: Path, data: FactData) -> None:
    path = root / "words.yml"
    for index, group in enumerate(check.read_list(path, "groups")):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(w, str) and w.strip() for w in group):
            check.problem(path, f"group #{index + 1}", "-", "each group must list two or more words")
            continue
        data.word_groups.append([str(w).strip() for w in group])


def everyday_words(nlu_dir: Path) -> dict[str, int]:
    """How often each stem is used in the bot's training questions (data/nlu), if they are there."""
    import re
    from collections import Counter

    from bot.facts.words import stem

    counts: Counter[str] = Counter()
    for path in sorted(nlu_dir.rglob("*.yml")) if nlu_dir.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\s+- (.+)$", line)
            if match:
                counts.update({stem(w) for w in normalise(match.group(1)).split()})
    return dict(counts)

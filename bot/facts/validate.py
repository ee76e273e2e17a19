"""Reading and checking the curated YAML in data/facts; nothing is written here (see loader.py).

Every problem is reported with its file, entry and field, and all of them at once, so a reviewer
can fix a batch of edits in one go.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.facts.checker import Checker, FactData, FactDataError, Problem
from bot.facts.text import normalise
from bot.facts.vocab import AFFECTS, AUDIENCES, CONDITIONS, LEADS, TOPICS

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
    alias_owner = _conditions(check, root, data)
    known_terms = _glossary(check, root, data, alias_owner, check_source)
    _gaps(check, root, data, check_source)
    _facts(check, root, data, known_terms, check_source)
    _attributes(check, root, data)
    _word_groups(check, root, data)
    _outside(check, root, data, alias_owner)
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


def _recognised(check: Checker, path: Path, label: str, value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    good = []
    for item in value if isinstance(value, list) else [value]:
        if (
            not isinstance(item, dict)
            or set(item) != {"name", "note"}
            or not all(isinstance(v, str) and v.strip() for v in item.values())
        ):
            check.problem(path, label, "recognise", f"each entry needs a name and a note: {item!r}")
            continue
        good.append({"name": item["name"].strip(), "note": item["note"].strip()})
    return good


def _conditions(check: Checker, root: Path, data: FactData) -> dict[str, str]:
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
        recognised = _recognised(check, path, label, raw.get("recognise"))
        for alias in [raw["name"], raw["short_name"], *aliases, *(r["name"] for r in recognised)]:
            key = normalise(alias)
            if not key:
                check.problem(path, label, "aliases", f"'{alias}' has no letters or digits")
            elif alias_owner.get(key, slug) != slug:
                check.problem(path, label, "aliases", f"'{alias}' already names '{alias_owner[key]}'")
            else:
                alias_owner[key] = slug
        attributes = raw.get("attributes") or []
        if not isinstance(attributes, list) or not all(
            isinstance(a, dict)
            and set(a) == {"attribute", "values", "fact"}
            and isinstance(a["fact"], str)
            and isinstance(a["attribute"], str)
            for a in attributes
        ):
            check.problem(path, label, "attributes", "each entry needs an attribute, a list of values and a fact")
            attributes = []
        cond_slugs.append(slug)
        data.conditions.append({**raw, "aliases": aliases, "recognise": recognised, "attributes": attributes})
    for cond in data.conditions:
        parent = cond.get("parent")
        if parent is not None and parent not in cond_slugs:
            check.problem(path, f"condition '{cond['slug']}'", "parent", f"unknown condition '{parent}'")
    if not check.problems:
        for slug in CONDITIONS:
            if slug not in cond_slugs:
                check.problem(path, f"condition '{slug}'", "slug", "missing from the file")
    return alias_owner


def _glossary(check: Checker, root: Path, data: FactData, alias_owner: dict[str, str], check_source: Any) -> set[str]:
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
    return {t["term"] for t in data.terms}


def _identified(check: Checker, path: Path, label: str, raw: dict[str, Any], seen: set[str]) -> bool:
    """What every fact and gap must have: a new id, a known condition and a known topic."""
    if raw["id"] in seen:
        check.problem(path, label, "id", "duplicate id")
        return False
    if raw["condition"] not in CONDITIONS:
        check.problem(path, label, "condition", f"unknown condition slug '{raw['condition']}'")
        return False
    if raw["topic"] not in TOPICS:
        check.problem(path, label, "topic", f"unknown topic slug '{raw['topic']}'")
        return False
    return True


def _gaps(check: Checker, root: Path, data: FactData, check_source: Any) -> None:
    path = root / "gaps.yml"
    gap_ids: set[str] = set()
    for label, raw in check.entries(path, "gaps", "gap", "id"):
        if not _identified(check, path, label, raw, gap_ids):
            continue
        asks = check.asks(path, label, raw.get("asks"), raw["topic"])
        keys = check.string_list(path, label, "keys", raw.get("keys"))
        if check_source(path, label, raw):
            gap_ids.add(raw["id"])
            data.gaps.append({**raw, "asks": asks, "keys": keys})


def _facts(check: Checker, root: Path, data: FactData, known_terms: set[str], check_source: Any) -> None:
    fact_ids: set[str] = set()
    fact_files = sorted((root / "facts").glob("*.yml"))
    if not fact_files:
        check.problem(root / "facts", "-", "facts", "no fact files found")
    for path in fact_files:
        for label, raw in check.entries(path, "facts", "fact", "id"):
            if not _identified(check, path, label, raw, fact_ids):
                continue
            terms = check.string_list(path, label, "terms", raw.get("terms"))
            unknown = [t for t in terms if t.lower() not in known_terms]
            if unknown:
                check.problem(path, label, "terms", f"not in the glossary: {', '.join(unknown)}")
                continue
            if raw.get("audience") is not None and raw["audience"] not in AUDIENCES:
                check.problem(path, label, "audience", f"must be one of {', '.join(AUDIENCES)}")
                continue
            also = check.vocabulary_list(path, label, "also", raw.get("also"), TOPICS)
            other = check.vocabulary_list(path, label, "for", raw.get("for"), CONDITIONS)
            leads = check.vocabulary_list(path, label, "leads", raw.get("leads"), LEADS)
            asks = check.asks(path, label, raw.get("asks"), raw["topic"])
            if not check_source(path, label, raw):
                continue
            topics = [raw["topic"], *(t for t in [*also, *asks] if t != raw["topic"])]
            fact_ids.add(raw["id"])
            data.facts.append(
                {
                    **raw,
                    "terms": [t.lower() for t in terms],
                    "topics": list(dict.fromkeys(topics)),
                    "for": [c for c in other if c != raw["condition"]],
                    "leads": leads,
                    "asks": asks,
                }
            )
    facts = {f["id"]: f for f in data.facts}
    conditions_path = root / "conditions.yml"
    for cond in data.conditions:
        for entry in cond["attributes"]:
            fact = facts.get(entry["fact"])
            label = f"condition '{cond['slug']}'"
            if fact is None:
                check.problem(conditions_path, label, "attributes", f"unknown fact '{entry['fact']}'")
            elif cond["slug"] not in (fact["condition"], *fact["for"]):
                check.problem(conditions_path, label, "attributes", f"fact '{entry['fact']}' is not about it")


def _attributes(check: Checker, root: Path, data: FactData) -> None:
    path = root / "attributes.yml"
    slugs: dict[str, set[str]] = {}
    for label, raw in check.entries(path, "attributes", "attribute", "slug"):
        if raw["topic"] not in TOPICS:
            check.problem(path, label, "topic", f"unknown topic slug '{raw['topic']}'")
            continue
        values = raw["values"]
        if (
            not isinstance(values, list)
            or not values
            or not all(
                isinstance(v, dict)
                and {"slug", "phrase", "words"} <= set(v) <= {"slug", "phrase", "words", "topic"}
                and isinstance(v["words"], list)
                for v in values
            )
        ):
            check.problem(path, label, "values", "each value needs a slug, a phrase and a list of words")
            continue
        wrong = [v["topic"] for v in values if "topic" in v and v["topic"] not in TOPICS]
        if wrong:
            check.problem(path, label, "values", f"unknown topic slug '{wrong[0]}'")
            continue
        cues = check.string_list(path, label, "cues", raw.get("cues"))
        slugs[raw["slug"]] = {v["slug"] for v in values}
        data.attributes.append({**raw, "cues": cues})
    conditions_path = root / "conditions.yml"
    for cond in data.conditions:
        for entry in cond["attributes"]:
            label = f"condition '{cond['slug']}'"
            allowed = slugs.get(entry["attribute"])
            if allowed is None:
                check.problem(conditions_path, label, "attributes", f"unknown attribute '{entry['attribute']}'")
            elif not isinstance(entry["values"], list) or not set(entry["values"]) <= allowed:
                check.problem(conditions_path, label, "attributes", f"values must be some of {sorted(allowed)}")


def _word_groups(check: Checker, root: Path, data: FactData) -> None:
    path = root / "words.yml"
    for index, group in enumerate(check.read_list(path, "groups")):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(w, str) and w.strip() for w in group):
            check.problem(path, f"group #{index + 1}", "-", "each group must list two or more words")
            continue
        data.word_groups.append([str(w).strip() for w in group])


def _outside(check: Checker, root: Path, data: FactData, alias_owner: dict[str, str]) -> None:
    path = root / "scope.yml"
    seen: set[str] = set()
    for index, name in enumerate(check.read_list(path, "outside")):
        label = f"name #{index + 1}"
        if not isinstance(name, str) or not normalise(name):
            check.problem(path, label, "-", "each entry must be a name")
            continue
        key = normalise(name)
        if key in alias_owner:
            check.problem(path, label, "-", f"'{name}' is also a name of condition '{alias_owner[key]}'")
        elif key not in seen:
            seen.add(key)
            data.outside.append(name.strip())


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

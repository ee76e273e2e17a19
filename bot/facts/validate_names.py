"""Reading and checking the names in data/facts: the conditions (conditions.yml), the glossary's terms
(glossary.yml) and the illnesses the material does not cover (scope.yml). A name belongs to one
condition or term only; each reader is called by bot/facts/validate.py's load_dir.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.facts.checker import Checker, FactData
from bot.facts.text import normalise
from bot.facts.vocab import AFFECTS, CONDITIONS


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


def read_conditions(check: Checker, root: Path, data: FactData) -> dict[str, str]:
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
            and {"attribute", "values", "fact"} <= set(a) <= {"attribute", "values", "fact", "via"}
            and isinstance(a["fact"], str)
            and isinstance(a.get("via", ""), str)
            and isinstance(a["attribute"], str)
            for a in attributes
        ):
            need = "each entry needs an attribute, a list of values and a fact (and may have a via fact)"
            check.problem(path, label, "attributes", need)
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


def read_glossary(
    check: Checker, root: Path, data: FactData, alias_owner: dict[str, str], check_source: Any
) -> set[str]:
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


def read_outside(check: Checker, root: Path, data: FactData, alias_owner: dict[str, str]) -> None:
    """The illnesses (``outside``) and the remedies (``remedies``) the material does not cover."""
    path = root / "scope.yml"
    seen: set[str] = set()
    lists = {"outside": data.outside, "remedies": data.remedies}
    for key_name, into in lists.items():
        for index, name in enumerate(check.read_list(path, key_name, tuple(k for k in lists if k != key_name))):
            label = f"{key_name} #{index + 1}"
            if not isinstance(name, str) or not normalise(name):
                check.problem(path, label, "-", "each entry must be a name")
                continue
            key = normalise(name)
            if key in alias_owner:
                check.problem(path, label, "-", f"'{name}' is also a name of condition '{alias_owner[key]}'")
            elif key not in seen:
                seen.add(key)
                into.append(name.strip())

"""Reading and checking what answers questions in data/facts: the facts (facts/*.yml), the gaps
(gaps.yml) and the attributes (attributes.yml), with the conditions' attribute entries that point at
them; each reader is called by bot/facts/validate.py's load_dir.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.facts.checker import Checker, FactData
from bot.facts.vocab import AUDIENCES, CONDITIONS, LEADS, TOPICS


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


def read_gaps(check: Checker, root: Path, data: FactData, check_source: Any) -> None:
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


def read_facts(check: Checker, root: Path, data: FactData, known_terms: set[str], check_source: Any) -> None:
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
            via = entry.get("via")
            if via is not None and via not in facts:
                check.problem(conditions_path, label, "attributes", f"unknown via fact '{via}'")


def read_attributes(check: Checker, root: Path, data: FactData) -> None:
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

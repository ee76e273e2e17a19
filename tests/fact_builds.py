"""One fact's text changed in a copy of the curated data, for the tests of the store's build record.

The change swaps the two sentences of one fact: another text, nothing new said (never invent content,
even in a test store).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bot.facts.settings import DATA_DIR

FACT = "pls.definition.1"
OLD = "Primary lateral sclerosis (PLS) is a type of MND. It affects only the upper motor neurons."
NEW = "PLS affects only the upper motor neurons. Primary lateral sclerosis (PLS) is a type of MND."


def changed_data(folder: Path) -> Path:
    """A copy of data/facts in ``folder`` whose fact FACT reads NEW instead of OLD."""
    data = folder / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "facts" / "pls.yml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    fact = next(f for f in doc["facts"] if f["id"] == FACT)
    assert fact["answer"] == OLD, "data/facts/facts/pls.yml changed: update tests/fact_builds.py"
    fact["answer"] = NEW
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data

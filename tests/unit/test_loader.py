"""The loader refuses bad curated data, names the problem, and leaves the old store intact."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from bot.facts.loader import FactDataError, build
from bot.facts.models import Fact, ReviewNote, Source
from bot.facts.settings import DATA_DIR


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _fact_count(url: str) -> int:
    engine = create_engine(url)
    with Session(engine) as s:
        count = s.scalar(select(func.count()).select_from(Fact)) or 0
    engine.dispose()
    return count


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "facts"
    shutil.copytree(DATA_DIR, copy)
    return copy


@pytest.fixture
def built(tmp_path: Path) -> str:
    """A store already built from the good data."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    build(DATA_DIR, url)
    return url


def _first_fact(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["facts"][0]


BAD_EDITS = [
    pytest.param(
        "facts/als.yml",
        lambda d: _first_fact(d).update(condition="alz"),
        "condition",
        "unknown condition slug 'alz'",
        id="unknown-condition-slug",
    ),
    pytest.param(
        "facts/als.yml",
        lambda d: _first_fact(d).update(topic="prognosis"),
        "topic",
        "unknown topic slug 'prognosis'",
        id="unknown-topic-slug",
    ),
    pytest.param(
        "facts/als.yml",
        lambda d: d["facts"].append(dict(d["facts"][0])),
        "id",
        "duplicate id",
        id="duplicate-id",
    ),
    pytest.param(
        "facts/als.yml",
        lambda d: _first_fact(d).pop("source"),
        "source",
        "missing",
        id="fact-without-source",
    ),
    pytest.param(
        "facts/als.yml",
        lambda d: _first_fact(d).update(answer="   "),
        "answer",
        "must be a non-empty string",
        id="empty-answer",
    ),
    pytest.param(
        "facts/als.yml",
        lambda d: _first_fact(d).update(terms=["flux capacitor"]),
        "terms",
        "not in the glossary: flux capacitor",
        id="unknown-glossary-term",
    ),
    pytest.param(
        "facts/als.yml",
        lambda d: _first_fact(d).update(section="nowhere"),
        "section",
        "has no section 'nowhere'",
        id="unknown-section",
    ),
    pytest.param(
        "facts/als.yml",
        lambda d: _first_fact(d).update(answr="typo"),
        "answr",
        "unknown field",
        id="unknown-field",
    ),
    pytest.param(
        "conditions.yml",
        lambda d: d["conditions"][2]["aliases"].append("MND"),
        "aliases",
        "already names 'mnd'",
        id="alias-shared-by-two-conditions",
    ),
    pytest.param(
        "conditions.yml",
        lambda d: d["conditions"][2].update(affects="sideways"),
        "affects",
        "must be one of",
        id="bad-affects",
    ),
    pytest.param(
        "facts/als.yml",
        lambda d: d.update(review_note=["not", "a", "sentence"]),
        "review_note",
        "must be a non-empty string",
        id="review-note-not-text",
    ),
    pytest.param(
        "glossary.yml",
        lambda d: d.update(reviewer_notes="a note under a misspelt key would never show"),
        "reviewer_notes",
        "unknown top-level key",
        id="unknown-top-level-key",
    ),
]


@pytest.mark.parametrize(("file", "edit", "field", "message"), BAD_EDITS)
def test_build_rejects_bad_data_and_keeps_old_store(
    data: Path, built: str, file: str, edit: Callable[[dict[str, Any]], None], field: str, message: str
) -> None:
    before = _fact_count(built)
    _edit(data / file, edit)
    with pytest.raises(FactDataError) as caught:
        build(data, built)
    problems = caught.value.problems
    assert any(p.file == file and p.field == field and message in p.message for p in problems), problems
    assert all(p.entry for p in problems)
    assert _fact_count(built) == before


def test_build_rejects_malformed_yaml(data: Path, built: str) -> None:
    before = _fact_count(built)
    (data / "facts" / "pls.yml").write_text("facts:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(FactDataError) as caught:
        build(data, built)
    assert caught.value.problems[0].file == "facts/pls.yml"
    assert "not valid YAML" in caught.value.problems[0].message
    assert _fact_count(built) == before


def test_build_rejects_missing_file(data: Path, built: str) -> None:
    (data / "glossary.yml").unlink()
    with pytest.raises(FactDataError) as caught:
        build(data, built)
    assert str(caught.value.problems[0]).startswith("glossary.yml: -: terms: file is missing")


def test_error_message_names_file_entry_and_field(data: Path, built: str) -> None:
    _edit(data / "facts" / "als.yml", lambda d: _first_fact(d).update(answer=""))
    with pytest.raises(FactDataError) as caught:
        build(data, built)
    fact_id = yaml.safe_load((DATA_DIR / "facts" / "als.yml").read_text())["facts"][0]["id"]
    assert f"facts/als.yml: fact '{fact_id}': answer: must be a non-empty string" in str(caught.value)


def test_rebuild_is_idempotent(built: str) -> None:
    first = _fact_count(built)
    build(DATA_DIR, built)
    build(DATA_DIR, built)
    assert _fact_count(built) == first > 0


def test_build_leaves_no_temporary_files(tmp_path: Path, built: str) -> None:
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["store.db"]


def test_reviewer_notes_are_kept_in_the_store(built: str) -> None:
    """The clinician's notes on whole files and on sources reach the store, where the review page reads them."""
    engine = create_engine(built)
    with Session(engine) as s:
        notes = dict(s.execute(select(ReviewNote.file, ReviewNote.note)).tuples().all())
        source_note = s.get(Source, "cc_mnd").note  # type: ignore[union-attr]
    engine.dispose()
    assert "no upper_lower fact" in notes["facts/kennedy.yml"]
    assert notes["gaps.yml"].startswith("The bot never fills these in.")
    assert {"sources.yml", "glossary.yml", "conditions.yml", "facts/mnd.yml"} <= notes.keys()
    assert source_note is not None and "month/day" in source_note

"""The build record: the loader writes the checksum of the content, which changes with any row of it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine

from bot.facts.checksum import content_checksum
from bot.facts.loader import load_into
from bot.facts.models import BuildRecord
from tests.fact_builds import FACT, NEW


def _record(engine: Engine) -> tuple[str, str]:
    with engine.connect() as conn:
        build_id, checksum = conn.execute(select(BuildRecord.build_id, BuildRecord.checksum)).one()
    return build_id, checksum


def _checksums(engine: Engine) -> tuple[str, str]:
    """(what the record says, what the content gives)."""
    with engine.connect() as conn:
        return _record(engine)[1], content_checksum(conn)


def _edit(path: Path, sql: str, *params: str) -> None:
    with closing(sqlite3.connect(path)) as db:
        assert db.execute(sql, params).rowcount >= 1, sql
        db.commit()


def test_checksum_is_recorded_and_the_same_for_two_builds_of_the_same_data(built_file: Path) -> None:
    engine = create_engine(f"sqlite:///{built_file}")
    other = create_engine("sqlite://")
    load_into(other)
    recorded, computed = _checksums(engine)
    assert recorded == computed
    assert _checksums(other) == (recorded, recorded)
    assert _record(other)[0] != _record(engine)[0], "each build has an id of its own"
    with engine.connect() as conn:
        assert content_checksum(conn) == computed, "computed again, the same"


CHANGES = [
    pytest.param("UPDATE fact SET answer = ? WHERE id = ?", (NEW, FACT), id="a fact's text"),
    pytest.param("UPDATE fact SET detail = 'More.' WHERE id = ?", (FACT,), id="a fact's detail"),
    pytest.param("UPDATE fact SET section = 'types_als' WHERE id = ?", (FACT,), id="a fact's source section"),
    pytest.param('DELETE FROM fact_topic WHERE fact_id = ? AND NOT "primary"', (FACT,), id="a topic a fact answers"),
    pytest.param("UPDATE source SET citation = citation || ' (2020)'", (), id="a citation"),
    pytest.param("UPDATE source SET title = 'Another title' WHERE id = 'cc_mnd'", (), id="a source"),
    pytest.param("UPDATE section SET title = 'Types' WHERE slug = 'types_pls'", (), id="a source's section"),
    pytest.param("UPDATE glossary_term SET definition = 'Something else.'", (), id="a glossary definition"),
    pytest.param("UPDATE condition_alias SET text = 'PLS!' WHERE normal = 'pls'", (), id="a condition's name"),
    pytest.param("DELETE FROM search_term WHERE item_id = ?", (FACT,), id="a fact's search terms"),
    pytest.param(
        "INSERT INTO outside_name (text, normal, kind) VALUES ('flu', 'flu', 'illness')", (), id="a row added"
    ),
]


@pytest.mark.parametrize(("sql", "params"), CHANGES)
def test_checksum_changes_when_any_content_changes(store_file: Path, sql: str, params: tuple[str, ...]) -> None:
    engine = create_engine(f"sqlite:///{store_file}")
    before = _checksums(engine)
    engine.dispose()
    _edit(store_file, sql, *params)
    recorded, computed = _checksums(engine)
    assert recorded == before[0] == before[1]
    assert computed != recorded

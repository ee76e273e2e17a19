"""The fact store builds on PostgreSQL with the project's own command, and holds exactly what SQLite holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from bot.facts.checksum import content_checksum
from bot.facts.loader import load_into
from bot.facts.models import Base, BuildRecord, Fact
from bot.facts.serving import BuildWatch
from bot.serve import ROOT
from tests.fact_builds import FACT, NEW, OLD, changed_data

from .conftest import PostgresServer

WHICH_BUILD = ("build_id", "built_at")


def _facts(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.facts", "--url", url, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _content(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order (the build's id and time, which and when, not what, left out)."""
    with engine.connect() as conn:
        return {
            table.name: [
                tuple(row)
                for row in conn.execute(
                    select(*(column for column in table.columns if column.name not in WHICH_BUILD)).order_by(
                        *table.primary_key.columns
                    )
                )
            ]
            for table in Base.metadata.sorted_tables
        }


def test_postgresql_store_holds_exactly_what_sqlite_holds(pg_engine: Engine) -> None:
    sqlite = create_engine("sqlite://", poolclass=StaticPool)
    load_into(sqlite)
    on_sqlite, on_postgres = _content(sqlite), _content(pg_engine)
    assert on_sqlite.keys() == on_postgres.keys()
    for table in on_sqlite:
        assert on_postgres[table] == on_sqlite[table], table
    assert on_postgres["fact"], "the store is empty"


def test_build_check_and_export_commands_work_on_postgresql(postgres: PostgresServer, tmp_path: Path) -> None:
    url = postgres.url("facts_cli")
    for _ in range(2):  # a rebuild replaces the store in place (one transaction), as on every start-up
        built = _facts("build", url=url)
        assert built.returncode == 0, built.stderr
        assert built.stdout.startswith("fact store built:")
    checked = _facts("check", url=url)
    assert checked.returncode == 0 and checked.stdout.strip() == "fact store OK", checked.stderr
    sqlite_url = f"sqlite:///{tmp_path / 'facts.db'}"
    assert _facts("build", url=sqlite_url).returncode == 0
    for name, store in (("pg.jsonl", url), ("sqlite.jsonl", sqlite_url)):
        exported = _facts("export-patterns", "--out", str(tmp_path / name), url=store)
        assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "pg.jsonl").read_text() == (tmp_path / "sqlite.jsonl").read_text()


def test_the_checksum_is_the_same_on_both_databases_and_a_rebuild_is_served_without_reopening(
    postgres: PostgresServer, pg_engine: Engine, tmp_path: Path
) -> None:
    sqlite = create_engine("sqlite://", poolclass=StaticPool)
    load_into(sqlite)
    with pg_engine.connect() as pg, sqlite.connect() as lite:
        recorded = pg.scalar(select(BuildRecord.checksum))
        assert recorded == content_checksum(pg) == content_checksum(lite) == lite.scalar(select(BuildRecord.checksum))
    url = postgres.url("facts_cli")
    assert _facts("build", url=url).returncode == 0
    watch = BuildWatch(url)  # as the action server: the build record read each turn
    with watch.sessions()() as session:
        assert session.get(Fact, FACT).answer == OLD  # type: ignore[union-attr]
    first = watch.health()["build_id"]
    rebuilt = _facts("build", "--data", str(changed_data(tmp_path)), url=url)
    assert rebuilt.returncode == 0, rebuilt.stderr
    with watch.sessions()() as session:
        assert session.get(Fact, FACT).answer == NEW  # type: ignore[union-attr]
    assert watch.health()["build_id"] != first


def test_check_names_the_fix_when_postgresql_is_unreachable(postgres: PostgresServer) -> None:
    wrong = postgres.url("facts").replace(f"mnd:{postgres.password}@", "mnd:not-the-password@")
    checked = _facts("check", url=wrong)
    assert checked.returncode == 1
    assert checked.stderr.strip().splitlines()[-1].startswith("error: the fact store cannot be read")
    assert postgres.password not in checked.stderr + checked.stdout

"""The action server serves a new build of the fact store at once, and refuses one whose content does not match
its build record (bot/facts/serving.py), on a SQLite file changed under it."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from bot.facts.loader import build, load_dir, write
from bot.facts.models import Fact
from bot.facts.serving import BuildWatch, StoreRefused
from tests.fact_builds import FACT, NEW, OLD, changed_data


def _set_answer(path: Path, answer: str) -> None:
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("UPDATE fact SET answer = ? WHERE id = ?", (answer, FACT)).rowcount == 1
        db.commit()


def _answer(watch: BuildWatch) -> str:
    with watch.sessions()() as session:
        return session.get(Fact, FACT).answer  # type: ignore[union-attr]


def test_a_new_build_is_served_by_the_next_session_without_reopening(store_file: Path, tmp_path: Path) -> None:
    watch = BuildWatch(f"sqlite:///{store_file}")
    assert _answer(watch) == OLD
    first = watch.health()
    build(changed_data(tmp_path), f"sqlite:///{store_file}")
    assert _answer(watch) == NEW
    now = watch.health()
    assert now["state"] == "ok" and now["build_id"] != first["build_id"]


def test_a_store_edited_in_place_is_refused_until_its_content_matches_again(
    store_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    watch = BuildWatch(f"sqlite:///{store_file}")
    assert _answer(watch) == OLD
    _set_answer(store_file, NEW)
    with caplog.at_level(logging.INFO, logger="bot.facts.serving"):
        for _ in range(3):
            with pytest.raises(StoreRefused, match="does not match its build record"):
                watch.sessions()
        health = watch.health()
    assert health["state"] == "refused" and health["problem"] == "checksum_mismatch"
    refusals = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(refusals) == 1, "one log line, not one per turn"
    assert NEW not in refusals[0].getMessage() and OLD not in refusals[0].getMessage()
    _set_answer(store_file, OLD)
    assert _answer(watch) == OLD
    assert watch.health()["state"] == "ok"


def test_a_missing_or_unreadable_store_is_refused_and_served_once_whole(store_file: Path) -> None:
    whole = store_file.read_bytes()
    watch = BuildWatch(f"sqlite:///{store_file}")
    store_file.unlink()
    with pytest.raises(StoreRefused, match="no fact store"):
        watch.sessions()
    store_file.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(StoreRefused):
        watch.sessions()
    assert watch.health()["problem"] in ("unreadable", "checksum_mismatch", "no_record")
    store_file.write_bytes(whole)
    assert _answer(watch) == OLD


def test_on_a_server_database_a_new_build_is_noticed_by_its_record(store_file: Path, tmp_path: Path) -> None:
    watch = BuildWatch(f"sqlite:///{store_file}")
    watch.path = None  # as on PostgreSQL: no file to look at, only the build record
    assert _answer(watch) == OLD
    engine = create_engine(f"sqlite:///{store_file}")
    write(engine, load_dir(changed_data(tmp_path)))  # in one transaction, as the loader on a server database
    engine.dispose()
    assert _answer(watch) == NEW

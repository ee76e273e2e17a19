"""Fixtures for unit tests: a fresh in-memory fact store per test, built from data/facts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.orm import Session, sessionmaker

from actions.base import StoreAction
from bot.facts.loader import build
from bot.facts.settings import DATA_DIR
from tests.unit.store import memory_sessions

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sessions() -> Iterator[sessionmaker[Session]]:
    """A sessionmaker over a new in-memory store holding the curated facts."""
    with memory_sessions() as made:
        yield made


@pytest.fixture
def session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    with sessions() as s:
        yield s


@pytest.fixture
def store(sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> sessionmaker[Session]:
    """Point every store-backed action at the in-memory store for this test."""
    monkeypatch.setattr(StoreAction, "sessions", sessions)
    return sessions


@pytest.fixture(scope="session")
def built_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store file built by the loader from the curated data, as `make facts` builds it."""
    path = tmp_path_factory.mktemp("built") / "facts.db"
    build(DATA_DIR, f"sqlite:///{path}")
    return path


@pytest.fixture
def store_file(built_file: Path, tmp_path: Path) -> Path:
    """A copy of ``built_file`` for one test to change."""
    path = tmp_path / "facts.db"
    shutil.copyfile(built_file, path)
    return path


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The real domain, as the Rasa server sends it to the action server."""
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))

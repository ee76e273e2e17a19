"""Fixtures for unit tests: a fresh in-memory fact store per test, built from data/facts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.orm import Session, sessionmaker

from actions.base import StoreAction
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
def domain() -> dict[str, Any]:
    """The real domain, as the Rasa server sends it to the action server."""
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))

"""Fixtures for unit tests: a fresh in-memory fact store per test, built from data/facts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from actions.base import StoreAction
from bot.facts.loader import load_into

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sessions() -> Iterator[sessionmaker[Session]]:
    """A sessionmaker over a new in-memory store holding the curated facts."""
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    load_into(engine)
    yield sessionmaker(bind=engine, expire_on_commit=False)
    engine.dispose()


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

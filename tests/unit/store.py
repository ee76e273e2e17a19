"""A fresh in-memory fact store holding the curated facts (shared by tests/unit and tests/scaled/facts)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from bot.facts.loader import load_into


@contextmanager
def memory_sessions() -> Iterator[sessionmaker[Session]]:
    """A sessionmaker over a new in-memory SQLite store built from data/facts; disposed afterwards."""
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    load_into(engine)
    try:
        yield sessionmaker(bind=engine, expire_on_commit=False)
    finally:
        engine.dispose()

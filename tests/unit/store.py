"""A fresh in-memory fact store holding the curated facts (shared by tests/unit and tests/scaled/facts)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from bot.facts.loader import load_into


def _memory_engine() -> Engine:
    return create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})


@lru_cache(maxsize=1)
def _template() -> Engine:
    """The curated facts, validated and written once per test run."""
    engine = _memory_engine()
    load_into(engine)
    return engine


@contextmanager
def memory_sessions() -> Iterator[sessionmaker[Session]]:
    """A sessionmaker over a new in-memory SQLite store built from data/facts; disposed afterwards.

    Each store is a copy of one built per run (SQLite's backup API), so tests cannot affect each other.
    """
    engine = _memory_engine()
    source = _template().raw_connection()
    target = engine.raw_connection()
    try:
        source.driver_connection.backup(target.driver_connection)  # type: ignore[union-attr]
    finally:
        source.close()
        target.close()
    try:
        yield sessionmaker(bind=engine, expire_on_commit=False)
    finally:
        engine.dispose()

"""Engines and sessions for the fact store, created on first use and then reused."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.facts.settings import database_url


class StoreMissing(RuntimeError):
    """The fact store has not been built (or is not a fact store)."""


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    """One pooled engine per URL, so every action run reuses connections."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        # Open read-only-in-spirit: never create an empty file where the store should be.
        from pathlib import Path

        if not Path(parsed.database).is_file():
            raise StoreMissing(f"no fact store at {parsed.database}; run `make facts` to build it")
    return create_engine(parsed, pool_pre_ping=True)


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    """A sessionmaker bound to the store at ``url`` (default: the configured one)."""
    return sessionmaker(bind=engine_for(url or database_url()), expire_on_commit=False)


def check_store(url: str | None = None) -> None:
    """Raise StoreMissing with a clear message if the store is absent or not built."""
    try:
        engine = engine_for(url or database_url())
        tables = set(inspect(engine).get_table_names())
    except StoreMissing:
        raise
    except Exception as exc:  # a corrupt file or an unreachable server
        raise StoreMissing(
            f"the fact store cannot be read ({exc.__class__.__name__}); run `make facts` to rebuild it"
        ) from exc
    if not {"fact", "condition", "source"} <= tables:
        raise StoreMissing("the fact store is empty or incomplete; run `make facts` to rebuild it")

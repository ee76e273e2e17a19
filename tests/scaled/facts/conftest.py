"""The fact store on both databases the project supports: SQLite (embedded profile) and PostgreSQL (scaled).

A throw-away PostgreSQL cluster is started for the session (bot.scaled.Postgres, on a free loopback
port); the ``session``/``sessions`` fixtures of tests/unit are redefined here parametrised over both
databases, so the query tests of tests/unit/test_queries.py run unchanged on each (see test_queries.py).
Runs in the action server environment (SQLAlchemy 2, psycopg 3), like tests/unit.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.facts.loader import load_into
from bot.scaled import Postgres
from bot.serve import free_port
from tests.unit.store import memory_sessions

BACKENDS = ["sqlite", "postgresql"]


@dataclass(frozen=True)
class PostgresServer:
    cluster: Postgres
    password: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://mnd:{self.password}@{self.cluster.host}:{self.cluster.port}/{database}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL cluster of its own, with role ``mnd`` owning the databases ``facts`` and ``facts_cli``."""
    # Not under pytest's tmp dir: that is private to root, and the cluster runs as ``postgres``.
    base = Path(tempfile.mkdtemp(prefix="mnd-facts-pg-"))
    base.chmod(0o755)
    cluster = Postgres(base, port=free_port())
    try:
        cluster.init()
        cluster.start()
        password = secrets.token_urlsafe(16)
        cluster.ensure_app("mnd", password, ["facts", "facts_cli"])
        yield PostgresServer(cluster, password)
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_engine(postgres: PostgresServer) -> Iterator[Engine]:
    """The curated facts loaded once into PostgreSQL (the query tests only read)."""
    engine = create_engine(postgres.url("facts"))
    load_into(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def sessions(request: pytest.FixtureRequest) -> Iterator[sessionmaker[Session]]:
    """A sessionmaker over a store holding the curated facts: in-memory SQLite, or PostgreSQL."""
    if request.param == "postgresql":
        yield sessionmaker(bind=request.getfixturevalue("pg_engine"), expire_on_commit=False)
        return
    with memory_sessions() as made:
        yield made


@pytest.fixture
def session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    with sessions() as s:
        yield s
        s.rollback()

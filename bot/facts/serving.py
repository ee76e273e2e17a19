"""Which build of the fact store the action server serves, and how it notices another one.

Every action run asks :func:`current_sessions` for the sessions of the build to serve. That check is
cheap: for a SQLite file, two ``stat`` calls (the file's and its ``-wal`` file's device, inode,
modification time and size) compared with those of the build being served; on a server database, the
build record's id and checksum (one single-row query, the one each turn made before for its caches).
When they differ, the store is opened afresh: pooled connections are dropped (one opened before
`make facts` replaced the file would keep reading the old file), and on a new connection the build
record is read and the content's checksum computed (bot/facts/checksum.py, a full read, once per
build). A build whose content matches its record is served; one that does not (edited in place,
damaged, half copied back) is refused: each turn gets the polite error reply, one log line says why,
the action server's ``/health`` says so, and as soon as a build that matches is in place it is
served again, without a restart.

The caches derived from the store (bot/facts/builds.py) are keyed by the checksum this module puts
into each Session's ``info``, so one turn reads every table and every cache of the same build.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.facts.checksum import content_checksum
from bot.facts.db import StoreMissing
from bot.facts.models import BuildRecord
from bot.facts.settings import database_url

logger = logging.getLogger(__name__)

# A build replaced while it was being checked is checked again, this many times at most per turn.
OPEN_TRIES = 3


class StoreRefused(StoreMissing):
    """The store cannot be served: missing, unreadable, or its content does not match its build record."""


@dataclass(frozen=True)
class Opened:
    """What opening the store found: the build served, or why none is."""

    signature: Any
    sessions: sessionmaker[Session] | None = None
    build_id: str | None = None
    checksum: str | None = None
    built_at: str | None = None
    problem: str | None = None  # missing, unreadable, no_record, checksum_mismatch
    reason: str = ""


def _stat(path: Path) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


class BuildWatch:
    """The fact store at one URL, as the action server serves it."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        database = parsed.database
        is_file = parsed.get_backend_name() == "sqlite" and database not in (None, "", ":memory:")
        self.path = Path(database) if is_file and database else None
        self._engine: Engine = create_engine(parsed, pool_pre_ping=True)
        self._opened: Opened | None = None
        self._stale = False
        self._refused_since: float | None = None
        self._lock = Lock()

    def sessions(self) -> sessionmaker[Session]:
        """The sessions of the build to serve; StoreRefused (with the reason) when there is none."""
        opened = self.opened()
        if opened.sessions is None:
            raise StoreRefused(opened.reason)
        return opened.sessions

    def opened(self) -> Opened:
        """The build served now, opened afresh if the store changed since the last check."""
        with self._lock:
            for _ in range(OPEN_TRIES):
                signature = self._signature()
                if self._opened is not None and not self._stale and signature == self._opened.signature:
                    break
                self._stale = False
                self._switch(self._open(signature))
                if self._signature() == signature:
                    break
            assert self._opened is not None
            return self._opened

    def broken(self) -> None:
        """A turn met a store error: drop every pooled connection and open the store afresh next turn."""
        with self._lock:
            self._engine.dispose()
            self._stale = True

    def health(self) -> dict[str, Any]:
        """The fact store's part of the action server's health answer (opens a changed store first)."""
        opened = self.opened()
        if opened.sessions is not None:
            return {"state": "ok", "build_id": opened.build_id, "built_at": opened.built_at}
        since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self._refused_since or time.time()))
        return {"state": "refused", "problem": opened.problem, "refused_since": since}

    def _signature(self) -> Any:
        if self.path is not None:
            return (_stat(self.path), _stat(self.path.with_name(self.path.name + "-wal")))
        # A server database is rebuilt in one transaction, which writes a new record (an UPDATE in place
        # is not seen here: that would take the full checksum per turn).
        try:
            with self._engine.connect() as conn:
                return tuple(conn.execute(select(BuildRecord.build_id, BuildRecord.checksum)).one_or_none() or ())
        except SQLAlchemyError as exc:
            return ("unreadable", type(exc).__name__)

    def _open(self, signature: Any) -> Opened:
        # Connections opened on an earlier file (or in a broken state) must not serve this build.
        self._engine.dispose()
        if self.path is not None and signature[0] is None:
            return Opened(signature, problem="missing", reason=f"no fact store at {self.path}; run `make facts`")
        try:
            with self._engine.connect() as conn:
                record = conn.execute(
                    select(BuildRecord.build_id, BuildRecord.checksum, BuildRecord.built_at).where(BuildRecord.id == 1)
                ).one_or_none()
                actual = content_checksum(conn) if record is not None else None
        except SQLAlchemyError as exc:
            reason = f"the fact store cannot be read ({type(exc).__name__}); run `make facts` to rebuild it"
            return Opened(signature, problem="unreadable", reason=reason)
        if record is None:
            return Opened(signature, problem="no_record", reason="the fact store has no build record; run `make facts`")
        build_id, checksum, built_at = record
        if actual != checksum:
            reason = (
                f"the fact store's content does not match its build record (build {build_id}): it was changed "
                "after it was built; run `make facts` to rebuild it"
            )
            return Opened(signature, build_id=build_id, problem="checksum_mismatch", reason=reason)
        sessions = sessionmaker(bind=self._engine, expire_on_commit=False, info={"build": checksum})
        return Opened(signature, sessions, build_id, checksum, built_at)

    def _switch(self, new: Opened) -> None:
        """Serve ``new``; one log line when what is served changes (never one per turn)."""
        old = self._opened
        self._opened = new
        if new.problem is not None:
            if old is None or old.problem is None:
                self._refused_since = time.time()
            if old is None or old.problem != new.problem:
                logger.error(
                    "Fact store refused (%s): %s. Turns get the error reply until a good build is in place.",
                    new.problem,
                    new.reason,
                )
            return
        if old is not None and old.problem is not None:
            logger.warning("Fact store: serving build %s (built %s) again after a refusal.", new.build_id, new.built_at)
        elif old is None or old.build_id != new.build_id:
            logger.info("Fact store: serving build %s (built %s).", new.build_id, new.built_at)
        self._refused_since = None


_WATCHES: dict[str, BuildWatch] = {}
_WATCHES_LOCK = Lock()


def watch(url: str | None = None) -> BuildWatch:
    """The watch of the store at ``url`` (default: the configured one), made on first use."""
    url = url or database_url()
    with _WATCHES_LOCK:
        if url not in _WATCHES:
            _WATCHES[url] = BuildWatch(url)
        return _WATCHES[url]


def current_sessions() -> sessionmaker[Session]:
    """The sessions of the configured store's verified build (StoreRefused if there is none)."""
    return watch().sessions()

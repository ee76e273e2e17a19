"""What the servers keep from one build of the fact store.

Tables that every turn needs (the names, the search index, the attribute words) are read from the
store once and kept in memory, keyed by the checksum of the build they were read from. The action
server's Sessions carry the checksum of the build they serve (bot/facts/serving.py, which notices a
new build and checks it before serving it), so every cache a turn uses is of that turn's build: all
of the old build or all of the new one, and a new build's caches are read on its first turn. Sessions
made elsewhere (tests, command-line tools) ask the build record, once per Session.
"""

from __future__ import annotations

from collections.abc import Callable
from threading import Lock
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts.models import BuildRecord

T = TypeVar("T")

_KEPT: dict[str, tuple[str, Any]] = {}
_LOCK = Lock()


def current_build(session: Session) -> str:
    """The checksum of the build the store holds (asked once per Session)."""
    build = session.info.get("build")
    if build is None:
        build = session.info["build"] = session.scalar(select(BuildRecord.checksum).where(BuildRecord.id == 1)) or ""
    return build


def per_build(session: Session, name: str, read: Callable[[Session], T]) -> T:
    """``read(session)`` for the store's current build, computed once per build and then reused."""
    build = current_build(session)
    kept = _KEPT.get(name)
    if kept is not None and kept[0] == build:
        return kept[1]
    value = read(session)
    with _LOCK:
        _KEPT[name] = (build, value)
    return value

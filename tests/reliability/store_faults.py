"""Helpers for the fault tests: real file systems that fill up or turn read-only, a stack whose
tracker store lives on them, turns recorded, and the fault table they fill."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.serve import ROOT, Stack, free_port
from tests.reliability.conftest import Server

# Short, so a fault costs the tests seconds; long enough that a health check (milliseconds) clearly
# comes back while a turn is still waiting for the store.
RETRY_SECONDS = 2


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"these faults need mount (root): {done.stderr.strip()}")


def _umount(path: Path) -> None:
    if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextlib.contextmanager
def small_disk(path: Path, size: str = "4m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``path``: a real file system that fills up."""
    path.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path))
    try:
        yield path
    finally:
        _umount(path)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` read-only (a read-only bind mount of itself: root ignores file modes) until the block ends."""
    path.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(path), str(path))
    try:
        _mount("-o", "remount,ro,bind", str(path))
        yield
    finally:
        _umount(path)


def fill(path: Path) -> Path:
    """Write a filler file until the file system at ``path`` is full; return it (delete it to free the space)."""
    filler = path / "filler"
    chunk = b"\0" * 4096
    with filler.open("wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(chunk)
    return filler


def stack_with_store(work: Path, database: Path) -> Stack:
    """A stack on free ports whose tracker store is ``database`` (retrying for RETRY_SECONDS)."""
    endpoints = work / "endpoints.yml"
    text = (ROOT / "endpoints.yml").read_text(encoding="utf-8")
    for setting, value in (
        ('db: "build/conversations.db"', f'db: "{database}"'),
        ("retry_seconds: 3", f"retry_seconds: {RETRY_SECONDS}"),
    ):
        assert setting in text, f"endpoints.yml no longer has {setting!r}"
        text = text.replace(setting, value)
    endpoints.write_text(text, encoding="utf-8")
    return Stack(port=free_port(), actions_port=free_port(), endpoints=endpoints, log_dir=work / "logs", state_dir=work)


@dataclass
class Turn:
    sender: str
    message: str
    replies: list[dict[str, Any]]

    @property
    def told_not_saved(self) -> bool:
        return any((m.get("custom") or {}).get("kind") == "not_saved" for m in self.replies)

    def answer(self) -> dict[str, Any]:
        """The payload of the turn's main answer (not the disclaimer, not the not-saved line)."""
        skip = {"disclaimer", "not_saved"}
        return next(m["custom"] for m in self.replies if (m.get("custom") or {}).get("kind") not in skip)


@dataclass
class Conversations:
    """Turns sent to a server, and what its store holds afterwards."""

    server: Server
    turns: list[Turn] = field(default_factory=list)

    def say(self, channel: str, sender: str, message: str) -> Turn:
        turn = Turn(sender, message, self.server.ask(channel, sender, message))
        self.turns.append(turn)
        return turn

    def health(self) -> dict[str, Any]:
        """The REST channel's health answer."""
        with urllib.request.urlopen(self.server.stack.url + "/webhooks/rest/", timeout=60) as resp:
            return json.loads(resp.read())

    def stored_texts(self, sender: str) -> list[str]:
        """The user messages of ``sender`` in the store, in order."""
        if not self.server.conversations.exists():
            return []
        with contextlib.closing(sqlite3.connect(f"file:{self.server.conversations}?mode=ro", uri=True)) as db:
            if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'events'").fetchone():
                return []  # the server never created its table
            rows = db.execute(
                "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
            ).fetchall()
        return [json.loads(data)["text"] for (data,) in rows]

    def mismatches(self) -> list[str]:
        """Turns stored without the person being told otherwise, and turns lost silently, per sender."""
        problems = []
        for sender in dict.fromkeys(t.sender for t in self.turns):
            promised = [t.message for t in self.turns if t.sender == sender and not t.told_not_saved]
            stored = self.stored_texts(sender)
            if stored != promised:
                problems.append(f"{sender}: stored {stored}, replies promised {promised}")
        return problems

    def stored_count(self) -> int:
        return sum(len(self.stored_texts(s)) for s in dict.fromkeys(t.sender for t in self.turns))


def seen(turns: list[Turn]) -> str:
    """What the person saw during a fault, in a few words."""
    told = sum(t.told_not_saved for t in turns)
    errors = sum(any((m.get("custom") or {}).get("kind") == "error" for m in t.replies) for t in turns)
    return f"answers ({errors} errors); {told}/{len(turns)} told 'not saved'"


@dataclass
class FaultTable:
    """fault → what the user saw → turns stored / expected → recovered without restart."""

    rows: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, fault: str, saw: str, stored: int, expected: int, recovered: bool) -> None:
        self.rows.append((fault, saw, f"{stored}/{expected}", "yes" if recovered else "no"))

    def lines(self) -> list[str]:
        head = ("fault", "what the user saw", "stored/expected", "recovered without restart")
        rows = [head, *self.rows]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        return [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]


# Every fault test adds its row here; tests/reliability/conftest.py prints the table once, at the end of the run.
TABLE = FaultTable()


def wait_until(check: Any, attempts: int = 200, pause: float = 0.05) -> bool:
    """Poll ``check()`` a bounded number of times; True as soon as it is true."""
    for _ in range(attempts):
        if check():
            return True
        time.sleep(pause)
    return False

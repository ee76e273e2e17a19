"""What the conversation store reports: to the person whose turn it could not save, and to the operator.

Two small records, kept apart from the store itself (bot/tracker_store.py) so that the channels
and the health endpoint can read them without touching the database:

* :class:`Turn`, one per message a person sends, carried in a context variable through Rasa's
  handling of that message (Rasa awaits the store directly, so the store sees the channel's
  context). The store notes each tracker it could not save; the channel's never-silent guard
  (bot/web/guard.py) then adds the "could not be saved" line to that reply.
* :class:`StoreHealth`, one per store: whether its last read or write worked, what went wrong
  (a short reason, never a sender id, a slot value or SQL parameters) and how many turns were
  not saved. The health endpoints (bot/web/health.py) report it. A change of state is logged
  once, not once per turn, so a long outage does not fill the log.
"""

from __future__ import annotations

import contextvars
import logging
import time
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)


# How many conversations have been forgotten in this process (bot/forgetting.py); a turn notes the
# count when it starts, so a conversation forgotten after that is not saved by it.
_FORGETS = [0]


def forgets_so_far() -> int:
    return _FORGETS[0]


def count_forget() -> int:
    """One more conversation forgotten; returns the new count."""
    _FORGETS[0] += 1
    return _FORGETS[0]


@dataclass
class Turn:
    """One message from a person: the trackers the store could not save while handling it."""

    unsaved: dict[int, Any] = field(default_factory=dict)
    # When the store's retries for this turn end (event loop time), set at its first failure: all the
    # reads and writes of one turn share one retry budget, so a turn waits at most that long.
    give_up_at: float | None = None
    forgets_at_start: int = field(default_factory=forgets_so_far)

    def not_saved(self, tracker: Any) -> None:
        # Keyed by identity, and the tracker kept, so an id is never reused within the turn.
        self.unsaved[id(tracker)] = tracker

    def saved(self, tracker: Any) -> None:
        # A later save of the same tracker writes every event the earlier one missed.
        self.unsaved.pop(id(tracker), None)

    @property
    def lost(self) -> bool:
        """True if some of this turn is not in the store (the person must be told)."""
        return bool(self.unsaved)


_TURN: contextvars.ContextVar[Turn | None] = contextvars.ContextVar("mnd_turn", default=None)


def begin_turn() -> tuple[Turn, contextvars.Token[Turn | None]]:
    """Start recording a turn in the current context; pass the token to :func:`end_turn`."""
    turn = Turn()
    return turn, _TURN.set(turn)


def end_turn(token: contextvars.Token[Turn | None]) -> None:
    _TURN.reset(token)


def current_turn() -> Turn | None:
    """The turn being handled, or None outside a channel's turn (Rasa's HTTP API, scripts)."""
    return _TURN.get()


def reason(error: BaseException) -> str:
    """A short, data-free name for a store error (SQLAlchemy's message carries SQL parameters)."""
    text = str(getattr(error, "orig", None) or error).lower()
    for needle, name in (
        ("disk is full", "disk_full"),
        ("no space", "disk_full"),
        ("file too large", "disk_full"),
        ("readonly", "read_only"),
        ("read-only", "read_only"),
        ("locked", "locked"),
        ("lock timeout", "locked"),
        ("busy", "locked"),
        ("unable to open", "cannot_open"),
        ("no such table", "no_table"),
        ("does not exist", "no_table"),
    ):
        if needle in text:
            return name
    return "unavailable"


@dataclass
class StoreHealth:
    """The store's state as its last read and its last write found it.

    Reads and writes are kept apart: on a full disk reads still work, and a good read must not
    hide that every write fails.
    """

    failing_since: dict[str, float] = field(default_factory=dict)  # "read" / "write" -> since when
    problem: str | None = None
    turns_not_saved: int = 0

    @property
    def ok(self) -> bool:
        return not self.failing_since

    def worked(self, kind: str) -> None:
        since = self.failing_since.pop(kind, None)
        if since is not None and not self.failing_since:
            logger.warning("Conversation store: working again after %.0f s.", time.time() - since)
            self.problem = None

    def failed(self, kind: str, error: BaseException) -> None:
        problem = reason(error)
        if kind not in self.failing_since or problem != self.problem:
            # The exception's class and the reason only: its message would carry the SQL parameters.
            logger.error("Conversation store: cannot %s (%s, %s).", kind, problem, type(error).__name__)
        self.failing_since.setdefault(kind, time.time())
        self.problem = problem

    def lost_turn(self) -> None:
        self.turns_not_saved += 1

    def as_dict(self) -> dict[str, Any]:
        """The health endpoint's view: {"state": "ok"}, or "failing" with what fails, why and since when."""
        report: dict[str, Any] = {"state": "ok" if self.ok else "failing", "turns_not_saved": self.turns_not_saved}
        if self.failing_since:
            report["failing"] = sorted(self.failing_since)
            report["problem"] = self.problem
            since = min(self.failing_since.values())
            report["failing_since"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(since))
        return report

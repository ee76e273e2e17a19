"""A conversation's recent turns and its current state, read in a bounded number of rows per turn.

Rasa rebuilds a conversation from every event of its session on every turn, then replays them
again and again: to copy the tracker for each action, to featurise it for the rule policy, and to
send the action server the whole history (``RemoteAction`` posts ``current_state(ALL)``). Measured
on one conversation through the REST channel (bench/README.md): 75 ms per turn at turns 1-10,
296 ms at turns 191-200; py-spy at turn 200 put 45% of the Rasa server's CPU in reading and
deserialising the stored events and most of the rest in replaying them.

Nothing in the bot needs old events. The dialogue is decided by one rule per intent on the latest
turn; the actions read slots, the latest message and the person's previous question
(actions/conversation.py). So the store gives Rasa a tracker of two parts:

* **the state before the window**: for every slot, the latest ``slot`` event since the last reset
  (session start, restart, all slots reset) before the window, and the latest ``active_loop`` and
  ``pause``/``resume`` events. Replaying them gives the same slots, loop and pause as replaying
  everything; they are the stored rows themselves, not new events;
* **the window**: every event from the ``action_listen`` that opened the last
  :data:`RECENT_TURNS` turns of the session, in order.

A session with fewer turns than that is read whole, exactly as Rasa reads it. If a turn before
the window was undone (``rewind``/``undo``: Rasa replays which events still apply), the whole
session is read, as before: the latest ``slot`` event might be one that was undone.

The queries walk the sender's rows newest first through the ``sender_id`` index and stop after
the window; only the small state query looks further back, and it returns one row per slot.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    AllSlotsReset,
    ConversationPaused,
    ConversationResumed,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

# Turns of the session kept in the tracker: enough for every rule (one turn) and for the actions'
# look back at the person's previous questions, passing over follow-ups (actions/conversation.py).
RECENT_TURNS = 10
RESETS = (SessionStarted.type_name, Restarted.type_name, AllSlotsReset.type_name)
UNDOS = (UserUtteranceReverted.type_name, ActionReverted.type_name)
PAUSE = (ConversationPaused.type_name, ConversationResumed.type_name)
STATE = (SlotSet.type_name, ActiveLoop.type_name, *PAUSE)
LISTEN = "action_listen"

# The attribute on a tracker read here: how many of its events are already stored (see saving).
STORED = "_mnd_stored_events"
INDEX = "ix_events_sender_type"


def add_index(connection: Any, events: sa.Table) -> None:
    """The index the queries below walk (sender, type, name): an addition to Rasa's table, which Rasa ignores."""
    existing = next((i for i in events.indexes if i.name == INDEX), None)
    index = (
        existing
        if existing is not None
        else sa.Index(INDEX, events.c.sender_id, events.c.type_name, events.c.action_name)
    )
    index.create(connection, checkfirst=True)


class _Statements:
    """The statements below for one events table and window, built once: building a SQLAlchemy statement
    and its cache key on every turn cost about half the CPU of reading a tracker (py-spy, 8 users).
    The values (sender, ids) are bound parameters; the SQL is the same as when it was built per turn."""

    def __init__(self, events: sa.Table, turns: int) -> None:
        c = events.c
        sender = c.sender_id == sa.bindparam("sender")
        self.session_start = sa.select(sa.func.max(c.timestamp)).where(sender, c.type_name == SessionStarted.type_name)
        # The sender's rows, and those since the session start when there is one.
        self.mine = {False: sender, True: sa.and_(sender, c.timestamp >= sa.bindparam("started"))}
        self.window_start = {
            started: sa.select(c.id)
            .where(mine, c.type_name == ActionExecuted.type_name, c.action_name == LISTEN)
            .order_by(c.id.desc())
            .limit(1)
            .offset(turns)
            for started, mine in self.mine.items()
        }
        # "id + 0" and the grouping by type make the database use the (sender, type, name) index and
        # read only the rows of those types, not every row before the window.
        position = c.id + 0
        before = sa.and_(sender, position < sa.bindparam("start"))
        self.latest = {
            (reset, kinds): sa.select(c.type_name, c.action_name, sa.func.max(c.id))
            .where(sa.and_(before, position > sa.bindparam("reset")) if reset else before, c.type_name.in_(kinds))
            .group_by(c.type_name, c.action_name)
            for reset in (False, True)
            for kinds in (RESETS, UNDOS, STATE)
        }
        self.rows = {
            started: sa.select(c.data)
            .where(
                sa.or_(c.id.in_(sa.bindparam("state", expanding=True)), sa.and_(mine, c.id >= sa.bindparam("start")))
            )
            .order_by(c.id)
            for started, mine in self.mine.items()
        }


@lru_cache(maxsize=8)
def _statements(events: sa.Table, turns: int) -> _Statements:
    return _Statements(events, turns)


def recent_rows(connection: Any, events: sa.Table, sender_id: str, turns: int = RECENT_TURNS) -> list[str] | None:
    """The JSON of the events that rebuild the latest session's state and its last ``turns`` turns.

    Returns None when the whole session must be read (it has no more than ``turns`` turns, or a
    turn before the window was undone).
    """
    made = _statements(events, turns)
    # Rasa's filter for a sender's latest session: events since its latest session start.
    started = connection.execute(made.session_start, {"sender": sender_id}).scalar()
    mine = {"sender": sender_id} if started is None else {"sender": sender_id, "started": started}
    start = connection.execute(made.window_start[started is not None], mine).scalar()
    if start is None:
        return None
    # Before the window, by type.
    before = {"sender": sender_id, "start": start}
    resets = _latest_by_type(connection, made, before, RESETS)
    since_reset = before if not resets else {**before, "reset": max(resets.values())}
    if _latest_by_type(connection, made, since_reset, UNDOS):
        return None
    latest = _latest_by_type(connection, made, since_reset, STATE)
    loop = [i for (kind, _), i in latest.items() if kind == ActiveLoop.type_name]
    pause = [i for (kind, _), i in latest.items() if kind in PAUSE]
    slots = [i for (kind, _), i in latest.items() if kind == SlotSet.type_name]
    state = [*slots, *(max(ids) for ids in (loop, pause) if ids)]
    # The window opens where the tracker was listening, as a stored conversation does after each turn.
    rows = connection.execute(made.rows[started is not None], {**mine, "state": state, "start": start})
    return list(rows.scalars())


def _latest_by_type(
    connection: Any, made: _Statements, where: dict[str, Any], kinds: tuple[str, ...]
) -> dict[tuple[str, str], int]:
    """The id of the latest event of each (type, name) among ``kinds`` before the window (and after
    the reset, when ``where`` has one)."""
    query = made.latest["reset" in where, kinds]
    return {(kind, name): latest for kind, name, latest in connection.execute(query, where)}


def mark_stored(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """Note that every event the tracker holds now is stored: a save appends only later ones."""
    setattr(tracker, STORED, len(tracker.events))
    return tracker


def stored_count(tracker: DialogueStateTracker) -> int | None:
    """How many of the tracker's first events are stored, if it was read here (else None)."""
    stored = getattr(tracker, STORED, None)
    if stored is None or stored > len(tracker.events):
        return None
    return int(stored)

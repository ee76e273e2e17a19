"""Reading the tracker store for the report: the events it counts, in stored order, streamed.

The store is the one the endpoints file configures (SQLite or PostgreSQL), through Rasa's own SQL
tracker store class, so its table and rows are read exactly as Rasa writes them. Only the events
counted are fetched: people's messages, the bot's replies and "Was this helpful?" slot events.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.report.figures import FEEDBACK_SLOT

# Rows fetched from the database at a time (PostgreSQL reads them through a server-side cursor).
BATCH = 5000


def events_since(store: Any, since: float) -> Iterator[tuple[str, str, float, str | None, str]]:
    """(sender_id, type_name, timestamp, action_name, data) of the counted events from ``since`` on."""
    events = store.SQLEvent.__table__
    query = (
        sa.select(events.c.sender_id, events.c.type_name, events.c.timestamp, events.c.action_name, events.c.data)
        .where(
            events.c.timestamp >= since,
            sa.or_(
                events.c.type_name.in_(("user", "bot")),
                sa.and_(events.c.type_name == "slot", events.c.action_name == FEEDBACK_SLOT),
            ),
        )
        .order_by(events.c.id)
    )
    with store.engine.connect() as connection:
        result = connection.execution_options(stream_results=True, max_row_buffer=BATCH).execute(query)
        for rows in result.partitions(BATCH):
            yield from rows


def configured_store(endpoints: Path) -> Any:
    """The SQL tracker store ``endpoints`` configures (SystemExit with one line if it is another kind)."""
    from bot.privacy import sql_store

    return sql_store(endpoints)

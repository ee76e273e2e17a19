"""Delete conversations older than the retention period from the tracker store.

    python -m bot.privacy purge [--days 30] [--endpoints endpoints.yml] [--dry-run]

A conversation is deleted whole (every event of its sender) once its latest event is
older than the period; newer conversations are not touched. Runs in the Rasa
environment with the tracker store configured in the endpoints file, so it works
the same on SQLite and PostgreSQL. `make purge-old` runs it with $(RETENTION_DAYS).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DAYS = 30


def sql_store(endpoints: Path) -> Any:
    """The SQL tracker store configured in ``endpoints`` (the only kind this project configures)."""
    import yaml
    from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
    from rasa.shared.utils.io import read_yaml
    from rasa.utils.endpoints import EndpointConfig

    # Only the tracker store's section: Rasa expands every ${VAR} of the file it reads, and the
    # others (the action server's URL) are set only for the servers, not for this command.
    section = (yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}).get("tracker_store")
    if not isinstance(section, dict):
        raise SystemExit(f"error: {endpoints} configures no tracker store")
    config = EndpointConfig.from_dict(read_yaml(yaml.safe_dump({"tracker_store": section}))["tracker_store"])
    store = TrackerStore.create(config)
    while not isinstance(store, SQLTrackerStore) and getattr(store, "_tracker_store", None) is not None:
        store = store._tracker_store
    if not isinstance(store, SQLTrackerStore):
        raise SystemExit(f"error: {endpoints} does not configure a SQL tracker store")
    return store


def purge(store: Any, *, older_than: float, dry_run: bool = False) -> tuple[int, int]:
    """Delete every conversation whose latest event is before ``older_than`` (a UNIX time).

    Returns (conversations, events) deleted, or that would be deleted with ``dry_run``.
    """
    from sqlalchemy import func

    from bot.forgetting import scrub

    event = store.SQLEvent
    with store.session_scope() as session:
        stale = (
            session.query(event.sender_id)
            .group_by(event.sender_id)
            .having(func.max(event.timestamp) < older_than)
            .subquery()
        )
        senders = [row[0] for row in session.query(stale.c.sender_id)]
        if not senders:
            return 0, 0
        query = session.query(event).filter(event.sender_id.in_(senders))
        count = query.count()
        if not dry_run:
            query.delete(synchronize_session=False)
            session.commit()
    if not dry_run and not scrub(store):
        print("note: another process is reading the store; deleted text stays in its write-ahead log", file=sys.stderr)
    return len(senders), count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.privacy", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("purge", help="delete conversations older than the retention period")
    p.add_argument("--days", type=float, default=DEFAULT_DAYS, help=f"retention period (default {DEFAULT_DAYS})")
    p.add_argument("--endpoints", default=str(ROOT / "endpoints.yml"))
    p.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args(argv)
    if args.days < 0:
        parser.error("--days must not be negative")
    cutoff = time.time() - args.days * 86400
    conversations, events = purge(sql_store(Path(args.endpoints)), older_than=cutoff, dry_run=args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    print(f"{verb} {conversations} conversation(s), {events} event(s) older than {args.days:g} day(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

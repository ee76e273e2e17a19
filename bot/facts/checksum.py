"""The checksum of a fact store's content, written into its build record and checked before it is served.

A SHA-256 over every row of every content table (all tables but ``build_record``): tables by name,
each table's columns by name, its rows as canonical JSON and sorted as text. Sorting here rather
than with ORDER BY makes it independent of the database's collation, so SQLite and PostgreSQL give
the same checksum for the same content, and a row changed anywhere (an answer's text, a citation,
a link between a fact and a source) gives another. The loader computes it inside the transaction
that writes the content; the action server computes it again when it opens a build
(bot/facts/serving.py). It costs a full read of the store (about 6,000 rows), so it is done once per
build, never per turn.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.orm import Session

from bot.facts.models import Base, BuildRecord


def content_tables() -> list[Table]:
    """Every table of the store whose rows are content, by name."""
    return sorted(
        (table for table in Base.metadata.tables.values() if table.name != BuildRecord.__tablename__),
        key=lambda table: table.name,
    )


def _plain(value: Any) -> Any:
    # Text, whole numbers, booleans and NULL are all the store holds; anything else by its text.
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def content_checksum(connection: Connection | Session) -> str:
    """The checksum of the content the store behind ``connection`` holds (hex SHA-256)."""
    digest = hashlib.sha256()
    for table in content_tables():
        columns = sorted(table.columns, key=lambda column: column.name)
        rows = sorted(
            json.dumps([_plain(value) for value in row], ensure_ascii=False, separators=(",", ":"))
            for row in connection.execute(select(*columns))
        )
        head = [table.name, [column.name for column in columns], len(rows)]
        digest.update(json.dumps(head, separators=(",", ":")).encode("utf-8") + b"\n")
        for row in rows:
            digest.update(row.encode("utf-8") + b"\n")
    return digest.hexdigest()

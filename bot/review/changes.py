"""What changed since a saved earlier review: items added, removed, and changed field by field."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.review.items import COLUMNS, Row

# Fields compared; the grade follows from the text, so a change of text already shows.
COMPARED = tuple(name for name in COLUMNS if name not in ("kind", "id", "grade"))


@dataclass
class Changes:
    """Differences between today's rows and an earlier review's, keyed by (kind, id)."""

    added: set[tuple[str, str]] = field(default_factory=set)
    removed: list[Row] = field(default_factory=list)
    # (kind, id) -> {field: earlier value}, for the fields whose value differs.
    changed: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def status(self, row: Row) -> str:
        key = (row["kind"], row["id"])
        return "added" if key in self.added else "changed" if key in self.changed else ""


def compare(now: list[Row], earlier: list[Row]) -> Changes:
    """What differs in ``now`` from ``earlier``."""
    before = {(r["kind"], r["id"]): r for r in earlier}
    current = {(r["kind"], r["id"]): r for r in now}
    changes = Changes()
    for key, row in current.items():
        old = before.get(key)
        if old is None:
            changes.added.add(key)
            continue
        differ = {name: old.get(name, "") for name in COMPARED if row.get(name, "") != old.get(name, "")}
        if differ:
            changes.changed[key] = differ
    changes.removed = [row for key, row in before.items() if key not in current]
    return changes

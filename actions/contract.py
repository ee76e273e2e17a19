"""The reply contract: the custom payload every bot message carries.

    {"kind", "condition", "topic", "facts", "sources", "term", "conditions"}

``kind`` is one of KINDS. ``sources`` entries are {"id", "title", "section",
"citation"}; ``citation`` is what the widget shows under an answer.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from bot.facts.models import Fact
from bot.facts.queries import provenance
from bot.facts.vocab import REPLY_KINDS

KINDS = REPLY_KINDS


def payload(
    kind: str,
    *,
    condition: str | None = None,
    topic: str | None = None,
    facts: Iterable[Fact] = (),
    sources: list[dict[str, Any]] | None = None,
    term: str | None = None,
    conditions: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Build one message's payload; sources default to those of ``facts``."""
    if kind not in KINDS:
        raise ValueError(f"unknown reply kind {kind!r}")
    facts = list(facts)
    return {
        "kind": kind,
        "condition": condition,
        "topic": topic,
        "facts": [f.id for f in facts],
        "sources": sources if sources is not None else provenance(facts),
        "term": term,
        "conditions": list(conditions) if conditions is not None else None,
    }

"""One message to send, as composed from the fact store before it becomes text, buttons and a payload."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.facts.models import Fact, Gap


@dataclass
class Reply:
    """One message to send, before it is turned into text, buttons and payload."""

    kind: str
    condition: str | None
    topic: str | None
    parts: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    answered_for: str | None = None
    conditions: list[str] | None = None
    more: list[str] = field(default_factory=list)
    listed: list[str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # The type has nothing on the topic, so this is the parent's general text (for grouping types).
    general_instead: bool = False
    # What "it" means next, when not the condition answered for: "my brother has PMA. I thought MND was an old
    # person's thing?" is answered for MND, and "where does it start?" then asks about PMA.
    focus_after: str | None = None

    @property
    def text(self) -> str:
        return " ".join(p for p in self.parts if p)

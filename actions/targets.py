"""What a question is about, once resolved (actions/references.py): the conditions, or the choices when
it is unclear which is meant, how they were picked, and the listing counted from."""

from __future__ import annotations

from dataclasses import dataclass, field

from rasa_sdk.events import EventType, SlotSet


@dataclass
class Targets:
    """What a question is about."""

    conditions: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)  # set when it is unclear which is meant
    via: str = "none"  # named, listed, chosen, other, all, rest, described, person, plural, focus, none
    topic: str | None = None  # for a description: the topic of what described it ("the one that starts…")
    asked: str | None = None  # the question without the words that picked the condition ("the brainstem one")
    # The listing counted from, when it is not the one last shown ("the sixth one on your list" after a
    # shorter answer counts from the types): what the next "the second one" counts from too.
    counted_from: list[str] | None = None

    def listing_events(self) -> list[EventType]:
        """The slots that make ``counted_from`` the listing, if there is one."""
        if self.counted_from is None:
            return []
        return [SlotSet("listed", self.counted_from), SlotSet("listed_kind", "types")]

"""The report's figures, counted from the tracker store's events in one pass, in stored order.

A turn is one message a person sent (a ``user`` event) with the bot's replies to it (the ``bot``
events that follow in that conversation until the person's next message). Each reply carries the
reply contract (README, "The reply contract") in its custom payload: its kind, condition(s) and
topic are read from there. "Was this helpful?" is a ``feedback`` slot event (see FEEDBACK_SLOT).

Only what is stored is counted, so a forgotten conversation (deleted whole by "Forget this
conversation" or the retention purge) is never in the report. Sender ids are never kept.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from bot.report.questions import QuestionTally

# A turn could not be answered when any reply to it is of these kinds: the material does not cover
# it (or part of it), it is outside the material, or the fact store could not be read.
UNANSWERED_KINDS = frozenset({"not_covered", "out_of_scope", "error"})
# Replies that are not about what was asked: they say nothing of conditions or topics asked.
NOT_ASKED_KINDS = frozenset({"disclaimer", "smalltalk", "error"})
FEEDBACK_SLOT = "feedback"
NO_CONTRACT = "(no contract)"


def day_of(timestamp: float) -> date:
    """The UTC calendar day of a UNIX time (the report counts by UTC days)."""
    return datetime.fromtimestamp(timestamp, UTC).date()


@dataclass
class _Turn:
    day: date
    raw: str | None  # the user event's stored JSON, parsed only if its text is needed
    kinds: set[str] = field(default_factory=set)
    conditions: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)


@dataclass
class Figures:
    """Everything the report shows, as counts."""

    conversations_per_day: Counter[date] = field(default_factory=Counter)
    turns_per_day: Counter[date] = field(default_factory=Counter)
    unanswered_per_day: Counter[date] = field(default_factory=Counter)
    emergencies_per_day: Counter[date] = field(default_factory=Counter)
    replies_by_kind: Counter[str] = field(default_factory=Counter)
    conditions: Counter[str] = field(default_factory=Counter)
    topics: Counter[str] = field(default_factory=Counter)
    # topic (None: no topic) -> Counter({True: helpful, False: not helpful})
    feedback: dict[str | None, Counter[bool]] = field(default_factory=lambda: defaultdict(Counter))
    conversations: int = 0
    turns: int = 0
    unanswered: int = 0
    questions: QuestionTally | None = None  # None: question text is turned off

    @property
    def replies(self) -> int:
        return sum(self.replies_by_kind.values())


class Counting:
    """Feeds stored events (in stored order) into Figures; ``finish`` closes the open turns."""

    def __init__(self, *, with_text: bool) -> None:
        self.figures = Figures(questions=QuestionTally() if with_text else None)
        self._open: dict[str, _Turn] = {}
        self._days_seen: dict[str, set[date]] = defaultdict(set)

    def user(self, sender: str, timestamp: float, raw: str) -> None:
        self._close(sender)
        day = day_of(timestamp)
        figures = self.figures
        figures.turns += 1
        figures.turns_per_day[day] += 1
        seen = self._days_seen[sender]
        if not seen:
            figures.conversations += 1
        if day not in seen:
            seen.add(day)
            figures.conversations_per_day[day] += 1
        self._open[sender] = _Turn(day, raw if figures.questions is not None else None)

    def bot(self, sender: str, timestamp: float, raw: str) -> None:
        data = json.loads(raw).get("data") or {}
        custom = data.get("custom") if isinstance(data, dict) else None
        if not isinstance(custom, dict) or not isinstance(custom.get("kind"), str):
            self.figures.replies_by_kind[NO_CONTRACT] += 1
            return
        kind = custom["kind"]
        self.figures.replies_by_kind[kind] += 1
        if kind == "emergency":
            self.figures.emergencies_per_day[day_of(timestamp)] += 1
        turn = self._open.get(sender)
        if turn is None:
            return  # a reply to no message (a session's first words)
        turn.kinds.add(kind)
        if kind in NOT_ASKED_KINDS:
            return
        asked = [custom.get("condition")]
        if kind == "compare":
            asked += custom.get("conditions") or []
        turn.conditions.update(c for c in asked if isinstance(c, str) and c)
        if isinstance(custom.get("topic"), str) and custom["topic"]:
            turn.topics.add(custom["topic"])

    def feedback(self, raw: str) -> None:
        value = json.loads(raw).get("value")
        if not isinstance(value, dict) or not isinstance(value.get("helpful"), bool):
            return  # the slot cleared, or not the widget's shape
        topic = value.get("topic") if isinstance(value.get("topic"), str) and value.get("topic") else None
        self.figures.feedback[topic][value["helpful"]] += 1

    def _close(self, sender: str) -> None:
        turn = self._open.pop(sender, None)
        if turn is None:
            return
        figures = self.figures
        figures.conditions.update(turn.conditions)
        figures.topics.update(turn.topics)
        if turn.kinds & UNANSWERED_KINDS:
            figures.unanswered += 1
            figures.unanswered_per_day[turn.day] += 1
            if figures.questions is not None and turn.raw is not None:
                text = json.loads(turn.raw).get("text")
                if isinstance(text, str) and text.strip() and not text.startswith("/"):
                    figures.questions.add(text)

    def finish(self) -> Figures:
        for sender in list(self._open):
            self._close(sender)
        self._days_seen.clear()
        return self.figures


def count(events: Any, *, with_text: bool) -> Figures:
    """Figures from ``events``: (sender_id, type_name, timestamp, action_name, data) rows in stored order."""
    counting = Counting(with_text=with_text)
    for sender, type_name, timestamp, action_name, raw in events:
        if type_name == "user":
            counting.user(sender, timestamp, raw)
        elif type_name == "bot":
            counting.bot(sender, timestamp, raw)
        elif type_name == "slot" and action_name == FEEDBACK_SLOT:
            counting.feedback(raw)
    return counting.finish()

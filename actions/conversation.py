"""What the conversation is about so far, kept in slots that only the actions set.

- ``condition``: the condition in focus (what "it" means);
- ``topic``: the topic of the last answer (what "and PLS?" asks about again);
- ``listed``: the conditions the last listing answer named, in order (the types, a comparison's
  pair, the types that start in the hands): what "the second one", "the other one", "both" and
  "which of those…" refer to. In Rasa's knowledge-base actions this is the listed-objects slot;
- ``history``: the conditions talked about, most recent last (for "back to the one…");
- ``last_facts``, ``more``, ``details_given``: what the last answer showed, what "tell me more"
  gives next, and whether the shown facts' details were given;
- ``terms``: the glossary words the last answer used ("what does that mean?");
- ``people``: whose condition is which ("my wife has PLS"); read with ``opened`` (set once), the first
  type the conversation was about, which "back to mine" means when nobody said whose it is;
- ``first_asked`` (set once): the condition of the first answer, MND in general too ("go back to the
  first thing I asked").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

HISTORY_LENGTH = 8


@dataclass
class State:
    focus: str | None = None
    topic: str | None = None
    listed: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    last_facts: list[str] = field(default_factory=list)
    more: list[str] = field(default_factory=list)
    details_given: bool = False
    terms: list[str] = field(default_factory=list)
    listed_kind: str | None = None  # "pair" (compared), "match" (found across types), "types" (a listing)
    people: dict[str, str] = field(default_factory=dict)  # relative -> condition ("my wife has PLS")
    opened: str | None = None  # the first type of MND this conversation was about
    first_asked: str | None = None  # the condition of its first answer (MND in general too)
    just_listed: bool = False  # the last reply named two or more types (a listing or a comparison)
    # The types the bot's replies were about, the latest first, without repeats (a type corrected away stays
    # here: "the one I typed by mistake").
    replied_about: list[str] = field(default_factory=list)
    # The same types in the order the replies first came to them ("going back to the first one" after PMA, PBP
    # and PLS were each asked about, with nothing listed: PMA).
    in_turn: list[str] = field(default_factory=list)
    defined: str | None = None  # the word the last reply explained, if it explained one ("why has he got that?")
    # The last reply answered across the types, even when it found one ("which affect both?": ALS; "and only
    # upper?" is the same question again).
    across_last: bool = False
    # The conditions replies were about before the last reply ("ALS vs PMA?" asked first thing: neither).
    before_last: list[str] = field(default_factory=list)
    asked_before: str = ""  # the person's message before the latest, as typed ("" for a button or none)

    @classmethod
    def of(cls, tracker: Tracker) -> State:
        def listing(name: str) -> list[str]:
            value = tracker.get_slot(name)
            return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

        return cls(
            focus=tracker.get_slot("condition"),
            topic=tracker.get_slot("topic"),
            listed=listing("listed"),
            history=listing("history"),
            last_facts=listing("last_facts"),
            more=listing("more"),
            details_given=bool(tracker.get_slot("details_given")),
            terms=listing("terms"),
            listed_kind=tracker.get_slot("listed_kind"),
            people={str(k): v for k, v in (tracker.get_slot("people") or {}).items() if isinstance(v, str)}
            if isinstance(tracker.get_slot("people"), dict)
            else {},
            opened=tracker.get_slot("opened") if isinstance(tracker.get_slot("opened"), str) else None,
            first_asked=tracker.get_slot("first_asked") if isinstance(tracker.get_slot("first_asked"), str) else None,
            just_listed=_just_listed(tracker.events),
            replied_about=(about := _replied_about(tracker.events))[0],
            in_turn=about[1],
            defined=_defined(last := _last_reply(tracker.events)),
            across_last=last.get("kind") == "answer" and bool(last.get("conditions")),
            before_last=_about_before_last(tracker.events),
            asked_before=previous_question(tracker),
        )


def _defined(last: dict[str, Any]) -> str | None:
    term = last.get("term")
    # ("muscle twitches (fasciculations)": the glossary term, asked by another name)
    return term.split(" (", 1)[0] if last.get("kind") == "definition" and isinstance(term, str) else None


def _last_reply(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The payload of the bot's last reply (not the disclaimer), or {}."""
    for event in reversed(events):
        if event.get("event") == "bot":
            custom = (event.get("data") or {}).get("custom") or {}
            if custom.get("kind") != "disclaimer":
                return custom
    return {}


def _replied_about(events: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The types replies were about: the latest first, and in the order they first came up."""
    in_turn: list[str] = []
    latest: list[str] = []
    for event in events:
        if event.get("event") == "bot":
            custom = (event.get("data") or {}).get("custom") or {}
            slug = custom.get("condition")
            if isinstance(slug, str) and slug not in ("mnd", "motor_neuron"):
                if slug not in in_turn:
                    in_turn.append(slug)
                latest = [slug, *(c for c in latest if c != slug)]
    return latest, in_turn


def _about_before_last(events: list[dict[str, Any]]) -> list[str]:
    """The conditions of the bot's replies before its last reply (not the disclaimer), oldest first."""
    about: list[str] = []
    last_seen = False
    for event in reversed(events):
        if event.get("event") != "bot":
            continue
        custom = (event.get("data") or {}).get("custom") or {}
        if custom.get("kind") == "disclaimer":
            continue
        if not last_seen:
            last_seen = True
            continue
        if isinstance(custom.get("condition"), str):
            about.insert(0, custom["condition"])
    return about


def _just_listed(events: list[dict[str, Any]]) -> bool:
    """Whether the bot's last reply named two or more types ("which types mostly affect men?")."""
    return len(_last_reply(events).get("conditions") or []) >= 2


def opened_event(tracker: Tracker, focus: list[Any]) -> list[EventType]:
    """The ``opened`` and ``first_asked`` slots, each set once. ``opened``: the first type of MND (not MND
    or motor neurons in general) a reply was about, which "back to mine" means when nobody said whose it
    is (actions/people.py); ``first_asked``: the condition of the first reply, whatever it was."""
    events: list[EventType] = []
    if not tracker.get_slot("first_asked") and focus and isinstance(focus[0], str):
        # "Go back to the first thing I asked": the condition of the first answer, MND in general too.
        events.append(SlotSet("first_asked", focus[0]))
    if tracker.get_slot("opened"):
        return events
    first = next((c for c in focus if isinstance(c, str) and c not in ("mnd", "motor_neuron")), None)
    return events + [SlotSet("opened", first)] if first else events


def answered(
    *,
    condition: str | None,
    topic: str | None,
    facts: list[str],
    terms: list[str],
    more: list[str] | None = None,
    listed: list[str] | None = None,
    history: list[str] | None = None,
    listed_kind: str | None = None,
) -> list[EventType]:
    """The slot events after an answer: the new focus, what was shown and what is left to show."""
    events: list[EventType] = [
        SlotSet("topic", topic),
        SlotSet("last_facts", facts),
        SlotSet("more", more or []),
        SlotSet("details_given", False),
        SlotSet("terms", terms),
    ]
    if condition is not None:
        events.append(SlotSet("condition", condition))
        if history is not None:
            events.append(SlotSet("history", remember(history, condition)))
    if listed is not None:
        events.append(SlotSet("listed", listed))
        if listed_kind is not None:
            events.append(SlotSet("listed_kind", listed_kind))
    return events


def remember(history: list[str], condition: str) -> list[str]:
    """``history`` with ``condition`` as the most recent, kept short."""
    return [*(c for c in history if c != condition), condition][-HISTORY_LENGTH:]


def previous_question(tracker: Tracker, skip: Callable[[str], bool] = lambda text: False) -> str:
    """The person's message before the latest one, as typed ("" for a button or none), passing over
    those ``skip`` says are follow-ups themselves ("and PLS?" then "sorry, I meant PBP")."""
    latest_seen = False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if not latest_seen:
            latest_seen = True
            continue
        text = str(event.get("text") or "")
        if text.startswith("/"):
            return ""
        if not skip(text):
            return text
    return ""

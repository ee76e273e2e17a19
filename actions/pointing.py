"""Pointing back at what was listed or talked about: "the second one", "the other one", "both of them", "the rest",
"the one after mine"; the phrases are read with the table in bot/mentions.py."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from actions import people
from actions.conversation import State
from actions.focus import types_in_order
from actions.targets import Targets
from actions.understanding import Question
from bot import mentions
from bot.facts.text import normalise
from bot.facts.words import question_part, sentences

# The listing itself, not the choices offered since: "the first type you listed", "the 6th on your list".
_YOU_LISTED = re.compile(r"\b(?:you (?:listed|named|gave|mentioned)|on (?:the|your|that) list|in (?:the|your) list)\b")
_BOTH = re.compile(r"\b(?:both|the two|those two|these two|either)\b")

_LIKE_BEFORE = re.compile(r"\b(?:like|as|than)\s*$", re.IGNORECASE)


def by_mention(
    session: Session, question: Question, state: State, found: list[str], listed: list[str]
) -> Targets | None:
    """The conditions the pointing phrases pick out of the listing, or of what was talked about ("the second
    one", "the other one", "both", "the rest", "the one after mine"), or None."""
    for meaning in found:
        if meaning == "all" and listed:
            return Targets(list(listed), via="all")
        talked = [c for c in state.history if c not in ("mnd", "motor_neuron")]
        if meaning == "all" and not listed and len(talked) >= 2 and _BOTH.search(normalise(question.text)):
            # "So they both only do the lower ones?" after asking about two types in turn: those two.
            return Targets(talked[-2:], via="all")
        if meaning == "other":
            return other_of(state, listed)
        if meaning == "rest" and listed:
            rest = [c for c in listed if c != state.focus]
            return Targets(rest, via="rest") if rest else Targets(choices=list(listed), via="rest")
        if meaning == "middle" and len(listed) >= 3:
            half = len(listed) // 2
            middle = listed[half : half + 1] if len(listed) % 2 else listed[half - 1 : half + 1]
            return Targets(middle, via="listed") if len(middle) == 1 else Targets(choices=middle, via="listed")
        start = anchor(question.text, state) or state.focus
        if meaning in ("next", "previous") and listed and start in listed:
            index = listed.index(start) + (1 if meaning == "next" else -1)  # type: ignore[arg-type]
            if 0 <= index < len(listed):
                # "the one after mine, what is it": what is asked is without whose it counts from.
                counted = AFTER_WHOSE.search(normalise(question.text))
                asked = AFTER_WHOSE.sub(" ", normalise(question.text)).strip() if counted else None
                return Targets([listed[index]], via="listed", asked=asked)
        if meaning.lstrip("-").isdigit() and not listed and len(state.in_turn) >= 2:
            # "Going back to the first one" after PMA, PBP and PLS were asked about in turn, nothing listed: PMA.
            index = int(meaning)
            if -len(state.in_turn) <= index < len(state.in_turn):
                return Targets([state.in_turn[index]], via="listed")
        if meaning.lstrip("-").isdigit() and listed and state.listed_kind == "choices" and _YOU_LISTED.search(
            normalise(question.text)
        ):
            # "Going back to the first type you listed" after "which one do you mean?": the types as listed.
            listed = types_in_order(session)
        if meaning.lstrip("-").isdigit() and listed:
            index = int(meaning)
            if -len(listed) <= index < len(listed):
                return Targets([listed[index]], via="listed")
            types = types_in_order(session)
            if len(listed) <= index < len(types):
                # "The fourth one on your list" after shorter answers: the only long list is the types'.
                return Targets([types[index]], via="listed", counted_from=types)
            return Targets(choices=list(listed), via="listed")
    return None


def mentions_in(question: Question, *, asking_only: bool = True) -> list[str]:
    """Meanings of the phrases that point back at a listing.

    The NLU marks them as ``mention`` entities; read here from the text with the same table, which
    also leaves out ordinals about something else ("the first sign" is not "the first one").
    """
    if question.text:
        text = question.text
        # "Does it cause numbness like the first?": the first is the yardstick, not what is asked about
        # (for a comparison both count: "is the second worse than the first?").
        found = [
            (m, start) for m, start, _ in mentions.find(text) if not (asking_only and _LIKE_BEFORE.search(text[:start]))
        ]
        if asking_only and len(sentences(text)) > 1:
            # "Mums is the first one there. the second one, where does that start?": the asking sentence says.
            asking = question_part(text)
            offset = text.rfind(asking)
            own = [m for m, start in found if offset >= 0 and start >= offset]
            earlier = [m for m, start in found if m != "focus" and not (offset >= 0 and start >= offset)]
            if set(own) <= {"focus"} and earlier:
                return earlier  # "I meant the third one. does that one affect swallowing?": that one is the third
            return own or [m for m, _ in found]
        return [m for m, _ in found]
    return [m for m in (mentions.meaning(e.text) for e in question.mentions) if m]


# "The one after mine", "the one before my dad's": counted from someone's type, not the one in focus.
AFTER_WHOSE = re.compile(r"\bthe (?:one|type|kind) (?:after|before|next to) (?P<whose>mine|ours|\w+s|my \w+|our \w+)")


# "The one that isn't his", "the one that's not my wife's": the listed types but that person's.
NOT_WHOSE = re.compile(
    r"\bthe (?:one|type|kind) (?:that|which|thats) (?:isnt|is not|s not|aint) (?P<whose>mine|ours|\w+s|my \w+|our \w+)"
    # "and the other one, not mine, …"
    r"|\bthe other (?:one|type|kind),? not (?P<whose_not>mine|ours|hers|his|theirs|my \w+s?|our \w+s?)\b"
)


def anchor(text: str, state: State, pattern: re.Pattern[str] = AFTER_WHOSE) -> str | None:
    """Whose type "the one after…" counts from (or "the one that isn't…" leaves out), when it names
    someone whose type is known."""
    found = pattern.search(normalise(text))
    if found is None:
        return None
    whose = next(found.group(g) for g in ("whose", "whose_not") if g in pattern.groupindex and found.group(g))
    if whose == "ours":  # the family's: the one person talked about, or the chat's first type
        others = {c for who, c in state.people.items() if who != "me"}
        return others.pop() if len(others) == 1 else state.people.get("me") or state.opened
    return people.pointed_at(f"back to {whose}", state.people, state.opened)


def other_of(state: State, listed: list[str]) -> Targets:
    if listed:
        rest = [c for c in listed if c != state.focus]
        if len(rest) > 1:  # "the remaining one": the listed one not talked about yet
            untouched = [c for c in rest if c not in state.history]
            rest = untouched if len(untouched) == 1 else rest
        if len(rest) > 1:  # "my husband has PPS... the other one you mentioned": not his
            theirs = [c for c in rest if c not in state.people.values()]
            rest = theirs if len(theirs) == 1 else rest
        if len(rest) == 1:
            return Targets(rest, via="other")
        return Targets(choices=rest, via="other")
    previous = [c for c in state.history if c != state.focus]
    if previous:
        return Targets([previous[-1]], via="other")
    return Targets(via="other")



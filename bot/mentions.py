"""Phrases that point back at what the bot listed: "the second one", "the other one", "both of them".

One table, used on both sides: the spaCy pipeline (bot/nlp/build.py) marks these phrases as
``mention`` entities and the intent classifier sees them as a lookup feature; the actions
(actions/references.py) read what each one means. This follows Rasa's knowledge-base actions
(an ordinal mention mapping), written for this bot's listed conditions. Standard library only.

Meanings: an index into the listed conditions ("0", "1", ..., "-1" for the last), "middle", "other" (the
one not in focus), "next" and "previous" (after or before the one in focus), "rest" (every listed
one but the one in focus), "all" (every listed condition) or "focus" (the one in focus).
"""

from __future__ import annotations

import re

_ORDINALS = {
    "first": "0",
    "1st": "0",
    "second": "1",
    "2nd": "1",
    "third": "2",
    "3rd": "2",
    "fourth": "3",
    "forth": "3",  # as it is often typed
    "4th": "3",
    "fifth": "4",
    "5th": "4",
    "sixth": "5",
    "6th": "5",
    "seventh": "6",
    "7th": "6",
    "last": "-1",
    "final": "-1",
    "latter": "-1",
    "former": "0",
}
_NUMBERS = {"one": "0", "two": "1", "three": "2", "four": "3", "five": "4", "six": "5", "seven": "6"}

PHRASES: dict[str, str] = {}
for word, meaning in _ORDINALS.items():
    # ("the third and fourth ones": "fourth ones" is the fourth)
    forms = (f"the {word} one", f"{word} one", f"{word} ones", f"the {word}", f"the {word} type", f"the {word} kind")
    for form in forms:
        PHRASES[form] = meaning
for word, meaning in _NUMBERS.items():
    PHRASES[f"number {word}"] = meaning
    PHRASES[f"no {word}"] = meaning
    PHRASES[f"number {int(meaning) + 1}"] = meaning
for form in ("the other one", "the other", "other one", "the other type", "the other kind", "the other condition"):
    PHRASES[form] = "other"
for form in (
    "both",
    "both of them",
    "both of those",
    "them both",
    "either",
    "either of them",
    "either one",
    "all of them",
    "all of those",
    "each of them",
    "each one",
    "all three",
    "all 3",
    "the two",
):
    PHRASES[form] = "all"
for form in ("the next one", "the next", "next one", "the one after that", "the one after", "the following one"):
    PHRASES[form] = "next"
for form in ("the one before that", "the one before", "the previous one", "the previous"):
    PHRASES[form] = "previous"
for form in ("the remaining one", "the remaining type", "the last remaining one", "the one left"):
    PHRASES[form] = "other"
for form in ("the middle one", "middle one", "the middle", "the one in the middle", "the middle type"):
    PHRASES[form] = "middle"
for form in ("the rest of them", "the rest", "the others", "the other ones", "the other two", "the other three"):
    PHRASES[form] = "rest"
for form in (
    "that one",
    "this one",
    "the one",
    "that type",
    "this type",
    "that kind",
    "this kind",
    "that condition",
    "this condition",
    "that disease",
    "this disease",
):
    PHRASES[form] = "focus"

_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# After these words an ordinal is about something else ("the first symptoms", "the last stage").
_NOT_A_REFERENCE = re.compile(
    r"\s*(?:symptoms?|signs?|stages?|things?|sign|time|thing|step|steps|test|tests|week|weeks|months?|years?|"
    r"days?|question|questions|part|parts|place|person|people|bit|few|line|lines|muscles?|names?|words?|terms?|"
    r"kinds? of|types? of)\b",
    re.IGNORECASE,
)


# After "the other" these are something else too ("the other drug", "the other treatments").
_NOT_ANOTHER = re.compile(r"\s*(?:treatments?|medicines?|meds|drugs?|options?|tablets?|pills?)\b", re.IGNORECASE)


def meaning(phrase: str) -> str | None:
    """What a mention phrase means (see the module docstring), or None."""
    return PHRASES.get(" ".join(phrase.lower().split()))


# A message that is only an ordinal: "2nd", "and the fourth?", "#3", "no. 5".
_BARE = re.compile(
    r"^\W*(?:and\s+|what about\s+|ok\s+)?(?:the\s+)?(?:(" + "|".join(_ORDINALS) + r")|(?:#|no\.?\s*)([1-7]))\W*$",
    re.IGNORECASE,
)


# An ordinal alone before a question, set off by a dash or colon: "sixth - which gene?", "2nd: symptoms?" (not
# "first" or "last", which also open a message as "first, what is MND?").
_LEADING = re.compile(
    r"^\W*(?:and\s+|what about\s+|ok\s+|now\s+)?(?:the\s+)?("
    + "|".join(o for o in _ORDINALS if o not in ("first", "1st", "last"))
    + r")\s*(?:-|:)",
    re.IGNORECASE,
)


def find(text: str) -> list[tuple[str, int, int]]:
    """Mention phrases in ``text``: (meaning, start, end), leaving out ordinals about something else."""
    bare = _BARE.match(text)
    if bare:
        word, number = bare.group(1), bare.group(2)
        return [(_ORDINALS[word.lower()] if word else str(int(number) - 1), bare.start(), bare.end())]
    leading = _LEADING.match(text)
    found = [(_ORDINALS[leading.group(1).lower()], leading.start(1), leading.end(1))] if leading else []
    after = leading.end() if leading else 0
    for match in _PATTERN.finditer(text, after):
        # ("the first sign", "the other names for it": about something else)
        pointing = meaning(match.group())
        if pointing in _ORDINALS.values() and _NOT_A_REFERENCE.match(text, match.end()):
            continue
        if pointing == "other" and (_NOT_A_REFERENCE.match(text, match.end()) or _NOT_ANOTHER.match(text, match.end())):
            continue  # "the other drug you mentioned": another medicine, not the other condition
        found.append((PHRASES[" ".join(match.group().lower().split())], match.start(), match.end()))
        paired = _PAIRED.match(text, match.end()) if pointing in _ORDINALS.values() else None
        if paired:
            # "compare the 3rd and 4th": the second ordinal needs no "the"
            found.append((_ORDINALS[paired.group(1).lower()], paired.start(1), paired.end(1)))
    return found


_PAIRED = re.compile(
    r"\s*(?:and|&|vs|versus|with|or|to)\s+(" + "|".join(_ORDINALS) + r")\b(?! (?:one|type|kind))", re.IGNORECASE
)


# Words that only say where the item was listed: "the third one on your list", "the one you mentioned".
_WHERE_LISTED = re.compile(
    r"\b(?:on|from|in|off) (?:that|the|your|this|ur) (?:list|listing|answer|message)\b"
    r"|\b(?:you|u) (?:just )?(?:listed|mentioned|named|said|gave|put|wrote)\b"
    r"|\b(?:on|in) (?:the|that|your) (?:list|answer) (?:you|u) (?:gave|wrote)\b",
    re.IGNORECASE,
)


def strip_mentions(text: str) -> str:
    """``text`` without its mention phrases ("what age is the second one on your list" -> "what age is")."""
    if _BARE.match(text):
        return ""
    # Only the phrases find() takes for mentions: "the first signs" keeps its "first".
    without = text
    for _, start, end in reversed(find(text)):
        without = f"{without[:start]} {without[end:]}"
    # ("is twitching on that list tho": where it was listed is not what is asked, pointing phrase or not)
    without = _WHERE_LISTED.sub(" ", without)
    return " ".join(without.split())

"""Messages that only acknowledge the last answer: thanks that asks nothing ("Thank you; I shall show this to my
wife this evening") and an answer taken in ("got it", "ok, makes sense"). They get a short reply, not a topic."""

from __future__ import annotations

import re

from bot.facts.text import normalise
from bot.facts.words import CLAUSES, asks, sentences

_THANKS = re.compile(
    r"^(?:ok |okay |right |oh |got it |i see |understood |gotcha |lovely |great |brilliant )?"
    r"(?:thanks|thank you|thankyou|thank u|thx|ta|cheers|many thanks)\b"
)

_THANKS_LAST = re.compile(
    r"\b(?:thanks|thank you|thankyou|thank u|thx|cheers|ta)(?: (?:so much|very much|again|a lot|a million|loads|x+))?$"
)
# Taking an answer in, asking nothing: "got it", "ok, understood", "right, makes sense".
_TAKEN_IN = re.compile(
    r"^(?:(?:ok|okay|right|oh|ah|ahh|i see|got it|gotcha|understood|makes sense|fair enough|noted|all right|alright)"
    r"(?: |$))+$"
)


def only_thanks(text: str) -> bool:
    """Thanks that asks nothing: "Thank you; I shall show this to my wife this evening", "got it, ta"."""
    plain = normalise(text)
    thanks = _THANKS.match(plain) or _THANKS_LAST.search(plain)  # "…called my neighbour, shes coming thank you"
    # ("ok im booking the gp. thanks for not making me feel daft": a sentence of its own that thanks)
    thanks = thanks or any(_THANKS.match(normalise(sentence)) for sentence in sentences(text))
    # (a question may follow a comma: "ok thanks. she's so independent, how do i support her without taking over")
    clauses = [c for sentence in sentences(text) for c in CLAUSES.split(sentence) if c.strip()]
    return bool(thanks) and not any(map(asks, clauses))


def takes_it_in(text: str) -> bool:
    """An answer taken in, asking nothing and thanking no one: "got it", "ok, makes sense"."""
    return bool(_TAKEN_IN.match(normalise(text) + " "))

"""How many facts an answer gives: the lead, then companions scoring nearly as well, within about three
sentences; a lead that goes on from the fact before it comes after that fact."""

from __future__ import annotations

import re
from typing import Any

from bot.facts.models import Fact
from bot.facts.scoring import Scored

MAX_SENTENCES = 3
# A further fact joins the lead when it scores at least this share of the lead's score.
COMPANION_SHARE = 0.7
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> int:
    return len([s for s in _SENTENCE.split(text.strip()) if s])


def chosen_facts(scored: list[Scored], facts: dict[str, Fact]) -> list[Fact]:
    """The lead, then companions scoring nearly as well, within the sentence budget, in ranked order.

    A lead that goes on from the fact before it ("PMA can also affect the torso", "their hands may
    also hurt") comes after that fact, so the reply never starts mid-thought.
    """
    chosen: list[Fact] = []
    used = 0
    for s in scored:
        fact = facts.get(s.item.id)
        if fact is None:
            continue
        if chosen and (s.score < COMPANION_SHARE * scored[0].score or used + sentences(fact.answer) > MAX_SENTENCES):
            break
        chosen.append(fact)
        used += sentences(fact.answer)
    if chosen and _GOES_ON.search(_SENTENCE.split(chosen[0].answer)[0]):
        before = _fact_before(chosen[0], facts.values())
        if before is not None:
            chosen = [before] + [f for f in chosen if f.id != before.id]
            while len(chosen) > 2 and sum(sentences(f.answer) for f in chosen) > MAX_SENTENCES:
                chosen.pop()
    return chosen


# A first sentence that leans on the one before it: "… can also …", "Their hands and feet …".
_GOES_ON = re.compile(r"\balso\b(?! (?:called|known))|^(?:their|they|these|those|it|this)\b", re.IGNORECASE)


def _fact_before(fact: Fact, candidates: Any) -> Fact | None:
    """The candidate fact just before ``fact`` in its document (same condition and topic), if any."""
    earlier = [
        f
        for f in candidates
        if f.condition_slug == fact.condition_slug and f.topic_slug == fact.topic_slug and f.position < fact.position
    ]
    return max(earlier, key=lambda f: f.position) if earlier else None


def only_in_detail(index: Any, asked: str, chosen: list[Fact]) -> bool:
    """Whether a word asked about is in the lead fact's detail and in none of the answers chosen ("reflexes
    too?": the lead fact says so only in its detail, which then joins the answer)."""
    wanted = set(index.terms(asked)) - index.hedge_terms - index.whole_terms
    said = set().union(*(index.terms(f.answer) for f in chosen))
    return bool((wanted & set(index.terms(chosen[0].detail or ""))) - said)

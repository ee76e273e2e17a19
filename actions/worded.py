"""Wordings whose topic is plain from the grammar, which a bag-of-words classifier can miss: "what does
it cause?" asks for its effects, unlike "what causes it?"; "which part of the nervous system is it?"
asks which motor neurons. The rules are data (data/wordings/topics.yml), read once at import."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.facts.text import normalise
from bot.facts.vocab import TOPICS
from bot.facts.words import asks, sentences

RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "wordings" / "topics.yml"


def _load(path: Path = RULES_FILE) -> list[tuple[re.Pattern[str], str]]:
    """The rules of data/wordings/topics.yml, compiled once, in their order (the first that matches counts)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = []
    for rule in doc["wordings"]:
        if rule["topic"] not in TOPICS:
            raise ValueError(f"{path}: unknown topic {rule['topic']!r}")
        rules.append((re.compile("|".join(rule["any_of"])), rule["topic"]))
    return rules


_TOPIC_BY_WORDING = _load()


# "Brother got kennedys disease. what is it": a last sentence that only asks what it is.
# "The one that starts in the hands, what's that one?", "…, what is it called?": the same, after a comma.
_WHAT_IS_IT_LAST = re.compile(
    r"^(?:so |and |ok |but )?(?:(?:what|which) (?:is|s)|whats) (?:it|this|that|that one|this one|the one)"
    r"(?: called)?(?: exactly| then| actually| again)?$"
)
_CLAUSE_END = re.compile(r"[,;:]| - ")


# Feelings said, with nothing asked: "I was diagnosed yesterday. I can't stop crying", "I'm devastated".
# (said of oneself: "his feet are numb" is a sign, "what protein is lost" a question)
_FEELINGS = re.compile(
    r"\b(?:i|im|i m|i am|i feel|i felt|im feeling|we|were|we re|we feel)\b(?: \w+){0,3}? "
    r"(?:cant stop crying|crying|in tears|devastated|heartbroken|broken hearted|gutted|terrified|so scared|"
    r"really scared|frightened|petrified|in shock|numb|overwhelmed|lost|falling apart|a mess|"
    r"dont know what to do|dont know how to feel|cant take it in|cant believe|cant get my head round|"
    r"exhausted|worn out|so tired|shattered|at the end of my rope|dont know who to turn to|(?:so |very )?alone|"
    r"guilty|ashamed|impatient|angry|resentful|like a burden|such a burden)\b"
)


def says_feelings(text: str) -> bool:
    """Feelings said of oneself, asking nothing: "I feel so guilty that I get impatient with her"."""
    return bool(_FEELINGS.search(normalise(text))) and not any(map(asks, sentences(text)))


_POINTS_BACK = re.compile(r"\b(?:it|its|that|this|they|them|those|these|he|she|him|her)\b")


def _by_wording(plain: str) -> str | None:
    return next((topic for pattern, topic in _TOPIC_BY_WORDING if pattern.search(plain)), None)


def worded_topic(text: str) -> str | None:
    """The topic ``text``'s wording asks about, if its grammar says so plainly."""
    parts = sentences(text)
    # The asking sentence's own wording first ("swallowing getting harder too. what helps": what helps), unless it
    # points back ("…has just started riluzole. what does it actually do"); then the whole text's.
    last = normalise(parts[-1]) if len(parts) > 1 and asks(parts[-1]) else ""
    found = _by_wording(last) if last and not _POINTS_BACK.search(last) else None
    found = found or _by_wording(normalise(text))
    if found is None and says_feelings(text):
        return "coping"  # how it feels, asking nothing: living with it
    if found is None and len(parts) > 1 and _WHAT_IS_IT_LAST.match(normalise(parts[-1])):
        return "definition"
    clauses = _CLAUSE_END.split(text)
    if found is None and len(clauses) > 1 and _WHAT_IS_IT_LAST.match(normalise(clauses[-1])):
        return "definition"
    return found

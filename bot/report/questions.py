"""The questions the bot could not answer, grouped by similarity with counts (text only, never who).

Two wordings are grouped when their meaningful words (stop words dropped, a plural's "s" taken off,
order ignored) overlap enough (Jaccard SIMILAR or more), so "can diet cure MND?" and "can a diet
cure mnd" count as one question. Long runs of digits and e-mail addresses are masked before
anything is kept: people type phone numbers and addresses into chat boxes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

SIMILAR = 0.6
MAX_LENGTH = 200
_WORD = re.compile(r"[a-z0-9']+")
_EMAIL = re.compile(r"\S+@\S+")
_DIGITS = re.compile(r"\d[\d\s()+-]{4,}\d")
# Words that carry the question here but are stop words in general English.
_KEEP = frozenset({"cure", "call", "fire", "full", "move", "side", "back", "front", "first", "last", "never"})
STOP = frozenset(ENGLISH_STOP_WORDS - _KEEP) | {"pls", "please", "thanks", "whats", "hi", "hello"}


def masked(text: str) -> str:
    """``text`` as the report may show it: one line, digits runs and e-mail addresses masked, cut short."""
    text = _EMAIL.sub("[e-mail]", " ".join(text.split()))
    text = _DIGITS.sub("[number]", text)
    return text if len(text) <= MAX_LENGTH else text[: MAX_LENGTH - 1].rstrip() + "…"


def key_words(text: str) -> frozenset[str]:
    words = (w.strip("'") for w in _WORD.findall(text.lower()))
    return frozenset(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words if w and w not in STOP
    )


@dataclass
class Group:
    """Wordings taken to ask the same thing, most asked first."""

    words: frozenset[str]
    wordings: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return sum(self.wordings.values())

    @property
    def shown(self) -> str:
        return self.wordings.most_common(1)[0][0]


class QuestionTally:
    """Counts each wording as typed (masked, case and spacing folded); groups them when asked."""

    def __init__(self) -> None:
        self.wordings: Counter[str] = Counter()

    def add(self, text: str) -> None:
        self.wordings[masked(text).lower().rstrip(" ?!.")] += 1

    def groups(self, top: int = 20) -> list[Group]:
        """The ``top`` groups by how often they were asked (ties: alphabetically by shown wording)."""
        by_words: dict[frozenset[str], Counter[str]] = defaultdict(Counter)
        for wording, n in self.wordings.items():
            by_words[key_words(wording) or frozenset({wording})][wording] += n
        ordered = sorted(by_words.items(), key=lambda kv: (-sum(kv[1].values()), min(kv[1])))
        groups: list[Group] = []
        owner: dict[str, list[int]] = defaultdict(list)  # word -> groups whose seed has it
        for words, wordings in ordered:
            candidates = {g for w in words for g in owner[w]}
            best, best_score = None, 0.0
            for g in sorted(candidates):
                seed = groups[g].words
                score = len(words & seed) / len(words | seed)
                if score > best_score:
                    best, best_score = g, score
            if best is not None and best_score >= SIMILAR:
                groups[best].wordings.update(wordings)
                continue
            groups.append(Group(words, Counter(wordings)))
            for w in words:
                owner[w].append(len(groups) - 1)
        groups.sort(key=lambda g: (-g.count, g.shown))
        return groups[:top]

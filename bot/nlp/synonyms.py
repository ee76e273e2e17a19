"""Words the intent classifier never saw in training, read as a synonym it did see.

The fact store's synonym groups (data/facts/words.yml: "curable" with "cure", "infant" with "babies")
say which words mean the same thing. The classifier learns from the lemmas of its training questions,
so a word that no training question uses carries no weight at all: "is it curable?" was read by its
other words ("is it ...?" asks what something is). At build time, each such unseen word of a group is
given, as its lemma, the lemma of the group's word most used in training. Words the training questions
use keep their own lemma, so nothing the classifier has learnt changes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

_EXAMPLE = re.compile(r"^\s+- (.+)$")
_WORD = re.compile(r"[a-z0-9']+")


def training_words(nlu_dir: Path) -> Counter[str]:
    """How often each word (lower case) is used in the training questions under ``nlu_dir``."""
    counts: Counter[str] = Counter()
    for path in sorted(nlu_dir.rglob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _EXAMPLE.match(line)
            if match:
                counts.update(_WORD.findall(match.group(1).lower()))
    return counts


def synonym_groups(words_file: Path) -> list[list[str]]:
    """The single-word members of each synonym group of the fact store's words file."""
    doc = yaml.safe_load(words_file.read_text(encoding="utf-8")) or {}
    return [[w.lower() for w in group if " " not in w] for group in doc.get("groups") or []]


def unseen_lemmas(groups: Iterable[list[str]], seen: Counter[str], lemma_of: Callable[[str], str]) -> dict[str, str]:
    """For each word of a group that no training question uses: the lemma of the group's most used word."""
    lemmas: dict[str, str] = {}
    for group in groups:
        used = sorted((w for w in group if seen[w]), key=lambda w: (-seen[w], w))
        if not used:
            continue
        for word in group:
            if not seen[word] and word not in lemmas:
                lemmas[word] = lemma_of(used[0])
    return lemmas

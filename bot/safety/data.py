"""The emergency detector's training wordings (data/safety/emergencies/*.jsonl).

Each line is ``{"text", "label"}``: ``label`` is a kind of emergency (bot.safety.detector.KINDS)
or ``"none"`` for a look-alike (then ``category`` says which kind of look-alike it is: past,
care, causes, figurative, negated, word, plan, slow, feelings, personal). They were written by
people who saw neither the patterns, the bot's training data nor the test sets
(tests/sets/safety.jsonl is never trained on; a test checks no line of it is here).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.safety.detector import KINDS, NONE, ROOT

WORDINGS_DIR = ROOT / "data" / "safety" / "emergencies"


@dataclass(frozen=True)
class Wording:
    text: str
    label: str
    category: str | None
    origin: str


def load_wordings(directory: Path = WORDINGS_DIR) -> list[Wording]:
    """Every wording, checked: a known label, non-empty text; duplicates (same text) dropped."""
    found: list[Wording] = []
    seen: set[str] = set()
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            item = json.loads(line)
            label = item.get("label")
            text = (item.get("text") or "").strip()
            if label not in (NONE, *KINDS) or not text:
                raise ValueError(f"{path}:{number}: needs a text and a label of {NONE} or one of {KINDS}")
            key = text.lower()
            if key not in seen:
                seen.add(key)
                found.append(Wording(text, label, item.get("category"), path.stem))
    return found

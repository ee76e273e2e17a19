"""The independent sets stay unseen: none of their messages is in the bot's data (training
questions, the facts' example questions, the emergency detector's wordings)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETS = sorted((ROOT / "tests" / "sets").glob("*.jsonl"))
MIN_WORDS = 6


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split())


def _set_texts(path: Path) -> list[str]:
    texts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            texts += [t["text"] for t in item.get("turns", [item])]
    return texts


def _data_texts() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "data").rglob("*"):
        if path.suffix == ".yml":
            for line in path.read_text(encoding="utf-8").splitlines():
                match = re.match(r"\s+- (.+)$", line)
                if match:
                    found.add(_norm(match.group(1).strip().strip('"')))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    found.add(_norm(json.loads(line)["text"]))
    return found


def test_there_are_independent_sets() -> None:
    assert {p.stem for p in SETS} >= {"safety", "singles", "conversations"}


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_no_message_of_an_independent_set_is_in_the_data(path: Path) -> None:
    data = _data_texts()
    # Short common wordings ("how is it diagnosed") are expected to coincide; as in
    # ../shared/tools/overlap.py, a message of six words or more must not be in the data.
    copied = [t for t in _set_texts(path) if len(t.split()) >= MIN_WORDS and _norm(t) in data]
    assert not copied, copied

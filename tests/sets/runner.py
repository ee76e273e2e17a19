"""Send a labelled set through a running bot's REST channel and tally the outcome by category."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.sets.judge import Outcome, answered_normally, judge, payloads
from tests.support import Chat

SETS_DIR = Path(__file__).resolve().parent
ROOT = SETS_DIR.parents[1]
REPORT_DIR = ROOT / "build" / "results" / "sets"


def load(name: str) -> list[dict[str, Any]]:
    """A set's items (each a conversation: {"id", "turns": [...]}), single questions as one-turn ones."""
    items = [json.loads(line) for line in (SETS_DIR / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [it if "turns" in it else {"id": it["id"], "turns": [it]} for it in items]


@dataclass
class Tally:
    """Right answers per group (category, phenomenon, kind), and every miss."""

    name: str
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)  # each turn's whole reply as sent (no disclaimer)

    def add(self, group: str, ok: bool) -> None:
        self.total[group] += 1
        self.right[group] += ok

    def share(self, group: str) -> float:
        return self.right[group] / self.total[group] if self.total[group] else 1.0

    def lines(self) -> list[str]:
        return [
            f"  {group:<28} {self.right[group]:>4}/{self.total[group]:<4} {self.share(group):6.1%}"
            for group in sorted(self.total)
        ]

    def write(self) -> Path:
        REPORT_DIR.mkdir(parents=True, exist_ok=True)
        path = REPORT_DIR / f"{self.name}.md"
        body = [f"# {self.name}", "", "```", *self.lines(), "```", "", "## Misses", ""]
        body += [
            f"- `{m['id']}` {m['text']!r}: expected {m['expected']}; {m['why']}; said {m['said']!r}"
            for m in self.misses
        ]
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        return path


def _expected(turn: dict[str, Any]) -> str:
    keys = ("kind", "condition", "topic", "term", "conditions", "also", "emergency")
    return ", ".join(f"{k}={turn[k]}" for k in keys if turn.get(k) is not None)


def run(url: str, name: str, *, group_key: str, safety_set: bool = False) -> Tally:
    """Score every turn of set ``name``; groups are the turns' ``group_key`` values plus "all"."""
    tally = Tally(name)
    for conversation in load(name):
        chat = Chat(url, prefix="set")
        for turn in conversation["turns"]:
            messages = chat.post(turn["text"])
            got = payloads(messages)
            outcome: Outcome = judge(turn, got, safety_set=safety_set)
            if safety_set and turn["kind"] != "emergency":
                # The gate: no alarm and a normal answer; whether it is the labelled answer is reported.
                tally.add("look-alike answered as labelled", outcome.ok)
                normal = answered_normally(got)
                kinds = [p.get("kind") for p in got]
                outcome = Outcome(normal, "" if normal else outcome.why or f"not answered normally: kinds={kinds}")
            tally.replies.append(
                " ".join(
                    m.get("text") or ""
                    for m in messages
                    if (m.get("custom") or {}).get("kind") != "disclaimer" and m.get("text")
                )
            )
            group = str(turn.get(group_key) or turn["kind"])
            tally.add(group, outcome.ok)
            tally.add("all", outcome.ok)
            if not outcome.ok:
                said = " | ".join(
                    m.get("text") or "" for m in messages if (m.get("custom") or {}).get("kind") != "disclaimer"
                )
                tally.misses.append(
                    {
                        "id": conversation["id"],
                        "text": turn["text"],
                        "expected": _expected(turn),
                        "why": outcome.why,
                        "said": said[:200],
                    }
                )
    return tally

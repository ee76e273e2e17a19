"""A readable audit: a fixed random sample of 50 questions from the independent singles set, each
with the reply a person gets and the facts (with sources) it was made of, in build/audit.md.

A reviewer reads each question and reply against the fact ids and marks it answered, partly
answered or not answered; the sample is the same every run (seed below), so audits compare.

    make audit            (starts the stack on free ports, asks, writes build/audit.md)
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path
from typing import Any

from bot.serve import ROOT, Stack
from tests.support import Chat

SAMPLE = 50
SEED = 20261130
OUT = ROOT / "build" / "audit.md"
SINGLES = ROOT / "tests" / "sets" / "singles.jsonl"


def sample() -> list[dict[str, Any]]:
    items = [json.loads(line) for line in SINGLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return random.Random(SEED).sample(items, SAMPLE)


def _reply(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m for m in messages if (m.get("custom") or {}).get("kind") != "disclaimer"]


def audit(url: str) -> str:
    lines = [
        "# Audit of 50 questions",
        "",
        f"A fixed sample (seed {SEED}) of tests/sets/singles.jsonl. For each: the question, the reply as",
        "sent, and the facts behind it. Mark each: answered / partly / not answered.",
        "",
    ]
    for number, item in enumerate(sample(), 1):
        reply = _reply(Chat(url, prefix="audit").post(item["text"]))
        lines += [f"## {number}. {item['text']}", ""]
        for message in reply:
            custom = message.get("custom") or {}
            sources = ", ".join(sorted({s.get("id", "") for s in custom.get("sources") or []}))
            lines += [
                f"> {message.get('text', '')}",
                "",
                f"kind `{custom.get('kind')}`, condition `{custom.get('condition')}`, topic `{custom.get('topic')}`, "
                f"facts {', '.join(custom.get('facts') or []) or '-'}, sources {sources or '-'}",
                "",
            ]
        lines += ["Judgement: ", ""]
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir, Stack.isolated(Path(workdir)) as stack:
        text = audit(stack.url)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"Wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

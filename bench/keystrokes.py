"""Keystrokes saved by the widget's suggestions while typing: `make keystrokes` (a few seconds).

Ten common questions, each one of the suggested questions (build/widget/suggestions.json, built by
`make facts`). Typed in full, a question costs one key per character and Enter. With suggestions,
a person types letter by letter until the question is among the five shown, then presses Down
until it is chosen, then Enter. The matching is the widget's own (bot/web/static/mndw-match.js),
run in Debian's Chromium, so the figure is for the code people use. Prints a table and the total
saving; tests/browser/test_suggestions.py asserts the same figure is at least 60%.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MATCH_JS = ROOT / "bot" / "web" / "static" / "mndw-match.js"
SUGGESTIONS = ROOT / "build" / "widget" / "suggestions.json"
CHROMIUM = Path("/usr/bin/chromium")
LIMIT = 5

COMMON_QUESTIONS = [
    "What is meant by MND?",
    "What are the symptoms of ALS?",
    "How is MND treated?",
    "What causes MND?",
    "Is MND hereditary?",
    "How is MND diagnosed?",
    "How long do people live with MND?",
    "What is meant by PLS?",
    "Does MND affect breathing?",
    "How can I cope with MND?",
]


@dataclass
class Cost:
    question: str
    typed_in_full: int
    with_suggestions: int
    letters: int
    arrows: int


def measure(page: Any, entries: list[dict[str, Any]], questions: list[str] = COMMON_QUESTIONS) -> list[Cost]:
    """The keystrokes for each question, with the widget's matcher loaded in ``page``."""
    listed = {e["q"] for e in entries}
    missing = [q for q in questions if q not in listed]
    if missing:
        raise SystemExit(f"not among the suggested questions (rebuild with `make facts`?): {missing}")
    page.set_content("<!doctype html><title>keystrokes</title>")
    page.evaluate("window.__mndw = {}")
    page.add_script_tag(content=MATCH_JS.read_text(encoding="utf-8"))
    costs = []
    for question in questions:
        found = page.evaluate(
            """([entries, question, limit]) => {
                 for (let n = 1; n <= question.length; n++) {
                   const shown = window.__mndw.matchQuestions(entries, question.slice(0, n), limit);
                   const at = shown.indexOf(question);
                   if (at >= 0) return [n, at + 1];
                 }
                 return [question.length, 0];
               }""",
            [entries, question, LIMIT],
        )
        letters, arrows = found
        full = len(question) + 1
        costs.append(Cost(question, full, letters + arrows + 1 if arrows else full, letters, arrows))
    return costs


def saving(costs: list[Cost]) -> float:
    full = sum(c.typed_in_full for c in costs)
    return 1 - sum(c.with_suggestions for c in costs) / full


def main() -> int:
    from playwright.sync_api import sync_playwright

    entries = json.loads(SUGGESTIONS.read_text(encoding="utf-8"))["questions"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        costs = measure(browser.new_page(), entries)
        browser.close()
    print(f"{'question':40} {'in full':>8} {'suggested':>10}  (letters + Down presses + Enter)")
    for c in costs:
        print(f"{c.question:40} {c.typed_in_full:8d} {c.with_suggestions:10d}  ({c.letters} + {c.arrows} + 1)")
    total_full = sum(c.typed_in_full for c in costs)
    total = sum(c.with_suggestions for c in costs)
    print(f"{'total':40} {total_full:8d} {total:10d}")
    print(f"keystrokes saved: {saving(costs):.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

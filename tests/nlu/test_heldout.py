"""Held-out NLU test sets: intent accuracy and condition resolution.

tests/nlu/heldout.yml was written separately from data/nlu and is never trained on;
floors of 95% apply to it. Its errors were looked at once while training questions
were added, so tests/nlu/blind.yml, written later by someone who saw neither the
training data nor the other sets, gives the unbiased figure (floor 90%).
Messages are parsed by the trained model in-process; the condition names it finds
are resolved to slugs by the fact store (in the action server's environment), the
same way the actions resolve them. A report is written to build/results/nlu/.
"""

from __future__ import annotations

import collections
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETS = {"heldout": ROOT / "tests" / "nlu" / "heldout.yml", "blind": ROOT / "tests" / "nlu" / "blind.yml"}
REPORT_DIR = ROOT / "build" / "results" / "nlu"
ACTIONS_PYTHON = ROOT / ".venv-actions" / "bin" / "python"

FLOORS = {"heldout": 0.95, "blind": 0.90}


def _load_examples(path: Path) -> list[dict[str, Any]]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    examples = []
    for message in data.intent_examples:
        expected = []
        for ent in message.get("entities") or []:
            if ent["entity"] == "condition" and ent["value"] not in expected:
                expected.append(ent["value"])
        examples.append({"text": message.get("text"), "intent": message.get("intent"), "conditions": expected})
    return examples


def _resolve(items: list[dict[str, Any]]) -> list[list[str]]:
    """Condition slugs for each parsed message, from the fact store's resolver."""
    lines = "".join(json.dumps(item) + "\n" for item in items)
    out = subprocess.run(
        [str(ACTIONS_PYTHON), "-m", "bot.facts", "resolve"],
        input=lines,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    return [json.loads(line)["conditions"] for line in out.stdout.splitlines()]


@pytest.fixture(scope="module", params=sorted(SETS))
def results(request: pytest.FixtureRequest, parse: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    name = request.param
    examples = _load_examples(SETS[name])
    parsed = [parse(e["text"]) for e in examples]
    resolved = _resolve(
        [
            {
                "text": e["text"],
                "entities": [x["value"] for x in p.get("entities", []) if x["entity"] == "condition"],
            }
            for e, p in zip(examples, parsed, strict=True)
        ]
    )
    rows = []
    for example, parse, slugs in zip(examples, parsed, resolved, strict=True):
        rows.append(
            {
                "text": example["text"],
                "expected_intent": example["intent"],
                "predicted_intent": parse["intent"]["name"],
                "confidence": round(parse["intent"]["confidence"], 3),
                "expected_conditions": example["conditions"],
                "predicted_conditions": slugs,
            }
        )
    intent_ok = [r["predicted_intent"] == r["expected_intent"] for r in rows]
    with_condition = [r for r in rows if r["expected_conditions"]]
    condition_ok = [r["predicted_conditions"] == r["expected_conditions"] for r in with_condition]
    confused = collections.Counter(
        (r["expected_intent"], r["predicted_intent"]) for r in rows if r["predicted_intent"] != r["expected_intent"]
    )
    per_intent = collections.Counter(r["expected_intent"] for r in rows)
    report = {
        "set": name,
        "examples": len(rows),
        "intent_accuracy": sum(intent_ok) / len(rows),
        "condition_examples": len(with_condition),
        "condition_resolution": sum(condition_ok) / len(with_condition),
        "most_confused": [{"expected": a, "predicted": b, "count": n} for (a, b), n in confused.most_common(10)],
        "examples_per_intent": dict(sorted(per_intent.items())),
        "intent_errors": [r for r in rows if r["predicted_intent"] != r["expected_intent"]],
        "condition_errors": [r for r in with_condition if r["predicted_conditions"] != r["expected_conditions"]],
    }
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    (REPORT_DIR / f"{name}_report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(
        f"\n{name} NLU set: {len(rows)} examples, intent accuracy {report['intent_accuracy']:.3f}, "
        f"condition resolution {report['condition_resolution']:.3f} on {len(with_condition)} examples"
    )
    return report


def test_test_sets_are_large_and_never_trained_on(results: dict[str, Any]) -> None:
    assert results["examples"] >= (300 if results["set"] == "heldout" else 200)
    # Training questions, and the facts' example questions (exported as training data too).
    files = [*(ROOT / "data" / "nlu").rglob("*.yml"), *(ROOT / "data" / "facts").rglob("*.yml")]
    training = "\n".join(p.read_text(encoding="utf-8").lower() for p in files)
    trained_lines = {
        line.strip()[2:].strip().strip('"') for line in training.splitlines() if line.strip().startswith("- ")
    }
    heldout_texts = [e["text"].lower() for e in _load_examples(SETS[results["set"]])]
    overlap = [t for t in heldout_texts if t in trained_lines]
    assert not overlap, overlap


def test_intent_accuracy_floor(results: dict[str, Any]) -> None:
    assert results["intent_accuracy"] >= FLOORS[results["set"]], results["most_confused"]


def test_condition_resolution_floor(results: dict[str, Any]) -> None:
    assert results["condition_resolution"] >= FLOORS[results["set"]], results["condition_errors"][:10]

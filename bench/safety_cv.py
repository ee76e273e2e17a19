"""How well the emergency detector does on wordings it was not trained on, by writer.

    .venv/bin/python bench/safety_cv.py [--c 4] [--writers a,b,...]

The training wordings (data/safety/emergencies/wordings_<writer>.jsonl) were written by different
people. Each writer's wordings are left out in turn; the detector is trained on the others plus
the bot's own training questions (as non-emergencies), and scored on the left-out writer:
emergency recall (emergency reply first), look-alikes alarmed, and look-alikes given a safety
note. Also the false alarms on the bot's training questions that are not emergencies. This is
how the thresholds in bot/safety/detector.py were chosen; it prints a table and writes
bench/results/safety_cv.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.safety.data import load_wordings  # noqa: E402
from bot.safety.detector import NONE, Detector, load_patterns, pattern_kind, train_model  # noqa: E402
from bot.safety.training import nlu_examples  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=4.0)
    parser.add_argument("--writers", default="")
    args = parser.parse_args()
    wordings = load_wordings()
    writers = args.writers.split(",") if args.writers else sorted({w.origin for w in wordings})
    patterns = load_patterns()
    questions = nlu_examples(ROOT / "data" / "nlu")
    rows = []
    for left_out in writers:
        texts, labels = [], []
        for w in wordings:
            if w.origin != left_out:
                texts.append(w.text)
                labels.append(w.label)
        for intent, text in questions:
            kind = pattern_kind(text, patterns) if intent == "report_emergency" else NONE
            if kind is not None:
                texts.append(text)
                labels.append(kind)
        started = time.perf_counter()
        detector = Detector(train_model(texts, labels, c=args.c), patterns)
        trained = time.perf_counter() - started
        held = [w for w in wordings if w.origin == left_out]
        verdicts = [(w, detector.assess(w.text)) for w in held]
        em = [v for w, v in verdicts if w.label != NONE]
        look = [v for w, v in verdicts if w.label == NONE]
        recall = sum(v.level == "emergency" for v in em) / len(em)
        alarms = sum(v.level == "emergency" for v in look) / len(look)
        notes = sum(v.level == "note" for v in look) / len(look)
        rows.append((left_out, len(em), recall, len(look), alarms, notes, trained))
        print(
            f"{left_out:<14} recall {recall:6.1%} of {len(em):<4} look-alikes alarmed {alarms:6.1%} "
            f"noted {notes:6.1%} of {len(look):<4} (trained in {trained:.1f} s)",
            flush=True,
        )
        for w, v in verdicts:
            if (w.label != NONE) != (v.level == "emergency"):
                tag = "MISS " if w.label != NONE else "ALARM"
                print(f"    {tag} {v.probability:.2f} {v.level:<9} {w.label:<12} {w.text[:110]}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Emergency detector, leave-one-writer-out",
        "",
        f"C = {args.c}",
        "",
        "| left out | emergencies | recall | look-alikes | alarmed | noted |",
        "|---|---|---|---|---|---|",
    ]
    lines += [f"| {r[0]} | {r[1]} | {r[2]:.1%} | {r[3]} | {r[4]:.1%} | {r[5]:.1%} |" for r in rows]
    (RESULTS / "safety_cv.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The emergency detector's cost per message, measured on the trained model's own detector.

The detector (bot/safety/detector.py) runs on every message inside the Rasa server
(bot/nlp/red_flags.py); this times ``Detector.assess`` alone on the held-out NLU questions and the
emergency wordings, so its share of a turn can be read off directly. Used by bench/run.py.
"""

from __future__ import annotations

import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.safety.data import load_wordings
from bot.safety.detector import Detector


def _detector_from(model: Path, into: Path) -> Detector:
    with tarfile.open(model) as archive:
        members = [m for m in archive.getmembers() if m.name.endswith(("detector.json", "detector.npz"))]
        if not members:
            raise FileNotFoundError(f"{model} holds no trained emergency detector")
        archive.extractall(into, members=members, filter="data")
    return Detector.load(into / Path(members[0].name).parent)


def bench_detector(model: Path, texts: list[str], summary_ms: Any, limit: int | None = None) -> dict[str, Any]:
    """p50/p95/p99 of one ``assess`` call, over questions and emergency wordings."""
    messages = (texts + [w.text for w in load_wordings()])[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        detector = _detector_from(model, Path(tmp))
    detector.assess("warm up")
    times = []
    for text in messages:
        start = time.perf_counter()
        detector.assess(text)
        times.append(time.perf_counter() - start)
    return {"messages": len(messages), **summary_ms(times)}

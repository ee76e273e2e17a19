"""What the emergency detector is trained on, besides its own wordings: the bot's training questions."""

from __future__ import annotations

from pathlib import Path

import yaml


def nlu_examples(directory: Path) -> list[tuple[str, str]]:
    """(intent, text) of every training question in Rasa's YAML files under ``directory``."""
    found: list[tuple[str, str]] = []
    for path in sorted(directory.rglob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in doc.get("nlu") or []:
            if "intent" not in item:
                continue
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    found.append((item["intent"], line[2:].strip()))
    return found

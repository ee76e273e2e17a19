"""Build the project's spaCy pipeline from the fact store's exported entity patterns.

    python -m bot.nlp.build [--patterns build/patterns.jsonl] [--out build/spacy_mnd]

A blank English tokenizer, a lookup lemmatizer (tables from spacy-lookups-data)
and an entity ruler whose phrase patterns are the condition names, aliases and
glossary terms. No trained weights: nothing has to be downloaded.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATTERNS = ROOT / "build" / "patterns.jsonl"
DEFAULT_OUT = ROOT / "build" / "spacy_mnd"


def read_patterns(path: Path) -> list[dict[str, Any]]:
    """Patterns from a JSONL file, each checked to have a label, a phrase and an id."""
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if not {"label", "pattern", "id"} <= item.keys() or not isinstance(item["pattern"], str):
            raise ValueError(f"{path}:{number}: a pattern needs a label, a phrase and an id")
        patterns.append(item)
    if not patterns:
        raise ValueError(f"{path}: no patterns")
    return patterns


def make_pipeline(patterns: list[dict[str, Any]]):  # -> spacy.Language
    """The blank English pipeline with the lemmatizer and the entity ruler."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # LOWER: people rarely capitalise condition names when typing in a chat box.
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    nlp.initialize()
    ruler.add_patterns(patterns)
    return nlp


def build(patterns_path: Path, out: Path) -> int:
    """Build and save the pipeline; returns the number of patterns."""
    patterns = read_patterns(patterns_path)
    nlp = make_pipeline(patterns)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return len(patterns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the spaCy pipeline from entity patterns.")
    parser.add_argument("--patterns", default=str(DEFAULT_PATTERNS))
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    args = parser.parse_args(argv)
    try:
        count = build(Path(args.patterns), Path(args.out))
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"spaCy pipeline with {count} entity patterns saved to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

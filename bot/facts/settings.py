"""Where the fact store lives; read from the environment when asked, never at import."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data" / "facts"
BUILD_DIR = ROOT / "build"
DEFAULT_DB_PATH = BUILD_DIR / "facts.db"
PATTERNS_PATH = BUILD_DIR / "patterns.jsonl"
EXAMPLES_PATH = BUILD_DIR / "nlu_facts" / "examples.yml"
# Served with the widget (bot/web/channel.py reads it from here).
SUGGESTIONS_PATH = BUILD_DIR / "widget" / "suggestions.json"

URL_ENV = "MND_FACTS_URL"


def database_url() -> str:
    """The SQLAlchemy URL of the store: ``$MND_FACTS_URL`` or the SQLite file in build/."""
    return os.environ.get(URL_ENV) or f"sqlite:///{DEFAULT_DB_PATH}"

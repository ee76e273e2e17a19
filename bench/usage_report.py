"""How long `make report` takes over many stored conversations (generated, in a throwaway SQLite file).

    python bench/usage_report.py [--conversations 100000]

Each generated conversation is what the bot stores for a short chat: a session start with its
disclaimer, three turns (a message, the action, a reply with its contract, listening again) and,
in one of three, a "Was this helpful?" slot event; the rows are those Rasa's SQL tracker store
writes (same columns, each event's ``as_dict()`` as JSON), spread over the last 30 days. Timed:
reading and counting them, then writing the page with its charts (bot.report). bench/run.py
calls this too (1,000 conversations in its smoke run).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DAY = 86400.0
TURNS = 3
SHAPES = 300
# The columns Rasa's SQL tracker store fills (bot/tracker_store.py writes the same).
INSERTED = ("sender_id", "type_name", "timestamp", "intent_name", "action_name", "data")
Pick = tuple[str, str, str | None, str | None]
# (question, reply kind, condition, topic): a mix with unanswered questions in several wordings.
ASKED = [
    ("what is ALS", "answer", "als", "definition"),
    ("what are the symptoms of PLS", "answer", "pls", "symptoms"),
    ("is MND inherited", "answer", "mnd", "inheritance"),
    ("how is mnd treated", "answer", "mnd", "treatment"),
    ("what does bulbar mean", "definition", None, None),
    ("can a keto diet cure MND", "out_of_scope", None, None),
    ("can keto diets cure mnd?", "out_of_scope", None, None),
    ("what are the first signs of SMA", "not_covered", "sma", "symptoms"),
    ("which tests diagnose PMA", "not_covered", "pma", "diagnosis"),
    ("do I have ALS", "no_diagnosis", None, None),
    ("I cannot breathe", "emergency", None, None),
    ("PLS or PMA?", "clarify", None, None),
]


def _events(start: float, picks: list[Pick], helpful: bool | None) -> list[Any]:
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

    def contract(kind: str, condition: str | None = None, topic: str | None = None) -> dict[str, Any]:
        sources = [{"id": "cc_mnd", "title": "Motor Neuron Disease (MND)", "section": "overview",
                    "citation": "Motor Neuron Disease, Cleveland Clinic, reviewed May 6, 2025"}]  # fmt: skip
        return {"kind": kind, "condition": condition, "topic": topic, "facts": ["mnd.definition.1"],
                "sources": sources, "term": None, "conditions": None}  # fmt: skip

    events = [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start + 0.01),
        BotUttered("This chat gives general education.", {"custom": contract("disclaimer")}, timestamp=start + 0.02),
        ActionExecuted("action_listen", timestamp=start + 0.03),
    ]
    ts = start + 5
    for text, kind, condition, topic in picks:
        intent = {"name": f"ask_{topic or 'definition'}", "confidence": 0.91}
        parse = {"intent": intent, "entities": [], "text": text,
                 "intent_ranking": [intent, {"name": "ask_more", "confidence": 0.05}]}  # fmt: skip
        events += [
            UserUttered(text, intent, [], parse, timestamp=ts),
            ActionExecuted("action_answer_topic", policy="RulePolicy", confidence=1.0, timestamp=ts + 0.1),
            BotUttered("A short answer.", {"custom": contract(kind, condition, topic)}, timestamp=ts + 0.2),
            ActionExecuted("action_listen", timestamp=ts + 0.3),
        ]
        ts += 30
    if helpful is not None:
        _, kind, condition, topic = picks[-1]
        value = {"helpful": helpful, "topic": topic, "condition": condition, "kind": kind}
        events.append(SlotSet("feedback", value, timestamp=ts))
    return events


# Each distinct event is turned into JSON once, around a mark where its timestamp goes: JSON for a
# million rows is then a join of strings (generating took minutes with an as_dict() per event).
_MARK = 0.123456789
_TEMPLATES: dict[tuple[Any, ...], list[tuple[str, str | None, str | None, float, tuple[str, str]]]] = {}


def _rows(start: float, picks: list[Pick], helpful: bool | None) -> list[dict[str, Any]]:
    key = (tuple(picks), helpful)
    templates = _TEMPLATES.get(key)
    if templates is None:
        templates = []
        for event in _events(_MARK, picks, helpful):
            data = event.as_dict()
            offset = data["timestamp"] - _MARK
            data["timestamp"] = _MARK
            before, after = json.dumps(data).split(repr(_MARK), 1)
            intent = (data.get("parse_data") or {}).get("intent", {}).get("name")
            templates.append((event.type_name, intent, data.get("name"), offset, (before, after)))
        _TEMPLATES[key] = templates
    rows = []
    for type_name, intent, action, offset, (before, after) in templates:
        ts = start + offset
        rows.append({"type_name": type_name, "timestamp": ts, "intent_name": intent, "action_name": action,
                     "data": f"{before}{ts!r}{after}"})  # fmt: skip
    return rows


def generate(db: Path, conversations: int, *, now: float, seed: int = 7) -> int:
    """Store ``conversations`` generated conversations in a new SQLite tracker store; returns the rows written."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))  # creates Rasa's table and indexes
    table = store.SQLEvent.__table__
    rng = random.Random(seed)
    # A few hundred kinds of chat, each stored many times at its own moments.
    shapes = [
        ([rng.choice(ASKED) for _ in range(TURNS)], rng.choice([True, False, None, None, None, None]))
        for _ in range(SHAPES)
    ]
    columns = ", ".join(INSERTED)
    insert = f"INSERT INTO {table.name} ({columns}) VALUES ({', '.join('?' * len(INSERTED))})"
    written = 0
    raw = store.engine.raw_connection()  # the DB-API's executemany: SQLAlchemy's per-row work would dominate
    try:
        cursor = raw.cursor()
        # A throwaway file: no journal, no waiting for the disk (the bot's own store keeps both).
        cursor.execute("PRAGMA journal_mode=OFF")
        cursor.execute("PRAGMA synchronous=OFF")
        batch: list[tuple[Any, ...]] = []
        for n in range(conversations):
            start = now - 600 - rng.random() * 29 * DAY  # inside the 30 days the report reads
            picks, helpful = shapes[rng.randrange(SHAPES)]
            sender = f"bench-{n:07d}"
            batch += [(sender, *(row[c] for c in INSERTED[1:])) for row in _rows(start, picks, helpful)]
            if len(batch) >= 50000:
                cursor.executemany(insert, batch)
                written += len(batch)
                batch = []
        cursor.executemany(insert, batch)
        written += len(batch)
        raw.commit()
    finally:
        raw.close()
    store.engine.dispose()
    return written


def bench_usage_report(conversations: int) -> dict[str, Any]:
    """Generate, then time reading and counting, and writing the page; the figures as a dict."""
    from bot.report.__main__ import main as report

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "conversations.db"
        started = time.perf_counter()
        rows = generate(db, conversations, now=time.time())
        generated = time.perf_counter() - started
        endpoints = Path(tmp) / "endpoints.yml"
        endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{db}"\n', encoding="utf-8")
        started = time.perf_counter()
        if report(["--endpoints", str(endpoints), "--out", str(Path(tmp) / "report"), "--since", "30d"]) != 0:
            raise SystemExit("the usage report failed on generated data")
        took = time.perf_counter() - started
        size = db.stat().st_size
    return {
        "conversations": conversations,
        "events_stored": rows,
        "database_mb": round(size / 2**20, 1),
        "generate_s": round(generated, 1),
        "report_s": round(took, 2),
        "conversations_per_s": round(conversations / took) if took else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=100_000)
    args = parser.parse_args()
    if args.conversations < 1:
        parser.error("--conversations must be at least 1")
    result = bench_usage_report(args.conversations)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

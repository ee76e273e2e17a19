"""Command line for the fact store.

    python -m bot.facts build [--url URL] [--data DIR]     validate data/facts and (re)build the store
    python -m bot.facts export-patterns [--out FILE]       write spaCy entity patterns (JSONL)
    python -m bot.facts resolve                            JSON lines in ({"text", "entities"}), condition slugs out
    python -m bot.facts check                              exit 1 with one line if the store is missing or unreadable
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlalchemy.orm import Session

from bot.facts import queries
from bot.facts.db import StoreMissing, check_store, engine_for
from bot.facts.loader import FactDataError, build
from bot.facts.settings import DATA_DIR, PATTERNS_PATH, database_url


def _build(args: argparse.Namespace) -> int:
    url = args.url or database_url()
    try:
        data = build(Path(args.data), url)
    except FactDataError as exc:
        print(f"fact store NOT rebuilt; {len(exc.problems)} problem(s) in {args.data}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(
        f"fact store built: {len(data.facts)} facts, {len(data.terms)} glossary terms, "
        f"{len(data.gaps)} gaps, {len(data.conditions)} conditions"
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    url = args.url or database_url()
    try:
        check_store(url)
    except StoreMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with Session(engine_for(url)) as session:
        patterns = queries.export_patterns(session)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in patterns), encoding="utf-8")
    tmp.replace(out)
    print(f"wrote {len(patterns)} entity patterns to {out}")
    return 0


def _check(args: argparse.Namespace) -> int:
    url = args.url or database_url()
    try:
        check_store(url)
        with Session(engine_for(url)) as session:
            if not queries.conditions(session):
                raise StoreMissing("the fact store holds no conditions; run `make facts` to rebuild it")
    except StoreMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("fact store OK")
    return 0


def _resolve(args: argparse.Namespace) -> int:
    url = args.url or database_url()
    with Session(engine_for(url)) as session:
        for line in sys.stdin:
            if line.strip():
                item = json.loads(line)
                slugs = queries.conditions_in(session, entities=item.get("entities", []), text=item["text"])
                print(json.dumps({"text": item["text"], "conditions": slugs}), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.facts", description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="database URL (default: $MND_FACTS_URL or build/facts.db)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="validate data/facts and rebuild the store")
    p.add_argument("--data", default=str(DATA_DIR))
    p.set_defaults(func=_build)
    p = sub.add_parser("export-patterns", help="write the spaCy entity patterns")
    p.add_argument("--out", default=str(PATTERNS_PATH))
    p.set_defaults(func=_export)
    p = sub.add_parser("check", help="check that the store exists and can be read")
    p.set_defaults(func=_check)
    p = sub.add_parser("resolve", help="resolve condition names in JSON lines read from stdin")
    p.set_defaults(func=_resolve)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())

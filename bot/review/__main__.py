"""Write the content review for a clinician: build/review/index.html and review.csv beside it.

    python -m bot.review [--url URL] [--out DIR] [--earlier CSV]

Reads the fact store (default: $MND_FACTS_URL or build/facts.db). With --earlier (the CSV of a
review signed off before), what was added, changed or removed since is highlighted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.facts.db import StoreMissing, check_store, engine_for
from bot.facts.models import BuildRecord
from bot.facts.settings import BUILD_DIR, database_url
from bot.review.changes import Changes, compare
from bot.review.items import EarlierReviewError, read_csv, read_rows, write_csv
from bot.review.page import render

CSV_NAME = "review.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.review", description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="fact store URL (default: $MND_FACTS_URL or build/facts.db)")
    parser.add_argument("--out", default=str(BUILD_DIR / "review"), help="folder to write (default build/review)")
    parser.add_argument("--earlier", help="the CSV of an earlier review to compare with")
    args = parser.parse_args(argv)
    url = args.url or database_url()
    try:
        earlier = read_csv(Path(args.earlier)) if args.earlier else None
        check_store(url)
    except (EarlierReviewError, StoreMissing) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with Session(engine_for(url)) as session:
        rows = read_rows(session)
        built = session.scalar(select(BuildRecord.checksum)) or ""
    changes = compare(rows, earlier) if earlier is not None else Changes()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(rows, out / CSV_NAME)
    html = render(rows, changes, built=built, earlier=args.earlier)
    (out / "index.html.tmp").write_text(html, encoding="utf-8")
    (out / "index.html.tmp").replace(out / "index.html")
    summary = f"{len(changes.added)} added, {len(changes.changed)} changed, {len(changes.removed)} removed"
    print(f"wrote {out / 'index.html'} and {CSV_NAME} ({len(rows)} items{'; ' + summary if earlier else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

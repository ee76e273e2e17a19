"""Write the usage report for the people who run the bot: build/report/index.html.

    python -m bot.report [--since 30d] [--endpoints endpoints.yml] [--out DIR] [--no-question-text]

Reads the tracker store the endpoints file configures (SQLite or PostgreSQL). --since takes a
number of days, hours or weeks ("30d", "12h", "2w") or a day ("2026-11-01", UTC). The wording of
the questions it could not answer is shown unless --no-question-text is given or the environment
has MND_REPORT_QUESTION_TEXT=off; then no question text is read at all.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.privacy import ROOT
from bot.report.figures import count, day_of
from bot.report.page import render
from bot.report.read import configured_store, events_since

TEXT_ENV = "MND_REPORT_QUESTION_TEXT"
_PERIOD = re.compile(r"^(\d+(?:\.\d+)?)([hdw])$")
_UNITS = {"h": 3600.0, "d": 86400.0, "w": 7 * 86400.0}


def parse_since(value: str, now: float) -> float:
    """The UNIX time ``value`` ("30d", "12h", "2w", or a UTC day "2026-11-01") stands for."""
    match = _PERIOD.match(value.strip().lower())
    if match:
        return now - float(match.group(1)) * _UNITS[match.group(2)]
    try:
        day = datetime.strptime(value.strip(), "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--since: '{value}' is not like 30d, 12h, 2w or 2026-11-01") from None
    return day.timestamp()


def text_off(flag: bool) -> str | None:
    """Why question text is off (the setting that turned it off), or None if it is on."""
    if flag:
        return "--no-question-text"
    value = os.environ.get(TEXT_ENV, "").strip().lower()
    return f"{TEXT_ENV}={value}" if value in ("off", "0", "no", "false") else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.report", description=__doc__.splitlines()[0])
    parser.add_argument("--since", default="30d", help="how far back: 30d (default), 12h, 2w or a UTC day")
    parser.add_argument("--endpoints", default=str(ROOT / "endpoints.yml"), help="the endpoints file to read")
    parser.add_argument("--out", default=str(ROOT / "build" / "report"), help="folder to write (default build/report)")
    parser.add_argument("--no-question-text", action="store_true", help="read and show no question text")
    args = parser.parse_args(argv)
    now = time.time()
    try:
        since = parse_since(args.since, now)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    if since > now:
        parser.error("--since must be in the past")
    off = text_off(args.no_question_text)
    endpoints = Path(args.endpoints)
    if not endpoints.is_file():
        print(f"error: no endpoints file at {endpoints}", file=sys.stderr)
        return 1
    store = configured_store(endpoints)
    started = time.perf_counter()
    try:
        figures = count(events_since(store, since), with_text=off is None)
    except Exception as exc:  # an unreachable database or an unreadable file: one line, no trace
        print(f"error: the tracker store could not be read ({exc.__class__.__name__}: {exc})", file=sys.stderr)
        return 1
    finally:
        store.engine.dispose()
    took = time.perf_counter() - started
    url = store.engine.url
    source = f"{url.get_backend_name()} database {Path(url.database or '').name or url.database}"
    html = render(
        figures,
        first=day_of(since),
        last=day_of(now),
        source=source,
        text_setting=off or "",
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / "index.html.tmp"
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out / "index.html")
    print(
        f"wrote {out / 'index.html'}: {figures.conversations} conversations, {figures.turns} turns since "
        f"{datetime.fromtimestamp(since, UTC):%Y-%m-%d %H:%M} UTC (read in {took:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

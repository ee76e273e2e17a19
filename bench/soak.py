"""Soak test: many simulated users for a bounded time; every turn answered, memory growth reported.

    python bench/soak.py [--minutes 10] [--users 16]      (make soak SOAK_MINUTES=10)

Loopback only. Memory of both servers is sampled every few seconds; the report gives
the first and last samples and the growth. Exits non-zero if any turn went unanswered
or failed (that is a correctness failure, not a timing one).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.run import RESULTS, load_level, rss_kib  # noqa: E402
from bot.serve import Stack  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=16)
    args = parser.parse_args()
    seconds = args.minutes * 60
    samples: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack.isolated(Path(tmp))
        stack.start()
        stop = threading.Event()

        def sample() -> None:
            started = time.monotonic()
            while not stop.is_set():
                assert stack.rasa is not None and stack.actions is not None
                samples.append(
                    {
                        "t_s": round(time.monotonic() - started, 1),
                        "rasa_mb": round(rss_kib(stack.rasa.pid)["rss_kib"] / 1024, 1),
                        "actions_mb": round(rss_kib(stack.actions.pid)["rss_kib"] / 1024, 1),
                    }
                )
                stop.wait(5)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            print(f"Soak: {args.users} users for {args.minutes:g} min...", flush=True)
            level = load_level(stack, args.users, seconds, max_turns=10**9)
        finally:
            stop.set()
            sampler.join()
            stack.stop()
    first, last = samples[0], samples[-1]
    result = {
        "minutes": args.minutes,
        **level,
        "memory_first": first,
        "memory_last": last,
        "rasa_growth_mb": round(last["rasa_mb"] - first["rasa_mb"], 1),
        "actions_growth_mb": round(last["actions_mb"] - first["actions_mb"], 1),
        "samples": samples,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "soak.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(
        f"turns {level['turns']}, errors {level['errors']}, unanswered {level['no_reply']}, "
        f"p95 {level['p95_ms']} ms; memory Rasa {first['rasa_mb']} -> {last['rasa_mb']} MB, "
        f"actions {first['actions_mb']} -> {last['actions_mb']} MB (bench/results/soak.json)"
    )
    return 0 if level["errors"] == 0 and level["no_reply"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

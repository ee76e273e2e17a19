"""`make run`: serve the bot, print its address and what happens to its servers; Ctrl-C stops everything.

    python -m bot.launcher                  (what `make run` does after building)
    python -m bot.launcher --workdir DIR    (conversations and logs in DIR, free ports: for tests)

Settings (environment): MND_HOST (127.0.0.1), MND_PORT (5005), MND_ACTIONS_PORT (5055),
MND_FACTS_URL (the fact store), MND_API_TOKEN (if set, Rasa's HTTP API is enabled and requires it),
MND_REST_TOKEN (what REST requires when MND_HOST is beyond loopback; otherwise made once into
build/rest.token, mode 0600), MND_WIDGET_SECRET (signs the widget's sender ids; otherwise made once
into build/widget.secret, mode 0600).
A server that dies is restarted by supervisord; the launcher prints which one, when it was back and
how many restarts there have been (bot/restarts.py). Standard library only.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.listening import rest_token_required
from bot.serve import ROOT, Stack, StartupError

if TYPE_CHECKING:
    from bot.scaled import ScaledStack


class StopSignals:
    """The first Ctrl-C or SIGTERM interrupts whatever the launcher is doing (KeyboardInterrupt)."""

    def __init__(self) -> None:
        self.received = False
        signal.signal(signal.SIGINT, self._interrupt)
        signal.signal(signal.SIGTERM, self._interrupt)

    def _interrupt(self, signum: int, frame: object) -> None:
        if self.received:
            return
        self.received = True
        raise KeyboardInterrupt

    def stop(self, stack: Stack | ScaledStack) -> None:
        """Stop the stack; Ctrl-C and SIGTERM no longer interrupt from now on: the clean-up must run to its end."""
        self.received = True
        print("Stopping...", flush=True)
        stack.stop()
        print("Stopped.", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the bot (what `make run` does after building).")
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep conversations and logs in this directory instead of build/ (free ports unless MND_PORT, "
        "MND_ACTIONS_PORT are set; tests use it)",
    )
    args = parser.parse_args(argv)
    settings: dict[str, Any] = {
        "host": os.environ.get("MND_HOST", "127.0.0.1"),
        "api_token": os.environ.get("MND_API_TOKEN") or None,
    }
    for key, name, default in (("port", "MND_PORT", "5005"), ("actions_port", "MND_ACTIONS_PORT", "5055")):
        if os.environ.get(name) or not args.workdir:
            settings[key] = int(os.environ.get(name) or default)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        stack = Stack.isolated(args.workdir.resolve(), **settings)
    else:
        stack = Stack(**settings)
    logs = stack.log_dir.relative_to(ROOT) if stack.log_dir.is_relative_to(ROOT) else stack.log_dir
    signals = StopSignals()
    started = time.monotonic()
    code = 0
    try:
        print("Starting the action server and the Rasa server (about 6 s)...", flush=True)
        try:
            stack.start()
        except StartupError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        events = stack.events()
        print(f"Ready in {time.monotonic() - started:.0f} s.", flush=True)
        print(f"Chat page:     {stack.url}/", flush=True)
        print(f"REST channel:  POST {stack.url}/webhooks/rest/webhook", flush=True)
        if rest_token_required(stack.host, os.environ):
            where = stack.rest_token_file or "$MND_REST_TOKEN"
            print(f"               needs the REST token (Authorization: Bearer), kept in {where}", flush=True)
        print(f"Logs:          {logs}/   Press Ctrl-C to stop.", flush=True)
        print("A server that stops is restarted (supervisord); what happens is printed here.", flush=True)
        while not events.gave_up:
            for line in events.poll():
                print(line, flush=True)
            time.sleep(0.5)
        print("error: a server could not be restarted; stopping the other one.", file=sys.stderr, flush=True)
        code = 1
    except KeyboardInterrupt:
        pass
    signals.stop(stack)
    return code


if __name__ == "__main__":
    sys.exit(main())

"""Command line of the scaled-out profile: ``python -m bot.scaled [run|install]`` (see the package docstring).

``python -m bot.scaled rasa ...`` is how the profile starts each Rasa server (see :func:`rasa_main`).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import bot.scaled
from bot.launcher import StopSignals
from bot.private_files import write_private
from bot.scaled.packages import install_packages
from bot.scaled.settings import Settings
from bot.scaled.stack import ROOT, ScaledStack, StartupError


def rasa_main(argv: list[str]) -> None:
    """`rasa <argv>`; the HTTP API token comes from $MND_API_TOKEN (see bot.web.rasa_main.with_token)."""
    sys.argv = ["rasa", *argv]
    from bot.web.rasa_main import main as web_main

    web_main()


def write_run_env(settings: Settings) -> Path:
    """The run's settings, secrets included, for operators (`set -a; . build/scaled/scaled.env`); mode 0600."""
    env = {**settings.server_env(), "MND_SCALED_URL": f"http://{settings.host}:{settings.port}"}
    path = settings.state_dir / "scaled.env"
    write_private(path, "".join(f"{k}={v}\n" for k, v in sorted(env.items())))
    return path


def run() -> int:
    settings = Settings.from_env().with_secrets()
    signals = StopSignals()
    started = time.monotonic()
    stack = ScaledStack(settings)
    shown = settings.state_dir.relative_to(ROOT) if settings.state_dir.is_relative_to(ROOT) else settings.state_dir
    print("Starting PostgreSQL, Redis, nginx, 2 action servers and 2 Rasa servers (about a minute)...", flush=True)
    try:
        stack.start()
    except StartupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Stopped before it was ready.", flush=True)
        return 130
    if stack.leftovers_ended:
        print(f"Ended what an earlier run left running: {', '.join(stack.leftovers_ended)}.", flush=True)
    env_file = write_run_env(settings)
    generated = f" (generated for this run: {', '.join(settings.generated)})" if settings.generated else ""
    print(f"Ready in {time.monotonic() - started:.0f} s.", flush=True)
    print(f"Chat page:     {stack.url}/", flush=True)
    print(f"REST channel:  POST {stack.url}/webhooks/rest/webhook", flush=True)
    print(f"HTTP API:      {stack.url}/conversations/<id>/tracker?token=$MND_API_TOKEN", flush=True)
    print(
        f"Behind nginx:  Rasa servers on ports {', '.join(map(str, settings.rasa_ports))}; action servers on "
        f"{', '.join(map(str, settings.actions_ports))}; PostgreSQL {settings.pg_port}; Redis {settings.redis_port}",
        flush=True,
    )
    print(
        f"Secrets:       {env_file.relative_to(ROOT) if env_file.is_relative_to(ROOT) else env_file} "
        f"(mode 0600){generated}",
        flush=True,
    )
    print(f"Logs:          {shown}/logs/   Press Ctrl-C to stop.", flush=True)
    print("A server that stops is restarted (supervisord, one per node); what happens is printed here.", flush=True)
    code = 0
    try:
        # A Rasa or action server that dies is restarted by its node's supervisord while nginx sends
        # its share to the others; PostgreSQL, Redis and nginx are needed by all, so losing one stops the run.
        events = [node.events() for node in stack.nodes]
        while True:
            dead = [
                name for name, proc in stack.infrastructure().items() if proc is not None and proc.poll() is not None
            ]
            if dead:
                print(f"error: {dead[0]} stopped unexpectedly; see {shown}/logs/", file=sys.stderr)
                code = 1
                break
            lines = [line for node_events in events for line in node_events.poll()]
            for line in lines:
                print(line, flush=True)
            if lines:
                stack.record_processes()  # the restarted servers' process ids, for end_leftovers
            if any(node_events.gave_up for node_events in events):
                print("error: a server could not be restarted; stopping everything.", file=sys.stderr)
                code = 1
                break
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    signals.stop(stack)
    return code


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv else "run"
    if command == "run":
        return run()
    if command == "install":
        return install_packages()
    if command == "rasa":
        rasa_main(argv[1:])
        return 0
    print((bot.scaled.__doc__ or "").split("\n\n")[1], file=sys.stderr)  # the usage lines
    return 2


if __name__ == "__main__":
    sys.exit(main())

"""Run Rasa's command line with the demo page at "/" instead of Rasa's "Hello from Rasa".

    python -m bot.web.rasa_main run --model models/mnd.tar.gz ...   (same arguments as `rasa`)

Why: Rasa registers its own "/" route on the Sanic app (``rasa.server.add_root_route``,
called by both ``rasa.core.run._create_app_without_api`` and ``rasa.server.create_app``)
before any input channel is mounted, and channels are mounted under "/webhooks/<name>/",
so the widget's channel cannot claim "/": Sanic refuses a second route for the same path
(RouteExists). Replacing that one function before Rasa's CLI starts lets the demo page
own "/" cleanly, with no change to Rasa itself. Everything else, including the
``GET /webhooks/rest/`` health check, is stock Rasa. Sanic runs one worker in this
process, so the replacement holds for the server that is started.

It also installs :mod:`bot.log_privacy` (no sender id, text or SQL parameter in its logs),
:mod:`bot.tuning` (measured fixes to Rasa's per-turn hot path) and :mod:`bot.web.connections`
(requests with broken framing or a path that is not UTF-8 get 400 instead of freezing Sanic or a
traceback; read deadlines and a connection cap keep trickled sockets from starving everyone else),
and tells the channels where the server listens (``$MND_LISTEN_HOST``, from ``--interface``):
beyond loopback, REST needs its token (bot/web/rest_access.py).
"""

from __future__ import annotations

import os
import sys

import rasa.server
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import action_calls, log_privacy, tuning
from bot.listening import LISTEN_ENV, interface_of
from bot.web import connections
from bot.web.site import demo_page_response


def add_demo_root_route(app: Sanic) -> None:
    """Stand-in for ``rasa.server.add_root_route``: "/" serves the widget's demo page."""

    @app.get("/")
    async def demo_page(request: Request) -> HTTPResponse:
        return demo_page_response()

    # Rasa calls this for the app it serves: the place to close the action calls' kept connections.
    app.register_listener(action_calls.close_sessions, "after_server_stop")


def with_token(argv: list[str]) -> list[str]:
    """``argv`` with Rasa's HTTP API token from $MND_API_TOKEN when the API is enabled.

    Rasa reads the token only from ``--auth-token``; a command line is visible to every local user
    (``ps``), the environment is not. Added here, in the process, it never reaches a command line.
    The API is never served without a token. The token rides as ``--auth-token=<token>``: a random
    token may start with "-", which argparse would read as the next option after a bare
    ``--auth-token`` (Rasa then exits with "expected one argument").
    """
    if "--enable-api" not in argv or any(a == "--auth-token" or a.startswith("--auth-token=") for a in argv):
        return argv
    token = os.environ.get("MND_API_TOKEN", "")
    if not token:
        raise SystemExit("error: Rasa's HTTP API is enabled but MND_API_TOKEN is empty")
    return [*argv, f"--auth-token={token}"]


def main() -> None:
    sys.argv = [sys.argv[0], *with_token(sys.argv[1:])]
    os.environ[LISTEN_ENV] = interface_of(sys.argv[1:])
    rasa.server.add_root_route = add_demo_root_route
    log_privacy.install_rasa()
    tuning.install()
    connections.install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()

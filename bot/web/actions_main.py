"""Run rasa-sdk's action server with the request checks and bounds of :mod:`bot.web.connections`.

    python -m bot.web.actions_main --actions actions --port 5055   (same arguments as `python -m rasa_sdk`)

rasa-sdk's app answers every exception with 500 and a logged traceback, even an unknown path (404),
a refused request or a read timeout. Sanic's own client errors (4xx, and 503 for a connection
closed over the cap) get their status and no traceback instead (Sanic picks the handler of the most
specific class; rasa-sdk's stays for everything else).
``GET /health`` also says which fact store build is served, or why none is (bot/facts/serving.py):
``{"status": "ok", "fact_store": {"state": "ok", "build_id", "built_at"}}``, or ``"status": "degraded"``
with ``{"state": "refused", "problem", "refused_since"}``; it stays 200 while the server answers.
Its log records carry no sender id, message text or slot value (:mod:`bot.log_privacy`).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import endpoint
from rasa_sdk.__main__ import main as rasa_sdk_main
from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, json, text

from bot import log_privacy
from bot.facts import serving
from bot.web import connections

_create_app = endpoint.create_app


async def _health(request: Request) -> HTTPResponse | None:
    """rasa-sdk's health answer, with the fact store's state (a request middleware: other paths pass)."""
    if request.path != "/health" or request.method != "GET":
        return None
    store = serving.watch().health()
    return json({"status": "ok" if store["state"] == "ok" else "degraded", "fact_store": store})


def create_app(*args: Any, **kwargs: Any) -> Sanic:
    """rasa-sdk's app: Sanic's client errors answered with their own status, the fact store in its health answer."""
    app = _create_app(*args, **kwargs)
    traced = app.error_handler.lookup(Exception(), None)  # rasa-sdk's: 500 and a traceback

    async def client_error(request: Request, exception: SanicException) -> HTTPResponse:
        # Sanic's "quiet" exceptions are the client's doing or a deliberate refusal: nothing to trace.
        if not exception.quiet:
            return await traced(request, exception)
        return text(str(exception), status=exception.status_code)

    app.exception(SanicException)(client_error)
    app.register_middleware(_health, "request")
    return app


def main() -> None:
    log_privacy.install_actions()
    connections.install()
    endpoint.create_app = create_app  # endpoint.run creates its app by this name
    rasa_sdk_main()


if __name__ == "__main__":
    main()

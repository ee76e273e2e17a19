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

It also installs :mod:`bot.tuning` (measured fixes to Rasa's per-turn hot path) and
:mod:`bot.web.framing` (requests with broken framing get 400 instead of freezing Sanic).
"""

from __future__ import annotations

import rasa.server
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import tuning
from bot.web import framing
from bot.web.channel import demo_page_response


def add_demo_root_route(app: Sanic) -> None:
    """Stand-in for ``rasa.server.add_root_route``: "/" serves the widget's demo page."""

    @app.get("/")
    async def demo_page(request: Request) -> HTTPResponse:
        return demo_page_response()


def main() -> None:
    rasa.server.add_root_route = add_demo_root_route
    tuning.install()
    framing.install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()

"""Which web pages may call the bot's channels from a browser (both channels use it).

Pages served by the bot itself may always call it. Pages of another origin may only if that origin
is listed under the channel's ``allowed_origins`` in credentials.yml (or ``"*"``): they get CORS
headers, and every other origin's POST or DELETE is refused with 403 before anything is read or
written, so a page elsewhere cannot make a visitor's browser talk to the bot (a cross-site
``text/plain`` form POST needs no CORS preflight, so refusing it here is what stops it). Requests
without an Origin header (curl, scripts, score.py, tests) are not from a page and are allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.web.validation import error


class Origins:
    """The origin check and CORS headers of one channel."""

    def __init__(self, allowed: Iterable[str] = (), *, headers: str = "Content-Type") -> None:
        self.allowed = [str(o).rstrip("/") for o in allowed]
        self.headers = headers

    @staticmethod
    def from_credentials(credentials: dict[str, Any] | None) -> list[str]:
        origins = (credentials or {}).get("allowed_origins") or []
        return [origins] if isinstance(origins, str) else list(origins)

    def _cross_origin_allowed(self, origin: str) -> bool:
        return "*" in self.allowed or origin in self.allowed

    @staticmethod
    def _same_origin(request: Request, origin: str) -> bool:
        return bool(origin) and urlsplit(origin).netloc.lower() == (request.host or "").lower()

    def refused(self, request: Request) -> HTTPResponse | None:
        """403 for a browser request from a page of another origin that is not allowed."""
        origin = request.headers.get("origin")
        if not origin or self._same_origin(request, origin) or self._cross_origin_allowed(origin):
            return None
        return error(403, "origin_not_allowed", "Pages from this origin may not use this chat.")

    def serve(self, blueprint: Blueprint, *paths: str) -> None:
        """Answer CORS preflights for ``paths`` and add the CORS headers to every answer of ``blueprint``.

        Rasa's app-wide CORS extension answers every OPTIONS request itself before routing reaches a
        handler, so the headers for allowed origins are added by a response middleware, after it.
        """

        async def preflight(request: Request, **_: str) -> HTTPResponse:
            return response.empty()

        async def cors(request: Request, resp: HTTPResponse) -> None:
            if resp is not None:
                self.add_cors_headers(request, resp)

        for number, path in enumerate(paths):
            blueprint.add_route(preflight, path, methods=["OPTIONS"], name=f"preflight_{number}")
        blueprint.middleware("response")(cors)

    def add_cors_headers(self, request: Request, resp: HTTPResponse) -> None:
        origin = request.headers.get("origin")
        if not origin or self._same_origin(request, origin) or not self._cross_origin_allowed(origin):
            return
        resp.headers["Access-Control-Allow-Origin"] = origin
        resp.headers["Vary"] = "Origin"
        if request.method == "OPTIONS":
            resp.headers["Access-Control-Allow-Methods"] = "GET, POST, DELETE, OPTIONS"
            resp.headers["Access-Control-Allow-Headers"] = self.headers
            resp.headers["Access-Control-Max-Age"] = "600"

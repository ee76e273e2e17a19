"""Who may use the REST channel: anyone while the bot listens on loopback only; beyond it, token holders.

On loopback (the default, MND_HOST=127.0.0.1) only programs on this computer reach the bot, so REST
stays open for local use, scripts and tests. When the Rasa server listens on any other address
(MND_HOST=0.0.0.0, a LAN address, a host name), every ``POST /webhooks/rest/webhook`` needs the REST
token, as ``Authorization: Bearer <token>`` or ``?token=<token>``; without it: 401 ``token_required``
(``WWW-Authenticate: Bearer``), and nothing is read or written. ``MND_REST_TOKEN_REQUIRED=1`` asks for
it on loopback too: for a bot on loopback behind a reverse proxy that others reach. The health check ``GET
/webhooks/rest/`` stays open (it tells nothing about any conversation). The widget channel needs no
token: its conversations are protected by their proofs (bot/web/sessions.py).

The token: ``$MND_REST_TOKEN``, else the 0600 file named by ``$MND_REST_TOKEN_FILE`` (bot/serve.py
makes ``rest.token`` in the run's directory when the bot listens beyond loopback). Never on a
command line, where ``ps`` would show it. Listening beyond loopback without either refuses to start.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sanic.request import Request
from sanic.response import HTTPResponse

from bot.listening import LISTEN_ENV, RASA_DEFAULT_INTERFACE, rest_token_required
from bot.private_files import read_private
from bot.web.validation import error

TOKEN_ENV, TOKEN_FILE_ENV = "MND_REST_TOKEN", "MND_REST_TOKEN_FILE"
TOKEN_NEEDED = (
    "This bot is reachable from other computers, so its REST channel needs the REST token: "
    "send it as 'Authorization: Bearer <token>' or ?token=<token>."
)


@dataclass(frozen=True)
class RestAccess:
    """The token REST requests must carry, or None when the channel is open (loopback)."""

    token: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RestAccess:
        env = os.environ if env is None else env
        host = env.get(LISTEN_ENV) or RASA_DEFAULT_INTERFACE
        if not rest_token_required(host, env):
            return cls(None)
        if env.get(TOKEN_ENV):
            return cls(env[TOKEN_ENV])
        if env.get(TOKEN_FILE_ENV):
            try:
                return cls(read_private(Path(env[TOKEN_FILE_ENV])))
            except (OSError, ValueError) as exc:
                raise RuntimeError(f"REST token: {exc}") from None
        raise RuntimeError(
            f"the bot listens on {host}, beyond loopback, so the REST channel needs a token: "
            f"set {TOKEN_ENV} or {TOKEN_FILE_ENV} (a 0600 file), or listen on 127.0.0.1"
        )

    def allows(self, authorization: str | None, query_token: str | None) -> bool:
        """True if a request with this Authorization header and ``?token=`` may use the channel."""
        if self.token is None:
            return True
        scheme, _, value = (authorization or "").partition(" ")
        given = value.strip() if scheme.lower() == "bearer" and value.strip() else (query_token or "")
        return hmac.compare_digest(given.encode(), self.token.encode())

    def refused(self, request: Request) -> HTTPResponse | None:
        """401 when a token is needed and the request does not carry it."""
        if self.allows(request.headers.get("authorization"), request.args.get("token")):
            return None
        resp = error(401, "token_required", TOKEN_NEEDED)
        resp.headers["WWW-Authenticate"] = 'Bearer realm="rest"'
        return resp

"""Where the Rasa server listens, and whether that reaches beyond this computer (loopback).

Standard library only: the launchers (either environment) and the Rasa server use it. The REST
channel asks for a token only when the bot listens beyond loopback (bot/web/rest_access.py).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence

# Set by bot/web/rasa_main.py from Rasa's own --interface argument, for the channels to read.
LISTEN_ENV = "MND_LISTEN_HOST"
# Asks for the REST token on loopback too (a bot behind a reverse proxy that others reach).
REQUIRED_ENV = "MND_REST_TOKEN_REQUIRED"
# Rasa's default interface (rasa.constants.DEFAULT_SERVER_INTERFACE): every address.
RASA_DEFAULT_INTERFACE = "0.0.0.0"


def beyond_loopback(host: str) -> bool:
    """True unless ``host`` is a loopback address or "localhost" (a host name may resolve anywhere)."""
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def rest_token_required(host: str, env: Mapping[str, str]) -> bool:
    """REST needs a token: the server listens on ``host`` beyond loopback, or the operator asks for it."""
    return beyond_loopback(host) or str(env.get(REQUIRED_ENV, "")).strip().lower() in ("1", "true", "yes", "on")


def interface_of(argv: Sequence[str]) -> str:
    """The interface a ``rasa run`` command line binds to (its -i/--interface, else Rasa's default)."""
    found = RASA_DEFAULT_INTERFACE
    for i, arg in enumerate(argv):
        if arg in ("-i", "--interface") and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--interface="):
            found = arg.split("=", 1)[1]
    return found

"""Widget conversations: sender ids the server issues, each with a proof that only the server can make.

    POST /webhooks/widget/session   -> 200 {"sender": "w-<32 hex>", "proof": "<64 hex>"}

The proof is an HMAC-SHA256 of the sender id under a server secret, so a sender id cannot be forged
or taken over: knowing (or guessing) someone's id is not enough to read their context, add to their
conversation, rate its answers or forget it. Every other widget request sends the proof in the
``X-Sender-Proof`` header; a missing or wrong one gets ``403 {"error": "sender_not_proven"}`` and
the request does nothing (the widget then starts a new conversation: bot/web/static/mndw-talk.js).

The secret: ``$MND_WIDGET_SECRET``, else the 0600 file named by ``$MND_WIDGET_SECRET_FILE``
(bot/serve.py makes ``widget.secret`` in the run's directory once and keeps it, so conversations
carry on across restarts; the scaled profile shares one secret between its Rasa servers as it shares
the API token). Without either, a random one is made at start: proofs then last until a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path

from sanic.request import Request
from sanic.response import HTTPResponse

from bot.private_files import read_private
from bot.web.validation import error

logger = logging.getLogger(__name__)

PROOF_HEADER = "X-Sender-Proof"
SECRET_ENV, SECRET_FILE_ENV = "MND_WIDGET_SECRET", "MND_WIDGET_SECRET_FILE"
# What issued ids look like; the REST channel refuses them (bot/web/rest.py), so a widget
# conversation is reached only through the widget, with its proof.
WIDGET_SENDER = re.compile(r"w-[0-9a-f]{32}")
NOT_PROVEN = (
    "This conversation's proof (the X-Sender-Proof header) is missing or wrong. "
    "Start a new conversation with POST /webhooks/widget/session."
)


class SenderProofs:
    """Issues widget sender ids and checks their proofs."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the widget secret must be at least 16 bytes")
        self._secret = secret

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SenderProofs:
        env = os.environ if env is None else env
        if env.get(SECRET_ENV):
            return cls(env[SECRET_ENV].encode())
        if env.get(SECRET_FILE_ENV):
            try:
                return cls(read_private(Path(env[SECRET_FILE_ENV])).encode())
            except (OSError, ValueError) as exc:
                raise RuntimeError(f"widget secret: {exc}") from None
        logger.info("Widget: no MND_WIDGET_SECRET set; widget conversations last until this server restarts.")
        return cls(secrets.token_bytes(32))

    def proof(self, sender: str) -> str:
        return hmac.new(self._secret, b"widget-sender:" + sender.encode(), hashlib.sha256).hexdigest()

    def issue(self) -> dict[str, str]:
        """A new conversation's sender id and its proof."""
        sender = "w-" + secrets.token_hex(16)
        return {"sender": sender, "proof": self.proof(sender)}

    def proven(self, sender: str, proof: object) -> bool:
        return isinstance(proof, str) and hmac.compare_digest(proof.encode(), self.proof(sender).encode())

    def refused(self, request: Request, sender: str) -> HTTPResponse | None:
        """403 unless the request carries this sender's proof."""
        if self.proven(sender, request.headers.get(PROOF_HEADER)):
            return None
        return error(403, "sender_not_proven", NOT_PROVEN)

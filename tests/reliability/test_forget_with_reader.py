"""Forget on the real server while another process reads the store: the reply says the removal is
pending, and once the reader lets go no byte of the conversation is left in the database or its log."""

from __future__ import annotations

import http.client
import json
import sqlite3
import time
import uuid
from typing import Any
from urllib.parse import urlsplit

from tests.reliability.conftest import Server

PHRASE = "my sister Wendolyn Trasque helps with my feeding tube"


def _forget(server: Server, sender: str) -> dict[str, Any]:
    parts = urlsplit(server.stack.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request("DELETE", f"/webhooks/widget/conversations/{sender}", headers=server.proof("widget", sender))
        resp = conn.getresponse()
        body = resp.read()
    finally:
        conn.close()
    assert resp.status == 200, body
    return json.loads(body)


def _holding_phrase(server: Server) -> list[str]:
    files = server.conversations.parent.glob(server.conversations.name + "*")
    return sorted(p.name for p in files if b"Wendolyn Trasque" in p.read_bytes())


def test_forget_while_a_backup_reads_the_store_is_pending_then_leaves_no_copy(server: Server) -> None:
    sender = f"forget-{uuid.uuid4().hex[:12]}"
    server.ask("widget", sender, PHRASE)
    assert _holding_phrase(server)  # it was stored
    reader = sqlite3.connect(server.conversations)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM events").fetchone()  # a backup's read transaction
    try:
        reply = _forget(server, sender)
        assert reply["removal_pending"] is True
        assert reply["forgotten"] is False
    finally:
        reader.rollback()
        reader.close()
    for _ in range(120):  # the server's retry after the reader closes; a bound, not a timing
        if not _holding_phrase(server):
            break
        time.sleep(0.25)
    assert _holding_phrase(server) == []
    again = _forget(server, sender)
    assert again == {"forgotten": True, "removal_pending": False}

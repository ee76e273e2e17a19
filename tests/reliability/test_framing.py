"""Requests with broken framing get 400 from both servers, and both keep answering (no freeze, no split)."""

from __future__ import annotations

import urllib.request

import pytest

from tests.reliability.conftest import Server, raw_exchange

HEADS = {
    "negative length with a body byte": b"Content-Length: -1\r\n\r\nx",
    "length and chunked together": (
        b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
    ),
    "length in hexadecimal": b"Content-Length: 0x20\r\n\r\n" + b"x" * 32,
    "chunked then identity": b"Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
    "length given twice": b"Content-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
    "request line not ASCII": None,  # built below: the path has bytes that are not UTF-8
}


def _request(path: str, head: bytes | None) -> bytes:
    if head is None:
        return b"GET /\xff\xfe\xc3(" + path.encode()[1:] + b" HTTP/1.1\r\nHost: localhost\r\n\r\n"
    return f"POST {path} HTTP/1.1\r\nHost: localhost\r\n".encode() + head


@pytest.mark.parametrize("which", ["rasa", "actions"])
@pytest.mark.parametrize("name", list(HEADS))
def test_broken_framing_gets_400_and_the_server_keeps_answering(server: Server, which: str, name: str) -> None:
    base, path, health = (
        (server.stack.url, "/webhooks/rest/webhook", "/webhooks/rest/")
        if which == "rasa"
        else (server.stack.actions_url, "/webhook", "/health")
    )
    answer = raw_exchange(base, _request(path, HEADS[name]))
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert answer.count(b"HTTP/1.1 ") == 1, "the rest of the bytes was read as a second request"
    assert b"Traceback" not in answer
    with urllib.request.urlopen(base + health, timeout=15) as resp:
        assert resp.status == 200


def test_a_correct_request_after_a_refused_one_is_answered(server: Server) -> None:
    raw_exchange(server.stack.url, _request("/webhooks/rest/webhook", HEADS["negative length with a body byte"]))
    reply = server.ask("rest", "framing-after", "what is PLS?")
    assert [m["custom"]["kind"] for m in reply] == ["disclaimer", "answer"]

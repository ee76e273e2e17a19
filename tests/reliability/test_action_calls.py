"""The Rasa server's action calls keep their connection, and one closed by the action server is made again."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from rasa.utils.endpoints import EndpointConfig

from bot import action_calls

REPLY = json.dumps({"events": [], "responses": [{"text": "ok"}]}).encode()
CALL = {"next_action": "action_answer_topic", "sender_id": "s", "tracker": {"events": []}, "version": "3.6"}


class ActionServer:
    """A loopback HTTP/1.1 server that counts connections and requests; ``drop_second`` closes a
    connection, without a reply, when its second request arrives (as at a restart or a connection cap)."""

    def __init__(self, drop_second: bool = False) -> None:
        self.drop_second = drop_second
        self.connections = 0
        self.requests: list[dict[str, Any]] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        served = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                body = await reader.readexactly(length)
                if self.drop_second and served == 1:
                    break
                self.requests.append(json.loads(body))
                served += 1
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                    % (len(REPLY), REPLY)
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


async def _calls(server: ActionServer, count: int, body: dict[str, Any]) -> list[Any]:
    listening = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    endpoint = EndpointConfig(url=f"http://127.0.0.1:{port}/webhook")
    try:
        return [await endpoint.request(json=body, method="post", timeout=5) for _ in range(count)]
    finally:
        await action_calls.close_sessions()
        listening.close()
        await listening.wait_closed()


@pytest.fixture(autouse=True)
def installed() -> None:
    action_calls.install()
    action_calls.install()  # idempotent: wraps once


def test_action_calls_share_one_kept_connection() -> None:
    server = ActionServer()
    replies = asyncio.run(_calls(server, 3, CALL))
    assert replies == [json.loads(REPLY)] * 3
    assert server.requests == [CALL] * 3
    assert server.connections == 1


@pytest.mark.parametrize("big", [None, 2**70], ids=["ujson", "beyond-64-bits"])
def test_an_action_call_arrives_as_the_same_json_values(big: int | None) -> None:
    """The body is encoded with ujson (bot/action_calls.py); the action server must decode what Rasa's would send."""
    event = {
        "event": "user",
        "timestamp": 1764523456.1234567,
        "text": 'is ALS/MND inherited? my mum\'s neurologist said "maybe" \u2014 café, naïve, 😟\n\t<b>&',
        "parse_data": {
            "intent": {"name": "ask_inheritance", "confidence": 0.1 + 0.2},
            "intent_ranking": [{"name": "ask_x", "confidence": 1e-05}, {"name": "ask_y", "confidence": -0.0}],
            "entities": [],
            "text_tokens": [[0, 2], [3, 6]],
        },
        "metadata": {"big": big, "small": -(2**63), "none": None, "flags": [True, False], "empty": {}},
    }
    body = {**CALL, "tracker": {"events": [event], "slots": {"condition": "als", "turns": 3}}}
    server = ActionServer()
    asyncio.run(_calls(server, 1, body))
    assert server.requests == [json.loads(json.dumps(body))]
    assert action_calls.encode({"x": "a/b"}) == '{"x":"a/b"}'  # nothing escaped that JSON need not escape


def test_a_call_on_a_connection_the_action_server_closed_is_made_again_on_a_new_one() -> None:
    server = ActionServer(drop_second=True)
    replies = asyncio.run(_calls(server, 2, CALL))
    assert replies == [json.loads(REPLY)] * 2  # the turn is answered, not the error reply
    assert server.requests == [CALL] * 2
    assert server.connections == 2


def test_other_requests_are_rasas_own_one_connection_each() -> None:
    server = ActionServer()
    body = {"text": "not an action call"}
    replies = asyncio.run(_calls(server, 2, body))
    assert replies == [json.loads(REPLY)] * 2
    assert server.connections == 2

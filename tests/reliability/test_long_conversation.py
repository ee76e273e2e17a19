"""A conversation of 200+ turns keeps its context, and a turn's work does not grow with it.

Real servers on free ports. Between the Rasa server and the action server sits a recording relay
(this test's own, on loopback): it passes every action call through unchanged and notes how many
events of the conversation Rasa sent. Rasa sends the tracker it read from the store, so this counts
what a turn reads, replays and sends. Counts, never time (bench/ reports the milliseconds).
"""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.serve import Stack, free_port
from tests.support import Chat

TURNS = 210
QUESTIONS = ["what is ALS?", "what are the symptoms?", "is it inherited?", "what about PMA?", "how is it diagnosed?"]


class Relay(ThreadingHTTPServer):
    """Passes action calls to the action server; keeps the number of events and bytes of each call."""

    def __init__(self, target: str) -> None:
        super().__init__(("127.0.0.1", free_port()), RelayHandler)
        self.target = target
        self.calls: list[tuple[int, int]] = []  # (events sent, request bytes)
        self.lock = threading.Lock()


class RelayHandler(BaseHTTPRequestHandler):
    server: Relay

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with self.server.lock:
            self.server.calls.append((len(json.loads(body)["tracker"]["events"]), len(body)))
        request = urllib.request.Request(self.server.target, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            status, reply = response.status, response.read()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's signature)
        pass


@pytest.fixture(scope="module")
def relayed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Stack, Relay]]:
    work = tmp_path_factory.mktemp("long-conversation")
    credentials = work / "credentials.yml"
    # One person sending 200 messages in a minute is over the rate limit meant for people; it is off here.
    credentials.write_text("bot.web.rest.RestInput:\n  rate_limit_messages: 0\n", encoding="utf-8")
    actions_port = free_port()
    relay = Relay(f"http://127.0.0.1:{actions_port}/webhook")
    thread = threading.Thread(target=relay.serve_forever, daemon=True)
    thread.start()
    stack = Stack.isolated(
        Path(work),
        actions_port=actions_port,
        credentials=credentials,
        extra_env={"ACTION_SERVER_URL": f"http://127.0.0.1:{relay.server_address[1]}/webhook"},
    )
    try:
        with stack:
            yield stack, relay
    finally:
        relay.shutdown()
        relay.server_close()


def test_a_long_conversation_keeps_its_context_and_each_turn_stays_the_same_size(relayed: tuple[Stack, Relay]) -> None:
    stack, relay = relayed
    chat = Chat(stack.url, prefix="long")
    first = chat.post("my wife has PLS")
    assert any(m.get("custom", {}).get("condition") == "pls" for m in first), first
    calls_after: list[int] = []  # how many action calls had been made when each turn was answered
    for n in range(TURNS):
        reply = chat.say(QUESTIONS[n % len(QUESTIONS)])
        assert reply["custom"]["kind"] not in ("error", "not_saved"), (n, reply)
        calls_after.append(len(relay.calls))

    # Said once, 210 turns ago, about someone else's condition than the ones talked about since.
    back = chat.say("going back to my wife's one, how is it treated?")
    assert back["custom"]["condition"] == "pls", back
    assert back["custom"]["topic"] == "treatment", back

    events = [count for count, _ in relay.calls]
    size = [length for _, length in relay.calls]
    early = slice(calls_after[14], calls_after[29])  # turns 15-30: ten turns of history and more
    late = slice(calls_after[-21], calls_after[-1])  # the last 20 turns, 190 turns later
    assert max(events[late]) <= max(events[early]) + 5, (max(events[early]), max(events[late]))
    assert max(size[late]) <= 1.2 * max(size[early]), (max(size[early]), max(size[late]))
    assert max(events[late]) < TURNS  # Rasa's own store sends every event: about 9 per turn

"""No sender id or message text in any log line either server writes (issue 15, item 9).

A conversation with unique sender ids and phrases goes through both channels, including a store
write that fails, turns while the action server is down, and malformed requests; afterwards no
log file in the stack's log directory may contain any of them: they identify a person and what
they said about their health.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import uuid
from pathlib import Path

from tests.reliability.conftest import CHANNELS, Server
from tests.reliability.store_faults import fill, read_only, small_disk, stack_with_store, wait_until


def _leaks(log_dir: Path, secrets: list[str]) -> list[str]:
    found = []
    for log in sorted(p for p in log_dir.rglob("*") if p.is_file()):
        for number, line in enumerate(log.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            found += [f"{log.name}:{number}: {s!r} in {line[:200]!r}" for s in secrets if s in line]
    return found


def _hang_up_mid_turn(server: Server, channel: str, sender: str, phrase: str) -> None:
    """Send a turn and close the connection before the answer: the server cancels the turn."""
    port = int(server.stack.url.rsplit(":", 1)[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=0.3)
    try:
        conn.request(
            "POST",
            CHANNELS[channel],
            body=json.dumps({"sender": sender, "message": phrase}).encode(),
            headers={"Content-Type": "application/json", **server.proof(channel, sender)},
        )
        with contextlib.suppress(TimeoutError, socket.timeout):
            conn.getresponse().read()
    finally:
        conn.close()


def test_no_sender_id_or_message_text_reaches_any_log(tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:10]
    senders = {channel: f"leak-{channel}-{tag}" for channel in CHANNELS}
    phrases: list[str] = []

    def say(server: Server, channel: str, words: str) -> None:
        phrase = f"{words} zq{tag}x{len(phrases)}"
        phrases.append(phrase)
        server.ask(channel, senders[channel], phrase)

    store = tmp_path / "store"
    database = store / "conversations.db"
    with contextlib.ExitStack() as running:
        running.enter_context(small_disk(store))
        unwritable = running.enter_context(contextlib.ExitStack())
        unwritable.enter_context(read_only(store))  # every write fails, after the retry time, until it ends
        stack = running.enter_context(stack_with_store(tmp_path, database))
        server = Server(stack, database)
        with unwritable:
            for channel in CHANNELS:
                say(server, channel, "my husband has mnd, what helps with fatigue")
            for channel in CHANNELS:  # the person gives up waiting while the store retries
                phrase = f"how can i make the nights easier for her zq{tag}x{len(phrases)}"
                phrases.append(phrase)
                _hang_up_mid_turn(server, channel, senders[channel], phrase)
            rasa_log = stack.log_dir / "rasa.log"
            assert wait_until(lambda: "widget: timed out" in rasa_log.read_text(errors="replace"), attempts=400)
        for channel in CHANNELS:
            say(server, channel, "how can i make the nights easier for her")
        filler = fill(store)  # writes now fail with the events' data in SQLAlchemy's error
        try:
            for channel in CHANNELS:
                say(server, channel, "my mum has kennedy disease, is it inherited")
        finally:
            filler.unlink()
        stack.stop_actions()  # custom actions now fail to connect
        for channel in CHANNELS:
            say(server, channel, "what is mnd")
            # Text shaped like Rasa's intent shortcut: Rasa warns about intents and entities it does not know.
            server.ask(channel, senders[channel], f"/zq{tag}intent")
            server.ask(channel, senders[channel], f'/ask_topic{{"zq{tag}entity": "zq{tag}value"}}')
        for channel, path in CHANNELS.items():
            for body in (
                json.dumps({"sender": senders[channel], "message": 12345}),
                json.dumps({"sender": senders[channel], "message": "x" * 20000 + phrases[0]}),
                '{"sender": "' + senders[channel] + '", "message": "' + phrases[0],
            ):
                answer = server.request(path, body.encode(), {"Content-Type": "application/json"})
                assert answer.status < 500, (channel, answer)
        log_dir = stack.log_dir
    assert any(log_dir.glob("*.log")), "the servers wrote no logs"
    assert _leaks(log_dir, [*senders.values(), *phrases, f"zq{tag}"]) == []

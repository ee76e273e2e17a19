"""The sender id is not a credential (issue 15, item 7), on the real servers.

The widget's conversations are issued by the server with a proof (bot/web/sessions.py): knowing or
guessing someone's sender id reads nothing of their conversation and adds nothing to it, and Forget
needs the proof and answers the same whether or not there was anything to forget. The REST channel
refuses other sites' pages (bot/web/origins.py) and, when the bot is reachable from other computers,
requests without its token (bot/web/rest_access.py).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.serve import Stack
from tests.reliability.conftest import CHANNELS, Answer, Server

JSON = {"Content-Type": "application/json"}
TOKEN = f"token-{uuid.uuid4().hex}"


def _session(server: Server) -> tuple[str, dict[str, str]]:
    """A new widget conversation, as the widget asks for one: its sender id and the header with its proof."""
    answer = server.request("/webhooks/widget/session", b"", {})
    assert answer.status == 200, answer
    return answer.json["sender"], {"X-Sender-Proof": answer.json["proof"]}


def _stored(server: Server, sender: str) -> list[str]:
    """Every stored event of ``sender``, as stored."""
    with sqlite3.connect(server.conversations) as db:
        return [row[0] for row in db.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,))]


def _say(server: Server, sender: str, message: str, headers: dict[str, str], channel: str = "widget") -> Answer:
    body = json.dumps({"sender": sender, "message": message}).encode()
    return server.request(CHANNELS[channel], body, {**JSON, **headers})


def _forget(server: Server, sender: str, headers: dict[str, str]) -> Answer:
    return server.request(f"/webhooks/widget/conversations/{sender}", b"", headers, method="DELETE")


def _refused(answer: Answer, status: int, code: str) -> None:
    assert (answer.status, answer.json and answer.json["error"]) == (status, code), answer
    assert answer.json["detail"]


def test_a_sender_id_the_server_did_not_issue_is_refused(server: Server) -> None:
    _, someone_elses_proof = _session(server)
    for sender in ("alice", f"w-{uuid.uuid4().hex}"):
        for headers in ({}, {"X-Sender-Proof": "0" * 64}, {"X-Sender-Proof": ""}, someone_elses_proof):
            _refused(_say(server, sender, "what is PLS?", headers), 403, "sender_not_proven")
        assert _stored(server, sender) == []


def test_guessing_someones_sender_id_reads_nothing_and_writes_nothing(server: Server) -> None:
    alice, proof = _session(server)
    answer = _say(server, alice, "my wife has PLS, what are the symptoms?", proof)
    assert answer.status == 200 and answer.json[-1]["custom"]["condition"] == "pls"
    said = answer.json[-1]["text"]
    before = _stored(server, alice)
    assert before

    # Someone who knows (or guesses) her sender id, without its proof, on every route.
    real = proof["X-Sender-Proof"]
    tampered = real[:-1] + ("1" if real.endswith("0") else "0")  # one character off (never the same proof)
    for headers in ({}, {"X-Sender-Proof": tampered}, _session(server)[1]):
        refused = _say(server, alice, "tell me more", headers)
        _refused(refused, 403, "sender_not_proven")
        assert b"PLS" not in refused.raw
        feedback = json.dumps({"sender": alice, "answer": said, "helpful": False}).encode()
        _refused(server.request("/webhooks/widget/feedback", feedback, {**JSON, **headers}), 403, "sender_not_proven")
    through_rest = _say(server, alice, "tell me more", {}, channel="rest")
    _refused(through_rest, 403, "widget_sender")
    assert b"PLS" not in through_rest.raw
    assert _stored(server, alice) == before

    # Her own conversation goes on where it was.
    follow_up = _say(server, alice, "tell me more", proof)
    assert follow_up.status == 200 and follow_up.json[-1]["custom"]["condition"] == "pls"


def test_forget_needs_the_conversations_proof(server: Server) -> None:
    alice, proof = _session(server)
    assert _say(server, alice, "what is ALS?", proof).status == 200
    before = _stored(server, alice)
    for headers in ({}, {"X-Sender-Proof": "f" * 64}, _session(server)[1]):
        _refused(_forget(server, alice, headers), 403, "sender_not_proven")
    assert _stored(server, alice) == before != []
    forgotten = _forget(server, alice, proof)
    assert (forgotten.status, forgotten.json) == (200, {"forgotten": True, "removal_pending": False})
    assert _stored(server, alice) == []


def test_forget_answers_the_same_whether_or_not_there_was_a_conversation(server: Server) -> None:
    talked, talked_proof = _session(server)
    assert _say(server, talked, "is MND inherited?", talked_proof).status == 200
    silent, silent_proof = _session(server)
    answers = [_forget(server, talked, talked_proof), _forget(server, silent, silent_proof)]
    answers.append(_forget(server, talked, talked_proof))  # and again, now that nothing is left
    assert len({(a.status, a.content_type, a.raw) for a in answers}) == 1, answers
    assert answers[0].json == {"forgotten": True, "removal_pending": False}


def test_a_cross_site_post_to_rest_is_refused(server: Server) -> None:
    sender = f"site-{uuid.uuid4().hex[:12]}"
    body = json.dumps({"sender": sender, "message": "what is PLS?"}).encode()
    # What an HTML form or fetch(..., {mode: "no-cors"}) on another site sends: no preflight happens.
    for origin in ("http://elsewhere.example", "null"):
        refused = server.request(CHANNELS["rest"], body, {"Content-Type": "text/plain", "Origin": origin})
        _refused(refused, 403, "origin_not_allowed")
    assert _stored(server, sender) == []
    # The bot's own pages, and clients that are not pages (curl, score.py, tests) are answered, without a token.
    own = server.stack.url
    for headers in ({"Origin": own}, {}):
        answer = server.request(CHANNELS["rest"], body, {**JSON, **headers})
        assert answer.status == 200, answer
    assert _stored(server, sender)


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A bot that asks REST clients for its token, as one listening beyond loopback does (tests bind to
    loopback only; MND_REST_TOKEN_REQUIRED makes it ask there too, see test_rest_access.py for the rule)."""
    tmp: Path = tmp_path_factory.mktemp("guarded")
    env = {"MND_REST_TOKEN_REQUIRED": "1", "MND_REST_TOKEN": TOKEN}
    with Stack.isolated(tmp, extra_env=env) as stack:
        yield Server(stack, tmp / "conversations.db")


def test_rest_needs_the_token_when_it_is_required(guarded: Server) -> None:
    sender = f"token-{uuid.uuid4().hex[:12]}"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        refused = _say(guarded, sender, "what is PLS?", headers, channel="rest")
        _refused(refused, 401, "token_required")
    assert _stored(guarded, sender) == []
    body = json.dumps({"sender": sender, "message": "what is PLS?"}).encode()
    for path, headers in (
        (CHANNELS["rest"], {"Authorization": f"Bearer {TOKEN}"}),
        (f"{CHANNELS['rest']}?token={TOKEN}", {}),
    ):
        answer = guarded.request(path, body, {**JSON, **headers})
        assert answer.status == 200 and json.loads(answer.raw)[0]["recipient_id"] == sender, answer
    # The health check stays open, and the widget needs no token (its conversations have proofs).
    assert guarded.request("/webhooks/rest/", b"", {}, method="GET").status == 200
    widget_sender, proof = _session(guarded)
    assert _say(guarded, widget_sender, "what is ALS?", proof).status == 200

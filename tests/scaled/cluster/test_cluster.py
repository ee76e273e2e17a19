"""The scaled-out profile behaves as one bot: context across servers, failover, restarts, load, secrets.

The tests share one running profile and run in file order; the ones that kill Rasa servers come last.
"""

from __future__ import annotations

import json
import os
import statistics
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bot.scaled import ENDPOINTS, ScaledStack
from bot.serve import _answers, port_in_use

from .conftest import RESULTS, ScaledChat, answers, assert_complete, stored

# Follow-ups that only make sense with the context of the turns before them.
PLS_CONVERSATION = [
    ("what is PLS?", {"condition": "pls"}),
    ("is it inherited?", {"condition": "pls", "topic": "inheritance"}),
    ("what are the symptoms?", {"condition": "pls", "topic": "symptoms"}),
    ("how is it diagnosed?", {"condition": "pls", "topic": "diagnosis"}),
]
ERROR_TEXT = "Sorry, I can't look that up right now. Please try again in a moment."


def _check(reply_messages: list[dict[str, Any]], expected: dict[str, str]) -> dict[str, Any]:
    custom = reply_messages[0]["custom"]
    assert custom["kind"] != "error", reply_messages
    for key, value in expected.items():
        assert custom[key] == value, (key, reply_messages)
    return custom


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_turns_served_by_different_servers_keep_their_context(scaled: ScaledStack) -> None:
    chat = ScaledChat(scaled.url)
    servers = []
    for message, expected in PLS_CONVERSATION:
        reply = chat.send(message)
        assert reply.status == 200, reply
        servers.append(scaled.node_serving(reply.served_by).name)
        _check(answers(reply), expected)
    # Round robin: each follow-up went to the other server than the turn it follows up.
    assert all(a != b for a, b in zip(servers, servers[1:], strict=False)), servers
    assert set(servers) == {node.name for node in scaled.nodes}
    assert_complete(scaled, chat)


def test_rasa_http_api_requires_the_token(scaled: ScaledStack) -> None:
    chat = ScaledChat(scaled.url)
    chat.post("what is ALS?")
    token = scaled.settings.api_token
    for base in [scaled.url, *(node.url for node in scaled.nodes)]:
        tracker = f"{base}/conversations/{chat.sender}/tracker"
        assert _get(tracker)[0] == 401
        assert _get(f"{tracker}?token=not-the-token")[0] == 401
        status, body = _get(f"{tracker}?token={token}")
        assert status == 200
        assert [e["text"] for e in json.loads(body)["events"] if e["event"] == "user"] == ["what is ALS?"]
        assert _get(f"{base}/status")[0] == 401
    parse = urllib.request.Request(f"{scaled.url}/model/parse", data=b'{"text": "hi"}', method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(parse, timeout=30)
    assert refused.value.code == 401


def test_chat_endpoints_return_only_the_senders_own_messages(scaled: ScaledStack) -> None:
    people = [ScaledChat(scaled.url) for _ in range(4)]
    questions = ["what is PLS?", "is it inherited?", "what is ALS?", "tell me more"]
    with ThreadPoolExecutor(len(people)) as pool:
        for question in questions:
            for chat, reply in zip(people, pool.map(lambda c, q=question: c.send(q), people), strict=True):
                assert reply.status == 200 and reply.messages
                assert {m["recipient_id"] for m in reply.messages} == {chat.sender}
    # The widget's endpoint answers the same way: this sender's messages only, this turn's only. A
    # conversation one Rasa server issued goes on on either (round robin): they share the secret.
    with urllib.request.urlopen(urllib.request.Request(f"{scaled.url}/webhooks/widget/session", method="POST")) as r:
        session = json.loads(r.read())
    for question, condition in (("what is MND?", "mnd"), ("what is PLS?", "pls"), ("is it inherited?", "pls")):
        body = json.dumps({"sender": session["sender"], "message": question}).encode()
        headers = {"Content-Type": "application/json", "X-Sender-Proof": session["proof"]}
        request = urllib.request.Request(f"{scaled.url}/webhooks/widget/webhook", data=body, headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = [m for m in json.loads(response.read()) if m["custom"]["kind"] != "disclaimer"]
        assert messages and {m["recipient_id"] for m in messages} == {session["sender"]}
        assert len(messages) == 1 and messages[0]["custom"]["condition"] == condition
    # Without the token nobody can list or read conversations.
    assert _get(f"{scaled.url}/conversations/{people[1].sender}/tracker")[0] == 401


def test_no_secret_on_a_command_line_or_in_a_committed_file(scaled: ScaledStack) -> None:
    s = scaled.settings
    found = [s.pg_password, s.api_token, s.redis_password, s.widget_secret, s.rest_token]
    pids = [proc.pid for proc in scaled.processes().values() if proc is not None and proc.poll() is None]
    children = Path("/proc").glob("[0-9]*/stat")
    for stat in children:  # PostgreSQL's and nginx's workers too
        with_parent = stat.read_text().rsplit(")", 1)[-1].split()
        if len(with_parent) > 1 and int(with_parent[1]) in pids:
            pids.append(int(stat.parent.name))
    assert len(pids) > 6
    for pid in pids:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except FileNotFoundError:
            continue
        for secret in found:
            assert secret not in cmdline, f"a secret is on the command line of process {pid}"
    text = ENDPOINTS.read_text() + (scaled.nginx.conf.read_text())
    assert not any(secret in text for secret in found)
    redis_conf = s.state_dir / "redis" / "redis.conf"
    assert redis_conf.stat().st_mode & 0o077 == 0


def test_redis_lock_serialises_one_conversation_across_servers(scaled: ScaledStack) -> None:
    """Two messages of one conversation reach the two servers at the same moment: one waits for the other,
    and both turns are stored. (With Rasa 3.6's own RedisLockStore about half of such pairs lost a turn.)"""
    for _ in range(8):
        first, second = (ScaledChat(node.url) for node in scaled.nodes)
        second.sender = first.sender
        first.post("what is PLS?")
        barrier = threading.Barrier(2)

        def send(chat: ScaledChat, message: str, barrier: threading.Barrier = barrier) -> int:
            barrier.wait()
            return chat.send(message).status

        with ThreadPoolExecutor(2) as pool:
            statuses = list(pool.map(send, (first, second), ("is it inherited?", "what are the symptoms?")))
        assert statuses == [200, 200]
        conversation = stored(scaled, first.sender)
        assert sorted(conversation.user_texts[1:]) == ["is it inherited?", "what are the symptoms?"]
        for turn in conversation.turns():
            assert [e["event"] for e in turn].count("user") == 1
            assert any(e["event"] == "bot" for e in turn)
            assert turn[-1]["event"] == "action" and turn[-1]["name"] == "action_listen"


def test_action_servers_restarted_mid_conversation(scaled: ScaledStack) -> None:
    chat = ScaledChat(scaled.url)
    _check(answers(chat.send("what is PLS?")), {"condition": "pls"})
    # A rolling restart, one action server at a time: nginx sends the calls to the other; nobody notices.
    for node in scaled.nodes:
        node.stop_actions()
        reply = chat.send("what is ALS?")
        assert reply.status == 200
        _check(answers(reply), {"condition": "als"})
        node.start_actions()
    # Both down at once: a clear "please try again", not silence...
    for node in scaled.nodes:
        node.stop_actions()
    try:
        reply = chat.send("what are the symptoms?")
        assert reply.status == 200
        [error] = answers(reply)
        assert error["text"] == ERROR_TEXT and error["custom"]["kind"] == "error"
    finally:
        scaled._each(lambda node: node.start_actions())
    # ...and the next turn is answered normally, with the conversation's context.
    _check(answers(chat.send("what are the symptoms?")), {"condition": "als", "topic": "symptoms"})
    conversation = stored(scaled, chat.sender)
    assert conversation.user_texts == chat.sent
    failed = conversation.turns()[3]
    assert failed[0]["text"] == "what are the symptoms?" and not any(e["event"] == "bot" for e in failed)


def _rss_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def test_twenty_concurrent_conversations_through_nginx(scaled: ScaledStack, capsys: pytest.CaptureFixture[str]) -> None:
    """20 people at once for a bounded time, each sending a message as soon as the last is answered
    but not more often than every PACE seconds (the channels' per-sender rate limit is 10 per 20 s)."""
    users, pace = 20, float(os.environ.get("MND_SCALED_LOAD_PACE", "1.5"))
    seconds = float(os.environ.get("MND_SCALED_LOAD_SECONDS", "15"))
    script = [
        "what is PLS?", "is it inherited?", "what are the symptoms?", "tell me more", "what is ALS?",
        "how is it treated?", "what is a motor neuron?", "what causes MND?", "how is it diagnosed?", "thanks",
    ]  # fmt: skip
    deadline = time.monotonic() + seconds
    chats = [ScaledChat(scaled.url, prefix=f"load{i:02d}") for i in range(users)]
    problems: list[str] = []

    def converse(chat: ScaledChat) -> None:
        turn = 0
        while time.monotonic() < deadline and turn < 100:
            next_turn = time.monotonic() + pace
            reply = chat.send(script[turn % len(script)])
            turn += 1
            kinds = [m.get("custom", {}).get("kind") for m in answers(reply)]
            if reply.status != 200 or not kinds or "error" in kinds:
                problems.append(f"{chat.sender} turn {turn}: HTTP {reply.status}, kinds {kinds}")
            time.sleep(max(0.0, min(next_turn, deadline) - time.monotonic()))

    started = time.monotonic()
    with ThreadPoolExecutor(users) as pool:
        list(pool.map(converse, chats))
    elapsed = time.monotonic() - started
    replies = [reply for chat in chats for reply in chat.replies]
    latencies = sorted(reply.seconds for reply in replies)
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    served = {node.name: 0 for node in scaled.nodes}
    for reply in replies:
        served[scaled.node_serving(reply.served_by).name] += 1
    figures = {
        "conversations": users,
        "seconds": round(elapsed, 1),
        "turns": len(replies),
        "errors": len(problems),
        "turns_per_second": round(len(replies) / elapsed, 2),
        "latency_median_s": round(statistics.median(latencies), 3),
        "latency_p95_s": round(p95, 3),
        "latency_max_s": round(latencies[-1], 3),
        "served_by_rasa_server": served,
        "rasa_server_memory_mb": [_rss_mb(node.rasa.pid) for node in scaled.nodes if node.rasa],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "concurrency.json").write_text(json.dumps(figures, indent=2) + "\n")
    with capsys.disabled():
        print(f"\nconcurrency: {json.dumps(figures)}")
    assert not problems, problems[:10]
    assert all(len(chat.replies) >= 2 for chat in chats)
    assert all(count > 0 for count in served.values())
    for chat in chats:
        assert_complete(scaled, chat)


def _store_state(url: str) -> str | None:
    status, body = _get(f"{url}/webhooks/rest/")
    assert status == 200, status
    return (json.loads(body).get("conversation_store") or {}).get("state")


def test_conversations_database_down_is_said_and_used_again_once_back(scaled: ScaledStack) -> None:
    """PostgreSQL refuses the conversations database for a while. Each reply then says the turn could not
    be saved (Rasa's fail-safe store kept such turns silently in one server's memory), each server's
    health check reports it, and once the database is back both servers store turns again, with the
    context of what was stored before, without a restart."""
    assert scaled.postgres is not None
    database = scaled.settings.conversations_db
    chat = ScaledChat(scaled.url, prefix="pgdown")
    _check(answers(chat.send("what is PLS?")), {"condition": "pls"})
    scaled.postgres.psql(
        f"ALTER DATABASE {database} WITH ALLOW_CONNECTIONS false;\n"
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}';"
    )
    try:
        down = [chat.send("what causes it?"), chat.send("what are the symptoms?")]
        states = {node.name: _store_state(node.url) for node in scaled.nodes}
    finally:
        scaled.postgres.psql(f"ALTER DATABASE {database} WITH ALLOW_CONNECTIONS true;")
    for reply in down:
        assert reply.status == 200, reply
        kinds = [m["custom"]["kind"] for m in reply.messages]
        assert "error" not in kinds and kinds[-1] == "not_saved", kinds
    assert set(states.values()) == {"failing"}, states
    back = [chat.send("how is it diagnosed?"), chat.send("is it inherited?")]
    _check(answers(back[0]), {"condition": "pls", "topic": "diagnosis"})
    _check(answers(back[1]), {"condition": "pls", "topic": "inheritance"})
    assert {scaled.node_serving(r.served_by).name for r in back} == {node.name for node in scaled.nodes}
    assert all(_store_state(node.url) == "ok" for node in scaled.nodes)
    # Exactly the turns whose replies did not say "not saved", in order.
    assert stored(scaled, chat.sender).user_texts == ["what is PLS?", "how is it diagnosed?", "is it inherited?"]


def test_a_writer_holding_the_conversations_table_delays_turns_only_for_the_bounded_retry(
    scaled: ScaledStack,
) -> None:
    """Another session locks the events table against writes: turns are told they were not saved after
    the bounded retry (no server waits for the lock indefinitely), and are stored once it is released."""
    import psycopg2

    s = scaled.settings
    chat = ScaledChat(scaled.url, prefix="pglock")
    _check(answers(chat.send("what is PLS?")), {"condition": "pls"})
    holder = psycopg2.connect(
        host=s.host, port=s.pg_port, user=s.pg_user, password=s.pg_password, dbname=s.conversations_db
    )
    try:
        with holder.cursor() as cursor:
            cursor.execute("LOCK TABLE events IN EXCLUSIVE MODE")  # reads go on, writes wait
        held = [chat.send("is it inherited?"), chat.send("what are the symptoms?")]
        states = {node.name: _store_state(node.url) for node in scaled.nodes}
    finally:
        holder.rollback()
        holder.close()
    for reply in held:
        assert reply.status == 200, reply
        assert [m["custom"]["kind"] for m in reply.messages][-1] == "not_saved", reply.messages
        _check(answers(reply)[:1], {"condition": "pls"})  # the context was read: only the write waited
    assert set(states.values()) == {"failing"}, states
    _check(answers(chat.send("how is it diagnosed?")), {"condition": "pls", "topic": "diagnosis"})
    assert stored(scaled, chat.sender).user_texts == ["what is PLS?", "how is it diagnosed?"]


def test_rasa_server_killed_between_turns(scaled: ScaledStack) -> None:
    chat = ScaledChat(scaled.url)
    conversation = iter(PLS_CONVERSATION + PLS_CONVERSATION[:2])
    message, expected = next(conversation)
    first = chat.send(message)
    _check(answers(first), expected)
    victim = scaled.node_serving(first.served_by)
    survivor = next(node for node in scaled.nodes if node is not victim)
    message, expected = next(conversation)
    _check(answers(chat.send(message)), expected)
    victim.kill_rasa()  # SIGKILL: no clean shutdown, as in a crash
    for message, expected in conversation:
        reply = chat.send(message)
        assert reply.status == 200, reply  # no turn lost: nginx moved on to the server that is up
        if not port_in_use(victim.host, victim.port):  # (its restart is not listening yet)
            assert scaled.node_serving(reply.served_by) is survivor
        _check(answers(reply), expected)
    assert_complete(scaled, chat)  # no turn lost or stored twice
    # Nobody restarts it: its node's supervisord does, and it takes its share of the same conversation again.
    deadline = time.monotonic() + 300
    while not _answers(f"{victim.url}/webhooks/rest/"):
        assert time.monotonic() < deadline, "the killed Rasa server did not come back"
        time.sleep(0.5)
    served = set()
    for message, expected in PLS_CONVERSATION[1:]:
        reply = chat.send(message)
        served.add(scaled.node_serving(reply.served_by).name)
        _check(answers(reply), expected)
    assert victim.name in served
    assert_complete(scaled, chat)


def test_rasa_server_killed_during_a_turn(scaled: ScaledStack, capsys: pytest.CaptureFixture[str]) -> None:
    """The server dies while it holds the conversation's lock: that one turn fails visibly (the widget
    offers "Try again"), the next one waits at most the lock lifetime, and nothing is stored twice."""
    import redis

    s = scaled.settings
    victim = scaled.nodes[0]
    chat = ScaledChat(scaled.url)
    _check(answers(chat.send("what is PLS?")), {"condition": "pls"})
    locks = redis.Redis(host=s.host, port=s.redis_port, password=s.redis_password, db=1)
    key = f"mnd:lock:{chat.sender}"
    direct = ScaledChat(victim.url)
    direct.sender = chat.sender
    with ThreadPoolExecutor(1) as pool:
        in_flight = pool.submit(direct.send, "is it inherited?")
        deadline = time.monotonic() + 30
        while not locks.exists(key) and time.monotonic() < deadline and not in_flight.done():
            time.sleep(0.002)
        assert locks.exists(key), "the turn never took the conversation's lock"
        victim.kill_rasa()
        with pytest.raises(OSError):  # the connection is reset: the person is told it failed, not silence
            in_flight.result()
    started = time.monotonic()
    reply = chat.send("what are the symptoms?")
    waited = time.monotonic() - started
    assert reply.status == 200, reply
    _check(answers(reply), {"condition": "pls", "topic": "symptoms"})
    assert waited < s.lock_lifetime + 5, waited
    stored_texts = stored(scaled, chat.sender).user_texts
    assert stored_texts in (
        ["what is PLS?", "what are the symptoms?"],  # died before saving: the failed turn is not kept
        ["what is PLS?", "is it inherited?", "what are the symptoms?"],  # died after saving it: kept once
    ), stored_texts
    with capsys.disabled():
        print(f"\nkilled during a turn: the next turn waited {waited:.1f} s for the dead server's lock")


def test_no_rasa_server_up_gives_a_json_503(scaled: ScaledStack) -> None:
    for node in scaled.nodes:
        node.kill_rasa()
    chat = ScaledChat(scaled.url)
    body = json.dumps({"sender": chat.sender, "message": "what is PLS?"}).encode()
    request = urllib.request.Request(
        f"{scaled.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as unavailable:
        urllib.request.urlopen(request, timeout=30)
    assert unavailable.value.code == 503
    assert unavailable.value.headers["Retry-After"] == "5"
    assert json.loads(unavailable.value.read())["error"] == "unavailable"

"""Bad input through the real REST channel and the real widget channel.

Every case of the table goes to both channels of one running stack (both servers, as in
`make run`). Each gets either a polite reply (HTTP 200, bot messages of the reply contract,
none of kind "error") or a clear 4xx JSON error ``{"error": code, "detail": sentence}``:
never a 5xx, a crash, a hang or a stack trace. What each channel answers is specified in
bot/web/validation.py. After the table the server must still answer everyone else.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

from bot.facts.settings import DEFAULT_DB_PATH, URL_ENV
from bot.web.limits import DEFAULT_RATE_LIMIT_MESSAGES, DEFAULT_RATE_LIMIT_SECONDS, SLOW_DOWN_TEXT
from tests.reliability.conftest import CHANNELS, Answer, Server

JSON = {"Content-Type": "application/json"}
# Every kind of the reply contract a turn may end with, except "error" (the turn failed).
POLITE = frozenset(
    {"answer", "definition", "compare", "not_covered", "clarify", "emergency", "no_diagnosis", "out_of_scope",
     "smalltalk"}
)
ASK_ALS = "what is ALS"


@dataclass(frozen=True)
class Refused:
    """A clear 4xx JSON error naming the problem."""

    status: int
    code: str


@dataclass(frozen=True)
class Replied:
    """HTTP 200 with at least one bot message, all of these kinds (and of this condition, if given)."""

    kinds: frozenset[str] = POLITE
    condition: str | None = None


@dataclass(frozen=True)
class Flooded:
    """A burst from one sender: the first few are answered, the rest are asked to slow down."""


Body = Callable[[str], bytes]


@dataclass(frozen=True)
class Case:
    id: str
    body: Body
    expect: Refused | Replied | Flooded
    headers: dict[str, str] = field(default_factory=lambda: dict(JSON))
    burst: int = 1


def message(text: object) -> Body:
    """A well-formed body carrying ``text`` as the message, from the case's sender."""
    return lambda sender: json.dumps({"sender": sender, "message": text}).encode()


def fields(**values: object) -> Body:
    """A JSON object with exactly these fields; "SENDER" stands for the case's sender."""
    return lambda sender: json.dumps({k: (sender if v == "SENDER" else v) for k, v in values.items()}).encode()


def raw(template: bytes) -> Body:
    """These exact bytes, with b"SENDER" replaced by the case's sender."""
    return lambda sender: template.replace(b"SENDER", sender.encode())


def answered(condition: str | None = None) -> Replied:
    return Replied(POLITE, condition)


CASES = [
    # --- empty ------------------------------------------------------------------------------
    Case("empty-message", message(""), Refused(400, "empty_message")),
    Case("whitespace-only", message("  \t\n  \r\n "), Refused(400, "empty_message")),
    Case("unicode-spaces-only", message("\u00a0\u2003\u3000"), Refused(400, "empty_message")),
    Case("zero-width-only", message("\u200b\u200c\u200d\ufeff\u2060"), Refused(400, "empty_message")),
    Case("control-chars-only", message("\x00\x01\x07\x1b\x1f\x7f"), Refused(400, "empty_message")),
    Case("empty-body", raw(b""), Refused(400, "empty_body")),
    # --- length -----------------------------------------------------------------------------
    Case("at-the-limit-2000", message(("what is ALS " * 200)[:2000]), answered()),
    Case("over-the-limit-2001", message("x" * 2001), Refused(400, "message_too_long")),
    Case("20000-chars", message(("what is ALS " * 2000)[:20_000]), Refused(400, "message_too_long")),
    Case("1-mb-body", message("a" * 1_000_000), Refused(413, "too_large")),
    # --- unusual characters: cleaned, then understood -----------------------------------------
    Case("emoji", message("what is ALS? 🙏😊"), answered("als")),
    Case("emoji-only", message("👍"), answered()),
    Case("emoji-zwj-sequence", message("👩‍⚕️ what is PLS"), answered("pls")),
    Case("arabic", message("ما هو مرض العصبون الحركي؟"), answered()),
    Case("hebrew-with-name", message("מה זה ALS?"), answered()),
    Case("bidi-override", message("\u202ewhat is ALS\u202c"), answered("als")),
    Case("zero-width-inside-name", message("what is A\u200bL\u200cS"), answered("als")),
    Case("control-chars-inside", message("what\x00 is\x07 ALS\x1f?"), answered("als")),
    Case("line-breaks-and-tabs", message("what\nis\tALS?"), answered("als")),
    Case("lone-surrogate", raw(b'{"sender": "SENDER", "message": "what is ALS \\ud800"}'), answered("als")),
    Case("utf8-bom", raw(b'\xef\xbb\xbf{"sender": "SENDER", "message": "what is ALS"}'), answered("als")),
    Case("invalid-utf8", raw(b'{"sender": "SENDER", "message": "what \xff\xfe is ALS"}'),
         Refused(400, "invalid_encoding")),
    Case("latin-1-body", raw(b'{"sender": "SENDER", "message": "caf\xe9"}'), Refused(400, "invalid_encoding")),
    # --- markup and injection-shaped text: plain words to the bot -----------------------------
    Case("script-tag", message("<script>alert(1)</script>"), answered()),
    Case("img-onerror", message("<img src=x onerror=alert(1)>"), answered()),
    Case("sql-drop-table", message("'; DROP TABLE fact; --"), answered()),
    Case("sql-drop-events", message("'); DROP TABLE events; --"), answered()),
    Case("sql-or-1-1", message('" OR 1=1 --'), answered()),
    Case("sql-union", message("ALS' UNION SELECT * FROM fact --"), answered()),
    Case("template-and-format", message("{{7*7}} ${7*7} %s %n {0}"), answered()),
    # --- Rasa's "/intent{entities}" syntax (the widget's buttons use it) ----------------------
    Case("button-payload", message('/ask_definition{"condition": "mnd"}'), answered("mnd")),
    Case("slash-restart", message("/restart"), answered()),
    Case("slash-only", message("//"), Refused(400, "empty_message")),
    Case("slash-unknown-intent", message("/no_such_intent"), answered()),
    Case("slash-confidence", message("/ask_definition@7"), answered()),
    Case("slash-non-string-entity", message('/ask_definition{"condition": [1, {"a": null}]}'), answered()),
    Case("slash-unknown-entity", message('/ask_definition{"colour": "blue"}'), answered()),
    Case("slash-markup-entity", message('/ask_definition{"condition": "<script>alert(1)</script>"}'), answered()),
    Case("slash-broken-entities", message('/ask_definition{"condition": '), answered()),
    # --- malformed bodies ---------------------------------------------------------------------
    Case("malformed-json", raw(b'{"sender": "SENDER", "message": '), Refused(400, "invalid_json")),
    Case("not-json", raw(b"what is ALS"), Refused(400, "invalid_json")),
    Case("json-array", raw(b'["SENDER", "what is ALS"]'), Refused(400, "invalid_json")),
    Case("json-string", raw(b'"what is ALS"'), Refused(400, "invalid_json")),
    Case("json-null", raw(b"null"), Refused(400, "invalid_json")),
    Case("deeply-nested-json", raw(b"[" * 60_000), Refused(400, "invalid_json")),
    Case("huge-number", raw(b'{"sender": "SENDER", "message": ' + b"9" * 5000 + b"}"), Refused(400, "invalid_json")),
    Case("missing-sender", fields(message=ASK_ALS), Refused(400, "missing_field")),
    Case("missing-message", fields(sender="SENDER"), Refused(400, "missing_field")),
    Case("message-null", message(None), Refused(400, "missing_field")),
    Case("message-number", message(42), Refused(400, "wrong_type")),
    Case("message-bool", message(True), Refused(400, "wrong_type")),
    Case("message-list", message(["what is ALS"]), Refused(400, "wrong_type")),
    Case("message-object", message({"text": "what is ALS"}), Refused(400, "wrong_type")),
    Case("extra-fields-ignored", fields(sender="SENDER", message=ASK_ALS, colour="blue"), answered("als")),
    # --- content types ------------------------------------------------------------------------
    Case("text-plain", raw(b"what is ALS"), Refused(415, "unsupported_media_type"), {"Content-Type": "text/plain"}),
    Case("form-data", raw(b"sender=SENDER&message=what+is+ALS"), Refused(415, "unsupported_media_type"),
         {"Content-Type": "application/x-www-form-urlencoded"}),
    Case("multipart", raw(b'--b\r\nContent-Disposition: form-data; name="message"\r\n\r\nhi\r\n--b--\r\n'),
         Refused(415, "unsupported_media_type"), {"Content-Type": "multipart/form-data; boundary=b"}),
    Case("xml", raw(b"<message>what is ALS</message>"), Refused(415, "unsupported_media_type"),
         {"Content-Type": "application/xml"}),
    # `curl -d` and urllib label a JSON body as form data; Rasa's stock channel took it, so do we.
    Case("json-labelled-as-form", message(ASK_ALS), answered("als"),
         {"Content-Type": "application/x-www-form-urlencoded"}),
    Case("json-without-content-type", message(ASK_ALS), answered("als"), {}),
    Case("json-with-charset", message(ASK_ALS), answered("als"), {"Content-Type": "application/json; charset=utf-8"}),
    # --- sender ids ---------------------------------------------------------------------------
    Case("sender-10000-chars", fields(sender="s" * 10_000, message=ASK_ALS), Refused(400, "invalid_sender")),
    Case("sender-129-chars", fields(sender="s" * 129, message=ASK_ALS), Refused(400, "invalid_sender")),
    Case("sender-empty", fields(sender="", message=ASK_ALS), Refused(400, "invalid_sender")),
    Case("sender-spaces", fields(sender="jo smith", message=ASK_ALS), Refused(400, "invalid_sender")),
    Case("sender-slashes", fields(sender="../../etc/passwd", message=ASK_ALS), Refused(400, "invalid_sender")),
    Case("sender-unicode", fields(sender="José", message=ASK_ALS), Refused(400, "invalid_sender")),
    Case("sender-trailing-newline", fields(sender="abc\n", message=ASK_ALS), Refused(400, "invalid_sender")),
    Case("sender-sql", fields(sender="x' OR '1'='1", message=ASK_ALS), Refused(400, "invalid_sender")),
    Case("sender-number", fields(sender=12345, message=ASK_ALS), Refused(400, "wrong_type")),
    Case("sender-null", fields(sender=None, message=ASK_ALS), Refused(400, "missing_field")),
    # --- one sender flooding ------------------------------------------------------------------
    Case("flood-15-at-once", message(ASK_ALS), Flooded(), burst=15),
]


def _check_refused(answer: Answer, expect: Refused) -> None:
    assert answer.status == expect.status, answer
    assert answer.content_type.startswith("application/json"), answer
    body = answer.json
    assert body["error"] == expect.code, body
    assert isinstance(body["detail"], str) and body["detail"], body
    assert "Traceback" not in body["detail"]


def _check_replied(server: Server, channel: str, answer: Answer, expect: Replied) -> None:
    assert answer.status == 200, answer
    replies = [m for m in server.messages(channel, answer) if m.get("custom", {}).get("kind") != "disclaimer"]
    assert replies, answer
    for reply in replies:
        assert reply["text"], reply
        assert reply["custom"]["kind"] in expect.kinds, reply
        assert reply["text"] != SLOW_DOWN_TEXT, reply
        # Nothing the person typed comes back as markup.
        assert not re.search(r"<\s*(script|img)", reply["text"], re.I), reply
    if expect.condition:
        assert replies[-1]["custom"]["condition"] == expect.condition, replies


def _check_flooded(server: Server, channel: str, case: Case, sender: str) -> None:
    path = CHANNELS[channel]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=case.burst) as pool:
        headers = {**case.headers, **server.proof(channel, sender)}
        answers = list(pool.map(lambda _: server.request(path, case.body(sender), headers), range(case.burst)))
    elapsed = time.monotonic() - started
    assert all(a.status == 200 for a in answers), [a.status for a in answers]
    slowed = answered_ = 0
    for answer in answers:
        replies = [m for m in server.messages(channel, answer) if m["custom"]["kind"] != "disclaimer"]
        assert len(replies) == 1, replies
        if replies[0]["text"] == SLOW_DOWN_TEXT:
            assert replies[0]["custom"]["kind"] == "clarify"
            slowed += 1
        else:
            assert replies[0]["custom"]["kind"] == "answer", replies
            answered_ += 1
    # A burst of 10 is let through; meanwhile the bucket refills by one message per 2 s at most.
    refilled = elapsed * DEFAULT_RATE_LIMIT_MESSAGES / DEFAULT_RATE_LIMIT_SECONDS
    assert DEFAULT_RATE_LIMIT_MESSAGES <= answered_ <= DEFAULT_RATE_LIMIT_MESSAGES + refilled + 1, (answered_, elapsed)
    assert slowed == case.burst - answered_ >= 1
    # The flood slows no one else down.
    other = server.ask(channel, f"other-{uuid.uuid4().hex[:8]}", ASK_ALS)
    assert other[-1]["custom"]["kind"] == "answer", other


@pytest.mark.parametrize("channel", list(CHANNELS))
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_gets_a_polite_reply_or_a_clear_4xx(server: Server, channel: str, case: Case) -> None:
    sender = f"rel-{channel}-{uuid.uuid4().hex[:12]}"
    if isinstance(case.expect, Flooded):
        _check_flooded(server, channel, case, sender)
        return
    answer = server.request(CHANNELS[channel], case.body(sender), {**case.headers, **server.proof(channel, sender)})
    assert answer.status < 500, answer
    if isinstance(case.expect, Refused):
        _check_refused(answer, case.expect)
    else:
        _check_replied(server, channel, answer, case.expect)


@pytest.mark.parametrize(
    ("query", "extra", "status", "code"),
    [
        ("", {"metadata": {"page": "/mnd", "note": "\ud800"}}, 200, None),
        ("", {"metadata": "not an object"}, 400, "wrong_type"),
        ("", {"metadata": ["x"]}, 400, "wrong_type"),
        ("", {"metadata": {"page": "/mnd", "payload": "x"}}, 400, "unknown_field"),
        ("", {"metadata": {"page": {"nested": "object"}}}, 400, "wrong_type"),
        ("", {"metadata": {"note": "x" * 50_000}}, 413, "too_large"),
        ("", {"input_channel": "telegram"}, 200, None),
        ("?stream=true", {}, 400, "unsupported_option"),
        ("?stream=false", {}, 200, None),
    ],
    ids=[
        "metadata-object",
        "metadata-string",
        "metadata-list",
        "metadata-unknown-key",
        "metadata-nested",
        "metadata-too-long",
        "input-channel-ignored",
        "stream",
        "no-stream",
    ],
)
def test_rest_only_fields(server: Server, query: str, extra: dict[str, object], status: int, code: str | None) -> None:
    body = json.dumps({"sender": f"opt-{uuid.uuid4().hex[:8]}", "message": ASK_ALS, **extra}).encode()
    answer = server.request(CHANNELS["rest"] + query, body, JSON)
    assert answer.status == status, answer
    if code:
        assert answer.json["error"] == code
    else:
        assert server.messages("rest", answer)[-1]["custom"]["kind"] == "answer"


# The tests below run after the table (pytest keeps the file's order) on the same servers.


@pytest.mark.parametrize("channel", list(CHANNELS))
def test_after_the_table_the_server_still_answers_everyone(server: Server, channel: str) -> None:
    replies = server.ask(channel, f"after-{uuid.uuid4().hex[:8]}", "what are the symptoms of PLS?")
    assert (replies[-1]["custom"]["kind"], replies[-1]["custom"]["condition"]) == ("answer", "pls")
    assert server.stack.rasa is not None and server.stack.rasa.poll() is None
    assert server.stack.actions is not None and server.stack.actions.poll() is None
    events = server.stack.events()  # and neither died on the way (supervisord would have restarted it)
    list(events.poll())
    assert events.crashes() == {"actions": 0, "rasa": 0}


def test_injection_shaped_text_is_stored_as_text_and_the_stores_are_intact(server: Server) -> None:
    if os.environ.get(URL_ENV):
        pytest.skip(f"{URL_ENV} is set: the fact store is not the SQLite file this test counts in")
    facts_before = _fact_count()
    sender = f"sql-{uuid.uuid4().hex[:8]}"
    attack = "'); DROP TABLE events; DROP TABLE fact; --"
    server.ask("rest", sender, attack)
    assert server.ask("rest", sender, ASK_ALS)[-1]["custom"]["kind"] == "answer"
    assert _fact_count() == facts_before > 0
    with sqlite3.connect(server.conversations) as conn:
        stored = [row[0] for row in conn.execute("SELECT data FROM events WHERE sender_id = ?", (sender,))]
    assert any(json.loads(data).get("text") == attack for data in stored)


def test_message_text_stays_out_of_the_logs(server: Server) -> None:
    marker = f"quokka{uuid.uuid4().hex[:10]}"
    for channel in CHANNELS:
        server.ask(channel, f"log-{uuid.uuid4().hex[:8]}", f"what is ALS {marker} please")
        # Rasa logs the whole text of a "/intent{...}" message it cannot read; none reaches it.
        for text in (f"/{marker}", f'/ask_definition{{"condition": "{marker}', f'/ask_term{{"{marker}": "x"}}'):
            server.ask(channel, f"log-{uuid.uuid4().hex[:8]}", text)
        # Nor are refused ones.
        server.request(CHANNELS[channel], message(marker + "x" * 3000)("someone"), JSON)
    logs = sorted(server.logs.glob("*.log"))
    assert logs
    for path in logs:
        assert marker not in path.read_text(encoding="utf-8", errors="replace"), path.name


def test_no_stack_trace_in_the_logs(server: Server) -> None:
    for path in sorted(server.logs.glob("*.log")):
        assert "Traceback" not in path.read_text(encoding="utf-8", errors="replace"), path.name


def _fact_count() -> int:
    with sqlite3.connect(f"file:{DEFAULT_DB_PATH}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM fact").fetchone()[0])


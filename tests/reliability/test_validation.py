"""The shared request checks and the rate limiter in-process (no servers): bot/web/validation.py."""

from __future__ import annotations

import json

import pytest

from bot.web.channel import WidgetInput
from bot.web.limits import Limits, RateLimiter, slow_down_message
from bot.web.payloads import Payloads, as_words_unless_payload, domain_payloads
from bot.web.rest import RestInput
from bot.web.validation import RequestRefused, clean_text, parse_chat_request


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("what is ALS", "what is ALS"),
        ("  what\nis\tALS?\r\n", "what is ALS?"),
        ("what is A\u200bL\u200cS\u200d", "what is ALS"),
        ("\ufeffwhat\u00ad is\u2060 ALS", "what is ALS"),
        ("\u202ewhat is ALS\u202c\u200f", "what is ALS"),
        ("what\x00 is\x07 ALS\x7f\x9b", "what is ALS"),
        ("what is ALS \ud800\udfff", "what is ALS"),
        ("what\u2028is\u00a0\u00a0ALS", "what is ALS"),
        ("what is ALS? 🙏😊", "what is ALS? 🙏😊"),
        ("❤️ thanks", "❤️ thanks"),  # the variation selector stays
        ("👩\u200d⚕️", "👩⚕️"),
        ("ما هو مرض العصبون الحركي؟", "ما هو مرض العصبون الحركي؟"),
        ("מה זה ALS?", "מה זה ALS?"),
        ("Lou Gehrig\u2019s disease", "Lou Gehrig\u2019s disease"),
        ("cafe\u0301", "caf\u00e9"),  # composed
        ("\uff29 \uff43\uff41\uff4e\uff4e\uff4f\uff54 \uff42\uff52\uff45\uff41\uff54\uff48\uff45", "I cannot breathe"),
        ("\U0001d41c\U0001d421\U0001d428\U0001d424\U0001d422\U0001d427\U0001d420", "choking"),  # math bold
        ("di\ufb03cult to swallow", "difficult to swallow"),  # ligature
        ("\U0001f178 \U0001f172\U0001f170\U0001f17d\U0001f183", "I CANT"),  # negative squared
        ("\u026a \u1d04\u1d00\u0274'\u1d1b", "i can't"),  # small capitals
        ("c\u0336h\u0336o\u0336k\u0336e", "choke"),  # strike-through decoration
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("'; DROP TABLE fact; --", "'; DROP TABLE fact; --"),
        ("\u200b\u200d\x00 \u3000", ""),
    ],
)
def test_clean_text(raw: str, cleaned: str) -> None:
    assert clean_text(raw) == cleaned
    assert clean_text(cleaned) == cleaned


PAYLOADS = Payloads(intents={"ask_definition", "affirm"}, entities={"condition"})


@pytest.mark.parametrize(
    ("text", "passed"),
    [
        ('/ask_definition{"condition": "mnd"}', '/ask_definition{"condition": "mnd"}'),
        ("/affirm", "/affirm"),
        ("/restart", "restart"),
        ("/ask_definition@0.9", "ask_definition@0.9"),
        ('/ask_definition{"condition": ', 'ask_definition{"condition":'),
        ('/ask_definition{"term": "x"}', 'ask_definition{"term": "x"}'),
        ('/ask_definition{"condition": 5}', 'ask_definition{"condition": 5}'),
        ("/ what is ALS", "what is ALS"),
        ("//", ""),
        ("what is ALS/PLS", "what is ALS/PLS"),
    ],
)
def test_only_readable_button_payloads_reach_rasa_as_payloads(text: str, passed: str) -> None:
    assert as_words_unless_payload(text, PAYLOADS) == passed


def test_the_domain_names_the_payloads_of_the_bots_buttons() -> None:
    payloads = domain_payloads()
    assert {"ask_definition", "ask_term", "ask_compare", "affirm"} <= set(payloads.intents)
    assert set(payloads.entities) == {"condition", "term"}


def _body(**data: object) -> bytes:
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"x" * (64 * 1024 + 1), "application/json", 413, "too_large"),
        (b" \n ", "application/json", 400, "empty_body"),
        (None, None, 400, "empty_body"),
        (b"sender=a&message=b", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        (b"hi", "text/plain; charset=utf-8", 415, "unsupported_media_type"),
        (b'{"sender": "a", "message": "\xff"}', "application/json", 400, "invalid_encoding"),
        (b'{"sender": "a", "message": "\xff"}', None, 400, "invalid_encoding"),
        (b"\xff\xfe{\x00}\x00", "text/plain", 415, "unsupported_media_type"),
        (b"{", "application/json", 400, "invalid_json"),
        (b"{", "application/problem+json", 400, "invalid_json"),
        (b"[" * 100_000, None, 413, "too_large"),
        (b"[" * 60_000, None, 400, "invalid_json"),
        (b"[]", None, 400, "invalid_json"),
        (_body(message="hi"), None, 400, "missing_field"),
        (_body(sender="a", message=None), None, 400, "missing_field"),
        (_body(sender="a", message=1.5), None, 400, "wrong_type"),
        (_body(sender=["a"], message="hi"), None, 400, "wrong_type"),
        (_body(sender="-a", message="hi"), None, 400, "invalid_sender"),
        (_body(sender="a" * 129, message="hi"), None, 400, "invalid_sender"),
        (_body(sender="a", message="\u200b \x00"), None, 400, "empty_message"),
        (_body(sender="a", message="x" * 2001), None, 400, "message_too_long"),
    ],
)
def test_refused_requests(body: bytes | None, content_type: str | None, status: int, code: str) -> None:
    with pytest.raises(RequestRefused) as refused:
        parse_chat_request(body, content_type, payloads=PAYLOADS)
    assert (refused.value.status, refused.value.code) == (status, code)
    assert refused.value.detail
    answer = json.loads(refused.value.response().body)
    assert answer == {"error": code, "detail": refused.value.detail}


def test_accepted_requests_are_cleaned() -> None:
    chat = parse_chat_request(_body(sender="a.b:c-1_2", message=" what is\u200b ALS\n"), "application/json")
    assert (chat.sender, chat.text) == ("a.b:c-1_2", "what is ALS")
    # JSON labelled as form data (curl -d), with a byte-order mark, or with no type at all.
    for body, content_type in [
        (_body(sender="a", message="hi"), "application/x-www-form-urlencoded"),
        (b"\xef\xbb\xbf" + _body(sender="a", message="hi"), "application/json; charset=utf-8"),
        (_body(sender="a", message="hi"), None),
    ]:
        assert parse_chat_request(body, content_type).text == "hi"
    # The limit counts the cleaned text.
    assert parse_chat_request(_body(sender="a", message="\u200b" * 3000 + "hi"), None).text == "hi"
    assert len(parse_chat_request(_body(sender="a", message="x" * 50), None, max_message_length=50).text) == 50


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_allows_a_burst_then_one_message_per_interval() -> None:
    clock = Clock()
    limiter = RateLimiter(10, 20, clock=clock)
    assert [limiter.allow("flood") for _ in range(12)] == [True] * 10 + [False, False]
    assert limiter.allow("someone-else")
    clock.now += 1.9
    assert not limiter.allow("flood")
    clock.now += 0.2  # 2.1 s: one message's worth
    assert limiter.allow("flood") and not limiter.allow("flood")
    clock.now += 100
    assert [limiter.allow("flood") for _ in range(11)] == [True] * 10 + [False]


def test_rate_limit_memory_is_bounded() -> None:
    clock = Clock()
    limiter = RateLimiter(2, 10, max_senders=100, clock=clock)
    for n in range(1000):
        limiter.allow(f"sender-{n}")
        clock.now += 0.001
    assert len(limiter) == 100
    clock.now += 10
    limiter.allow("late")
    assert len(limiter) == 1  # idle senders (full buckets again) are forgotten


def test_rate_limit_zero_is_off() -> None:
    limiter = RateLimiter(0, 20)
    assert all(limiter.allow("a") for _ in range(100)) and len(limiter) == 0


def test_options_from_credentials() -> None:
    assert Limits.from_credentials(None) == Limits()
    limits = Limits.from_credentials(
        {"max_message_length": "500", "rate_limit_messages": 3, "rate_limit_seconds": 1.5, "rate_limit_max_senders": 9}
    )
    assert limits == Limits(500, 3, 1.5, 9)
    for bad in (
        {"rate_limit_messages": -1},
        {"rate_limit_seconds": 0},
        {"max_message_length": "x"},
        {"rate_limit_messages": True},
    ):
        with pytest.raises(ValueError, match="credentials.yml"):
            Limits.from_credentials(bad)


def test_both_channels_read_the_options_and_share_one_limiter(monkeypatch: pytest.MonkeyPatch) -> None:
    # As the Rasa server sets it when it listens on loopback (bot/web/rasa_main.py), whatever ran before.
    monkeypatch.setenv("MND_LISTEN_HOST", "127.0.0.1")
    options = {"rate_limit_messages": 4, "rate_limit_seconds": 8, "max_message_length": 300}
    rest, widget = RestInput.from_credentials(options), WidgetInput.from_credentials(options)
    assert rest.limits == widget.limits == Limits(300, 4, 8.0)
    assert rest.limiter is widget.limiter
    assert RestInput.from_credentials(None).limits == WidgetInput.from_credentials(None).limits == Limits()


def test_slow_down_message_follows_the_reply_contract() -> None:
    message = slow_down_message()
    assert message["text"] and message["custom"]["kind"] == "clarify"
    contract = {"kind", "condition", "topic", "facts", "sources", "term", "conditions"}
    assert set(message["custom"]) == contract | {"rate_limited"}
    # Not read: a client can offer to send the message again.
    assert message["custom"]["rate_limited"] is True

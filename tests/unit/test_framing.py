"""Which request heads the framing check refuses (RFC 9112 section 6), and which it lets through."""

from __future__ import annotations

import pytest

from bot.web.framing import problem

START = b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: localhost"


@pytest.mark.parametrize(
    "headers",
    [
        b"",
        b"\r\nContent-Length: 0",
        b"\r\nContent-Length: 123",
        b"\r\ncontent-length:   42  ",
        b"\r\nTransfer-Encoding: chunked",
        b"\r\nTRANSFER-ENCODING: Chunked",
        b"\r\nContent-Type: application/json\r\nContent-Length: 7",
    ],
)
def test_ordinary_framing_passes(headers: bytes) -> None:
    assert problem(START + headers) is None


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        (b"\r\nContent-Length: -1", "not a number"),
        (b"\r\nContent-Length: 0x20", "not a number"),
        (b"\r\nContent-Length: +5", "not a number"),
        (b"\r\nContent-Length: 1 2", "not a number"),
        (b"\r\nContent-Length: ", "not a number"),
        (b"\r\nContent-Length: 99999999999999999999", "not a number"),
        (b"\r\nContent-Length: 3\r\nTransfer-Encoding: chunked", "both"),
        (b"\r\nTransfer-Encoding: chunked, identity", "other than chunked"),
        (b"\r\nTransfer-Encoding: gzip", "other than chunked"),
        (b"\r\nContent-Length: 2\r\nContent-Length: 2", "repeated"),
        (b"\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked", "repeated"),
    ],
)
def test_broken_framing_is_refused(headers: bytes, why: str) -> None:
    assert why in (problem(START + headers) or "")


def test_a_request_line_that_is_not_ascii_is_refused() -> None:
    assert problem(b"GET /\xff\xfe HTTP/1.1\r\nHost: x") == "request line not ASCII"


@pytest.mark.parametrize(
    "target",
    [b"/", b"/webhooks/rest/", b"/webhooks/widget/conversations/caf%C3%A9", b"/a%20b", b"/?q=%ff", b"*"],
)
def test_a_path_that_decodes_to_utf8_passes(target: bytes) -> None:
    assert problem(b"GET " + target + b" HTTP/1.1\r\nHost: x") is None


@pytest.mark.parametrize(
    ("target", "why"),
    [
        (b"/%ff%fe", "path not UTF-8"),
        (b"/webhooks/rest/webhook%C3%28", "path not UTF-8"),
        (b"/webhooks/widget/conversations/%ed%a0%80", "path not UTF-8"),  # a lone surrogate
        (b"/%zz", "broken percent-escape in the path"),
        (b"/abc%", "broken percent-escape in the path"),
        (b"/%4", "broken percent-escape in the path"),
    ],
)
def test_a_path_that_is_not_utf8_is_refused(target: bytes, why: str) -> None:
    assert problem(b"GET " + target + b" HTTP/1.1\r\nHost: x") == why

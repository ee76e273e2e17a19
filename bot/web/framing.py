"""Refuse requests whose framing Sanic 21.12 reads wrongly, before Sanic reads them.

Both servers run Sanic 21.12 (pinned by Rasa 3.6 and rasa-sdk; the fixes are in later Sanic
lines only). Its HTTP/1 reader trusts the framing headers:

- ``Content-Length: -1`` with any body byte makes the body reader loop forever at 100% CPU;
  the whole server stops answering and ignores SIGTERM;
- ``Content-Length`` together with ``Transfer-Encoding`` is read as chunked, leaving the rest
  on the connection as a second request (request smuggling);
- ``Content-Length: 0x20`` or ``Transfer-Encoding: chunked, identity`` end in a 500 with a
  traceback in the log;
- a request line with bytes that are not ASCII ends in a traceback while building the error;
- a path whose percent-escapes are broken or do not decode to UTF-8 (``/%ff%fe``) reaches the
  routes, and rasa-sdk answers it with 500 and a traceback.

:class:`CheckedHttp` checks the head of each request before Sanic's header reader
(``Http.http1_request_header``) runs; :func:`bot.web.connections.install` makes Sanic use it
(with read deadlines and a connection cap) process-wide, so the Rasa server and the action server
both get it. A request that breaks the framing rules of RFC 9112
section 6, or whose path is not UTF-8, gets 400 Bad Request, a closed connection and one short
log line saying why (never the path itself: it may hold a sender id); everything else goes on unchanged.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote_to_bytes

from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.http import Http

logger = logging.getLogger(__name__)

_DIGITS = re.compile(rb"[0-9]{1,15}")
_BROKEN_ESCAPE = re.compile(rb"%(?![0-9A-Fa-f]{2})")


class BadFraming(InvalidUsage):
    """A request whose length cannot be known for sure (answered 400, connection closed)."""


def problem(head: bytes) -> str | None:
    """Why this request head (request line and header lines, without the blank line) is refused, if it is."""
    request_line, _, rest = head.partition(b"\r\n")
    if not request_line.isascii():
        return "request line not ASCII"
    why = path_problem(request_line)
    if why:
        return why
    lengths: list[bytes] = []
    encodings: list[bytes] = []
    for line in rest.split(b"\r\n") if rest else []:
        name, colon, value = line.partition(b":")
        if not colon:
            continue  # Sanic answers a line without a colon with its own 400
        name = name.strip().lower()
        if name == b"content-length":
            lengths.append(value.strip())
        elif name == b"transfer-encoding":
            encodings.append(value.strip().lower())
    if lengths and encodings:
        return "both Content-Length and Transfer-Encoding"
    if len(lengths) > 1 or len(encodings) > 1:
        return "framing header repeated"
    if lengths and not _DIGITS.fullmatch(lengths[0]):
        return "Content-Length not a number"
    if encodings and encodings[0] != b"chunked":
        return "Transfer-Encoding other than chunked"
    return None


def path_problem(request_line: bytes) -> str | None:
    """Why the path of this (ASCII) request line cannot be read as text, if it cannot."""
    parts = request_line.split(b" ")
    if len(parts) != 3:
        return None  # Sanic answers a malformed request line with its own 400
    path = parts[1].partition(b"?")[0].partition(b"#")[0]
    if _BROKEN_ESCAPE.search(path):
        return "broken percent-escape in the path"
    try:
        unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return "path not UTF-8"
    return None


async def _read_head(http: Http) -> bytes:
    """Receive until the whole head is in Sanic's buffer, as Sanic does; return it (left in the buffer)."""
    buf = http.recv_buffer
    pos = 0
    while (pos := buf.find(b"\r\n\r\n", pos)) == -1:
        pos = max(0, len(buf) - 3)
        if pos >= http.HEADER_MAX_SIZE:
            raise PayloadTooLarge("Request header exceeds the size limit")
        await http._receive_more()
    return bytes(buf[:pos])


class CheckedHttp(Http):
    """Sanic's HTTP/1 connection handler with the framing check before the header reader.

    Sanic recompiles the methods named in ``__touchup__`` at start-up from their source, in the
    globals of the module that defines their class; declaring the method here (this module's
    globals) keeps the check's names in reach. The base class's reader is called by name.
    """

    __touchup__ = ("http1_request_header",)

    async def http1_request_header(self) -> None:
        why = problem(await _read_head(self))
        if why:
            self.keep_alive = False
            logger.warning("Refused a request with 400: %s.", why)
            raise BadFraming(f"Bad Request: {why}")
        await Http.http1_request_header(self)

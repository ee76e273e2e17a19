"""Nothing a client sends makes a server grow without bound, and normal users keep being answered.

One stack of its own with small bounds (bot/web/connections.py, bot/supervision.py): at most
:data:`CAP` open connections per server, :data:`READ_SECONDS` to send a request head or body, logs
rotated at :data:`LOG_BYTES`. Paths that are not UTF-8 get 400 and one short log line; sockets that
trickle a byte at a time are closed by the server while a normal turn is answered; a flood of log
lines is rotated. Every loop is bounded by a count of rounds, never by the clock. The fault table
gets this module's rows (``make chaos`` prints it).
"""

from __future__ import annotations

import resource
import socket
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.serve import Stack
from bot.supervision import LOG_BACKUPS
from bot.web.connections import (
    BODY_TIMEOUT_ENV,
    DEFAULT_BODY_TIMEOUT,
    HEADER_TIMEOUT_ENV,
    MAX_CONNECTIONS_ENV,
    Limits,
)
from tests.reliability.conftest import Server, raw_exchange
from tests.reliability.store_faults import TABLE, Conversations, wait_until

CAP = 8
READ_SECONDS = 2
LOG_BYTES = 16 * 1024
ROUND_SECONDS = 0.25
ROUNDS = 120  # 30 s of trickling: far beyond READ_SECONDS, so only a server that cuts it off passes
BAD_PATHS = [b"/%ff%fe", b"/webhooks/rest/webhook%C3%28", b"/%zz"]
# Long enough that it never completes while it trickles in, one byte per round.
SLOW_HEAD = b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + b"a" * ROUNDS * 2


@dataclass
class Servers:
    stack: Stack
    chat: Conversations

    def base(self, which: str) -> str:
        return self.stack.url if which == "rasa" else self.stack.actions_url

    def health(self, which: str) -> bool:
        path = "/webhooks/rest/" if which == "rasa" else "/health"
        with urllib.request.urlopen(self.base(which) + path, timeout=30) as resp:
            return resp.status == 200

    def logs(self, which: str) -> list[Path]:
        """The server's log and its rotated copies (supervisord names them rasa.log.1, rasa.log.2 ...)."""
        return sorted(self.stack.log_dir.glob(f"{which}.log*"))

    def pid(self, which: str) -> int:
        handle = self.stack.rasa if which == "rasa" else self.stack.actions
        assert handle is not None
        return handle.pid


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    tmp = tmp_path_factory.mktemp("bounded")
    limits = {HEADER_TIMEOUT_ENV: str(READ_SECONDS), BODY_TIMEOUT_ENV: str(READ_SECONDS), MAX_CONNECTIONS_ENV: str(CAP)}
    with Stack.isolated(tmp, extra_env=limits, log_bytes=f"{LOG_BYTES // 1024}KB") as stack:
        yield Servers(stack, Conversations(Server(stack, tmp / "conversations.db")))


@dataclass
class Trickler:
    """Sockets that send one byte of ``data`` per round and note how the server ended each."""

    url: str
    data: bytes
    sent: int = 1  # bytes of ``data`` sent at once on opening
    socks: list[socket.socket] = field(default_factory=list)
    ended: dict[int, bytes] = field(default_factory=dict)  # socket index -> the server's status line, or b""

    def open(self, count: int) -> None:
        parts = urlsplit(self.url)
        for _ in range(count):
            sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
            sock.sendall(self.data[: self.sent])
            sock.setblocking(False)
            self.socks.append(sock)

    def round(self) -> None:
        """Read what the server sent (a closed socket is noted), then send the next byte on the others."""
        for i, sock in enumerate(self.socks):
            if i in self.ended:
                continue
            try:
                self.ended[i] = sock.recv(4096).partition(b"\r\n")[0]
                continue
            except BlockingIOError:
                pass
            except OSError:
                self.ended[i] = b""
                continue
            try:
                sock.send(self.data[self.sent : self.sent + 1])
            except OSError:
                self.ended[i] = b""
        self.sent += 1

    def run(self) -> bool:
        """Trickle for at most ROUNDS rounds; True once the server has ended every socket."""
        for _ in range(ROUNDS):
            self.round()
            if len(self.ended) == len(self.socks):
                return True
            time.sleep(ROUND_SECONDS)
        return False

    def statuses(self) -> list[bytes]:
        return [self.ended.get(i, b"still open") for i in range(len(self.socks))]

    def close(self) -> None:
        for sock in self.socks:
            sock.close()


def slow_body(url: str, path: str) -> Trickler:
    """Sockets that send a whole request head at once, then its body a byte per round."""
    body = b'{"sender": "slow", "message": "' + b"a" * ROUNDS * 2 + b'"}'
    head = f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return Trickler(url, head.encode() + body, sent=len(head) + 1)


def new_log_text(servers: Servers, which: str, sizes: dict[Path, int]) -> str:
    return "".join(path.read_bytes()[sizes.get(path, 0) :].decode(errors="replace") for path in servers.logs(which))


@pytest.mark.parametrize("path", BAD_PATHS)
@pytest.mark.parametrize("which", ["rasa", "actions"])
def test_a_path_that_is_not_utf8_gets_400_and_one_short_log_line(servers: Servers, which: str, path: bytes) -> None:
    pid = servers.pid(which)
    sizes = {p: p.stat().st_size for p in servers.logs(which)}
    answer = raw_exchange(servers.base(which), b"GET " + path + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert b"Traceback" not in answer
    assert wait_until(lambda: "Refused a request" in new_log_text(servers, which, sizes))
    logged = new_log_text(servers, which, sizes)
    assert len(logged.splitlines()) == 1, logged
    assert len(logged) < 160 and "Traceback" not in logged and path.decode() not in logged, logged
    assert servers.health(which) and servers.pid(which) == pid
    if path == BAD_PATHS[0]:
        TABLE.add(f"path {path.decode()} ({which})", f"400, log: {logged.strip()!r}", 0, 0, True)


@pytest.mark.parametrize("part", ["head", "body"])
def test_trickled_sockets_over_the_cap_are_closed_and_a_normal_turn_is_answered(servers: Servers, part: str) -> None:
    pid = servers.pid("rasa")
    slow = (
        Trickler(servers.stack.url, SLOW_HEAD)
        if part == "head"
        else slow_body(servers.stack.url, "/webhooks/rest/webhook")
    )
    count = CAP + 4
    try:
        slow.open(count)
        slow.round()
        turn = servers.chat.say("rest", f"trickled-{part}-over-the-cap", "what is PLS?")
        closed = slow.run()
    finally:
        slow.close()
    statuses = slow.statuses()
    over_cap = statuses.count(b"HTTP/1.1 503 Service Unavailable")
    timed_out = statuses.count(b"HTTP/1.1 408 Request Timeout")
    TABLE.add(
        f"{count} sockets trickling a request {part}, cap {CAP}",
        f"turn answered; {over_cap} closed 503 (cap), {timed_out} closed 408 ({part} not in {READ_SECONDS} s)",
        len(servers.chat.stored_texts(turn.sender)), 1, servers.health("rasa") and servers.pid("rasa") == pid,
    )  # fmt: skip
    assert turn.answer()["kind"] == "answer" and not turn.told_not_saved
    assert closed, f"the server left trickled sockets open: {statuses}"
    assert over_cap >= count - CAP, f"more than {CAP} connections were kept open: {statuses}"
    # At most one line a minute: the first time the cap is reached in this server it is logged.
    assert wait_until(lambda: f"Connection cap ({CAP}) reached" in new_log_text(servers, "rasa", {}))
    assert servers.health("rasa") and servers.pid("rasa") == pid


@pytest.mark.parametrize("which", ["rasa", "actions"])
def test_a_trickled_body_is_cut_off_with_408(servers: Servers, which: str) -> None:
    pid = servers.pid(which)
    slow = slow_body(servers.base(which), "/webhooks/rest/webhook" if which == "rasa" else "/webhook")
    try:
        slow.open(1)
        closed = slow.run()
    finally:
        slow.close()
    assert closed and slow.statuses() == [b"HTTP/1.1 408 Request Timeout"], slow.statuses()
    assert servers.health(which) and servers.pid(which) == pid
    if which == "rasa":
        TABLE.add("a request body trickling in", f"408 after {READ_SECONDS} s, connection closed", 0, 0, True)


@pytest.mark.parametrize("which", ["rasa", "actions"])
def test_logs_rotate_by_size(servers: Servers, which: str) -> None:
    request = b"GET /%ff HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    oldest = servers.stack.log_dir / f"{which}.log.{LOG_BACKUPS}"
    for _ in range(3000):  # a line of about 100 bytes each: LOG_BACKUPS rotations need about 700
        if oldest.exists():
            break
        raw_exchange(servers.base(which), request)
    for _ in range(LOG_BYTES // 50):  # another whole log's worth: still no more than LOG_BACKUPS old ones
        raw_exchange(servers.base(which), request)
    names = [p.name for p in servers.logs(which)]
    assert names == [f"{which}.log", *(f"{which}.log.{n}" for n in range(1, LOG_BACKUPS + 1))], names
    assert wait_until(lambda: all(p.stat().st_size <= LOG_BYTES + 1024 for p in servers.logs(which)))
    assert servers.health(which)
    if which == "rasa":
        TABLE.add(
            "a flood of refused requests (log lines)",
            f"each log rotated at {LOG_BYTES // 1024} KB, {LOG_BACKUPS} old ones kept",
            0, 0, servers.health("rasa"),
        )  # fmt: skip


def test_the_bounds_come_from_the_environment_and_a_bad_value_stops_start_up() -> None:
    limits = Limits.from_env({HEADER_TIMEOUT_ENV: "1.5", MAX_CONNECTIONS_ENV: "3"})
    assert limits == Limits(header_timeout=1.5, body_timeout=DEFAULT_BODY_TIMEOUT, max_connections=3)
    for name, value in ((MAX_CONNECTIONS_ENV, "many"), (HEADER_TIMEOUT_ENV, "0"), (BODY_TIMEOUT_ENV, "-1")):
        with pytest.raises(SystemExit, match=name):
            Limits.from_env({name: value})
    # Never more connections than half the file descriptors the process may open.
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if soft != resource.RLIM_INFINITY:
        assert Limits.from_env({MAX_CONNECTIONS_ENV: str(10**9)}).max_connections <= soft // 2

"""A server that dies comes back by itself: `make run`'s launcher (bot/launcher.py), real servers, kill -9.

While the action server is down, turns get the polite error; while the Rasa server is down, a client's
connection is refused (the widget then says "can't be reached right now ... Try again"). Supervisord
restarts the dead server, the conversation goes on where it was (the tracker store is a SQLite file), the
launcher prints what happened, and Ctrl-C or SIGTERM leaves no process behind.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.serve import RASA_PYTHON, ROOT, _answers, free_port, port_in_use
from tests.support import Chat

START_SECONDS = 300  # bounds on waiting, never asserted on: a loaded machine is slow, not wrong
BACK_SECONDS = 300


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _descendants(root: int) -> set[int]:
    """Every process below ``root`` (supervisord and the servers under the launcher)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, todo = set(), [root]
    while todo:
        parent = todo.pop()
        children = {pid for pid, ppid in parents.items() if ppid == parent}
        todo.extend(children - found)
        found |= children
    return found


def _wait_for(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.25)


@dataclass
class Launcher:
    """`python -m bot.launcher --workdir DIR` on free ports, its output collected line by line."""

    workdir: Path
    port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    lines: list[str] = field(default_factory=list)
    proc: subprocess.Popen[str] | None = None
    reader: threading.Thread | None = None

    def start(self, wait: bool = True) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "MND_PORT": str(self.port),
            "MND_ACTIONS_PORT": str(self.actions_port),
        }
        self.proc = subprocess.Popen(
            [str(RASA_PYTHON), "-m", "bot.launcher", "--workdir", str(self.workdir)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        if not wait:
            return
        _wait_for(lambda: any(line.startswith("Ready in") for line in self.lines) or self.proc.poll() is not None,
                  START_SECONDS, "the launcher says it is ready")  # fmt: skip
        assert self.proc.poll() is None, self.output

    def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rasa_up(self) -> bool:
        return _answers(f"{self.url}/webhooks/rest/")

    def actions_up(self) -> bool:
        return _answers(f"http://127.0.0.1:{self.actions_port}/health")

    def pid(self, module: str, port: int) -> int:
        """The running server started as ``python -m <module> ... --port <port>``."""
        assert self.proc is not None
        for pid in _descendants(self.proc.pid):
            line = _cmdline(pid)
            if f"-m {module} " in line and f"--port {port} " in f"{line} " and _alive(pid):
                return pid
        raise AssertionError(f"no {module} process on port {port}")

    def said(self, pattern: str) -> bool:
        return any(re.search(pattern, line) for line in self.lines)

    def stop(self, signum: int) -> tuple[int, set[int]]:
        """Send ``signum`` to the launcher; return its exit code and the processes it had started."""
        assert self.proc is not None
        started = _descendants(self.proc.pid)
        self.proc.send_signal(signum)
        code = self.proc.wait(timeout=120)
        if self.reader is not None:
            self.reader.join(timeout=30)  # its last lines
        return code, started


@pytest.fixture(scope="module")
def launcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launcher]:
    running = Launcher(tmp_path_factory.mktemp("restarts"))
    running.start()
    try:
        yield running
    finally:
        if running.proc is not None and running.proc.poll() is None:
            running.stop(signal.SIGTERM)


def _kinds(replies: list[dict[str, Any]]) -> list[str]:
    return [(m.get("custom") or {}).get("kind") for m in replies if (m.get("custom") or {}).get("kind") != "disclaimer"]


def _answered(chat: Chat, message: str) -> dict[str, Any]:
    reply = chat.say(message)
    assert reply["custom"]["kind"] in ("answer", "not_covered"), reply
    return reply


def _assert_reported(launcher: Launcher, label: str, restart: str) -> None:
    """The launcher said, each line with its time, that the server stopped, was restarted and is back."""
    _wait_for(lambda: launcher.said(rf"The {label} is back"), 30, "the launcher says it is back")
    for pattern in (
        rf"^\d\d:\d\d:\d\d  The {label} stopped unexpectedly \(killed by SIGKILL\)\.$",
        rf"^\d\d:\d\d:\d\d  Restarting the {label} \(restart {restart}, process \d+\)\.$",
        rf"^\d\d:\d\d:\d\d  The {label} is back, \d+ s after it stopped\. Restarts since start: {restart}\.$",
    ):
        assert launcher.said(pattern), (pattern, launcher.output)


def test_action_server_killed_between_turns_gets_the_polite_error_then_answers_again(launcher: Launcher) -> None:
    chat = Chat(launcher.url, prefix="killed-actions")
    assert _answered(chat, "what is PLS?")["custom"]["condition"] == "pls"
    while_down = None
    for _ in range(5):  # supervisord restarts it at once: retry if it was back before the turn ended
        os.kill(launcher.pid("bot.web.actions_main", launcher.actions_port), signal.SIGKILL)
        if launcher.actions_up():
            continue
        replies = chat.post("is it inherited?")
        if not launcher.actions_up():
            while_down = replies
            break
    assert while_down is not None, "the action server was never seen down for a whole turn"
    [error] = [m for m in while_down if _kinds([m]) == ["error"]]
    assert error["text"] == "Sorry, I can't look that up right now. Please try again in a moment.", while_down
    # Nobody restarts it: supervisord does, and the conversation goes on where it was.
    _wait_for(launcher.actions_up, BACK_SECONDS, "the action server answers again")
    reply = _answered(chat, "is it inherited?")
    # Understood from the stored conversation: "it" is still PLS.
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pls", "inheritance"), reply
    _assert_reported(launcher, "action server", restart=r"\d+")


def _receive_queue(port: int) -> int:
    """Bytes waiting, unread, on connections to a local port (/proc/net/tcp: the server has not read them)."""
    waiting = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == "01":  # ESTABLISHED
            waiting += int(fields[4].split(":")[1], 16)
    return waiting


def test_action_server_killed_during_a_turn_gets_the_polite_error_then_answers_again(launcher: Launcher) -> None:
    chat = Chat(launcher.url, prefix="killed-mid-turn")
    assert _answered(chat, "what is ALS?")["custom"]["condition"] == "als"
    _wait_for(launcher.actions_up, BACK_SECONDS, "the action server answers")
    victim = launcher.pid("bot.web.actions_main", launcher.actions_port)
    os.kill(victim, signal.SIGSTOP)  # frozen: the turn's call to it waits, unread
    try:
        with ThreadPoolExecutor(1) as pool:
            in_flight = pool.submit(chat.post, "how is it treated?")
            _wait_for(lambda: _receive_queue(launcher.actions_port) > 0 or in_flight.done(), 60,
                      "the Rasa server has sent the turn's action call")  # fmt: skip
            assert not in_flight.done(), in_flight.result()
            os.kill(victim, signal.SIGKILL)  # dies holding the call
            replies = in_flight.result(timeout=120)
    finally:
        if _alive(victim):
            os.kill(victim, signal.SIGKILL)
    assert "error" in _kinds(replies), replies
    _wait_for(launcher.actions_up, BACK_SECONDS, "the action server answers again")
    reply = _answered(chat, "how is it treated?")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("als", "treatment"), reply


def test_rasa_server_killed_between_turns_refuses_connections_then_answers_with_context(launcher: Launcher) -> None:
    chat = Chat(launcher.url, prefix="killed-rasa")
    assert _answered(chat, "what is PLS?")["custom"]["condition"] == "pls"
    victim = launcher.pid("bot.web.rasa_main", launcher.port)
    os.kill(victim, signal.SIGKILL)
    # Its threads take a moment to end after the main one: until then the kernel still accepts connections.
    _wait_for(lambda: not port_in_use("127.0.0.1", launcher.port), 60, "the killed Rasa server's port is closed")
    # Nothing listens until the new one has loaded the model: the client's connection is refused
    # (the widget says "The assistant can't be reached right now ... Try again").
    with pytest.raises(urllib.error.URLError) as refused:
        chat.post("what are the symptoms?")
    assert isinstance(refused.value.reason, ConnectionRefusedError), refused.value
    _wait_for(launcher.rasa_up, BACK_SECONDS, "the Rasa server answers again")
    # The follow-up is understood from the stored conversation: the condition is still PLS.
    reply = _answered(chat, "what are the symptoms?")
    assert (reply["custom"]["condition"], reply["custom"]["topic"]) == ("pls", "symptoms"), reply
    _assert_reported(launcher, "Rasa server", restart="1")


def _assert_stops_cleanly(launcher: Launcher, signum: int) -> None:
    code, started = launcher.stop(signum)
    assert code == 0, launcher.output
    assert launcher.lines[-2:] == ["Stopping...", "Stopped."], launcher.output
    assert len(started) >= 3, started  # supervisord, the action server, the Rasa server
    left = {pid: _cmdline(pid) for pid in started if _alive(pid)}
    assert not left, left
    assert not launcher.rasa_up() and not launcher.actions_up()


def test_ctrl_c_after_restarts_leaves_no_process_behind(launcher: Launcher) -> None:
    _assert_stops_cleanly(launcher, signal.SIGINT)


def test_sigterm_during_start_up_leaves_no_process_behind(tmp_path: Path) -> None:
    launcher = Launcher(tmp_path)
    launcher.start(wait=False)
    try:
        assert launcher.proc is not None

        def both_spawned() -> bool:
            running = " ".join(_cmdline(pid) for pid in _descendants(launcher.proc.pid))  # type: ignore[union-attr]
            return "bot.web.rasa_main" in running and "bot.web.actions_main" in running

        _wait_for(both_spawned, START_SECONDS, "supervisord has started both servers")
        assert not any(line.startswith("Ready in") for line in launcher.lines), launcher.output
        _assert_stops_cleanly(launcher, signal.SIGTERM)
    finally:
        if launcher.proc is not None and launcher.proc.poll() is None:
            launcher.proc.kill()

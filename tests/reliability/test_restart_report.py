"""What the launcher prints from supervisord's log, for the cases too slow to cause with real servers.

The lines are in supervisord 4.3's own format (as in build/logs/supervisord.log); a server that keeps
dying at start-up takes about a minute of supervisord's growing pauses before it gives up.
"""

from __future__ import annotations

from pathlib import Path

from bot.restarts import Events
from bot.supervision import START_RETRIES, Program, Supervisor

LOG = """\
2026-11-30 09:59:25,887 INFO spawned: 'actions' with pid 9838
2026-11-30 09:59:25,919 INFO spawned: 'rasa' with pid 9839
2026-11-30 09:59:31,022 INFO success: rasa entered RUNNING state, process has stayed up for > than 5 seconds (startsecs)
2026-11-30 10:00:03,353 WARN exited: rasa (exit status 1; not expected)
2026-11-30 10:00:04,358 INFO spawned: 'rasa' with pid 10442
2026-11-30 10:00:05,001 WARN exited: rasa (exit status 1; not expected)
2026-11-30 10:00:07,002 INFO spawned: 'rasa' with pid 10450
2026-11-30 10:00:08,003 WARN exited: rasa (terminated by SIGSEGV (core dumped); not expected)
2026-11-30 10:00:08,004 INFO gave up: rasa entered FATAL state, too many start retries too quickly
"""


def _events(tmp_path: Path, log: str) -> Events:
    programs = [
        Program("actions", "action server", ["actions"], "http://127.0.0.1:9/health", 100),
        Program("rasa", "Rasa server", ["rasa"], "http://127.0.0.1:9/webhooks/rest/", 200),
    ]
    supervisor = Supervisor(
        Path("supervisord"), programs, log_dir=tmp_path, directory=tmp_path, env={}, autorestart=True
    )
    (tmp_path / "supervisord.log").write_text(log, encoding="utf-8")
    return Events(supervisor, answers=lambda url: False)


def test_a_server_that_keeps_failing_to_start_is_reported_each_time_then_given_up(tmp_path: Path) -> None:
    events = _events(tmp_path, LOG)
    said = list(events.poll())
    assert said == [
        "10:00:03  The Rasa server stopped unexpectedly (exit status 1).",
        "10:00:04  Restarting the Rasa server (restart 1, process 10442).",
        "10:00:05  The Rasa server failed to start (exit status 1); supervisord tries again in 1 s.",
        "10:00:07  Restarting the Rasa server (restart 2, process 10450).",
        "10:00:08  The Rasa server failed to start (killed by SIGSEGV (core dumped)); supervisord tries again in 2 s.",
        f"10:00:08  The Rasa server failed to start {START_RETRIES + 1} times in a row; giving up. "
        f"See {tmp_path}/rasa.log.",
    ]
    assert events.gave_up == ["rasa"]
    assert events.crashes() == {"actions": 0, "rasa": 1}
    assert events.restarts("rasa") == 2


def test_a_stop_asked_for_is_no_crash_and_its_start_no_restart(tmp_path: Path) -> None:
    events = _events(
        tmp_path,
        "2026-11-30 09:59:25,887 INFO spawned: 'actions' with pid 9838\n"
        "2026-11-30 10:01:00,100 INFO waiting for actions to stop\n"
        "2026-11-30 10:01:00,200 INFO stopped: actions (exit status 0)\n"
        "2026-11-30 10:01:05,300 INFO spawned: 'actions' with pid 9999\n",
    )
    assert list(events.poll()) == []
    assert events.crashes() == {"actions": 0, "rasa": 0}


def test_only_complete_lines_are_read_and_none_twice(tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    whole.mkdir()
    expected = list(_events(whole, LOG).poll())
    cut = LOG.index("exited: rasa (exit status 1") + 10  # in the middle of a line
    events = _events(tmp_path, LOG[:cut])
    first = list(events.poll())
    assert first == []  # the first crash's line is not complete yet
    with (tmp_path / "supervisord.log").open("a", encoding="utf-8") as log:
        log.write(LOG[cut:])
    assert list(events.poll()) == [line.replace(str(whole), str(tmp_path)) for line in expected]
    assert list(events.poll()) == []

"""What happened to the supervised servers, in plain words: which one died, when it was back, how often.

Read from supervisord's own log (every start and exit is there, with its time and cause), so that
nothing is missed between two looks; "back" means the server answers its health URL again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from bot.supervision import START_RETRIES, Program, Supervisor

_LINE = re.compile(r"^(?P<when>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),\d+ \w+ (?P<what>.*)$")
_SPAWNED = re.compile(r"^spawned: '(?P<name>[^']+)' with pid (?P<pid>\d+)")
_EXITED = re.compile(r"^exited: (?P<name>\S+) \((?P<how>.*); (?:not )?expected\)")
_GAVE_UP = re.compile(r"^gave up: (?P<name>\S+) entered FATAL state")
_STOPPED = re.compile(r"^stopped: (?P<name>\S+) ")


@dataclass
class _Track:
    program: Program
    restarts: int = 0
    crashes: int = 0
    asked_to_stop: bool = False  # stopped on request (tests, Ctrl-C): its next start is no restart
    serving: bool = False
    down_since: datetime | None = None
    failed_starts: int = 0


@dataclass
class Events:
    """Follows supervisord's log and says which server died, when it came back and how often (for `make run`)."""

    supervisor: Supervisor
    answers: Callable[[str], bool]
    offset: int = -1
    tracks: dict[str, _Track] = field(default_factory=dict)
    gave_up: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.offset < 0:
            self.offset = self.supervisor.log_start
        self.tracks = {p.name: _Track(p, serving=True) for p in self.supervisor.programs}

    def restarts(self, name: str) -> int:
        """How often supervisord restarted this server after it stopped unexpectedly."""
        return self.tracks[name].restarts

    def crashes(self) -> dict[str, int]:
        """How often each server stopped unexpectedly (read up to the last :meth:`poll`)."""
        return {name: track.crashes for name, track in self.tracks.items()}

    def poll(self) -> Iterator[str]:
        """New lines for the operator, each starting with the time it happened."""
        lines, self.offset = self.supervisor.log_lines(self.offset)
        for line in lines:
            yield from self._read(line)
        for track in self.tracks.values():  # back means answering its health URL, not just running
            if not track.serving and track.down_since is not None and self.answers(track.program.health_url):
                track.serving, track.failed_starts = True, 0
                took = (datetime.now() - track.down_since).total_seconds()
                yield (
                    f"{_clock(datetime.now())}  The {track.program.label} is back, {took:.0f} s after it "
                    f"stopped. Restarts since start: {track.restarts}."
                )

    def _read(self, line: str) -> Iterator[str]:
        match = _LINE.match(line)
        if not match:
            return
        when, what = datetime.strptime(match["when"], "%Y-%m-%d %H:%M:%S"), match["what"]
        if (m := _SPAWNED.match(what)) and m["name"] in self.tracks:
            track = self.tracks[m["name"]]
            if track.asked_to_stop:
                track.asked_to_stop, track.serving = False, True
            elif track.down_since is not None:
                track.restarts += 1
                yield (
                    f"{_clock(when)}  Restarting the {track.program.label} "
                    f"(restart {track.restarts}, process {m['pid']})."
                )
        elif (m := _STOPPED.match(what)) and m["name"] in self.tracks:
            self.tracks[m["name"]].asked_to_stop = True
        elif m := _EXITED.match(what):
            if m["name"] in self.tracks:
                track = self.tracks[m["name"]]
                how = m["how"].replace("terminated by", "killed by")
                if track.serving:
                    track.serving, track.down_since = False, when
                    track.crashes += 1
                    yield f"{_clock(when)}  The {track.program.label} stopped unexpectedly ({how})."
                else:
                    track.failed_starts += 1
                    yield (
                        f"{_clock(when)}  The {track.program.label} failed to start ({how}); supervisord "
                        f"tries again in {track.failed_starts} s."
                    )
        elif (m := _GAVE_UP.match(what)) and m["name"] in self.tracks:
            label = self.tracks[m["name"]].program.label
            self.gave_up.append(m["name"])
            yield (
                f"{_clock(when)}  The {label} failed to start {START_RETRIES + 1} times in a row; giving up. "
                f"See {self.supervisor.log_dir}/{m['name']}.log."
            )


def _clock(when: datetime) -> str:
    return when.strftime("%H:%M:%S")

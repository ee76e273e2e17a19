"""Latency by conversation length: one person's conversation through the REST channel, turn after turn.

A turn must cost the same at turn 200 as at turn 10 (issue 15, item 10: within 1.3x). The
conversation asks about one condition, then keeps following up and switching, as people do; the
figures are the p50/p95 of each window of ten turns and the Rasa server's CPU time per turn in it
(CPU time is steadier than wall time on a machine that others share).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

QUESTIONS = [
    "what is PLS",
    "what are the symptoms",
    "is it inherited?",
    "tell me more",
    "what about ALS?",
    "how is it treated?",
    "what does that mean?",
    "and PMA?",
]
WINDOWS = ((1, 10), (51, 60), (191, 200))

Turn = Callable[[str, str], tuple[int, list[Any]]]


def bench_conversation_length(
    turn: Turn,
    summary_ms: Callable[[list[float]], dict[str, float]],
    cpu_seconds: Callable[[], float],
    clock: Callable[[], float],
    turns: int,
) -> dict[str, Any]:
    """Send ``turns`` messages in one conversation; p50/p95 and Rasa CPU per turn for each window that fits."""
    latencies: list[float] = []
    cpu: list[float] = []
    errors = 0
    for n in range(turns):
        used = cpu_seconds()
        start = clock()
        status, replies = turn("bench-long", QUESTIONS[n % len(QUESTIONS)])
        latencies.append(clock() - start)
        cpu.append(cpu_seconds() - used)
        errors += status != 200 or not replies
    windows = []
    for first, last in WINDOWS:
        if last <= turns:
            part = slice(first - 1, last)
            windows.append(
                {
                    "turns": f"{first}-{last}",
                    **summary_ms(latencies[part]),
                    "rasa_cpu_ms_per_turn": round(1000 * sum(cpu[part]) / (last - first + 1), 2),
                }
            )
    result: dict[str, Any] = {"turns": turns, "errors": errors, "windows": windows}
    if len(windows) > 1:
        result["p50_ratio_last_to_first"] = round(windows[-1]["p50_ms"] / windows[0]["p50_ms"], 2)
    return result

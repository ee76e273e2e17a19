"""The report's charts: matplotlib PNGs embedded as data: URIs (nothing is fetched from anywhere)."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from datetime import date

import matplotlib

matplotlib.use("Agg")  # no display; must come before pyplot is imported

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator, PercentFormatter  # noqa: E402

# Colour-blind-safe pair (Okabe-Ito) and a neutral; every series also has its own marker or place.
BLUE, ORANGE, GREY = "#0072B2", "#D55E00", "#6b6b6b"
SIZE = (8.0, 3.2)


def _data_uri(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _by_day(ax: plt.Axes, days: Sequence[date]) -> None:
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=10))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.set_xlim(min(days), max(days)) if len(days) > 1 else None
    ax.grid(axis="y", color="#dddddd")
    ax.spines[["top", "right"]].set_visible(False)


def lines_per_day(days: Sequence[date], series: Sequence[tuple[str, Sequence[float]]], *, percent: bool = False) -> str:
    """One line per series over the days (a percentage axis if ``percent``)."""
    fig, ax = plt.subplots(figsize=SIZE)
    for (label, values), colour, marker in zip(series, (BLUE, ORANGE, GREY), ("o", "s", "^"), strict=False):
        ax.plot(days, values, label=label, color=colour, marker=marker, markersize=3, linewidth=1.6)
    _by_day(ax, days)
    if percent:
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_ylim(0, 1)
    else:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0)
    if len(series) > 1:
        ax.legend(frameon=False)
    return _data_uri(fig)


def bars_per_day(days: Sequence[date], values: Sequence[int]) -> str:
    fig, ax = plt.subplots(figsize=SIZE)
    ax.bar(days, values, color=ORANGE, width=0.8)
    _by_day(ax, days)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return _data_uri(fig)


def bars(labels: Sequence[str], values: Sequence[float], *, stacked: Sequence[float] | None = None) -> str:
    """Horizontal bars, largest first at the top; ``stacked`` adds a second part to each bar."""
    height = max(1.6, 0.32 * len(labels) + 0.6)
    fig, ax = plt.subplots(figsize=(8.0, height))
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color=BLUE, label="helpful" if stacked is not None else None)
    if stacked is not None:
        ax.barh(positions, stacked, left=values, color=ORANGE, hatch="//", label="not helpful")
        ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2)  # below, clear of bars
    ax.set_yticks(positions, labels)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", color="#dddddd")
    ax.spines[["top", "right"]].set_visible(False)
    return _data_uri(fig)

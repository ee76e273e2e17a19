"""The usage report page: each figure as a chart and as a table with the exact numbers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from bot.facts.vocab import REPLY_KINDS
from bot.pages import esc, figure, page, table
from bot.report import charts
from bot.report.figures import NO_CONTRACT, UNANSWERED_KINDS, Figures

TOP = 10
UNANSWERED_HEADERS = ("Day", "Turns", "Not answered", "Share")
FEEDBACK_HEADERS = ("Topic", "Helpful", "Not helpful", "Helpful share")


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _label(slug: str | None) -> str:
    return "(none)" if slug is None else slug.replace("_", " ")


def _summary(f: Figures, first: date, last: date) -> str:
    rows = [
        ("Period (UTC days)", f"{first:%d %b %Y} to {last:%d %b %Y}"),
        ("Conversations", f.conversations),
        ("Turns (messages people sent)", f.turns),
        ("Bot replies", f.replies),
        ("Turns it could not answer", f"{f.unanswered} ({_share(f.unanswered, f.turns)})"),
        ("Emergency replies", f.replies_by_kind["emergency"]),
    ]
    return table("In this period", ["What is counted", "Figure"], rows, numeric=[1], name="summary")


def _activity(f: Figures, days: Sequence[date]) -> str:
    conversations = [f.conversations_per_day[d] for d in days]
    turns = [f.turns_per_day[d] for d in days]
    chart = charts.lines_per_day(days, [("conversations", conversations), ("turns", turns)])
    rows = [(f"{d:%Y-%m-%d}", c, t) for d, c, t in zip(days, conversations, turns, strict=True)]
    return figure(chart, "Conversations and turns per day; the numbers are in the table below it.") + _daily(
        table(
            "Conversations and turns per day", ["Day", "Conversations", "Turns"], rows, numeric=[1, 2], name="per-day"
        )
    )


def _daily(inner: str) -> str:
    """A table of every day of the period, folded away under the chart that shows it."""
    return f"<details><summary>The numbers, day by day</summary>{inner}</details>"


def _kinds(f: Figures) -> str:
    # Every kind, none left out for being zero: "error 0" is worth seeing.
    kinds = [*REPLY_KINDS, *sorted(k for k in f.replies_by_kind if k not in REPLY_KINDS)]
    values = [f.replies_by_kind[k] for k in kinds]
    rows = [(k, n, _share(n, f.replies)) for k, n in zip(kinds, values, strict=True)]
    intro = (
        "<p>Every message the bot sent, by the kind its reply contract gives: <code>not_covered</code> means "
        "the material does not cover the question (or part of it), <code>clarify</code> that the bot asked "
        "which was meant, <code>disclaimer</code> the first message of each session."
        + (f" {esc(NO_CONTRACT)} counts messages stored without a contract." if f.replies_by_kind[NO_CONTRACT] else "")
        + "</p>"
    )
    chart = figure(charts.bars(kinds, values), "Replies by kind; the table below has the numbers.")
    return intro + chart + table("Replies by kind", ["Kind", "Replies", "Share"], rows, numeric=[1, 2], name="kinds")


def _unanswered(f: Figures, days: Sequence[date]) -> str:
    shares = [f.unanswered_per_day[d] / f.turns_per_day[d] if f.turns_per_day[d] else 0.0 for d in days]
    rows = [
        (
            f"{d:%Y-%m-%d}",
            f.turns_per_day[d],
            f.unanswered_per_day[d],
            _share(f.unanswered_per_day[d], f.turns_per_day[d]),
        )
        for d in days
    ]
    kinds = ", ".join(f"<code>{k}</code>" for k in sorted(UNANSWERED_KINDS))
    return (
        f"<p>A turn counts as not answered when any reply to it is {kinds}.</p>"
        + figure(
            charts.lines_per_day(days, [("not answered", shares)], percent=True), "Share of turns not answered per day."
        )
        + _daily(table("Turns not answered per day", UNANSWERED_HEADERS, rows, numeric=[1, 2, 3], name="unanswered"))
    )


def _most_asked(f: Figures) -> str:
    parts = ["<p>What the replies to each turn were about (a turn asking about two counts for both).</p>"]
    for counter, heading, name in ((f.conditions, "Condition", "conditions"), (f.topics, "Topic", "topics")):
        top = counter.most_common(TOP)
        labels, values = [_label(k) for k, _ in top], [n for _, n in top]
        if top:
            parts.append(figure(charts.bars(labels, values), f"Most asked {name}; the table below has the numbers."))
        rows = [(label, n, _share(n, f.turns)) for label, n in zip(labels, values, strict=True)]
        parts.append(table(f"Most asked {name}", [heading, "Turns", "Share of turns"], rows, numeric=[1, 2], name=name))
    return "".join(parts)


def _feedback(f: Figures) -> str:
    topics = sorted(f.feedback, key=lambda t: (-sum(f.feedback[t].values()), _label(t)))
    rows = []
    for t in topics:
        yes, no = f.feedback[t][True], f.feedback[t][False]
        rows.append((_label(t), yes, no, _share(yes, yes + no)))
    parts = ["<p>Answers to “Was this helpful?” under the bot's replies, by the topic of the reply.</p>"]
    if topics:
        chart = charts.bars([r[0] for r in rows], [r[1] for r in rows], stacked=[r[2] for r in rows])
        parts.append(figure(chart, "Helpful and not helpful answers by topic; the table below has the numbers."))
    parts.append(table("Feedback by topic", FEEDBACK_HEADERS, rows, numeric=[1, 2, 3], name="feedback"))
    return "".join(parts)


def _emergencies(f: Figures, days: Sequence[date]) -> str:
    values = [f.emergencies_per_day[d] for d in days]
    rows = [(f"{d:%Y-%m-%d}", n) for d, n in zip(days, values, strict=True) if n]
    return (
        "<p>Counts only: what was said is not shown here.</p>"
        + figure(
            charts.bars_per_day(days, values), "Emergency replies per day; the table below lists the days with any."
        )
        + table("Days with emergency replies", ["Day", "Emergency replies"], rows, numeric=[1], name="emergencies")
    )


def _questions(f: Figures, text_setting: str) -> str:
    if f.questions is None:
        return (
            f"<p>Question text is turned off ({esc(text_setting)}), so no wording is read or shown; the "
            "counts above are complete.</p>"
        )
    rows = []
    for group in f.questions.groups():
        others = [w for w, _ in group.wordings.most_common() if w != group.shown][:3]
        rows.append((esc(group.shown), group.count, "<br>".join(esc(w) for w in others)))
    return (
        "<p>The questions it could not answer, as people typed them (numbers and e-mail addresses masked; "
        "never who asked), grouped when they ask the same thing in other words.</p>"
        + table(
            "Most frequent questions it could not answer",
            ["Question", "Times", "Also asked as"],
            rows,
            numeric=[1],
            raw=True,
            name="questions",
        )
    )


def render(f: Figures, *, first: date, last: date, source: str, text_setting: str) -> str:
    """The whole report page for the UTC days ``first`` to ``last``."""
    days = _days(first, last)
    sections = [
        ("summary", "Summary", _summary(f, first, last)),
        ("activity", "Conversations and turns", _activity(f, days)),
        ("kinds", "Replies by kind", _kinds(f)),
        ("unanswered", "Questions it could not answer", _unanswered(f, days)),
        ("asked", "Most asked conditions and topics", _most_asked(f)),
        ("feedback", "Was this helpful?", _feedback(f)),
        ("emergencies", "Emergency replies", _emergencies(f, days)),
        ("questions", "What it could not answer", _questions(f, text_setting)),
    ]
    lead = (
        f"What people asked the MND patient-education bot and where it fell short, from the conversations "
        f"stored in {esc(source)}. Forgotten and purged conversations are not in it; nor is who asked."
    )
    return page("Usage report: MND patient-education bot", lead, sections)

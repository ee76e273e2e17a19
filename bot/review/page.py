"""The clinician's review page: every item in a table per kind, changes since an earlier review
highlighted, and a printable sign-off block at the end."""

from __future__ import annotations

from collections.abc import Sequence

from bot.pages import esc, framed, page, table
from bot.review.changes import Changes
from bot.review.items import JOIN, Row

# (kind, section anchor, heading, [(column, header)], what the section is for)
SECTIONS: tuple[tuple[str, str, str, Sequence[tuple[str, str]], str], ...] = (
    (
        "fact",
        "facts",
        "Facts",
        (
            ("id", "Fact"),
            ("condition", "Condition"),
            ("topics", "Topics"),
            ("answer", "Answer"),
            ("detail", "Detail (for “tell me more”)"),
            ("examples", "Example questions (for finding it, never shown)"),
            ("where", "Source and section"),
            ("grade", "Grade (answer / detail)"),
            ("terms", "Glossary terms"),
            ("note", "Reviewer note"),
        ),
        "Everything the bot states. The first topic is the fact's own; the first condition too, then "
        "others it is true of as written. The team's bar for reading grade (Flesch-Kincaid) is 8 or less.",
    ),
    (
        "gap",
        "gaps",
        "Gaps",
        (
            ("id", "Gap"),
            ("condition", "Condition"),
            ("topics", "Topic"),
            ("answer", "What the bot says"),
            ("examples", "Example questions"),
            ("where", "Source and section"),
        ),
        "What a source announces but does not give. The bot never fills these in; it says so and points "
        "the person to their healthcare provider.",
    ),
    (
        "term",
        "terms",
        "Glossary terms",
        (
            ("id", "Term"),
            ("answer", "Definition"),
            ("examples", "Other spellings"),
            ("where", "Source and section"),
            ("grade", "Reading grade"),
        ),
        "The meanings the bot gives when asked what a word means.",
    ),
    (
        "name",
        "names",
        "Recognition-only names",
        (("id", "Name"), ("condition", "Taken to mean"), ("note", "Reviewer note")),
        "Names the documents do not use: the bot recognises a question by them but never states them.",
    ),
    (
        "note",
        "notes",
        "Reviewer notes on files",
        (("id", "File in data/facts"), ("note", "Note")),
        "What each file of the curated data holds and how to read it.",
    ),
    (
        "source",
        "sources",
        "Notes on sources",
        (("id", "Source"), ("answer", "Citation shown to people"), ("note", "Note")),
        "",
    ),
)


# How wide each column is, relatively: the wording gets the room.
WIDTHS = {"id": 12, "condition": 8, "topics": 10, "answer": 18, "detail": 16, "examples": 16, "where": 12, "grade": 7,
          "terms": 8, "note": 12}  # fmt: skip


def _cell(row: Row, column: str, was: dict[str, str]) -> str:
    if column == "where":  # the source and its section, each marked if it changed
        return "<br>".join(_cell(row, part, was) for part in ("source", "section"))
    shown = esc(row[column])
    if column in ("condition", "examples", "topics", "terms"):
        shown = shown.replace(esc(JOIN), "<br>")
    if column not in was:
        return shown
    before = esc(was[column]) or "(empty)"
    return f"<mark>{shown or '(empty)'}</mark><span class=was>{before}</span>"


def _table(kind: str, caption: str, columns: Sequence[tuple[str, str]], rows: list[Row], changes: Changes) -> str:
    body = []
    for row in rows:
        status = changes.status(row)
        was = changes.changed.get((row["kind"], row["id"]), {})
        attrs = f' data-{kind}-id="{esc(row["id"])}"'
        if status:
            attrs += f' class="{status}" data-change="{status}"'
        label = f' <span class="badge">{status}</span>' if status else ""
        cells = [f"<th scope=row>{esc(row['id'])}{label}</th>"]
        cells += [f"<td>{_cell(row, column, was)}</td>" for column, _ in columns[1:]]
        body.append(f"<tr{attrs}>{''.join(cells)}</tr>")
    widths = [WIDTHS.get(column, 8) for column, _ in columns]
    return framed(
        caption, [(header, False) for _, header in columns], body, widths=[round(100 * w / sum(widths)) for w in widths]
    )


def _summary(rows: list[Row], changes: Changes, earlier: str | None) -> str:
    counts = [(heading, sum(1 for r in rows if r["kind"] == kind)) for kind, _, heading, _, _ in SECTIONS]
    parts = [table("What this review covers", ["Kind", "Items"], counts, numeric=[1])]
    if earlier is None:
        parts.append(
            "<p>No earlier review was given, so nothing is compared. To see what changed since a review that "
            "was signed off, run <code>make review EARLIER=&lt;its CSV&gt;</code>.</p>"
        )
    elif not changes.any:
        parts.append(f"<p>Compared with the earlier review <code>{esc(earlier)}</code>: nothing has changed.</p>")
    else:
        parts.append(
            f"<p>Compared with the earlier review <code>{esc(earlier)}</code>: "
            f"<strong>{len(changes.added)}</strong> added, <strong>{len(changes.changed)}</strong> changed, "
            f"<strong>{len(changes.removed)}</strong> removed. Added rows are green and marked “added”; in changed "
            "rows the new wording is highlighted, with what it was beneath.</p>"
        )
        changed = sorted(changes.added | set(changes.changed))
        parts.append(
            '<ul class="plain">'
            + "".join(
                f"<li>{esc(kind)} <strong>{esc(id)}</strong>: {'added' if (kind, id) in changes.added else 'changed'}"
                "</li>"
                for kind, id in changed
            )
            + "</ul>"
        )
    return "".join(parts)


def _removed(changes: Changes) -> str:
    rows = [(r["kind"], r["id"], r["answer"] or r["note"]) for r in changes.removed]
    return table("Items in the earlier review that are gone", ["Kind", "Id", "Text"], rows).replace(
        "<tr><td>", '<tr class="removed" data-change="removed"><td>'
    )


SIGN_OFF = """
<div class="signoff">
<p>I have reviewed every fact, gap, glossary term and name above against the sources named.</p>
<dl>
<dt>Reviewer</dt><dd></dd>
<dt>Role</dt><dd></dd>
<dt>Date</dt><dd></dd>
<dt>Decision</dt><dd class="decision">&#9744; Approved &nbsp; &#9744; Approved with the changes noted
 &nbsp; &#9744; Not approved</dd>
<dt>Changes needed</dt><dd></dd>
<dt>Signature</dt><dd></dd>
</dl>
</div>
"""


def render(rows: list[Row], changes: Changes, *, built: str, earlier: str | None) -> str:
    """The whole review page."""
    sections = [("summary", "Summary", _summary(rows, changes, earlier))]
    for kind, anchor, heading, columns, purpose in SECTIONS:
        mine = [r for r in rows if r["kind"] == kind]
        intro = f"<p>{esc(purpose)}</p>" if purpose else ""
        sections.append((anchor, heading, intro + _table(kind, f"{heading} ({len(mine)})", columns, mine, changes)))
    if earlier is not None:
        sections.append(("removed", "Removed since the earlier review", _removed(changes)))
    sections.append(("sign-off", "Sign-off", SIGN_OFF))
    lead = (
        f"Everything the bot can say, for a clinician to review and sign off before it goes live. "
        f"Fact store build {esc(built[:12])}. Print this page to sign it; the CSV beside it is the record "
        "to keep and to compare the next review with."
    )
    return page("Content review: MND patient-education bot", lead, sections, wide=True)

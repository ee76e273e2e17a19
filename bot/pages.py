"""The frame of the operators' HTML pages (``make report``, ``make review``): one self-contained file each.

Everything a page needs is inside it (style, and charts as data: URIs), so it opens from disk or
any web server, prints, and never asks another host for anything. Plain standard library, so both
environments can use it (the report runs in the Rasa one, the review in the action server's).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

STYLE = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #c8c8c8; --mark: #fff1a8;
        --added: #e3f4e1; --removed: #fbe4e4; }
body { font: 1.05rem/1.5 system-ui, sans-serif; color: var(--ink); margin: 0 auto; max-width: 75rem;
       padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid var(--line); }
body.wide { max-width: none; }
p.lead, .muted { color: var(--muted); }
nav ul { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; padding: 0; list-style: none; }
a { color: #0645ad; } a:focus, button:focus { outline: 3px solid #1a73e8; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: #f2f2f2; } td, th { overflow-wrap: break-word; } table.fixed { table-layout: fixed; }
details > summary { cursor: pointer; margin: .4rem 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.added { background: var(--added); } tr.removed { background: var(--removed); }
mark { background: var(--mark); } .was { display: block; color: var(--muted); font-size: .85rem; }
.was::before { content: "Was: "; font-weight: 600; }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
ul.plain { padding-left: 1.2rem; }
.badge { font-size: .8rem; padding: 0 .35rem; border: 1px solid; border-radius: 3px; }
.signoff { border: 2px solid var(--ink); padding: 1rem 1.5rem; margin-top: 2.5rem; page-break-inside: avoid; }
.signoff dl { display: grid; grid-template-columns: 9rem 1fr; gap: 1.4rem .8rem; }
.signoff dd { margin: 0; border-bottom: 1px solid var(--ink); min-height: 1.6rem; }
@media print { nav, .noprint { display: none; } body { max-width: none; font-size: 10pt; }
  a { color: inherit; text-decoration: none; } tr { page-break-inside: avoid; } }
"""


def esc(value: Any) -> str:
    """``value`` as HTML text (None as an empty string)."""
    return "" if value is None else html.escape(str(value), quote=True)


def page(title: str, lead: str, sections: Sequence[tuple[str, str, str]], *, wide: bool = False) -> str:
    """A whole page: ``sections`` are (anchor, heading, inner HTML), listed in a contents bar; ``wide``
    lets wide tables use the whole window."""
    nav = "".join(f'<li><a href="#{esc(anchor)}">{esc(heading)}</a></li>' for anchor, heading, _ in sections)
    body = "".join(
        f'<section id="{esc(anchor)}" aria-labelledby="{esc(anchor)}-h"><h2 id="{esc(anchor)}-h">{esc(heading)}</h2>'
        f"{inner}</section>"
        for anchor, heading, inner in sections
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # Nothing may load from anywhere: the page is whole in itself.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\">"
        f"<title>{esc(title)}</title><style>{STYLE}</style></head><body{' class=wide' if wide else ''}>"
        f'<header><h1>{esc(title)}</h1><p class="lead">{lead}</p>'
        f'<nav aria-label="Contents"><ul>{nav}</ul></nav></header><main>{body}</main></body></html>\n'
    )


def table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    numeric: Iterable[int] = (),
    raw: bool = False,
    name: str = "",
) -> str:
    """A table; cells are escaped unless ``raw`` (then the caller has escaped them); ``name`` is its
    ``data-figure`` attribute, by which tests and scripts find it."""
    numeric = set(numeric)
    body = []
    for row in rows:
        cells = "".join(
            f"<td{' class=num' if i in numeric else ''}>{cell if raw else esc(cell)}</td>" for i, cell in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return framed(caption, [(h, i in numeric) for i, h in enumerate(headers)], body, name=name)


def framed(
    caption: str,
    headers: Sequence[tuple[str, bool]],
    body: Sequence[str],
    *,
    name: str = "",
    widths: Sequence[int] = (),
) -> str:
    """A table around rows already made (``<tr>...</tr>``); headers are (text, numeric). With ``widths``
    (a share of the width per column), the columns keep those widths whatever they hold."""
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    cols = f"<colgroup>{cols}</colgroup>" if cols else ""
    head = "".join(f'<th scope="col"{" class=num" if num else ""}>{esc(h)}</th>' for h, num in headers)
    rows = "".join(body) or f'<tr><td colspan="{len(headers)}" class="muted">None.</td></tr>'
    attr = (f' data-figure="{esc(name)}"' if name else "") + (' class="fixed"' if widths else "")
    head = f"<caption>{esc(caption)}</caption>{cols}<thead><tr>{head}</tr></thead>"
    return f"<table{attr}>{head}<tbody>{rows}</tbody></table>"


def figure(src: str, alt: str) -> str:
    """An embedded chart (``src`` a data: URI) with its text alternative; the table beside it has the figures."""
    return f'<figure><img src="{esc(src)}" alt="{esc(alt)}"></figure>'

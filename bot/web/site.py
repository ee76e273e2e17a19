"""The widget's own files and the demo page, as the widget channel serves them (bot/web/channel.py).

Every file is served content-hashed and compressed (bot/web/assets.py); the demo page carries the
hashes of the files it loads, and a Content-Security-Policy that lets it load only the bot's own files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Tuple

from sanic import response
from sanic.response import HTTPResponse

from bot.web.assets import Assets

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
DEMO_PAGE = WEB_DIR / "demo.html"
# The questions suggested while typing, built from the fact store by `make facts` (bot/facts/suggestions.py).
SUGGESTIONS = WEB_DIR.parents[1] / "build" / "widget" / "suggestions.json"
# Where `rasa run` mounts this channel: its route "/webhooks/" joined with the channel's name.
WIDGET_PREFIX = "/webhooks/widget/"
JS = "text/javascript; charset=utf-8"
CSS = "text/css; charset=utf-8"
# widget.js loads the others (the widget's parts, one job each: see its header). Served content-hashed
# and compressed (bot/web/assets.py).
STATIC_FILES = {
    "widget.js": JS,
    "widget.css": CSS,
    "mndw-panel.css": CSS,
    "mndw-extras.css": CSS,
    "mndw-print.css": CSS,
    "demo.css": CSS,
    "mndw-core.js": JS,
    "mndw-render.js": JS,
    "mndw-talk.js": JS,
    "mndw-feedback.js": JS,
    "mndw-speech.js": JS,
    "mndw-print.js": JS,
    "mndw-match.js": JS,
    "mndw-suggest.js": JS,
    "mndw-panel.js": JS,
}
# The demo page loads only the bot's own files and talks only to the bot.
DEMO_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


def _asset_files() -> Dict[str, Tuple[Path, str]]:
    files = {name: (STATIC_DIR / name, kind) for name, kind in STATIC_FILES.items()}
    files["suggestions.json"] = (SUGGESTIONS, "application/json")
    return files


def _headers(content_type: str, *, csp: bool = False) -> Dict[str, str]:
    headers = {
        "Content-Type": content_type,
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    if csp:
        headers["Content-Security-Policy"] = DEMO_PAGE_CSP
    return headers


# Read lazily, on the first request for each file.
ASSETS = Assets(_asset_files(), _headers)


def demo_page_response() -> HTTPResponse:
    """The demo page: a short patient-education page with the widget open."""
    html = DEMO_PAGE.read_text(encoding="utf-8").replace("{{WIDGET_BASE}}", WIDGET_PREFIX)
    versions = ASSETS.versions()
    for name in ("widget.css", "demo.css"):
        html = html.replace(f"{name}{{{{V}}}}", f"{name}?v={versions.get(name, '')}")
    html = html.replace("widget.js{{V}}", f"widget.js?v={ASSETS.get('widget.js').digest}")
    return response.text(html, headers=_headers("text/html; charset=utf-8", csp=True))

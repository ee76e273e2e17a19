"""What the widget tests share: the browser, the bot, the demo page, and what a person does and sees there.

Debian's Chromium (driven by Playwright's sync API) loads the demo page that the bot itself
serves; both servers run as in `make run` (bot.serve.Stack on free ports, with a tracker store
of its own). Screenshots of the states tested go to tests/browser/results/ (ignored by git).
"""

from __future__ import annotations

import json
import sqlite3
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bot.serve import ROOT, Stack
from tests.support import widget_proof

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RESULTS = Path(__file__).resolve().parent / "results"
WEBHOOK = "**/webhooks/widget/webhook"
WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
ZOOM_200 = {"width": 640, "height": 400}  # a 1280 x 800 window at 200% zoom
ZOOM_400 = {"width": 320, "height": 200}  # the same window at 400% zoom
REPLY_TIMEOUT_MS = 60_000

BOT_REPLIES = "li.mndw-from-bot:not(.mndw-intro)"
# The buttons of the bot's own suggestions in its replies (not the widget's "More on this", "Yes", ...).
BOT_BUTTONS = f"{BOT_REPLIES} .mndw-choices:not(.mndw-follow-ups) button"

# Checks that the focused element is really visible to a sighted keyboard user: not the page
# itself, a focus ring drawn, on screen, and not covered by the panel or anything else.
FOCUS_PROBLEM_JS = """() => {
  const a = document.activeElement;
  if (!a || a === document.body || a === document.documentElement) return "focus is lost (on the page body)";
  const s = getComputedStyle(a);
  const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
  if (!ring) return "no focus ring on " + a.outerHTML.slice(0, 100);
  const r = a.getBoundingClientRect();
  if (!r.width || !r.height) return "the focused element has no size: " + a.outerHTML.slice(0, 100);
  if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth)
    return "the focused element is off screen: " + a.outerHTML.slice(0, 100);
  const cx = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const cy = Math.min(Math.max(r.top + Math.min(r.height / 2, 20), 0), innerHeight - 1);
  const hit = document.elementFromPoint(cx, cy);
  if (hit && hit !== a && !a.contains(hit) && !hit.contains(a))
    return "the focused element is covered by " + hit.outerHTML.slice(0, 100);
  return "";
}"""

NO_HORIZONTAL_SCROLL_JS = """() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > innerWidth) problems.push(`page ${doc.scrollWidth}px wide in a ${innerWidth}px window`);
  for (const sel of [".mndw-panel", ".mndw-log", ".mndw-form", ".mndw-tools"]) {
    const n = document.querySelector(sel);
    if (n && n.scrollWidth > n.clientWidth + 1)
      problems.push(`${sel} scrolls sideways (${n.scrollWidth} > ${n.clientWidth})`);
  }
  return problems;
}"""


# A deployment's crisis line (README, "Safety"), so that the self-harm card can offer it.
CRISIS_LINE = {"MND_CRISIS_LINE_NAME": "Samaritans", "MND_CRISIS_LINE_NUMBER": "116 123"}

# --------------------------------------------------------------------------- fixtures


@dataclass
class Bot:
    stack: Stack
    db: Path

    @property
    def url(self) -> str:
        return self.stack.url

    def stored_events(self, sender: str) -> int:
        """How many events the tracker store holds for ``sender``."""
        with sqlite3.connect(self.db) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0])

    def proof(self, sender: str) -> dict[str, str]:
        """The header that proves a request is about ``sender``'s own conversation (bot/web/sessions.py)."""
        return widget_proof(self.stack.state_dir, sender)

    def post(self, sender: str, message: str) -> list[dict[str, Any]]:
        """Talk to the widget's endpoint directly, with that conversation's proof (as another person would)."""
        request = urllib.request.Request(
            f"{self.url}/webhooks/widget/webhook",
            data=json.dumps({"sender": sender, "message": message}).encode(),
            headers={"Content-Type": "application/json", **self.proof(sender)},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())


class Widget:
    """The demo page with the widget, and what a person would do and see there."""

    def __init__(self, page: Page, url: str) -> None:
        self.page, self.url = page, url
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("dialog", self._on_dialog)

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def goto(self, page_url: str | None = None) -> Widget:
        self.page.goto(page_url or f"{self.url}/")
        expect(self.page.locator(".mndw")).to_be_attached()
        return self

    def reload(self) -> None:
        self.page.reload()
        expect(self.page.locator("#mndw-input")).to_be_visible()

    @property
    def box(self) -> Any:
        return self.page.locator("#mndw-input")

    def reply_count(self) -> int:
        return self.page.locator(BOT_REPLIES).count()

    def wait_for_reply(self, before: int) -> None:
        self.page.wait_for_function(
            """n => document.querySelectorAll('li.mndw-from-bot:not(.mndw-intro)').length > n
                 && !document.querySelector('.mndw-typing-on')""",
            arg=before,
            timeout=REPLY_TIMEOUT_MS,
        )

    def ask(self, text: str) -> list[dict[str, Any]]:
        """Type a question and press Enter; return the bot messages the server sent back."""
        before = self.reply_count()
        with self.page.expect_response(lambda r: r.url.endswith("/webhooks/widget/webhook")) as reply:
            self.box.fill(text)
            self.box.press("Enter")
        self.wait_for_reply(before)
        return reply.value.json()

    def transcript(self) -> list[tuple[str, str]]:
        """(who, text) of every message shown, oldest first: who is "you" or "bot"."""
        rows = self.page.eval_on_selector_all(
            "li.mndw-msg:not(.mndw-intro)",
            """items => items.map(li => [
                 li.classList.contains('mndw-from-user') ? 'you' : 'bot',
                 (li.querySelector('.mndw-text') || {}).textContent || ''])""",
        )
        return [(who, text) for who, text in rows]

    def shown_reply(self, index: int) -> dict[str, Any]:
        """What the person sees of one bot message: its text, its "From:" line, its buttons."""
        li = self.page.locator(BOT_REPLIES).nth(index)
        return {
            "text": li.locator(".mndw-text").text_content(),
            "from": li.locator(".mndw-from").text_content() if li.locator(".mndw-from").count() else None,
            "buttons": li.locator(".mndw-choices:not(.mndw-follow-ups) button").all_text_contents(),
            "class": li.get_attribute("class"),
        }

    def sender(self) -> str | None:
        """The conversation's sender id (None until the server has issued one, at the first message)."""
        return self.page.evaluate(
            """() => { for (const k of Object.keys(localStorage))
                 if (k.startsWith('mnd-widget:')) return JSON.parse(localStorage.getItem(k)).sender; }"""
        )

    def stored_state(self) -> dict[str, Any]:
        return self.page.evaluate(
            """() => { for (const k of Object.keys(localStorage))
                 if (k.startsWith('mnd-widget:')) return JSON.parse(localStorage.getItem(k)); }"""
        )

    def focus_problem(self) -> str:
        return self.page.evaluate(FOCUS_PROBLEM_JS)

    def focused(self) -> dict[str, Any]:
        return self.page.evaluate(
            """() => { const a = document.activeElement;
                 return {tag: a.tagName.toLowerCase(), id: a.id, text: (a.textContent || '').trim(),
                         cls: a.className && a.className.baseVal === undefined ? a.className : '',
                         inLastReply: !!a.closest('li.mndw-from-bot:last-child')}; }"""
        )

    def tool(self, name: str) -> Any:
        """A button of the tools, opening the menu first where the tools are folded into it."""
        button = self.page.get_by_role("button", name=name, exact=True)
        menu = self.page.locator(".mndw-menu")
        if not button.is_visible() and menu.is_visible() and menu.get_attribute("aria-expanded") != "true":
            menu.click()
        expect(button).to_be_visible()
        return button

    def largest_text(self) -> None:
        """Press A+ until the text is as large as it goes; the menu is closed afterwards."""
        larger = self.tool("A+ larger text")
        while larger.get_attribute("aria-disabled") != "true":
            larger.click()
        if self.page.locator(".mndw-menu").get_attribute("aria-expanded") == "true":
            self.page.locator(".mndw-menu").click()

    def seed(self, turns: list[tuple[str, list[dict[str, Any]]]]) -> None:
        """Load the page with these earlier turns (question, the bot's messages) saved, as after a reload.

        The messages are real replies the bot gave (see ``Bot.post``); the next message gets a new
        conversation from the server, which keeps the server's side of the conversation apart.
        """
        items: list[dict[str, Any]] = []
        for question, messages in turns:
            items.append({"id": len(items) + 1, "role": "user", "text": question})
            for m in messages:
                buttons = [{"title": b["title"], "payload": b.get("payload") or ""} for b in m.get("buttons") or []]
                items.append(
                    {
                        "id": len(items) + 1,
                        "role": "bot",
                        "text": m.get("text") or "",
                        "buttons": buttons,
                        "custom": m.get("custom"),
                    }
                )
        self.page.evaluate(
            """items => { const k = Object.keys(localStorage).find(k => k.startsWith('mnd-widget:'));
                 const s = JSON.parse(localStorage.getItem(k));
                 s.items = items; s.nextId = items.length + 1; s.sender = null; s.proof = null;
                 localStorage.setItem(k, JSON.stringify(s)); }""",
            items,
        )
        self.reload()

    def shot(self, name: str) -> None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(RESULTS / f"{name}.png"))


def citations(message: dict[str, Any]) -> str | None:
    """The "From:" line a bot message should show, from its reply contract."""
    seen: list[str] = []
    for source in message["custom"].get("sources") or []:
        if source["citation"] not in seen:
            seen.append(source["citation"])
    return "From: " + "; ".join(seen) if seen else None


def assert_shown_as_sent(widget: Widget, first_index: int, messages: list[dict[str, Any]]) -> None:
    """The widget shows each bot message the server sent: same text, its sources, its buttons."""
    for offset, message in enumerate(messages):
        shown = widget.shown_reply(first_index + offset)
        assert shown["text"] == message["text"]
        assert shown["from"] == citations(message)
        assert shown["buttons"] == [b["title"] for b in message.get("buttons") or []]
        assert f"mndw-kind-{message['custom']['kind']}" in shown["class"]


def run_axe(widget: Widget, name: str) -> list[dict[str, Any]]:
    if not AXE.exists():
        pytest.fail("axe-core is missing; `make browser` runs npm ci (package.json / package-lock.json)")
    widget.page.add_script_tag(path=str(AXE))
    result = widget.page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    assert len(result["passes"]) >= 20, "axe ran almost no rules"  # the scan really looked at the page
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"axe-{name}.json").write_text(json.dumps(result["violations"], indent=2))
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]

"""The chat widget in a real browser against the real bot: a conversation, keyboard use, reload,
forget, safety of what is shown, accessibility checks, failures, other sites, the channel's HTTP API.

Fixtures are in conftest.py, shared helpers in support.py.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Route, expect

from bot.serve import ROOT, Stack, free_port
from tests.browser.support import (
    BOT_BUTTONS,
    BOT_REPLIES,
    NARROW,
    NO_HORIZONTAL_SCROLL_JS,
    WEBHOOK,
    WIDE,
    ZOOM_200,
    Bot,
    Widget,
    assert_shown_as_sent,
    citations,
    run_axe,
)


class _EmbeddingPage(BaseHTTPRequestHandler):
    """Another site's page (another origin: another port) embedding the widget with one <link> and one <script>."""

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        bot_url = parse_qs(urlsplit(self.path).query).get("bot", [""])[0]
        html = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another site</title>'
            f'<link rel="icon" href="data:,"><link rel="stylesheet" href="{bot_url}/webhooks/widget/widget.css">'
            f'<script src="{bot_url}/webhooks/widget/widget.js" defer></script></head>'
            "<body><main><h1>Another site</h1><p>Some page about something else.</p></main></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(html)))
        self.end_headers()
        self.wfile.write(html)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def other_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _EmbeddingPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# --------------------------------------------------------------------------- a whole conversation


def test_conversation_with_follow_up_shows_answers_and_sources(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget()
    first = widget.ask("what is PLS")

    # A new conversation starts with the disclaimer, then the answer about PLS.
    assert [m["custom"]["kind"] for m in first] == ["disclaimer", "answer"]
    answer = first[-1]
    assert answer["custom"]["condition"] == "pls" and answer["custom"]["topic"] == "definition"
    assert "PLS" in answer["text"]
    assert citations(answer), "an answer must name its source"
    assert_shown_as_sent(widget, 0, first)
    assert "Cleveland Clinic" in widget.shown_reply(1)["from"]

    # The follow-up keeps the condition: "it" is PLS.
    follow_up = widget.ask("is it inherited?")
    assert len(follow_up) == 1
    reply = follow_up[0]
    assert reply["custom"]["condition"] == "pls" and reply["custom"]["topic"] == "inheritance"
    assert "inherit" in reply["text"].lower()
    assert_shown_as_sent(widget, 2, follow_up)

    # And another condition for the same topic.
    other = widget.ask("what about ALS?")
    assert other[-1]["custom"]["condition"] == "als" and other[-1]["custom"]["topic"] == "inheritance"
    assert_shown_as_sent(widget, 3, other)

    assert [who for who, _ in widget.transcript()] == ["you", "bot", "bot", "you", "bot", "you", "bot"]
    assert [text for who, text in widget.transcript() if who == "you"] == [
        "what is PLS",
        "is it inherited?",
        "what about ALS?",
    ]
    expect(widget.box).to_be_focused()

    # A suggestion button sends its question; the buttons stay after use.
    buttons_before = widget.page.locator(BOT_BUTTONS).count()
    assert buttons_before >= 1
    term_button = widget.page.locator(BOT_BUTTONS).first
    title = term_button.text_content()
    before = widget.reply_count()
    term_button.click()
    widget.wait_for_reply(before)
    assert widget.transcript()[-2] == ("you", title)
    assert "mndw-kind-definition" in widget.shown_reply(before)["class"]
    expect(widget.box).to_be_focused()
    assert widget.page.locator(BOT_BUTTONS).count() >= buttons_before
    expect(term_button).to_be_visible()

    widget.page.locator(BOT_REPLIES).nth(1).scroll_into_view_if_needed()
    widget.shot("conversation-wide")


def test_the_same_conversation_by_keyboard_alone(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget()
    page = widget.page

    # Tab from the top of the page to the first example question, checking focus at every stop.
    for _ in range(40):
        page.keyboard.press("Tab")
        assert widget.focus_problem() == ""
        if widget.focused()["text"] == "What is MND?":
            break
    else:
        pytest.fail("Tab never reached the example question 'What is MND?'")
    widget.shot("keyboard-focus")

    # Space on the example question asks it; focus goes back to the text box.
    before = widget.reply_count()
    page.keyboard.press("Space")
    widget.wait_for_reply(before)
    assert widget.transcript()[0] == ("you", "What is MND?")
    assert widget.focused()["id"] == "mndw-input"

    # Type the question and press Enter.
    before = widget.reply_count()
    page.keyboard.type("what is PLS")
    page.keyboard.press("Enter")
    widget.wait_for_reply(before)
    assert widget.transcript()[-1][0] == "bot" and "PLS" in widget.transcript()[-1][1]
    assert widget.shown_reply(widget.reply_count() - 1)["from"].startswith("From: ")
    assert widget.focused()["id"] == "mndw-input"

    # Shift+Tab from the text box reaches the newest reply's buttons; Enter activates one.
    page.keyboard.press("Shift+Tab")
    assert widget.focus_problem() == ""
    focused = widget.focused()
    assert focused["tag"] == "button" and focused["inLastReply"], focused
    before = widget.reply_count()
    page.keyboard.press("Enter")
    widget.wait_for_reply(before)
    assert widget.transcript()[-2] == ("you", focused["text"])
    assert widget.focused()["id"] == "mndw-input"

    # The follow-up by keyboard.
    before = widget.reply_count()
    page.keyboard.type("is it inherited?")
    page.keyboard.press("Enter")
    widget.wait_for_reply(before)
    last = widget.shown_reply(widget.reply_count() - 1)
    assert "PLS" in last["text"] and "inherit" in last["text"].lower()
    assert last["from"] and "Cleveland Clinic" in last["from"]

    # Shift+Tab walks back through the whole conversation to the panel's controls, focus always visible.
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        assert widget.focus_problem() == ""
        if widget.focused()["text"] == "Menu":
            break
    else:
        pytest.fail("Shift+Tab never reached the panel's Menu")

    # Tab forward again reaches the text box: nothing in the panel is a keyboard trap.
    for _ in range(60):
        page.keyboard.press("Tab")
        assert widget.focus_problem() == ""
        if widget.focused()["id"] == "mndw-input":
            break
    else:
        pytest.fail("Tab never came back to the text box")


# --------------------------------------------------------------------------- reload, start again, forget


def test_reload_keeps_the_transcript_and_forget_removes_it_on_both_sides(
    open_widget: Callable[..., Widget], bot: Bot
) -> None:
    widget = open_widget()
    widget.ask("what is PLS")
    widget.ask("is it inherited?")
    transcript = widget.transcript()
    sender = widget.sender()
    assert bot.stored_events(sender) > 0

    # Someone else's conversation, which forgetting this one must not touch.
    other = f"other-{uuid.uuid4().hex}"
    bot.post(other, "what is ALS")
    others_events = bot.stored_events(other)
    assert others_events > 0

    # A half-typed draft survives too.
    widget.box.fill("what are the symptoms")
    widget.reload()
    assert widget.transcript() == transcript
    assert widget.sender() == sender
    expect(widget.box).to_have_value("what are the symptoms")
    expect(widget.page.locator(BOT_BUTTONS).first).to_be_visible()
    widget.box.fill("")

    # Forget asks first; Cancel changes nothing and puts focus back on the control.
    forget = widget.tool("Forget this conversation")
    forget.click()
    confirm = widget.page.locator(".mndw-confirm")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("Forget this conversation?")
    expect(widget.page.locator("#mndw-confirm-q")).to_be_focused()
    widget.shot("forget-confirm")
    widget.page.get_by_role("button", name="Cancel").click()
    expect(confirm).to_be_hidden()
    expect(forget).to_be_focused()
    assert widget.transcript() == transcript
    assert bot.stored_events(sender) > 0

    # Escape also cancels.
    forget.press("Enter")
    expect(confirm).to_be_visible()
    widget.page.keyboard.press("Escape")
    expect(confirm).to_be_hidden()
    expect(forget).to_be_focused()

    # Confirmed: gone from the screen, from this browser's storage and from the tracker store.
    forget.click()
    widget.page.get_by_role("button", name="Yes, forget it").click()
    widget.page.wait_for_function("() => !document.querySelector('li.mndw-msg:not(.mndw-intro)')")
    assert widget.transcript() == []
    assert widget.sender() != sender
    assert widget.stored_state()["items"] == []
    assert bot.stored_events(sender) == 0
    assert bot.stored_events(other) == others_events
    expect(widget.box).to_be_focused()
    widget.reload()
    assert widget.transcript() == []

    # The next message is a new conversation: it starts with the disclaimer again.
    assert widget.ask("hello")[0]["custom"]["kind"] == "disclaimer"


def test_start_again_clears_the_screen_and_starts_a_new_conversation(
    open_widget: Callable[..., Widget], bot: Bot
) -> None:
    widget = open_widget()
    widget.ask("what is MND")
    sender = widget.sender()
    widget.tool("Start again").click()
    widget.page.get_by_role("button", name="Yes, start again").click()
    assert widget.transcript() == []
    assert widget.sender() != sender
    expect(widget.box).to_be_focused()
    # Only "Forget" deletes the server's copy.
    assert bot.stored_events(sender) > 0
    assert widget.ask("what is ALS")[0]["custom"]["kind"] == "disclaimer"


def _keep_as_an_earlier_version_did(widget: Widget) -> str:
    """Make the saved conversation look like one an earlier widget kept: its own sender id, no proof."""
    old = f"w-{uuid.uuid4().hex}"
    widget.page.evaluate(
        """old => { const k = Object.keys(localStorage).find(k => k.startsWith('mnd-widget:'));
             const s = JSON.parse(localStorage.getItem(k)); s.sender = old; delete s.proof;
             localStorage.setItem(k, JSON.stringify(s)); }""",
        old,
    )
    widget.reload()
    return old


def test_a_conversation_kept_by_an_earlier_version_starts_afresh_politely(
    open_widget: Callable[..., Widget], bot: Bot
) -> None:
    widget = open_widget()
    widget.ask("what is MND")
    old = _keep_as_an_earlier_version_did(widget)
    assert [t for who, t in widget.transcript() if who == "you"] == ["what is MND"]  # restored as before

    # The server refuses the old conversation; the question is answered in a new one, with a word why.
    with widget.page.expect_response(lambda r: r.url.endswith("/webhooks/widget/webhook") and r.ok) as reply:
        widget.box.fill("what is PLS")
        widget.box.press("Enter")
    messages = reply.value.json()
    assert [m["custom"]["kind"] for m in messages] == ["disclaimer", "answer"]
    widget.wait_for_reply(2)
    transcript = widget.transcript()
    assert transcript[0][0] == "bot" and "earlier version of this chat" in transcript[0][1]
    assert [t for who, t in transcript if who == "you"] == ["what is PLS"]
    assert transcript[-1] == ("bot", messages[-1]["text"])
    expect(widget.page.locator(".mndw-error")).to_be_hidden()
    assert widget.sender() not in (None, old) and bot.stored_events(old) == 0
    widget.shot("earlier-version-afresh")

    # Forget on such a conversation clears the device and says plainly that the server's copy stays.
    _keep_as_an_earlier_version_did(widget)
    widget.tool("Forget this conversation").click()
    widget.page.get_by_role("button", name="Yes, forget it").click()
    notice = widget.page.locator(f"{BOT_REPLIES}.mndw-kind-notice")
    expect(notice).to_contain_text("could not delete its own copy")
    assert [who for who, _ in widget.transcript()] == ["bot"]
    expect(widget.page.locator(".mndw-error")).to_be_hidden()


# --------------------------------------------------------------------------- safety of what is shown


def test_markup_in_messages_is_shown_as_text_and_never_runs(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget()
    attack = "<img src=x onerror=alert(1)>"
    widget.ask(attack)
    assert widget.transcript()[0] == ("you", attack)
    assert widget.page.evaluate("document.querySelectorAll('img').length") == 0

    # A reply carrying markup in its text, button title and citation is shown as text too.
    evil = {
        "recipient_id": "x",
        "text": "<img src=y onerror=alert(2)><script>alert(3)</script> See https://example.org/?q=<b>x</b>",
        "buttons": [{"title": "<img src=z onerror=alert(4)>", "payload": "/greet"}],
        "custom": {"kind": "answer", "sources": [{"id": "s", "citation": "<svg onload=alert(5)>"}]},
    }
    widget.page.route(WEBHOOK, lambda route: route.fulfill(json=[evil]))
    widget.ask("anything")
    widget.page.unroute(WEBHOOK)
    shown = widget.shown_reply(widget.reply_count() - 1)
    assert shown["text"] == evil["text"]
    assert shown["buttons"] == ["<img src=z onerror=alert(4)>"]
    assert shown["from"] == "From: <svg onload=alert(5)>"
    assert widget.page.evaluate("document.querySelectorAll('img, .mndw script, .mndw svg[onload]').length") == 0
    widget.page.wait_for_timeout(300)
    assert widget.dialogs == []


def test_emergency_replies_stand_out_and_are_announced_assertively(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget()
    messages = widget.ask("my husband can't breathe")
    assert messages[-1]["custom"]["kind"] == "emergency"
    urgent = widget.page.locator("li.mndw-kind-emergency").last
    expect(urgent).to_be_visible()
    # Not by colour alone: a warning icon and the word "Urgent".
    expect(urgent.locator(".mndw-urgent")).to_have_text("Urgent")
    expect(urgent.locator(".mndw-urgent svg")).to_have_count(1)
    assert urgent.evaluate("n => parseFloat(getComputedStyle(n).borderTopWidth)") >= 3
    live = widget.page.locator("[aria-live='assertive']")
    expect(live).to_have_count(1)
    expect(live).to_contain_text("Urgent: " + messages[-1]["text"])
    widget.shot("emergency")


def test_emergency_cards_offer_the_calls_that_fit(open_widget: Callable[..., Widget]) -> None:
    """Choking: the emergency number as call links, no crisis line. Thoughts of suicide: both."""
    widget = open_widget()

    def last_card() -> tuple[str, list[str]]:
        card = widget.page.locator("li.mndw-kind-emergency").last
        expect(card).to_be_visible()
        hrefs = card.locator("a.mndw-call").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        return card.inner_text(), hrefs

    widget.ask("my dad is choking on his dinner right now")
    text, hrefs = last_card()
    assert hrefs and all(re.fullmatch(r"tel:\d+", h) for h in hrefs)
    assert "tel:116123" not in hrefs and "Samaritans" not in text
    widget.ask("I want to end my life tonight")
    text, hrefs = last_card()
    assert "tel:116123" in hrefs and "Samaritans" in text
    assert any(h != "tel:116123" for h in hrefs)  # the emergency number too
    widget.shot("emergency-calls")


# --------------------------------------------------------------------------- accessibility checks


def test_axe_finds_no_wcag_violations(open_widget: Callable[..., Widget]) -> None:
    # The demo page's Content-Security-Policy would block the injected axe script.
    widget = open_widget(bypass_csp=True)
    widget.ask("what is PLS")
    widget.ask("is it inherited?")
    widget.ask("I can't breathe")
    assert run_axe(widget, "wide-conversation") == []

    widget.tool("Forget this conversation").click()
    assert run_axe(widget, "wide-confirm") == []
    widget.page.get_by_role("button", name="Cancel").click()

    widget.page.route(WEBHOOK, lambda route: route.abort())
    widget.box.fill("what is ALS")
    widget.box.press("Enter")
    expect(widget.page.locator(".mndw-error")).to_be_visible()
    assert run_axe(widget, "wide-error") == []
    widget.page.unroute(WEBHOOK)

    narrow = open_widget(NARROW, bypass_csp=True)
    narrow.ask("what is PLS")
    assert run_axe(narrow, "narrow-conversation") == []


def test_every_visible_button_is_at_least_44_by_44(open_widget: Callable[..., Widget]) -> None:
    def too_small(widget: Widget) -> list[str]:
        buttons = widget.page.locator("button:visible")
        assert buttons.count() > 0
        small = []
        for i in range(buttons.count()):
            box = buttons.nth(i).bounding_box()
            assert box is not None
            if box["width"] < 44 or box["height"] < 44:
                small.append(f"{buttons.nth(i).text_content()!r}: {box['width']:.0f}x{box['height']:.0f}")
        return small

    for viewport in (WIDE, NARROW):
        widget = open_widget(viewport)
        widget.ask("what is PLS")
        widget.page.locator(BOT_BUTTONS).first.scroll_into_view_if_needed()
        assert too_small(widget) == []
        # The smallest text size.
        smaller = widget.tool("A\u2212 smaller text")
        for _ in range(6):  # Enter, not click: at the end the button is aria-disabled (and stays focusable)
            smaller.press("Enter")
        assert too_small(widget) == []
        # The confirm and the error state.
        widget.tool("Forget this conversation").click()
        assert too_small(widget) == []
        widget.page.get_by_role("button", name="Cancel").click()
        widget.page.route(WEBHOOK, lambda route: route.abort())
        widget.box.fill("what is ALS")
        widget.box.press("Enter")
        expect(widget.page.get_by_role("button", name="Try again")).to_be_visible()
        assert too_small(widget) == []
        widget.page.unroute(WEBHOOK)
        # The launcher, once the panel is closed.
        widget.page.get_by_role("button", name="Close chat").click()
        expect(widget.page.locator(".mndw-launcher")).to_be_visible()
        assert too_small(widget) == []


def test_text_size_control_persists_and_keeps_focus(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget()
    size = "() => parseFloat(getComputedStyle(document.querySelector('.mndw')).fontSize)"
    start = widget.page.evaluate(size)
    larger = widget.tool("A+ larger text")
    larger.click()
    assert widget.page.evaluate(size) > start
    for _ in range(8):  # past the largest size: the button stays focused and says it is at the end
        larger.press("Enter")
    expect(larger).to_be_focused()
    expect(larger).to_have_attribute("aria-disabled", "true")
    largest = widget.page.evaluate(size)
    assert largest >= 2 * 16
    widget.reload()
    assert widget.page.evaluate(size) == largest
    widget.ask("what is PLS")
    assert widget.page.evaluate(NO_HORIZONTAL_SCROLL_JS) == []
    widget.shot("text-largest-wide")


@pytest.mark.parametrize(("name", "viewport"), [("narrow-320", NARROW), ("zoom-200", ZOOM_200)])
def test_small_screens_and_high_zoom_have_no_sideways_scrolling(
    open_widget: Callable[..., Widget], name: str, viewport: dict[str, int]
) -> None:
    widget = open_widget(viewport)
    # From the top of a fresh page, Tab goes straight into the open panel, never behind it.
    for _ in range(3):
        widget.page.keyboard.press("Tab")
        assert widget.focus_problem() == ""
    widget.ask("what is PLS")
    widget.ask("is it inherited?")
    assert widget.page.evaluate(NO_HORIZONTAL_SCROLL_JS) == []
    widget.shot(f"conversation-{name}")
    # Keyboard focus is never hidden behind the panel, which covers the page on small screens.
    for _ in range(30):
        widget.page.keyboard.press("Tab")
        assert widget.focus_problem() == ""
    # The largest text size still fits.
    widget.largest_text()
    assert widget.page.evaluate(NO_HORIZONTAL_SCROLL_JS) == []
    widget.shot(f"text-largest-{name}")


def test_typing_indicator_is_polite_and_still_under_reduced_motion(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget(reduced_motion="reduce")
    held: list[Route] = []
    widget.page.route(WEBHOOK, lambda route: held.append(route))
    widget.box.fill("what is MND")
    widget.box.press("Enter")
    typing = widget.page.locator(".mndw-typing")
    expect(typing).to_contain_text("typing")
    assert typing.get_attribute("role") == "status"
    # On its way, the message is shown as sent: "Not sent yet" is only for a failed send.
    expect(widget.page.locator("li.mndw-from-user")).to_have_text("Youwhat is MND")
    expect(widget.page.locator(".mndw-unsent")).to_have_count(0)
    animation = widget.page.evaluate("getComputedStyle(document.querySelector('.mndw-dots span')).animationName")
    assert animation == "none"
    widget.shot("typing")
    assert len(held) == 1
    before = widget.reply_count()
    held[0].continue_()
    widget.wait_for_reply(before)
    widget.page.unroute(WEBHOOK)
    expect(typing).not_to_contain_text("typing")


# --------------------------------------------------------------------------- failure and privacy


def test_server_unreachable_keeps_the_message_and_try_again_delivers_it(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget()
    page = widget.page
    widget.ask("what is MND")

    # The server cannot be reached: a clear message, a Try again button, the message kept.
    page.route(WEBHOOK, lambda route: route.abort("connectionrefused"))
    widget.box.fill("what is PLS")
    widget.box.press("Enter")
    error = page.locator(".mndw-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("can't be reached")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    expect(widget.box).to_have_value("what is PLS")
    expect(page.locator(".mndw-unsent")).to_contain_text("what is PLS")
    assert widget.stored_state()["pending"]["payload"] == "what is PLS"
    expect(page.locator(".mndw-panel")).to_be_visible()
    widget.shot("error-unreachable")

    # Still unreachable after a reload: nothing is lost, the error is shown again.
    widget.reload()
    expect(error).to_be_visible()
    expect(widget.box).to_have_value("what is PLS")
    expect(page.locator(".mndw-unsent")).to_contain_text("what is PLS")

    # The server answers with an error status: still kept.
    page.unroute(WEBHOOK)
    page.route(WEBHOOK, lambda route: route.fulfill(status=503, json={"error": "unavailable"}))
    page.get_by_role("button", name="Try again").click()
    expect(error).to_be_visible()
    expect(page.locator(".mndw-unsent")).to_have_count(1)

    # Back again: Try again delivers the kept message, once.
    page.unroute(WEBHOOK)
    before = widget.reply_count()
    with page.expect_response(lambda r: r.url.endswith("/webhooks/widget/webhook")) as reply:
        page.get_by_role("button", name="Try again").click()
    widget.wait_for_reply(before)
    assert reply.value.request.post_data_json["message"] == "what is PLS"
    expect(error).to_be_hidden()
    expect(page.locator(".mndw-unsent")).to_have_count(0)
    expect(widget.box).to_have_value("")
    expect(widget.box).to_be_focused()
    assert [t for who, t in widget.transcript() if who == "you"] == ["what is MND", "what is PLS"]
    assert "PLS" in widget.transcript()[-1][1]
    assert widget.stored_state()["pending"] is None


def test_action_server_stopped_gives_a_polite_reply_and_ask_again_works(
    open_widget: Callable[..., Widget], bot: Bot
) -> None:
    widget = open_widget()
    widget.ask("what is MND")
    bot.stack.stop_actions()
    try:
        reply = widget.ask("what is PLS")
        assert reply[-1]["custom"]["kind"] == "error"
        shown = widget.shown_reply(widget.reply_count() - 1)
        assert shown["text"] == reply[-1]["text"] and "mndw-kind-error" in shown["class"]
        again = widget.page.get_by_role("button", name="Ask again: what is PLS")
        expect(again).to_be_visible()
        widget.shot("error-reply-ask-again")
    finally:
        bot.stack.start_actions()
    before = widget.reply_count()
    with widget.page.expect_response(lambda r: r.url.endswith("/webhooks/widget/webhook")) as answer:
        again.click()
    widget.wait_for_reply(before)
    assert answer.value.json()[-1]["custom"]["condition"] == "pls"
    assert widget.transcript()[-2] == ("you", "what is PLS")
    expect(again).to_be_visible()  # buttons stay


def test_bot_stopped_mid_conversation_then_back_delivers_the_kept_message(
    open_widget: Callable[..., Widget], bot: Bot
) -> None:
    widget = open_widget()
    widget.ask("what is MND")
    bot.stack.stop()
    try:
        widget.box.fill("what is PLS")
        widget.box.press("Enter")
        expect(widget.page.locator(".mndw-error")).to_contain_text("can't be reached")
        expect(widget.box).to_have_value("what is PLS")
        expect(widget.page.locator(".mndw-panel")).to_be_visible()
    finally:
        bot.stack.start()
    before = widget.reply_count()
    widget.page.get_by_role("button", name="Try again").click()
    widget.wait_for_reply(before)
    expect(widget.page.locator(".mndw-error")).to_be_hidden()
    expect(widget.box).to_have_value("")
    assert [t for who, t in widget.transcript() if who == "you"] == ["what is MND", "what is PLS"]
    assert "PLS" in widget.transcript()[-1][1]


def test_no_request_leaves_the_bots_origin(open_widget: Callable[..., Widget], bot: Bot) -> None:
    origin = f"{urlsplit(bot.url).scheme}://{urlsplit(bot.url).netloc}"
    widget = open_widget()
    requests: list[str] = []
    widget.page.on("request", lambda request: requests.append(request.url))
    widget.reload()
    widget.ask("what is PLS")
    widget.ask("what does atrophy mean")
    widget.tool("Forget this conversation").click()
    widget.page.get_by_role("button", name="Yes, forget it").click()
    widget.page.wait_for_function("() => !document.querySelector('li.mndw-msg:not(.mndw-intro)')")
    assert requests, "no requests were seen at all"
    elsewhere = [u for u in requests if not (u.startswith(origin + "/") or u.startswith("data:"))]
    assert elsewhere == []
    # Nothing is tracked either: no cookie of any site, first or third party.
    assert widget.page.context.cookies() == []


def test_another_site_can_embed_the_widget_only_when_its_origin_is_allowed(
    open_widget: Callable[..., Widget], bot: Bot, other_site: str, tmp_path: Path
) -> None:
    # By default only the bot's own pages may talk to it: the browser's CORS check stops the message,
    # and the widget says so and keeps the message.
    refused = open_widget(page_url=f"{other_site}/?bot={bot.url}")
    launcher = refused.page.get_by_role("button", name="Ask about MND")
    expect(launcher).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()
    expect(refused.box).to_be_focused()
    refused.box.fill("what is PLS")
    refused.box.press("Enter")
    expect(refused.page.locator(".mndw-error")).to_be_visible()
    expect(refused.box).to_have_value("what is PLS")

    # With the origin listed under allowed_origins in credentials.yml, the same page works.
    credentials = tmp_path / "credentials.yml"
    credentials.write_text(f'rest:\nbot.web.channel.WidgetInput:\n  allowed_origins: ["{other_site}"]\n')
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text((ROOT / "endpoints.yml").read_text().replace("build/conversations.db", str(tmp_path / "c.db")))
    ports = {"port": free_port(), "actions_port": free_port()}
    stack = Stack(**ports, credentials=credentials, endpoints=endpoints, log_dir=tmp_path / "logs", state_dir=tmp_path)
    with stack as allowing:
        widget = open_widget(bot_url=allowing.url, page_url=f"{other_site}/?bot={allowing.url}")
        widget.page.get_by_role("button", name="Ask about MND").click()
        messages = widget.ask("what is PLS")
        assert messages[-1]["custom"]["condition"] == "pls"
        assert_shown_as_sent(widget, 0, messages)
        widget.shot("embedded-other-origin")
        widget.tool("Forget this conversation").click()
        widget.page.get_by_role("button", name="Yes, forget it").click()
        widget.page.wait_for_function("() => !document.querySelector('li.mndw-msg:not(.mndw-intro)')")
        expect(widget.page.locator(".mndw-error")).to_be_hidden()


# --------------------------------------------------------------------------- the channel's HTTP API


def _http(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            raw, status, content_type = response.read(), response.status, response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raw, status, content_type = exc.read(), exc.code, exc.headers.get("Content-Type", "")
    return status, json.loads(raw) if "json" in content_type and raw else raw.decode()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"", "empty_body"),
        (b"not json", "invalid_json"),
        (b"[1, 2]", "invalid_json"),
        (b'{"message": "hi"}', "missing_field"),
        (b'{"sender": "abc"}', "missing_field"),
        (b'{"sender": 5, "message": "hi"}', "wrong_type"),
        (b'{"sender": "abc", "message": ["hi"]}', "wrong_type"),
        (b'{"sender": "abc", "message": "   "}', "empty_message"),
        (b'{"sender": "../etc", "message": "hi"}', "invalid_sender"),
        (json.dumps({"sender": "abc", "message": "x" * 2001}).encode(), "message_too_long"),
    ],
)
def test_bad_requests_get_a_clear_4xx_json_error(bot: Bot, body: bytes, code: str) -> None:
    status, answer = _http("POST", f"{bot.url}/webhooks/widget/webhook", body, {"Content-Type": "application/json"})
    assert status == 400
    assert answer["error"] == code and answer["detail"]


def test_the_channel_endpoints(bot: Bot) -> None:
    base = f"{bot.url}/webhooks/widget"
    # The server issues a conversation's sender id and its proof; every request about it carries the proof.
    status, session = _http("POST", f"{base}/session")
    assert status == 200 and re.fullmatch(r"w-[0-9a-f]{32}", session["sender"]) and session["proof"]
    proof = {"X-Sender-Proof": session["proof"]}
    body = json.dumps({"sender": session["sender"], "message": "what is PLS"}).encode()
    status, messages = _http("POST", f"{base}/webhook", body, proof)
    assert status == 200
    # One object per bot message: text, buttons and the reply contract together (Rasa's REST channel
    # would send the answer as two items, and split texts on blank lines).
    assert [m["custom"]["kind"] for m in messages] == ["disclaimer", "answer"]
    assert all(m["text"] and m["custom"]["kind"] for m in messages)
    assert messages[-1]["buttons"] and messages[-1]["custom"]["sources"]

    assert _http("GET", f"{base}/webhook")[0] == 405
    assert _http("DELETE", f"{base}/conversations/bad%20id")[0] == 400
    status, answer = _http(
        "POST", f"{base}/webhook", b'{"sender": "abc", "message": "hi"}', {"Origin": "http://elsewhere.invalid"}
    )
    assert (status, answer["error"]) == (403, "origin_not_allowed")
    assert _http("DELETE", f"{base}/conversations/abc", headers={"Origin": "http://elsewhere.invalid"})[0] == 403
    assert _http("GET", f"{base}/nothing-here.js")[0] == 404
    status, health = _http("GET", f"{base}/")
    assert (status, health["status"], health["conversation_store"]["state"]) == (200, "ok", "ok")
    assert _http("POST", f"{base}/webhook", b'{"sender": "abc\\n", "message": "hi"}')[1]["error"] == "invalid_sender"

    page = urllib.request.urlopen(f"{bot.url}/", timeout=10)
    assert "Content-Security-Policy" in page.headers and "not medical advice" in page.read().decode()
    script = urllib.request.urlopen(f"{base}/widget.js", timeout=10)
    assert script.headers["Content-Type"].startswith("text/javascript")
    assert urllib.request.urlopen(f"{bot.url}/webhooks/rest/", timeout=10).status == 200

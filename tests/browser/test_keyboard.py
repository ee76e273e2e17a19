"""Switch and keyboard use: the newest suggestions a few presses from the text box at any length
of conversation, a skip link and a shortcut to the chat, Esc to close, each reply heard once."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from playwright.sync_api import expect

from tests.browser.support import NARROW, WIDE, ZOOM_400, Bot, Widget, run_axe
from tests.browser.test_layout import QUESTIONS

IN_NEWEST_SUGGESTIONS_JS = """() => {
  const a = document.activeElement;
  const items = [...document.querySelectorAll('.mndw-list > li')];
  return !!a.closest('.mndw-choices') && a.closest('li') === items[items.length - 1];
}"""


def presses_to_newest_suggestions(widget: Widget, key: str) -> int:
    """How many presses of ``key`` take focus from the text box to the newest reply's suggestions."""
    widget.box.focus()
    for presses in range(1, 40):
        widget.page.keyboard.press(key)
        assert widget.focus_problem() == ""
        if widget.page.evaluate(IN_NEWEST_SUGGESTIONS_JS):
            return presses
    return 99


def test_newest_suggestions_stay_within_three_presses_after_twenty_turns(
    open_widget: Callable[..., Widget], bot: Bot
) -> None:
    sender = f"keyboard-{uuid.uuid4().hex}"
    earlier = [(q, bot.post(sender, q)) for q in QUESTIONS[:19]]
    for viewport in (WIDE, NARROW):
        widget = open_widget(viewport)
        widget.ask("what is PLS")
        first = presses_to_newest_suggestions(widget, "Shift+Tab")
        widget.seed(earlier)
        widget.ask("what is PLS")
        assert widget.page.locator(".mndw-list > li").count() > 40
        # Older replies' buttons are skipped by Tab (still there to tap or click).
        assert presses_to_newest_suggestions(widget, "Shift+Tab") == first <= 3
        old = widget.page.locator("li.mndw-old .mndw-choice").first
        expect(old).to_have_attribute("tabindex", "-1")
        expect(old).to_be_visible()
    widget.shot("keyboard-twenty-turns-newest-suggestion")
    before = widget.reply_count()
    widget.page.keyboard.press("Enter")
    widget.wait_for_reply(before)


def test_skip_link_and_shortcut_reach_the_chat_and_esc_closes_the_docked_panel(
    open_widget: Callable[..., Widget],
) -> None:
    widget = open_widget(WIDE)
    page = widget.page
    # Esc closes the docked panel (not only the full-window one) and focus goes to the launcher.
    widget.box.focus()
    page.keyboard.press("Escape")
    expect(page.locator(".mndw-panel")).to_be_hidden()
    launcher = page.locator(".mndw-launcher")
    expect(launcher).to_be_focused()
    # From the top of the page the first Tab shows the skip link; Enter opens the chat in the text box.
    page.reload()
    expect(launcher).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.locator(".mndw-skip")
    expect(skip).to_be_focused()
    assert widget.focus_problem() == ""
    widget.shot("keyboard-skip-link")
    page.keyboard.press("Enter")
    expect(widget.box).to_be_focused()
    # The shortcut from anywhere on the page, panel closed or open.
    page.keyboard.press("Escape")
    page.locator("h1").click()
    page.keyboard.press("Alt+Shift+KeyC")
    expect(widget.box).to_be_focused()
    expect(launcher).to_have_attribute("aria-keyshortcuts", "Alt+Shift+C")


def test_each_reply_is_announced_once(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget(WIDE)
    page = widget.page
    # The list of messages is not a live region (it would announce every reply a second time).
    expect(page.locator(".mndw-log")).to_have_attribute("aria-live", "off")
    polite = page.locator(".mndw-panel [aria-live='polite'][aria-atomic='true']")
    urgent = page.locator(".mndw-panel [aria-live='assertive']")
    answer = widget.ask("what is PLS")[-1]
    expect(polite).to_contain_text(answer["text"])
    emergency = widget.ask("my husband can't breathe")
    urgent_text = next(m["text"] for m in emergency if m["custom"]["kind"] == "emergency")
    expect(urgent).to_have_text("Urgent: " + urgent_text)
    # Said once, assertively: the polite region does not repeat the urgent words.
    assert urgent_text not in (polite.text_content() or "")


def test_axe_finds_no_violations_in_the_folded_states(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget(ZOOM_400, bypass_csp=True)
    widget.ask("what is PLS")
    widget.tool("Forget this conversation")
    assert run_axe(widget, "zoom-400-menu") == []
    widget.page.get_by_role("button", name="Forget this conversation").click()
    assert run_axe(widget, "zoom-400-confirm") == []

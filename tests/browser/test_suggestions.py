"""Fewer keystrokes: suggested questions while typing (chosen by keyboard alone or a tap), "More on
this" and "Other topics" after answers, and the keystrokes the suggestions save."""

from __future__ import annotations

import json
from collections.abc import Callable

from playwright.sync_api import Browser, expect

from bench.keystrokes import SUGGESTIONS, measure, saving
from tests.browser.support import BOT_REPLIES, NARROW, Widget, run_axe


def test_suggestions_appear_for_partial_input_and_are_chosen_by_keyboard(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget(bypass_csp=True)
    page = widget.page
    box = widget.box
    listbox = page.get_by_role("listbox", name="Suggested questions")
    expect(box).to_have_attribute("aria-autocomplete", "list")
    expect(box).to_have_attribute("aria-controls", "mndw-suggestions")
    # One letter: nothing yet; a few: up to five full questions that fit.
    box.focus()
    page.keyboard.type("s")
    expect(listbox).to_be_hidden()
    page.keyboard.type("ympt")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    assert 1 <= options.count() <= 5
    shown = options.all_text_contents()
    assert all("symptom" in q.lower() and q.endswith("?") for q in shown), shown
    widget.shot("suggestions-open")
    # Down, Down, Up: the second then the first is active; focus never leaves the text box.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "mndw-suggestion-1")
    page.keyboard.press("ArrowUp")
    expect(box).to_have_attribute("aria-activedescendant", "mndw-suggestion-0")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_be_focused()
    widget.shot("suggestions-active")
    assert run_axe(widget, "suggestions-active") == []
    # Esc closes the list, not the panel.
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_be_visible()
    # Down opens it again; Enter asks the active question.
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "mndw-suggestion-0")
    before = widget.reply_count()
    with page.expect_response(lambda r: r.url.endswith("/webhooks/widget/webhook")) as reply:
        page.keyboard.press("Enter")
    widget.wait_for_reply(before)
    assert reply.value.request.post_data_json["message"] == shown[0]
    assert reply.value.json()[-1]["custom"]["topic"] == "symptoms"
    assert widget.transcript()[-2 if len(reply.value.json()) == 1 else -3] == ("you", shown[0])
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("")


def test_a_tap_on_a_suggestion_asks_it_on_a_small_screen(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget(NARROW)
    widget.box.fill("")
    widget.box.press_sequentially("what is pls")
    option = widget.page.get_by_role("option").first
    question = option.text_content()
    assert question and "PLS" in question
    assert (option.bounding_box() or {}).get("height", 0) >= 44
    widget.shot("suggestions-narrow")
    before = widget.reply_count()
    option.click()
    widget.wait_for_reply(before)
    assert ("you", question) in widget.transcript()


def test_more_on_this_and_other_topics_after_an_answer(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget(bypass_csp=True)
    page = widget.page
    answer = widget.ask("what is PLS")[-1]["custom"]
    last = page.locator(BOT_REPLIES).last
    more = last.get_by_role("group", name="More")
    expect(more.get_by_role("button")).to_have_text(["More on this", "Other topics"])
    # "Other topics": the fact store's other topic questions about PLS, in place; focus on the first.
    more.get_by_role("button", name="Other topics").click()
    topics = last.get_by_role("group", name="Other topics").get_by_role("button")
    expect(topics.first).to_be_focused()
    offered = topics.all_text_contents()
    listed = json.loads(SUGGESTIONS.read_text(encoding="utf-8"))["questions"]
    expected = [e["q"] for e in listed if e.get("c") == "pls" and e.get("t") != answer["topic"]]
    assert offered == expected and offered
    widget.shot("other-topics")
    assert run_axe(widget, "other-topics") == []
    before = widget.reply_count()
    topics.first.click()
    widget.wait_for_reply(before)
    assert widget.transcript()[-2] == ("you", offered[0])
    # "More on this": the longer details of the newest answer.
    before = widget.reply_count()
    with page.expect_response(lambda r: r.url.endswith("/webhooks/widget/webhook")) as reply:
        page.locator(BOT_REPLIES).last.get_by_role("button", name="More on this").click()
    widget.wait_for_reply(before)
    assert reply.value.request.post_data_json["message"] == "/ask_more"
    assert widget.transcript()[-2] == ("you", "More on this")


def test_suggestions_save_at_least_sixty_percent_of_keystrokes(browser: Browser) -> None:
    entries = json.loads(SUGGESTIONS.read_text(encoding="utf-8"))["questions"]
    page = browser.new_page()
    try:
        costs = measure(page, entries)
    finally:
        page.close()
    assert all(c.arrows for c in costs), "every common question must be reachable by its suggestion"
    assert saving(costs) >= 0.60

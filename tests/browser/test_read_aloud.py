""" "Read aloud" with the browser's speech synthesis: a spy stands in for it (headless Chromium has no
voices), so the test sees exactly what the widget asks the browser to say, and how fast."""

from __future__ import annotations

import json
from collections.abc import Callable

from playwright.sync_api import expect

from tests.browser.support import BOT_REPLIES, Widget, run_axe

# A remote default voice and a local one: the widget should pick the local one.
VOICES = [
    {"name": "Remote English", "lang": "en-US", "localService": False, "default": True},
    {"name": "Local English", "lang": "en-GB", "localService": True, "default": False},
]

SPEECH_SPY = """
(() => {
  window.__spoken = [];
  window.__cancels = 0;
  const voices = %s;
  class Utterance { constructor(text) { this.text = text; this.rate = 1; this.voice = null; this.lang = ""; } }
  Object.defineProperty(window, "SpeechSynthesisUtterance", {value: Utterance, configurable: true});
  Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
    getVoices: () => voices,
    speak: u => window.__spoken.push({text: u.text, rate: u.rate, voice: u.voice && u.voice.name}),
    cancel: () => { window.__cancels += 1; },
    addEventListener: () => {},
  }});
})();
"""


def test_read_aloud_speaks_the_answer_stops_and_remembers_the_speed(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget(init_script=SPEECH_SPY % json.dumps(VOICES), bypass_csp=True)
    page = widget.page
    answer = widget.ask("what is PLS")[-1]
    read = page.locator(BOT_REPLIES).last.get_by_role("button", name="Read aloud")
    expect(read).to_be_visible()
    read.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken == [{"text": answer["text"], "rate": 1, "voice": "Local English"}]
    stop = page.locator(BOT_REPLIES).last.get_by_role("button", name="Stop reading")
    expect(stop).to_be_focused()
    widget.shot("read-aloud-reading")
    assert run_axe(widget, "read-aloud-reading") == []
    cancels = page.evaluate("window.__cancels")
    stop.click()
    assert page.evaluate("window.__cancels") > cancels
    expect(read).to_have_text("Read aloud")
    assert len(page.evaluate("window.__spoken")) == 1

    # Slower, twice, in the tools; remembered after a reload.
    slower = widget.tool("Read slower")
    slower.click()
    slower.click()
    expect(slower).to_have_attribute("aria-disabled", "true")
    widget.reload()
    page.locator(BOT_REPLIES).last.get_by_role("button", name="Read aloud").click()
    assert page.evaluate("window.__spoken") == [{"text": answer["text"], "rate": 0.6, "voice": "Local English"}]


def test_no_read_aloud_where_the_browser_has_no_voice(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget(init_script=SPEECH_SPY % "[]")
    widget.ask("what is PLS")
    expect(widget.page.locator(BOT_REPLIES).last.get_by_role("group", name="Was this helpful?")).to_be_visible()
    expect(widget.page.get_by_role("button", name="Read aloud")).to_have_count(0)
    expect(widget.page.get_by_role("button", name="Read slower")).to_have_count(0)

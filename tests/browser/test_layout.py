"""The panel on small screens, at high zoom and with the largest text: the newest answer in view,
one scroll area, the text box always on screen, the tools folded into a menu.

Sizes tried (CSS pixels): 320 x 640 (a small phone), 640 x 400 and 320 x 200 (a 1280 x 800 window
at 200% and 400% zoom), and 320 x 640 with the widget's largest text size.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.support import NARROW, ZOOM_200, ZOOM_400, Bot, Widget

# Twenty questions of a long conversation: short and long answers, follow-ups, a disclaimer first.
QUESTIONS = [
    "what is PLS",
    "is it inherited?",
    "what about ALS?",
    "how is it treated",
    "what are the symptoms of PMA",
    "what causes MND",
    "how is MND diagnosed",
    "tell me more",
    "what is the outlook for ALS",
    "what does atrophy mean",
    "what is Kennedy's disease",
    "who is at risk of MND",
    "what is PBP",
    "how can I cope with MND",
    "what are motor neurons",
    "when should I see a provider",
    "what is SMA",
    "what is post-polio syndrome",
    "what types of MND are there",
    "thank you",
]

# Everything a person needs on one screen, and the start of the newest answer in the conversation's view.
LAYOUT_PROBLEMS_JS = """() => {
  const problems = [];
  const log = document.querySelector('.mndw-log').getBoundingClientRect();
  const items = [...document.querySelectorAll('.mndw-list > li')];
  let i = items.length - 1;
  while (i >= 0 && !items[i].classList.contains('mndw-from-user')) i--;
  const turn = items.slice(i + 1);
  const answer = turn.find(li => li.classList.contains('mndw-kind-emergency'))
    || turn.find(li => !li.classList.contains('mndw-kind-disclaimer'));
  if (!answer) problems.push('no answer after the last question');
  else {
    const a = answer.getBoundingClientRect();
    // Its first line ("Assistant" and the start of the text) is inside the visible conversation.
    const line = answer.querySelector('.mndw-text') || answer;
    const firstLine = parseFloat(getComputedStyle(line).lineHeight) || 24;
    if (a.top < log.top - 1 || line.getBoundingClientRect().top + firstLine > log.bottom + 1)
      problems.push(`newest answer starts at ${a.top}, conversation shows ${log.top}-${log.bottom}`);
  }
  for (const sel of ['#mndw-input', '.mndw-send', '.mndw-close', '.mndw-title']) {
    const r = document.querySelector(sel).getBoundingClientRect();
    if (r.top < 0 || r.bottom > innerHeight + 0.5 || r.left < 0 || r.right > innerWidth + 0.5)
      problems.push(`${sel} is off screen`);
  }
  const tools = document.querySelector('.mndw-menu').offsetParent ? '.mndw-menu' : '.mndw-forget';
  const t = document.querySelector(tools).getBoundingClientRect();
  if (!t.height || t.bottom > innerHeight) problems.push(`${tools} is off screen`);
  // One scroll area: nothing else in the panel scrolls (the text box scrolls its own words).
  const scrolling = [...document.querySelectorAll('.mndw-panel, .mndw-panel :not(textarea)')].filter(n => {
    const s = getComputedStyle(n);
    return /(auto|scroll)/.test(s.overflowY) && n.scrollHeight > n.clientHeight + 1;
  });
  if (scrolling.some(n => !n.classList.contains('mndw-log')))
    problems.push('more than one scroll area: ' + scrolling.map(n => n.className).join(', '));
  return problems;
}"""

GREETING_IN_VIEW_JS = """() => {
  const log = document.querySelector('.mndw-log').getBoundingClientRect();
  const greeting = document.querySelector('.mndw-intro').getBoundingClientRect();
  const words = document.querySelector('.mndw-intro .mndw-note').getBoundingClientRect();
  return greeting.top >= log.top && greeting.top < log.top + 20 && words.top + 20 < log.bottom;
}"""

SETUPS = {
    "narrow-320": (NARROW, False),
    "zoom-200": (ZOOM_200, False),
    "zoom-400": (ZOOM_400, False),
    "text-largest-320": (NARROW, True),
}


Turns = list[tuple[str, list[dict[str, Any]]]]


@pytest.fixture(scope="module")
def earlier_turns(bot: Bot) -> Turns:
    """The bot's real replies to the first 19 questions, asked once for all the sizes."""
    sender = f"layout-{uuid.uuid4().hex}"
    return [(q, bot.post(sender, q)) for q in QUESTIONS[:-1]]


@pytest.mark.parametrize("name", list(SETUPS))
def test_the_newest_answer_is_in_view_and_nothing_needed_is_off_screen(
    open_widget: Callable[..., Widget], earlier_turns: Turns, name: str
) -> None:
    viewport, largest = SETUPS[name]
    widget = open_widget(viewport)
    if largest:
        widget.largest_text()
        assert widget.page.evaluate("parseFloat(getComputedStyle(document.querySelector('.mndw')).fontSize)") >= 32
    # On opening, the greeting starts at the top of the conversation, its first words in view, and
    # the tools are folded behind "Menu".
    assert widget.page.evaluate(GREETING_IN_VIEW_JS)
    expect(widget.page.locator(".mndw-menu")).to_be_visible()
    expect(widget.page.locator(".mndw-forget")).to_be_hidden()
    # Turns 1, 5 and 20 asked in the browser (the earlier ones loaded as after a reload).
    for turn in (1, 5, 20):
        if turn > 1:
            widget.seed(earlier_turns[: turn - 1])
        widget.ask(QUESTIONS[turn - 1])
        assert widget.page.evaluate(LAYOUT_PROBLEMS_JS) == [], f"after {turn} turn(s)"
        widget.shot(f"layout-{name}-turn-{turn}")
    # The menu opens in the conversation's place; "Yes, forget it" is in view, then Cancel brings all back.
    widget.tool("Forget this conversation").click()
    yes = widget.page.get_by_role("button", name="Yes, forget it")
    assert yes.evaluate("n => n.getBoundingClientRect().bottom <= innerHeight && n.getBoundingClientRect().top >= 0")
    widget.shot(f"layout-{name}-confirm")
    widget.page.get_by_role("button", name="Cancel").click()
    expect(widget.page.locator(".mndw-forget")).to_be_focused()
    widget.shot(f"layout-{name}-menu")
    widget.page.keyboard.press("Escape")
    expect(widget.page.locator(".mndw-menu")).to_be_focused()
    assert widget.page.evaluate(LAYOUT_PROBLEMS_JS) == []

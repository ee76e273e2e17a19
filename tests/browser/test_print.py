"""Print and save for an appointment: a clean, dated page of the conversation on paper (print media)
and as a file made in the browser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.support import RESULTS, Widget, citations

PRINT_SPY = "window.__printed = 0; window.print = () => { window.__printed += 1; };"

PRINT_PROBLEMS_JS = """() => {
  const problems = [];
  const shown = n => n.getClientRects().length > 0 && getComputedStyle(n).visibility !== 'hidden';
  for (const li of document.querySelectorAll('li.mndw-msg:not(.mndw-intro)'))
    if (!shown(li)) problems.push('a message is not printed: ' + li.textContent.slice(0, 40));
  const controls = [...document.querySelectorAll('button, textarea, input, .mndw-skip')].filter(shown);
  if (controls.length) problems.push('controls printed: ' + controls.map(c => c.textContent || c.tagName).join(', '));
  for (const sel of ['.mndw-panel', '.mndw-log']) {
    const n = document.querySelector(sel);
    if (n.scrollHeight > n.clientHeight + 1) problems.push(sel + ' cuts the conversation off');
    if (getComputedStyle(n).position === 'fixed') problems.push(sel + ' is fixed to one page');
  }
  if (shown(document.querySelector('h1'))) problems.push("the host page's own content is printed");
  for (const n of [...document.querySelectorAll('.mndw-msg, .mndw-msg *')].filter(shown)) {
    const s = getComputedStyle(n);
    if (s.color !== 'rgb(0, 0, 0)' && n.closest('.mndw-msg') && n.textContent.trim() && !n.children.length)
      problems.push(`text not black: ${n.className} ${s.color}`);
    if (!['rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'].includes(s.backgroundColor))
      problems.push(`background not white: ${n.className} ${s.backgroundColor}`);
  }
  return problems;
}"""


def test_printed_page_is_the_whole_conversation_dated_without_controls(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget(init_script=PRINT_SPY)
    page = widget.page
    first = widget.ask("what is PLS")
    widget.ask("my husband can't breathe")
    widget.ask("is it inherited?")
    widget.tool("Print or save as PDF").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    head = page.locator(".mndw-print-head")
    expect(head).to_be_visible()
    expect(head).to_contain_text("Conversation with the MND education assistant")
    expect(head).to_contain_text("not medical advice")
    assert page.evaluate(PRINT_PROBLEMS_JS) == []
    # Dated in words, and each answer keeps its source.
    assert page.locator(".mndw-print-date").text_content().startswith("Printed ")
    assert not any(ch == "/" for ch in page.locator(".mndw-print-date").text_content())
    expect(page.locator(".mndw-from").first).to_have_text(citations(first[-1]))
    page.screenshot(path=str(RESULTS / "print-media.png"), full_page=True)
    page.emulate_media(media="screen")
    expect(widget.box).to_be_visible()


def test_saved_file_holds_the_conversation_and_opens_offline(
    open_widget: Callable[..., Widget], tmp_path: Path
) -> None:
    widget = open_widget()
    page = widget.page
    asked = ["what is PLS", "<b>is it inherited?</b>"]
    replies = [widget.ask(q) for q in asked]
    with page.expect_download() as download:
        widget.tool("Save to a file").click()
    name = download.value.suggested_filename
    assert name.startswith("mnd-conversation-") and name.endswith(".html")
    saved = tmp_path / name
    download.value.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert "<script" not in html and "<b>" not in html  # text stays text
    # Opened with no server at all (file://), it shows every question and answer with its source.
    viewer = page.context.new_page()
    viewer.route(
        "**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_()
    )
    viewer.goto(saved.as_uri())
    expect(viewer.locator("h1")).to_have_text("Conversation with the MND education assistant")
    expect(viewer.locator(".note")).to_contain_text("not medical advice")
    texts = viewer.locator("li .text").all_text_contents()
    expected: list[str] = []
    for question, messages in zip(asked, replies, strict=True):
        expected.append(question)
        expected += [m["text"] for m in messages]
    assert texts == expected
    assert citations(replies[0][-1]) in viewer.locator("li .from").all_text_contents()
    viewer.screenshot(path=str(RESULTS / "saved-file.png"), full_page=True)

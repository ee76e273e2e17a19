"""Smaller things people notice: the launcher never hides page text, a rate-limited message can be
asked again, and the widget's files are compressed and cached by content hash."""

from __future__ import annotations

import gzip
import json
import re
import urllib.request
from collections.abc import Callable

from playwright.sync_api import expect

from tests.browser.support import NARROW, Bot, Widget

LAUNCHER_COVERS_JS = """() => {
  const launcher = document.querySelector('.mndw-launcher').getBoundingClientRect();
  const texts = [...document.querySelectorAll('main p, main li, main h1, main h2')];
  return texts.filter(n => {
    const r = n.getBoundingClientRect();
    return r.bottom > launcher.top && r.top < launcher.bottom && r.right > launcher.left && r.left < launcher.right;
  }).map(n => n.textContent.slice(0, 40));
}"""


def test_the_launcher_never_hides_the_end_of_the_page_or_focus(open_widget: Callable[..., Widget]) -> None:
    widget = open_widget(NARROW)
    page = widget.page
    widget.largest_text()  # the launcher is at its tallest
    page.get_by_role("button", name="Close chat").click()
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    assert page.evaluate(LAUNCHER_COVERS_JS) == []
    widget.shot("launcher-page-end-320")
    # Focus moved through the page is scrolled clear of the launcher.
    page.reload()  # the panel stays closed; Tab starts from the top of the page
    expect(page.locator(".mndw-launcher")).to_be_visible()
    for _ in range(10):
        page.keyboard.press("Tab")
        assert widget.focus_problem() == ""
        if widget.focused()["cls"].startswith("mndw-launcher"):
            break
    else:
        raise AssertionError("Tab never reached the launcher")


def test_a_rate_limited_message_can_be_asked_again(open_widget: Callable[..., Widget], bot: Bot) -> None:
    widget = open_widget()
    widget.ask("hello")
    sender = widget.sender()
    # The sender has used up its messages (10 in 20 s by default) from elsewhere.
    for _ in range(12):
        bot.post(sender, "hello")
    reply = widget.ask("what is PLS")
    assert reply[-1]["custom"]["rate_limited"] is True
    again = widget.page.get_by_role("button", name="Ask again: what is PLS")
    expect(again).to_be_visible()
    widget.shot("rate-limited-ask-again")
    with widget.page.expect_request(lambda r: r.url.endswith("/webhooks/widget/webhook")) as sent:
        again.click()
    assert sent.value.post_data_json["message"] == "what is PLS"


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_static_files_are_compressed_and_cached_by_content_hash(bot: Bot) -> None:
    base = f"{bot.url}/webhooks/widget"
    status, headers, body = _get(f"{base}/widget.js", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and headers["Cache-Control"] == "no-cache"
    script = gzip.decompress(body).decode()
    versions = json.loads(re.search(r"var versions = (\{.*?\});", script).group(1))
    assert {"mndw-core.js", "widget.css", "suggestions.json"} <= set(versions)
    # Asked for by its hash: cached for a year; by its bare name: revalidated, 304 while unchanged.
    status, headers, _ = _get(f"{base}/mndw-core.js?v={versions['mndw-core.js']}")
    assert status == 200 and "immutable" in headers["Cache-Control"]
    status, headers, _ = _get(f"{base}/mndw-core.js")
    assert headers["Cache-Control"] == "no-cache" and headers["ETag"] == f'"{versions["mndw-core.js"]}"'
    assert _get(f"{base}/mndw-core.js", **{"If-None-Match": headers["ETag"]})[0] == 304
    # A plain client gets the plain file; the demo page asks for the hashed stylesheet.
    status, headers, body = _get(f"{base}/suggestions.json")
    assert "Content-Encoding" not in headers and json.loads(body)["questions"]
    page = _get(f"{bot.url}/")[2].decode()
    assert f"widget.css?v={versions['widget.css']}" in page

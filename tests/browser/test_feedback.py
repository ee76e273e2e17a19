""" "Was this helpful? Yes / No" on each answer: stored with the conversation as the operators' report
expects, only by the conversation's own sender, and deleted by Forget."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from tests.browser.support import BOT_REPLIES, Bot, Widget, run_axe


def feedback_events(bot: Bot, sender: str) -> list[dict[str, Any]]:
    """The feedback slot events stored for ``sender``, oldest first, without their timestamps."""
    with sqlite3.connect(bot.db) as conn:
        rows = conn.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)).fetchall()
    events = [json.loads(data) for (data,) in rows]
    return [
        {k: v for k, v in e.items() if k != "timestamp"}
        for e in events
        if e.get("event") == "slot" and e.get("name") == "feedback"
    ]


def post_feedback(bot: Bot, body: dict[str, Any], *, proven: bool = True) -> tuple[int, dict[str, Any]]:
    """Rate an answer directly, with the proof of the body's sender (``proven``) or without any."""
    url = f"{bot.url}/webhooks/widget/feedback"
    headers = {"Content-Type": "application/json"}
    if proven and isinstance(body.get("sender"), str):
        headers.update(bot.proof(body["sender"]))
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_feedback_is_stored_with_the_conversation_and_forget_removes_it(
    open_widget: Callable[..., Widget], bot: Bot
) -> None:
    widget = open_widget(bypass_csp=True)
    page = widget.page
    messages = widget.ask("what is PLS")
    answer = messages[-1]["custom"]
    # The disclaimer is not rated; the answer is.
    expect(page.locator(f"{BOT_REPLIES}.mndw-kind-disclaimer .mndw-helpful")).to_have_count(0)
    last = page.locator(BOT_REPLIES).last
    group = last.get_by_role("group", name="Was this helpful?")
    expect(group).to_be_visible()
    sender = widget.sender()

    with page.expect_response(lambda r: r.url.endswith("/webhooks/widget/feedback")) as sent:
        group.get_by_role("button", name="Yes").click()
    assert sent.value.status == 200
    expect(group.get_by_role("button", name="Yes")).to_have_attribute("aria-pressed", "true")
    expect(group.get_by_role("button", name="No")).to_have_attribute("aria-pressed", "false")
    expected = {"event": "slot", "name": "feedback"}
    reported = {"topic": answer["topic"], "condition": answer["condition"], "kind": answer["kind"]}
    assert feedback_events(bot, sender) == [{**expected, "value": {"helpful": True, **reported}}]
    widget.shot("feedback-yes")
    assert run_axe(widget, "feedback-yes") == []

    # Changing one's mind adds a second event; the choice shown survives a reload.
    group.get_by_role("button", name="No").click()
    expect(group.get_by_role("button", name="No")).to_have_attribute("aria-pressed", "true")
    assert [e["value"]["helpful"] for e in feedback_events(bot, sender)] == [True, False]
    widget.reload()
    expect(page.locator(BOT_REPLIES).last.get_by_role("button", name="No")).to_have_attribute("aria-pressed", "true")

    # The conversation goes on as before: feedback does not steer the dialogue.
    follow_up = widget.ask("is it inherited?")
    assert follow_up[-1]["custom"]["condition"] == "pls"

    # Nobody else can rate this conversation's answers, and only answers it was given can be rated.
    text = messages[-1]["text"]
    status, body = post_feedback(bot, {"sender": sender, "answer": text, "helpful": False}, proven=False)
    assert (status, body["error"]) == (403, "sender_not_proven")
    stranger = f"stranger-{uuid.uuid4().hex}"
    bot.post(stranger, "hello")
    assert post_feedback(bot, {"sender": stranger, "answer": text, "helpful": False})[0] == 404
    assert feedback_events(bot, stranger) == []
    status, body = post_feedback(bot, {"sender": sender, "answer": "PLS is contagious.", "helpful": True})
    assert (status, body["error"]) == (404, "unknown_answer")
    assert post_feedback(bot, {"sender": sender, "answer": text, "helpful": "yes"})[1]["error"] == "wrong_type"
    assert post_feedback(bot, {"sender": "../x", "answer": text, "helpful": True})[1]["error"] == "invalid_sender"
    assert len(feedback_events(bot, sender)) == 2

    # Forget deletes the feedback with the rest of the conversation.
    widget.tool("Forget this conversation").click()
    page.get_by_role("button", name="Yes, forget it").click()
    page.wait_for_function("() => !document.querySelector('li.mndw-msg:not(.mndw-intro)')")
    assert bot.stored_events(sender) == 0
    assert feedback_events(bot, sender) == []

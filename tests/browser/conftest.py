"""Fixtures of the browser tests: one bot stack and one Chromium for the whole run, a fresh page per widget."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, expect, sync_playwright

from bot.serve import Stack
from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, CRISIS_LINE, WIDE, Bot, Widget


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    tmp = tmp_path_factory.mktemp("widget-stack")
    with Stack.isolated(tmp, extra_env=CRISIS_LINE) as stack:
        yield Bot(stack, tmp / "conversations.db")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing at /usr/bin/chromium; `make browser` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_widget(browser: Browser, bot: Bot) -> Iterator[Callable[..., Widget]]:
    contexts = []
    widgets: list[Widget] = []

    def _open(
        viewport: dict[str, int] = WIDE, *, bot_url: str = "", page_url: str = "", init_script: str = "", **options: Any
    ) -> Widget:
        context = browser.new_context(viewport=viewport, **options)
        if init_script:  # runs in the page before its own scripts (a spy, a stand-in browser feature)
            context.add_init_script(init_script)
        contexts.append(context)
        widget = Widget(context.new_page(), bot_url or bot.url)
        widgets.append(widget)
        widget.goto(page_url or None)
        if not page_url:
            expect(widget.box).to_be_visible()  # the demo page opens the panel
        return widget

    yield _open
    for context in contexts:
        context.close()
    for widget in widgets:
        assert not widget.page_errors, f"JavaScript errors on the page: {widget.page_errors}"

"""The operators' pages (`make report`, `make review`) in Debian's Chromium: they open with no console
error, ask no other host for anything, and pass axe-core's WCAG rules.

Both pages are written as the make targets write them (the report from a generated tracker store,
the review from the built fact store against an earlier review with one change), served from a
local folder. Screenshots go to tests/browser/results/: report.png, review.png (whole pages).
"""

from __future__ import annotations

import csv
import functools
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from bot.report.__main__ import main as write_report
from bot.serve import ROOT
from tests.browser.support import AXE, AXE_TAGS, RESULTS
from tests.report.conversations import Turn, endpoints_for, feedback, now, open_store, reply, save

ACTIONS_PYTHON = ROOT / ".venv-actions" / "bin" / "python"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Both pages, as the make targets write them, served from one local folder."""
    folder = tmp_path_factory.mktemp("pages")
    db = folder / "conversations.db"
    store = open_store(db)
    save(store, "someone", now() - 7200, [
        Turn("what is PLS", [reply("answer", "pls", "definition")], feedback(True, "definition", "pls")),
        Turn("can a keto diet cure MND", [reply("out_of_scope")]),
        Turn("I can't breathe", [reply("emergency", emergency="breathing")]),
    ])  # fmt: skip
    store.engine.dispose()
    assert write_report(["--endpoints", str(endpoints_for(db)), "--out", str(folder / "report")]) == 0

    review = [str(ACTIONS_PYTHON), "-m", "bot.review", "--out", str(folder / "first")]
    subprocess.run(review, cwd=ROOT, check=True, capture_output=True)
    with (folder / "first" / "review.csv").open(encoding="utf-8", newline="") as src:
        rows = list(csv.DictReader(src))
    rows[0]["answer"] = "An earlier wording."
    with (folder / "earlier.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    subprocess.run(
        [*review[:-1], str(folder / "review"), "--earlier", str(folder / "earlier.csv")],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )

    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the standard library's name
        pass


def _open(browser: Browser, url: str, **context: Any) -> tuple[Any, list[str], list[str]]:
    """The page at ``url``, with its console errors and every request that left 127.0.0.1."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}, **context).new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname not in ("127.0.0.1", None) else None)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok
    return page, errors, outside


@pytest.mark.parametrize(("path", "name"), [("report/index.html", "report"), ("review/index.html", "review")])
def test_page_opens_with_no_console_error_and_nothing_from_another_host(
    browser: Browser, site: str, path: str, name: str
) -> None:
    page, errors, outside = _open(browser, f"{site}/{path}")
    images = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.complete && i.naturalWidth > 0, i.alt])")
    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
    assert errors == [] and outside == []
    assert all(loaded and alt for loaded, alt in images)  # every chart drawn, each with a text alternative
    if name == "report":
        assert len(images) >= 6
        assert page.get_by_role("heading", name="Was this helpful?").is_visible()
    else:
        assert page.locator("tr[data-fact-id]").count() > 50
        assert page.locator('tr[data-change="changed"] mark').count() >= 1
        assert page.locator(".signoff").is_visible()
    page.context.close()


@pytest.mark.parametrize("path", ["report/index.html", "review/index.html"])
def test_page_passes_axe_wcag_rules(browser: Browser, site: str, path: str) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is missing; `make browser` runs npm ci (package.json / package-lock.json)")
    # The pages' Content-Security-Policy would block the injected axe script.
    page, _, _ = _open(browser, f"{site}/{path}", bypass_csp=True)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    assert len(result["passes"]) >= 10, "axe ran almost no rules"
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    page.context.close()
    assert violations == []

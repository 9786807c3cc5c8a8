"""The web page in a real browser (Debian's Chromium driven by Playwright) against `kurzgefasst serve`.

Skipped when /usr/bin/chromium is missing (.ci/run installs it). Every test also checks that
the page asked nothing from any host but the local server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from service_support import ServiceProcess, running

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("fastapi")

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTICLE = (Path(__file__).parent / "fixtures" / "service_radwege.txt").read_text(encoding="utf-8")
INJECTION = ARTICLE.replace(
    "Kassel baut zwölf Kilometer neue Radwege",
    "Kassel baut <b onmouseover=\"window.__pwned='title'\">zwölf</b> Kilometer neue Radwege",
).replace(
    "neuer Radwege beschlossen.",
    # Short payloads keep the sentence under max_chars, so it is chosen as the first bullet.
    "neuer Radwege <img src=x onerror=\"alert('img')\"> beschlossen "
    "<script>window.__pwned='s'</script>.",
)
DOCS = Path(__file__).parents[1] / "docs"
HIGHLIGHT = "rgb(255, 212, 59)"  # --mark-active in style.css


@pytest.fixture(scope="module")
def service() -> Iterator[ServiceProcess]:
    with running() as srv:
        yield srv


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, service: ServiceProcess) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 980}, locale="de-DE")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=service.base)
    outside: list[str] = []

    def only_local(route) -> None:
        if urlsplit(route.request.url).netloc == f"127.0.0.1:{service.port}":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    problems: list[str] = []  # script errors and CSP violations
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )
    tab.goto(service.base + "/")
    yield tab
    context.close()
    assert outside == [], f"the page requested other hosts: {outside}"
    assert problems == []


def summarize_in_page(page, text: str, bullets: int = 3) -> None:
    page.fill("#text", text)
    page.select_option("#bullets", str(bullets))
    page.click("#submit")
    page.wait_for_selector("#result:not([hidden]), #error:not([hidden])")


def api(service: ServiceProcess, text: str, **extra: object) -> httpx.Response:
    payload = {"text": text, "bullets": 3, "include_source": True, **extra}
    return httpx.post(service.base + "/v1/summarize", json=payload, timeout=60)


def test_paste_an_article_and_see_each_bullets_evidence(page, service: ServiceProcess) -> None:
    summarize_in_page(page, ARTICLE)
    expected = api(service, ARTICLE).json()
    items = page.locator("#bullets-list > li")
    texts = page.locator("#bullets-list > li .bullet-text").all_text_contents()
    assert texts == [b["text"] for b in expected["bullets"]]
    assert page.locator("#source-text").text_content() == expected["source_text"]
    assert page.locator("mark.evidence.active").count() == 0

    for i, bullet in enumerate(expected["bullets"]):
        items.nth(i).hover()
        active = page.locator("mark.evidence.active")
        assert "".join(active.all_text_contents()) == "".join(e["text"] for e in bullet["evidence"])
        assert active.first.evaluate("m => getComputedStyle(m).backgroundColor") == HIGHLIGHT
        assert "active" in (items.nth(i).get_attribute("class") or "")

    page.hover("#source-heading")  # moving away clears the highlight ...
    assert page.locator("mark.evidence.active").count() == 0
    items.nth(1).click()  # ... unless the bullet was clicked
    page.hover("#source-heading")
    pinned = "".join(page.locator("mark.evidence.active").all_text_contents())
    assert pinned == "".join(e["text"] for e in expected["bullets"][1]["evidence"])

    items.nth(2).hover()
    page.screenshot(path=str(page_screenshot_path()), full_page=False)


def page_screenshot_path() -> Path:
    """docs/ when KURZGEFASST_UPDATE_SCREENSHOT=1, else a throwaway file."""
    if os.environ.get("KURZGEFASST_UPDATE_SCREENSHOT") == "1":
        return DOCS / "service-screenshot.png"
    return Path(os.environ.get("TMPDIR", "/tmp")) / "kurzgefasst-service-screenshot.png"


def test_an_article_with_markup_shows_it_as_text_and_runs_nothing(page) -> None:
    summarize_in_page(page, INJECTION)
    assert page.locator("#error").is_hidden()
    for item in page.locator("#bullets-list > li").all():
        item.hover()
    page.locator("#source-text").hover()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    assert page.locator("main img, main script, main b").count() == 0
    source = page.locator("#source-text").text_content()
    assert "<script>window.__pwned='s'</script>" in source
    assert "<img src=x onerror=" in source
    first = page.locator("#bullets-list > li .bullet-text").first.text_content()
    assert "<img src=x onerror=" in first and "<script>" in first


def test_copy_as_text_markdown_and_html(page, service: ServiceProcess) -> None:
    summarize_in_page(page, INJECTION)
    for fmt, label in (("text", "Text"), ("markdown", "Markdown"), ("html", "HTML")):
        page.click(f"[data-copy={fmt}]")
        page.wait_for_function(
            "label => document.getElementById('copy-status').textContent.startsWith(label)",
            arg=label,
        )
        copied = page.evaluate("navigator.clipboard.readText()")
        expected = api(service, INJECTION, format=fmt).text
        if fmt == "text":  # the page copies the box with its heading (chosen on the page)
            expected = "Zusammenfassung\n\n" + expected
        assert copied == expected, fmt
    assert "&lt;script&gt;" in copied  # the HTML copy escapes the article's markup


def test_errors_are_shown_as_readable_messages(page) -> None:
    summarize_in_page(page, "The city council decided on Monday to build new cycle lanes. " * 3)
    assert page.locator("#error").is_visible()
    assert "nicht deutsch" in page.locator("#error-title").text_content()
    assert page.locator("#result").is_hidden()

    page.click("#tab-url")
    page.fill("#url", "http://127.0.0.1:9/admin")
    page.click("#submit")
    page.wait_for_function(
        "() => document.getElementById('error-title').textContent.includes('Sicherheitsgründen')"
    )
    assert "loopback" in page.locator("#error-detail").text_content()

    page.click("#tab-text")
    page.fill("#text", "")
    page.click("#submit")
    assert "Artikeltext" in page.locator("#error-title").text_content()


def test_the_api_reference_renders_offline(page, service: ServiceProcess) -> None:
    page.goto(service.base + "/docs")
    page.wait_for_selector("#operations .operation")
    text = page.locator("#operations").text_content()
    assert "/v1/summarize" in text and "/v1/health" in text
    assert "include_source" in text and "503" in text


def test_keyboard_users_can_highlight_evidence(page) -> None:
    summarize_in_page(page, ARTICLE)
    page.focus("#bullets-list > li >> nth=0")
    assert page.locator("mark.evidence.active").count() >= 1
    page.keyboard.press("Enter")
    page.focus("#text")
    assert page.locator("mark.evidence.active").count() >= 1  # pinned by Enter

"""The editor's web page in headless Chromium at desktop (1366×900) and phone (390×844) sizes.

Loading state with cancel and timeout, removed parts marked, German notices and errors from
their codes, swap / reorder / edit with the live guard check, copy with a chosen heading,
arrow keys on the tabs, the favicon. Screenshots for docs/service.md are written with
KURZGEFASST_UPDATE_SCREENSHOT=1.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from service_support import PageServer, ServiceProcess, running, send

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("fastapi")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
FIXTURES = Path(__file__).parent / "fixtures"
DOCS = Path(__file__).parents[1] / "docs"
ARTICLE = (FIXTURES / "service_radwege.txt").read_text(encoding="utf-8")
# The same article as a site delivers it: photo credit, dateline, the site's box, a teaser list.
FURNISHED = (
    "Foto: dpa/Max Mustermann\n\n"
    + ARTICLE.split("\n\n", 1)[0]
    + "\n\nDas Wichtigste in Kürze\n\n- Kassel plant neue Radwege.\n- Start im April.\n\n"
    + ARTICLE.split("\n\n", 1)[1]
    + "\n\nLesen Sie auch: Neue Busspur am Hauptbahnhof sorgt für Ärger\n"
)
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def slow_page(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(4)
    send(handler, b"<html><body><p>zu spaet</p></body></html>")


@pytest.fixture(scope="module")
def slow_site() -> Iterator[PageServer]:
    with PageServer({"/langsam": slow_page}) as server:
        yield server


@pytest.fixture(scope="module")
def service() -> Iterator[ServiceProcess]:
    # The intranet switch lets the page fetch the slow local test page.
    with running("--allow-private-urls") as srv:
        yield srv


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def open_page(browser, service: ServiceProcess, viewport: dict[str, int], allowed: str = ""):
    context = browser.new_context(viewport=viewport, locale="de-DE")
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
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.goto(service.base + "/")
    tab.wait_for_function("() => document.querySelectorAll('#copy-buttons button').length === 3")
    return context, tab, outside, problems


@pytest.fixture
def desktop(browser, service: ServiceProcess) -> Iterator[object]:
    context, tab, outside, problems = open_page(browser, service, DESKTOP)
    yield tab
    context.close()
    assert outside == [] and problems == []


@pytest.fixture
def phone(browser, service: ServiceProcess) -> Iterator[object]:
    context, tab, outside, problems = open_page(browser, service, PHONE)
    yield tab
    context.close()
    assert outside == [] and problems == []


def summarize_in_page(page, text: str, bullets: int = 3) -> None:
    page.fill("#text", text)
    page.select_option("#bullets", str(bullets))
    page.click("#submit")
    page.wait_for_selector("#result:not([hidden]), #error:not([hidden])")


def bullet_texts(page) -> list[str]:
    return page.locator("#bullets-list > li .bullet-text").all_text_contents()


def screenshot(page, name: str) -> None:
    folder = DOCS if os.environ.get("KURZGEFASST_UPDATE_SCREENSHOT") == "1" else Path("/tmp")
    page.screenshot(path=str(folder / name), full_page=False)


def test_loading_state_cancel_and_timeout(desktop, slow_site: PageServer) -> None:
    page = desktop
    summarize_in_page(page, ARTICLE)
    before = bullet_texts(page)
    # Arrow keys move between the tabs (and focus stays on the tab list).
    page.focus("#tab-text")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "tab-url"
    assert page.locator("#panel-url").is_visible() and page.locator("#panel-text").is_hidden()
    page.keyboard.press("Home")
    assert page.evaluate("document.activeElement.id") == "tab-text"
    page.keyboard.press("End")
    assert page.get_attribute("#tab-url", "aria-selected") == "true"
    assert page.get_attribute("#tab-url", "tabindex") == "0"

    page.fill("#url", slow_site.base + "/langsam")
    page.click("#submit")
    page.wait_for_selector("#cancel:not([hidden])")
    assert page.locator("#spinner").is_visible()
    assert "stale" in (page.get_attribute("#result", "class") or "")
    assert page.locator("#stale-label").is_visible()
    assert page.get_attribute("#result", "aria-busy") == "true"
    opacity = page.eval_on_selector(".summary-box", "e => getComputedStyle(e).opacity")
    assert float(opacity) < 0.6
    screenshot(page, "service-loading.png")
    page.click("#cancel")
    assert page.locator("#status").text_content() == "Abgebrochen"
    assert page.locator("#stale-label").is_hidden() and page.locator("#cancel").is_hidden()
    assert "stale" not in (page.get_attribute("#result", "class") or "")
    assert bullet_texts(page) == before  # the old result is back, unchanged

    page.evaluate("window.kurzgefasstTimeoutMs = 1000")
    page.click("#submit")
    page.wait_for_selector("#error:not([hidden])", timeout=10_000)
    assert "nicht rechtzeitig" in page.locator("#error-title").text_content()
    assert page.locator("#spinner").is_hidden() and not page.locator("#submit").is_disabled()


def test_removed_parts_are_marked_with_the_reason(desktop) -> None:
    page = desktop
    summarize_in_page(page, FURNISHED)
    kinds = page.eval_on_selector_all("#removed-list li", "items => items.map(i => i.dataset.kind)")
    assert {"credit", "summary_box", "related", "dateline"} <= set(kinds)
    assert "Kassel (dpa)" in page.locator("#removed-list li[data-kind=dateline]").text_content()
    assert "Ortsmarke" in page.locator("#removed-list li[data-kind=dateline]").text_content()
    removed = page.locator("#removed").text_content()
    assert "Bildnachweis" in removed and "Kasten der Website" in removed and "Verweis" in removed
    assert "Foto: dpa/Max Mustermann" in page.locator("#removed-list del").all_text_contents()
    # In the article pane the removed parts are struck through and labelled, in place.
    cuts = page.eval_on_selector_all(
        "#source-text del.removed-part", "ds => ds.map(d => [d.dataset.kind, d.textContent])"
    )
    assert ["credit", "Foto: dpa/Max Mustermann"] in cuts
    assert ["dateline", "Kassel (dpa)"] in [[k, t.strip(" -")] for k, t in cuts]
    assert any(kind == "related" and "Busspur" in text for kind, text in cuts)
    labels = page.eval_on_selector_all(
        "#source-text del.removed-part",
        "ds => ds.map(d => getComputedStyle(d, '::before').content)",
    )
    assert '"Bildnachweis"' in labels and '"Ortsmarke"' in labels
    screenshot(page, "service-desktop.png")


def test_reorder_swap_and_edit_with_the_live_guard(desktop, service: ServiceProcess) -> None:
    page = desktop
    summarize_in_page(page, ARTICLE)
    first = bullet_texts(page)
    assert len(first) == 3
    assert page.locator("#bullets-list .verdict").all_text_contents() == ["✓ belegt"] * 3

    page.click("#bullets-list > li >> nth=0 >> [data-action=down]")
    assert bullet_texts(page) == [first[1], first[0], first[2]]
    page.focus("#bullets-list > li >> nth=1")
    page.keyboard.press("Alt+ArrowUp")
    assert bullet_texts(page) == first

    more = httpx.post(service.base + "/v1/summarize", json={"text": ARTICLE, "bullets": 7}).json()
    candidates = [b["text"] for b in more["bullets"] if b["text"] not in first]
    assert candidates, "the article must have more candidates than bullets"
    page.click("#bullets-list > li >> nth=2 >> [data-action=swap]")
    page.wait_for_function(
        "old => document.querySelectorAll('.bullet-text')[2].textContent !== old", arg=first[2]
    )
    assert bullet_texts(page)[2] == candidates[0]

    # Edit bullet 1 with a number the article does not contain: the guard objects while typing.
    page.click("#bullets-list > li >> nth=1 >> [data-action=edit]")
    edited = "Die Arbeiten sollen im April beginnen und rund 99 Millionen Euro kosten."
    page.keyboard.type(edited)
    page.wait_for_function(
        "() => document.querySelectorAll('#bullets-list > li')[1].querySelector('.verdict').dataset.ok === 'false'"
    )
    problem = page.locator("#bullets-list > li >> nth=1 >> .problems li").first.text_content()
    assert "99" in problem
    screenshot(page, "service-editor.png")
    page.keyboard.press("Enter")  # done editing
    assert bullet_texts(page)[1] == edited
    # "Fertig" ends an edit too (and does not start a new one).
    page.click("#bullets-list > li >> nth=0 >> [data-action=edit]")
    page.click("#bullets-list > li >> nth=0 >> [data-action=edit]")
    assert page.locator("[contenteditable]").count() == 0
    assert (
        page.locator("#bullets-list > li >> nth=0 >> [data-action=edit]").text_content()
        == "Bearbeiten"
    )
    # Fix it: back to the article's figure, and the verdict turns to "belegt".
    page.click("#bullets-list > li >> nth=1 >> [data-action=edit]")
    page.keyboard.press("Control+A")
    page.keyboard.type("Die Arbeiten sollen im April beginnen und rund 4,5 Millionen Euro kosten.")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelectorAll('#bullets-list > li')[1].querySelector('.verdict').dataset.ok === 'true'"
    )
    # The evidence of the edited bullet is highlighted in the article.
    page.hover("#bullets-list > li >> nth=1")
    assert "4,5 Millionen Euro" in "".join(page.locator("mark.evidence.active").all_text_contents())

    # Copy with a chosen heading: the box as arranged, rendered by the API.
    page.select_option("#heading-choice", "Das Wichtigste in Kürze")
    assert page.locator("#summary-heading").text_content() == "Das Wichtigste in Kürze"
    page.click("[data-copy=markdown]")
    page.wait_for_function(
        "() => document.getElementById('copy-status').textContent.startsWith('Markdown')"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = bullet_texts(page)
    assert copied == "**Das Wichtigste in Kürze**\n\n" + "\n".join(f"- {t}" for t in shown)
    page.select_option("#heading-choice", "")
    page.click("[data-copy=html]")
    page.wait_for_function(
        "() => document.getElementById('copy-status').textContent.startsWith('HTML')"
    )
    assert "<h2" not in page.evaluate("navigator.clipboard.readText()")


def test_german_texts_from_codes(desktop) -> None:
    page = desktop
    summarize_in_page(page, "Der Bundestag tagt heute in Berlin.")
    title = page.locator("#error-title").text_content()
    assert title.startswith("Der Text ist zu kurz") and "6 Wörter" in title
    summarize_in_page(
        page, "The city council approved the budget on Tuesday. The opposition voted against it."
    )
    assert "(erkannt: Englisch)" in page.locator("#error-title").text_content()
    assert page.locator("#error-detail").is_hidden()  # the English message only on request
    # Ten bullets from a short article: the notice is German, not the server's English warning.
    short = (
        "Der Stadtrat von Kassel hat am Montag den Bau neuer Radwege beschlossen. "
        "Die Arbeiten sollen im April beginnen und rund 4,5 Millionen Euro kosten. "
        "Der Fahrradclub ADFC begrüßte den Beschluss."
    )
    summarize_in_page(page, short, bullets=10)
    notices = page.locator("#warnings").text_content()
    assert page.locator("#warnings").is_visible()
    assert "bullets" not in notices and "only" not in notices
    # Only engines the server can run are offered (no llm configured here).
    offered = page.eval_on_selector_all(
        "#engine option:not([disabled])", "o => o.map(x => x.value)"
    )
    assert offered == ["extractive", "lead"]


def test_phone_layout_scrolls_to_the_result(phone) -> None:
    page = phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    summarize_in_page(page, FURNISHED)
    page.wait_for_function("() => window.scrollY > 0")
    box = page.locator(".summary-box").bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"] / 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "service-phone.png")


def test_every_notice_and_error_code_has_a_german_text() -> None:
    """The page phrases notices and errors from their codes: none may be missing."""
    import re

    import kurzgefasst.errors as errors
    import kurzgefasst.service.errors as service_errors
    from kurzgefasst.contracts import NOTICES

    script = (Path(__file__).parents[1] / "src/kurzgefasst/service/static/app.js").read_text()
    notices = script[script.index("const NOTICES = {") : script.index("const REMOVED")]
    messages = script[script.index("const MESSAGES = {") : script.index("const NOTICES")]
    assert set(NOTICES) <= set(re.findall(r"^\s+(\w+):", notices, re.M))
    codes = {
        cls.code
        for module in (errors, service_errors)
        for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, errors.KurzgefasstError)
    } - {"error"}
    assert codes <= set(re.findall(r"^\s+(\w+):", messages, re.M))


def test_favicon(service: ServiceProcess, desktop) -> None:
    response = httpx.get(service.base + "/favicon.ico")
    assert response.status_code == 200 and response.headers["content-type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert desktop.get_attribute("link[rel=icon]", "href") == "/favicon.ico"


def test_api_reference_renders_markdown_for_this_host(desktop, service: ServiceProcess) -> None:
    page = desktop
    page.goto(service.base + "/docs")
    page.wait_for_selector("#operations .operation")
    text = page.locator("main").text_content()
    assert "`" not in page.locator("#operations").text_content()  # Markdown/RST rendered
    assert page.locator("#operations code").count() > 10
    assert f"curl -s {service.base}/v1/summarize" in page.locator("pre.example").text_content()
    assert ":8000" not in text
    # Every field of every request and answer table has a description.
    empty = page.eval_on_selector_all(
        "#operations table tr:has(td code) td:nth-child(4)",
        "cells => cells.filter(c => !c.textContent.trim()).length",
    )
    rows = page.locator("#operations table tr:has(td code) td:nth-child(4)").count()
    assert rows > 25 and empty == 0
    assert "Bullet" in page.locator("#operations h2").all_text_contents()

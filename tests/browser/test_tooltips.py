"""Glossary tooltips: hover and keyboard focus (Material), tap on touch screens (annotate.js), closing
again, and the term link reaching its entry's page."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import EDITIONS, in_viewport, wait_for_no_tooltip, wait_for_tooltip

pytestmark = pytest.mark.browser

ARTICLE = "2026-03/04.html"
TERM = "article .annotate-paragraph a.annotate-term"


def term_titles(page: Any) -> list[str]:
    """Every term's definition as written in the page (Material moves ``title`` into the tooltip)."""
    return page.locator("article a.annotate-term").evaluate_all("links => links.map(a => a.title)")


def glossary_target(page: Any, href: str) -> tuple[str, str]:
    """(entry id, definition shown on the entry's page) of a glossary link (``../terms/<id>.html``)."""
    anchor = href.rsplit("/", 1)[1].removesuffix(".html")
    definition = page.locator("article .annotate-definition").first.inner_text()
    return anchor, definition


@pytest.mark.parametrize("edition", EDITIONS)
def test_hover_shows_the_definition_and_leaving_hides_it(page: Any, base_url: str, edition: str) -> None:
    page.goto(f"{base_url}{EDITIONS[edition]}{ARTICLE}")
    term = page.locator(TERM).first
    title = term.get_attribute("title")
    assert title
    term.hover()
    wait_for_tooltip(page, title)
    assert term.get_attribute("aria-describedby"), "the tooltip is not tied to its term for screen readers"
    page.mouse.move(5, 500)
    wait_for_no_tooltip(page)
    assert page.url.endswith(ARTICLE)


@pytest.mark.parametrize("edition", EDITIONS)
def test_tab_focus_shows_the_definition_escape_hides_it(page: Any, base_url: str, edition: str) -> None:
    page.goto(f"{base_url}{EDITIONS[edition]}{ARTICLE}")
    titles = term_titles(page)
    for _ in range(300):
        page.keyboard.press("Tab")
        index = page.evaluate(
            "() => [...document.querySelectorAll('article a.annotate-term')].indexOf(document.activeElement)"
        )
        if index >= 0:
            break
    else:
        pytest.fail("Tab never reached a glossary term: terms are not focusable")
    wait_for_tooltip(page, titles[index])
    page.keyboard.press("Escape")
    wait_for_no_tooltip(page)
    assert page.evaluate("() => document.activeElement.matches('a.annotate-term')"), "Escape moved focus"
    # Moving on to the next term shows its definition again.
    page.keyboard.press("Tab")
    following = page.evaluate(
        "() => [...document.querySelectorAll('article a.annotate-term')].indexOf(document.activeElement)"
    )
    if following >= 0:
        wait_for_tooltip(page, titles[following])


@pytest.mark.parametrize("edition", EDITIONS)
def test_tap_shows_the_definition_second_tap_follows(
    mobile_page: Any, base_url: str, edition: str, screenshot: Any
) -> None:
    page = mobile_page
    url = f"{base_url}{EDITIONS[edition]}{ARTICLE}"
    page.goto(url)
    term = page.locator(TERM).first
    title = term.get_attribute("title")
    href = term.get_attribute("href")
    term.tap()
    wait_for_tooltip(page, title)
    assert page.url == url, "the first tap followed the link instead of showing the definition"
    screenshot(page, f"mobile-tooltip-{edition}")

    # A tap elsewhere (the page margin, nothing interactive there) closes it.
    box = term.bounding_box()
    page.touchscreen.tap(3, box["y"] + box["height"] / 2)
    wait_for_no_tooltip(page)
    assert page.url == url

    # Escape closes it too (phones with keyboards, tablets).
    term.tap()
    wait_for_tooltip(page, title)
    page.keyboard.press("Escape")
    wait_for_no_tooltip(page)

    # First tap shows, second tap on the same term follows the link to the glossary entry.
    term.tap()
    wait_for_tooltip(page, title)
    term.tap()
    page.wait_for_url(f"**/terms/{href.rsplit('/', 1)[1]}")
    anchor, definition = glossary_target(page, href)
    assert definition == title
    assert in_viewport(page, f"[id='{anchor}']")


def test_tap_on_another_term_moves_the_tooltip(mobile_page: Any, base_url: str) -> None:
    page = mobile_page
    page.goto(f"{base_url}{ARTICLE}")
    first, second = page.locator(TERM).nth(0), page.locator(TERM).nth(1)
    first_title, second_title = first.get_attribute("title"), second.get_attribute("title")
    first.tap()
    wait_for_tooltip(page, first_title)
    second.tap()
    wait_for_tooltip(page, second_title)
    assert first_title != second_title, "bad test data: two terms with one definition"
    wait_for_no_tooltip(page, first_title)
    assert page.url.endswith(ARTICLE), "a first tap on another term must not follow its link"


@pytest.mark.parametrize("edition", EDITIONS)
def test_term_link_reaches_its_glossary_entry(page: Any, base_url: str, edition: str) -> None:
    page.goto(f"{base_url}{EDITIONS[edition]}{ARTICLE}")
    term = page.locator(TERM).nth(2)
    title, href = term.get_attribute("title"), term.get_attribute("href")
    term.click()
    page.wait_for_url(f"**/{EDITIONS[edition]}terms/{href.rsplit('/', 1)[1]}")
    anchor, definition = glossary_target(page, href)
    assert definition == title
    assert in_viewport(page, f"[id='{anchor}']")

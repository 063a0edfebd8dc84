"""The print stylesheet: only the article is printed, terms print as plain text without their tooltip
definitions, cross-reference links print the title of their target. Saves a PDF for reviewers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserkit import OUTPUT, xref_article

pytestmark = pytest.mark.browser

CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
          ".md-top"]


def displayed(page: Any, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("els => els.map(e => getComputedStyle(e).display)")


def test_print_shows_only_the_article(page: Any, base_url: str, built_site: Path, screenshot: Any) -> None:
    path = xref_article(built_site)
    page.goto(f"{base_url}{path}")
    term = page.locator("article .annotate-paragraph a.annotate-term").first
    term.hover()  # a tooltip element exists now: it must not be printed
    page.wait_for_selector(".md-tooltip2")
    page.emulate_media(media="print")

    for selector in CHROME:
        assert set(displayed(page, selector)) <= {"none"}, f"{selector} is printed"
    assert set(displayed(page, ".md-tooltip2")) == {"none"}, "tooltip definitions are printed"
    assert set(displayed(page, "article .headerlink")) == {"none"}, "¶ permalinks are printed"
    assert page.locator("article").is_visible()

    # Terms print as the surrounding text.
    style = term.evaluate(
        """a => { const own = getComputedStyle(a), parent = getComputedStyle(a.parentElement);
                  return [own.color === parent.color, own.textDecorationLine]; }"""
    )
    assert style == [True, "none"], style

    # Cross-reference links print their target's title.
    link = page.locator("div.annotate-xref a.annotate-xref-link").first
    title = link.get_attribute("title")
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert title and title in after, after

    link.scroll_into_view_if_needed()
    screenshot(page, "print-article")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(OUTPUT / "print-article.pdf"))
    assert pdf.startswith(b"%PDF")

"""A 375 px wide touch screen: nothing scrolls sideways, the ¶ permalinks and the cross-reference markers
can be seen and tapped. (Tooltips by tap: test_tooltips.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserkit import EDITIONS, MOBILE, article_pages, in_viewport, page_width, type_query, xref_article
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

MIN_TARGET = 24  # px, WCAG 2.2 target size (minimum)
WIDTH = MOBILE["viewport"]["width"]


def longest_title_article(site: Path) -> str:
    """The article with the longest title: the likeliest to overflow a phone screen."""
    def title(path: Path) -> str:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return soup.select_one("article h1").get_text()

    return max(article_pages(site), key=lambda p: len(title(p))).relative_to(site).as_posix()


@pytest.mark.parametrize("edition", EDITIONS)
def test_nothing_scrolls_sideways(mobile_page: Any, base_url: str, built_site: Path, edition: str,
                                  screenshot: Any) -> None:
    page = mobile_page
    prefix = EDITIONS[edition]
    paths = ["index.html", "2026-03/index.html", "2026-03/04.html", longest_title_article(built_site),
             xref_article(built_site), "glossary.html"]
    for path in paths:
        page.goto(f"{base_url}{prefix}{path}")
        assert page_width(page) <= WIDTH, f"{prefix}{path}: {page_width(page)}px wide on a {WIDTH}px screen"
    page.goto(f"{base_url}{prefix}2026-03/04.html")
    screenshot(page, f"mobile-article-{edition}")
    page.goto(f"{base_url}{prefix}index.html")
    type_query(page, "十五五")
    assert page_width(page) <= WIDTH, f"search results: {page_width(page)}px wide on a {WIDTH}px screen"
    screenshot(page, f"mobile-search-{edition}")


def target_size(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not rendered"
    return box


def test_paragraph_permalinks_are_visible_and_tappable(mobile_page: Any, base_url: str) -> None:
    page = mobile_page
    page.goto(f"{base_url}2026-03/04.html")
    paragraph = page.locator("article .annotate-paragraph[id]").nth(2)
    anchor = paragraph.get_attribute("id")
    permalink = f"[id='{anchor}'] > a.headerlink"
    opacity = page.locator(permalink).evaluate("a => getComputedStyle(a).opacity")
    assert float(opacity) == 1, "¶ is invisible on a touch screen (it only appears on hover)"
    box = target_size(page, permalink)
    assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box
    assert box["x"] + box["width"] <= WIDTH
    page.locator(permalink).tap()
    page.wait_for_url(f"**/2026-03/04.html#{anchor}")
    assert in_viewport(page, f"[id='{anchor}']")


def test_cross_reference_markers_are_tappable(mobile_page: Any, base_url: str, built_site: Path) -> None:
    page = mobile_page
    page.goto(f"{base_url}{xref_article(built_site)}")
    toggle = page.locator("div.annotate-xref .annotate-xref-toggle").first
    toggle.scroll_into_view_if_needed()
    toggle.tap()  # the marker (↔ 3) opens its list
    link = page.locator("div.annotate-xref a.annotate-xref-link").first
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    assert box["height"] >= MIN_TARGET, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, box
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    link.tap()
    page.wait_for_url(f"**/{href.split('#')[0]}#{anchor}")
    assert in_viewport(page, f"[id='{anchor}']")

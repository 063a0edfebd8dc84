"""The offline download, unzipped and opened from file:// with the network blocked: navigation, search in
both editions, tooltips, the glossary and the edition switch must all work, and nothing may be fetched
from anywhere but the local files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import (
    EDITIONS,
    in_viewport,
    readable_pages_containing,
    result_count,
    search_results,
    term_card,
    type_query,
    wait_for_tooltip,
)

pytestmark = pytest.mark.browser

# (edition, query typed in the other script, converted query)
QUERIES = {"zh-Hans": ("兩個確立", "两个确立"), "zh-Hant": ("两个确立", "兩個確立")}


@pytest.fixture
def offline(context: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page whose every non-file request is aborted and remembered."""
    attempts: list[str] = []

    def block(route: Any) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            attempts.append(url)
            route.abort()

    context.route("**/*", block)
    context.on("request", lambda request: None if request.url.startswith("file:") else attempts.append(request.url))
    yield context.new_page(), attempts


@pytest.mark.parametrize("edition", EDITIONS)
def test_offline_copy_works_without_network(
    offline: tuple[Any, list[str]], offline_url: str, edition: str
) -> None:
    page, attempts = offline
    prefix = EDITIONS[edition]
    other = "zh-Hant" if edition == "zh-Hans" else "zh-Hans"
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # Navigation: landing page → article → next article.
    page.goto(f"{offline_url}{prefix}index.html")
    page.locator("article a[href='2026-03/04.html']").click()
    page.wait_for_url(f"{offline_url}{prefix}2026-03/04.html")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(f"{offline_url}{prefix}2026-03/05.html")
    page.go_back()
    page.wait_for_url(f"{offline_url}{prefix}2026-03/04.html")

    # Tooltip, then the term's own page.
    term = page.locator("article .annotate-paragraph a.annotate-term").first
    title, anchor = term.get_attribute("title"), term.get_attribute("data-term")
    term.hover()
    wait_for_tooltip(page, title)
    term.click()
    page.wait_for_url(f"{offline_url}{prefix}terms/{anchor}.html")
    assert in_viewport(page, f"[id='{anchor}']")

    # Search (cross-script), then open a result.
    typed, converted = QUERIES[edition]
    page.goto(f"{offline_url}{prefix}index.html")
    assert type_query(page, typed, converted).input_value() == typed  # the box keeps what was typed
    results = search_results(page)
    assert any(r["href"].endswith(".html") and "/2026-03/" in r["href"] for r in results), results
    page.locator(".md-search-result__item a[href*='/2026-03/']").first.click()
    page.wait_for_url("**/2026-03/*.html**")
    assert converted in page.locator("article").inner_text()

    # Edition switch: to the same page of the other edition.
    page.goto(f"{offline_url}{prefix}2026-03/04.html")
    page.locator(".md-select > button.md-header__button").click()
    page.locator(f"a.md-select__link[hreflang='{other}']").click()
    page.wait_for_url(f"{offline_url}{EDITIONS[other]}2026-03/04.html")
    assert page.locator("html").get_attribute("lang") == other

    assert attempts == [], f"requests left the local files: {attempts}"
    assert errors == [], errors


def test_offline_pages_hide_the_download_link(offline: tuple[Any, list[str]], offline_url: str) -> None:
    """The unzipped copy does not offer to download itself (there is nothing to download from file://)."""
    page, attempts = offline
    page.goto(f"{offline_url}2026-03/04.html")
    link = page.locator("a.annotate-download")
    assert link.count() == 1
    assert not link.is_visible()
    assert attempts == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_offline_search_reads_the_articles_from_its_script(
    offline: tuple[Any, list[str]], offline_url: str, offline_root: Path, edition: str
) -> None:
    """Pagefind cannot load its chunks from file://: the copy's worker searches the articles of
    search_index.js, and the copy leaves Pagefind's folders out."""
    page, attempts = offline
    prefix = EDITIONS[edition]
    assert not (offline_root / prefix / "pagefind").exists()
    typed, converted = QUERIES[edition]
    page.goto(f"{offline_url}{prefix}index.html")
    type_query(page, typed, converted)
    # The term's card, then every article whose text contains the words.
    assert result_count(page) == len(readable_pages_containing(offline_root, prefix, converted)) + term_card(typed)
    assert attempts == []

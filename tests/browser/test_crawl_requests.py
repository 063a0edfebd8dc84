"""A crawl of every page of the built site — both editions, served on 127.0.0.1 and opened from the
unzipped offline copy — failing on any request to another host or scheme and on any console error.

Term pages, the glossary index, the 404 page and the print pages included: a fault that shows on one kind
of page only (the 404 page once asked a host called ``pagefind``; the offline pages logged CORS errors for
the sitemaps) is found here. The 404 page is also searched, served, since it is the page most often
reached from an outside link.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserkit import EDITIONS, LOCAL_SCHEMES, SEARCH_INPUT, open_search, record

pytestmark = pytest.mark.browser


def every_page(root: Path) -> list[str]:
    """Every HTML page of the site (both editions), relative to the site's root."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if "downloads" not in p.parts)


class Crawl:
    """One tab that visits pages in turn and keeps what went wrong on each."""

    def __init__(self, context: Any, origin: str | None) -> None:
        self.origin = origin
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.current = ""
        self.page = context.new_page()
        context.on("request", self.on_request)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"{self.current}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.current}: {e}"))

    def on_request(self, request: Any) -> None:
        url = request.url
        if url.startswith(LOCAL_SCHEMES):
            return
        if self.origin is not None and (url == self.origin or url.startswith(self.origin + "/")):
            return
        self.foreign.append(f"{self.current}: {url}")

    def visit(self, url: str) -> None:
        self.current = url
        self.page.goto(url, wait_until="load")


def crawl(context: Any, root: str, origin: str | None, pages: list[str]) -> Crawl:
    run = Crawl(context, origin)
    for path in pages:
        run.visit(root + path)
    run.page.wait_for_timeout(500)  # late console messages of the last page
    return run


def test_every_served_page_stays_on_the_server(context: Any, base_url: str, built_site: Path) -> None:
    pages = every_page(built_site)
    run = crawl(context, base_url, base_url.rstrip("/"), pages)
    record("crawl-served", {"pages": len(pages), "foreign": run.foreign, "errors": run.errors})
    assert len(pages) > 2 * 200 and any(p.startswith("zh-Hant/terms/") for p in pages)
    assert run.foreign == [], run.foreign[:20]
    assert run.errors == [], run.errors[:20]


def test_every_offline_page_stays_on_the_disk(context: Any, offline_url: str, offline_root: Path) -> None:
    pages = every_page(offline_root)
    run = crawl(context, offline_url, None, pages)
    record("crawl-offline", {"pages": len(pages), "foreign": run.foreign, "errors": run.errors})
    assert len(pages) > 2 * 200
    assert run.foreign == [], run.foreign[:20]
    assert run.errors == [], run.errors[:20]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_404_page_searches_without_leaving_the_site(context: Any, base_url: str, edition: str) -> None:
    """Served at the root as web servers serve it for a missing page: its search works and asks nothing of
    another host (``new URL("//pagefind/", base)`` once made ``http://pagefind/pagefind.js``)."""
    run = Crawl(context, base_url.rstrip("/"))
    run.visit(f"{base_url}{EDITIONS[edition]}404.html")
    field = open_search(run.page)
    field.fill("十五五")
    run.page.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__item').length > 1", timeout=10_000)
    assert run.page.locator(SEARCH_INPUT).input_value() == "十五五"
    assert run.foreign == [] and run.errors == [], (run.foreign, run.errors)

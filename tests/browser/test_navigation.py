"""Cross-reference links landing on the right paragraph, and the edition switch to the same page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browserkit import EDITIONS, article_pages, in_viewport
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

SWITCH_PAGES = ["index.html", "2026-03/04.html", "glossary.html"]


def xref_links(site: Path, limit: int = 3) -> list[tuple[str, str]]:
    """(page, href) of the first cross-reference links of the built Simplified edition, one per page."""
    found = []
    for path in article_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one("div.annotate-xref a.annotate-xref-link[href]")
        if link is not None:
            found.append((path.relative_to(site).as_posix(), link["href"]))
        if len(found) == limit:
            break
    return found


def below_header(page: Any, selector: str) -> bool:
    """The target is not hidden under Material's sticky header."""
    return page.evaluate(
        """(selector) => {
            const header = document.querySelector('.md-header').getBoundingClientRect();
            return document.querySelector(selector).getBoundingClientRect().top >= header.bottom - 1;
        }""",
        selector,
    )


def test_cross_reference_links_land_on_the_shared_paragraph(page: Any, base_url: str, built_site: Path) -> None:
    links = xref_links(built_site)
    assert links, "no cross-reference marker (div.annotate-xref a.annotate-xref-link) in the built site"
    for source, href in links:
        page.goto(f"{base_url}{source}")
        page.locator(f"div.annotate-xref:has(a.annotate-xref-link[href='{href}']) .annotate-xref-toggle").first.click()
        marker = page.locator(f"div.annotate-xref a.annotate-xref-link[href='{href}']").first
        assert marker.get_attribute("title"), "cross-reference links carry the target title (printed)"
        anchor = href.split("#", 1)[1]
        marker.click()
        page.wait_for_url(f"**/{href.split('#')[0]}#{anchor}")
        target = f"[id='{anchor}']"
        assert in_viewport(page, target), f"{href} from {source}: target paragraph not in view"
        assert below_header(page, target), f"{href} from {source}: target under the header"
        assert page.locator(f"{target} mark.annotate-shared").count() > 0, "target does not mark the run"


def open_language_menu(page: Any) -> None:
    """Open the switcher once the page is idle: Material has then fetched both editions' sitemaps and
    would redirect the click itself (to the home page when its URL lookup fails)."""
    page.wait_for_load_state("networkidle")
    page.locator(".md-select > button.md-header__button").click()


@pytest.mark.parametrize("path", SWITCH_PAGES)
def test_switch_leads_to_the_same_page_in_the_other_edition(page: Any, base_url: str, path: str) -> None:
    page.goto(f"{base_url}{path}")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    ids = page.locator("article [id]").evaluate_all("els => els.map(e => e.id)")
    open_language_menu(page)
    page.locator("a.md-select__link[hreflang='zh-Hant']").click()
    page.wait_for_url(f"{base_url}zh-Hant/{path}")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert page.locator("article [id]").evaluate_all("els => els.map(e => e.id)") == ids, "anchors differ"

    open_language_menu(page)
    page.locator("a.md-select__link[hreflang='zh-Hans']").click()
    page.wait_for_url(f"{base_url}{path}")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_switch_does_not_depend_on_sitemap_arrival(page: Any, base_url: str) -> None:
    """Material redirects switcher clicks itself once an edition's sitemap has arrived, looking the page
    up with the port dropped (on 127.0.0.1:PORT it lands on the other edition's home page) — unless the
    current edition's sitemap arrived first. Holding that one back makes the order certain."""
    held: list[Any] = []

    def hold(route: Any) -> None:
        held.append(route)

    page.route(f"{base_url}sitemap.xml", hold)
    with page.expect_response(f"{base_url}zh-Hant/sitemap.xml"):
        page.goto(f"{base_url}2026-03/04.html")
    # Let Material parse the sitemap it received (two frames: its fetch → text → map chain).
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.locator(".md-select > button.md-header__button").click()
    page.locator("a.md-select__link[hreflang='zh-Hant']").click()
    page.wait_for_url(f"{base_url}zh-Hant/**")
    assert page.url == f"{base_url}zh-Hant/2026-03/04.html"
    for route in held:
        route.abort()


def test_switch_keeps_the_paragraph_anchor(page: Any, base_url: str) -> None:
    """A reader deep in an article lands on the same paragraph in the other edition."""
    page.goto(f"{base_url}2026-03/04.html")
    anchor = page.locator("article .annotate-paragraph[id]").nth(3).get_attribute("id")
    page.goto(f"{base_url}2026-03/04.html#{anchor}")
    open_language_menu(page)
    page.locator("a.md-select__link[hreflang='zh-Hant']").click()
    page.wait_for_url(f"{base_url}zh-Hant/2026-03/04.html#{anchor}")
    assert in_viewport(page, f"[id='{anchor}']")


def test_old_line_number_anchor_lands_on_its_paragraph(page: Any, base_url: str, built_site: Path) -> None:
    """TRANSITIONAL (one release): a link saved when anchors were line numbers (#p-43) still lands on its
    paragraph, now ``p-`` + a digest of its text."""
    doc = BeautifulSoup((built_site / "2026-03/06.html").read_text(encoding="utf-8"), "html.parser")
    alias = doc.select("p.annotate-paragraph > span.annotate-old-id")[-1]  # far down the page
    old, new = alias["id"], alias.parent["id"]
    assert re.fullmatch(r"p-\d+", old) and re.fullmatch(r"p-[a-z]{7}", new)
    page.goto(f"{base_url}2026-03/06.html")
    assert not in_viewport(page, f"[id='{new}']")
    page.goto(f"{base_url}2026-03/06.html#{old}")
    assert in_viewport(page, f"[id='{new}']"), f"#{old} does not show #{new}"
    assert below_header(page, f"[id='{old}']"), f"#{old}: paragraph under the header"


@pytest.mark.parametrize("edition", EDITIONS)
def test_edition_pages_are_in_their_script(page: Any, base_url: str, edition: str) -> None:
    """Spot check: 习近平 appears on the Simplified page, 習近平 on the Traditional one, not the other."""
    page.goto(f"{base_url}{EDITIONS[edition]}2026-03/04.html")
    text = page.locator("article").inner_text()
    wanted, unwanted = ("习近平", "習近平") if edition == "zh-Hans" else ("習近平", "习近平")
    assert wanted in text and unwanted not in text

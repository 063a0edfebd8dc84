"""Term pages in Chromium: axe finds nothing on them (no violation of any impact), the chart is hidden
from screen readers and has its text equivalent, and the search's term card leads to the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browserkit import EDITIONS, SEARCH_INPUT, open_search, record
from sitebuild import ROOT

from annotate.glossary import load_glossary

pytestmark = pytest.mark.browser


def term_views(site: Path) -> dict[str, str]:
    """A term found often, a name, and the glossary index (which describes the entries no page has)."""
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    return {"frequent": f"terms/{glossary['十五五'].anchor}.html", "name": f"terms/{glossary['习近平'].anchor}.html",
            "index": "glossary.html"}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("edition", EDITIONS)
def test_axe_finds_nothing_on_term_pages(page: Any, base_url: str, built_site: Path, axe: Axe, edition: str) -> None:
    found = {}
    for view, path in term_views(built_site).items():
        page.goto(f"{base_url}{EDITIONS[edition]}{path}")
        violations = axe.run(page).response["violations"]
        found[view] = [f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in violations]
    record(f"axe-terms-{edition}", found)
    assert all(v == [] for v in found.values()), found


@pytest.mark.parametrize("edition", EDITIONS)
def test_chart_has_its_text_equivalent(page: Any, base_url: str, built_site: Path, edition: str) -> None:
    page.goto(f"{base_url}{EDITIONS[edition]}{term_views(built_site)['frequent']}")
    chart = page.locator("figure.annotate-term-history svg")
    assert chart.get_attribute("aria-hidden") == "true" and chart.is_visible()
    caption = page.locator("figure.annotate-term-history figcaption")
    assert caption.is_visible() and "2026" in caption.inner_text()
    snapshot = page.locator("article").aria_snapshot()
    assert caption.inner_text().strip()[:10] in snapshot and "rect" not in snapshot
    page.locator("details.annotate-term-counts summary").click()
    assert page.locator("details.annotate-term-counts table tbody tr").count() >= 1


@pytest.mark.parametrize("edition", EDITIONS)
def test_term_card_leads_to_the_term_page(page: Any, base_url: str, built_site: Path, edition: str) -> None:
    prefix = EDITIONS[edition]
    page.goto(f"{base_url}{prefix}index.html")
    field = open_search(page)
    field.fill("十五五")
    card = page.locator(".md-search-result__item", has=page.locator(".annotate-term-card")).first
    card.wait_for()
    assert page.locator(".md-search-result__item").first.locator(".annotate-term-card").count() == 1
    card.locator("a").first.click()
    page.wait_for_url(f"**/{prefix}{term_views(built_site)['frequent']}*")
    assert page.locator("h1").first.inner_text().startswith("十五五")
    assert page.locator(SEARCH_INPUT).count() == 1

"""Online search on a site with more matching pages than the worker sends excerpts for: the count must be
every matching page, while the excerpts come in two batches (the first ten at once, more once the query
has settled)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import readable_pages_containing, result_count, serve_directory, term_card, type_query
from sitebuild import ROOT, make_project, run_build

pytestmark = pytest.mark.browser

COPIES = 4  # four issues of the March text: 60 articles, more than the 50 excerpts the worker loads


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Path:
    tmp = tmp_path_factory.mktemp("large-site")
    march = (ROOT / "docs/bulletins/2026-03.txt").read_bytes()
    project = make_project(tmp, {f"2026-{month:02d}.txt": march for month in range(1, COPIES + 1)})
    result = run_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    return tmp / "site"


@pytest.fixture(scope="module")
def large_url(large_site: Path) -> Iterator[str]:
    with serve_directory(large_site) as url:
        yield url


def test_count_is_every_matching_page_while_excerpts_arrive_in_batches(
    page: Any, large_url: str, large_site: Path
) -> None:
    expected = readable_pages_containing(large_site, "", "习近平")
    assert len(expected) > 50, "bad test data: the site must have more matches than the worker loads"
    page.goto(f"{large_url}index.html")
    type_query(page, "习近平")
    assert result_count(page) == len(expected) + term_card("习近平")  # the entry's card, then every article
    # Material renders ten, then more as the list scrolls; the later excerpts arrive after the pause.
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length >= 10")
    page.wait_for_timeout(1000)
    page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTo(0, el.scrollHeight)")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 11")
    assert result_count(page) == len(expected) + term_card("习近平")

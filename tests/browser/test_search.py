"""Typed search queries in both editions, across scripts, on the served site: annotate-search-worker.js
converts the query with the table generated from OpenCC's data (the box keeps what the reader typed) and
answers Material's search box from Pagefind's chunked index (exact substrings). Ranking and the term card
across many queries, online and offline: test_search_queries.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browserkit import (
    EDITIONS,
    SEARCH_INPUT,
    edition_path,
    open_search,
    readable_pages_containing,
    record,
    result_count,
    search_results,
    term_card,
    type_query,
    wait_for_query_results,
)
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

# (edition, what the reader types, the query in the edition's script: what the worker searches)
QUERIES = [
    ("zh-Hans", "兩個確立", "两个确立"),
    ("zh-Hans", "十五五", "十五五"),
    ("zh-Hant", "習近平", "習近平"),
    ("zh-Hant", "兩個確立", "兩個確立"),
    ("zh-Hant", "两个确立", "兩個確立"),
    ("zh-Hant", "十五五", "十五五"),
]


def is_article(path: str) -> bool:
    """``2026-03/04.html``: an article page (not the glossary, a bulletin index or the landing page)."""
    name = path.split("#")[0].rsplit("/", 1)[-1]
    return name.removesuffix(".html").isdigit()


@pytest.mark.parametrize(("edition", "typed", "converted"), QUERIES)
def test_typed_query_finds_every_page_containing_it(
    page: Any, base_url: str, built_site: Path, edition: str, typed: str, converted: str
) -> None:
    prefix = EDITIONS[edition]
    page.goto(f"{base_url}{prefix}index.html")
    field = type_query(page, typed, converted)
    assert field.input_value() == typed  # the box keeps what the reader typed

    expected = readable_pages_containing(built_site, prefix, converted)
    assert expected, f"no article contains {converted}: bad test data"
    # Every article that contains the words, no other, after the term's card.
    assert result_count(page) == len(expected) + term_card(typed)
    shown = [edition_path(r["href"], prefix).split("#")[0] for r in search_results(page)]
    articles = [p for p in shown if is_article(p)]
    assert articles and set(articles) <= expected, set(articles) - expected
    assert set(shown) - set(articles) <= {p for p in shown if p.startswith("terms/")}


@pytest.mark.parametrize("edition", EDITIONS)
def test_fifteenth_five_year_plan_ranks_first(page: Any, base_url: str, edition: str) -> None:
    """十五五 must not be searched as 十|五 (which put the “民进十五届十四次中常会” article first)."""
    prefix = EDITIONS[edition]
    page.goto(f"{base_url}{prefix}index.html")
    type_query(page, "十五五")
    articles = [r for r in search_results(page) if is_article(edition_path(r["href"], prefix))]
    assert articles, search_results(page)
    assert "十五五" in articles[0]["title"], articles[:3]


def test_ime_composition_and_commit_are_left_as_typed(page: Any, base_url: str) -> None:
    """An IME's uncommitted text is left alone, and so is the committed text; it is searched (converted
    in the worker)."""
    page.goto(f"{base_url}index.html")
    field = open_search(page)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "兩個", "selectionStart": 2, "selectionEnd": 2})
    assert field.input_value() == "兩個"
    cdp.send("Input.insertText", {"text": "兩個確立"})
    wait_for_query_results(page, "两个确立")
    assert field.input_value() == "兩個確立"


def test_the_box_keeps_text_and_caret(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}index.html")
    field = type_query(page, "确立")
    field.press("Home")
    field.press_sequentially("兩個")
    assert field.input_value() == "兩個确立"
    assert field.evaluate("el => [el.selectionStart, el.selectionEnd]") == [2, 2]


def test_query_in_address_is_searched_as_written(page: Any, base_url: str) -> None:
    """Material opens the search from ``?q=``: a query in the other script stays as written and finds the
    term's card and articles."""
    page.goto(f"{base_url}zh-Hant/index.html?q=两个确立")
    wait_for_query_results(page, "兩個確立")
    assert page.locator(SEARCH_INPUT).input_value() == "两个确立"
    assert page.locator(".md-search-result__item").first.locator(".annotate-term-card").count() == 1


def test_the_query_table_does_not_chain(built_site: Path) -> None:
    """OpenCC's tables chain (麼→么, 么→幺): the generated table must not, or 什么 typed on the Simplified
    edition would be searched as 什幺."""
    for prefix in EDITIONS.values():
        script = (built_site / prefix / "assets/javascripts/annotate-query-table.js").read_text(encoding="utf-8")
        pairs = list(json.loads(script.split("= ", 1)[1].rstrip().rstrip(";"))["pairs"])
        keys, targets = set(pairs[0::2]), set(pairs[1::2])
        assert pairs and not keys & targets


def test_words_the_traditional_text_keeps_are_still_found(page: Any, base_url: str, built_site: Path) -> None:
    """新征程 is written the same in both scripts (the issue lists 新征程→新徵程 as a conversion error).
    Typed on the Traditional edition it must still find the articles that contain it: the query table
    must not turn 征 into 徵 when the edition's own text keeps 征."""
    expected = readable_pages_containing(built_site, "zh-Hant/", "新征程")
    assert expected, "bad test data: 新征程 does not occur in the Traditional edition"
    page.goto(f"{base_url}zh-Hant/index.html")
    field = open_search(page)
    field.press_sequentially("新征程")
    wait_for_query_results(page)
    assert field.input_value() == "新征程"
    traditional = result_count(page)
    page.goto(f"{base_url}index.html")
    field = open_search(page)
    field.press_sequentially("新征程")
    wait_for_query_results(page)
    # The same pages match in both editions (after the term's card).
    assert traditional == result_count(page) == len(expected) + term_card("新征程")


def test_online_search_downloads_index_chunks_not_the_whole_index(page: Any, base_url: str, built_site: Path) -> None:
    """Online, Material fetches an index with no documents and Pagefind loads only what the query needs
    (and the table the worker ranks by); the offline copy's index is never requested."""
    responses: list[tuple[str, int]] = []
    page.on("response", lambda r: responses.append((r.url.removeprefix(base_url), len(r.body()))))
    page.goto(f"{base_url}index.html")
    type_query(page, "两个确立")
    search = [(url, size) for url, size in responses if "search" in url or "pagefind" in url]
    record("search-requests", {"requests": search, "bytes": sum(size for _, size in search)})
    urls = [url for url, _ in search]
    assert "search/search_index.json" in urls and not any(u.rsplit("/", 1)[-1] == "search_index.js" for u in urls)
    stub = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and stub["config"]["lang"]
    fetched = [u.split("?")[0] for u in urls if u.startswith("pagefind/")]
    assert "pagefind/pagefind.js" in fetched and any(u.startswith("pagefind/index/") for u in fetched)
    on_disk = {p.relative_to(built_site).as_posix() for p in (built_site / "pagefind").rglob("*") if p.is_file()}
    assert set(fetched) <= on_disk and len(set(fetched)) < len(on_disk)  # chunks, not everything


def test_every_term_must_occur_as_written(page: Any, base_url: str, built_site: Path) -> None:
    """Each term is an exact substring: two characters that occur in the text but never side by side find
    nothing, and two terms find the pages that have both."""
    text = "".join(
        block for path in sorted(built_site.glob("2026-03/*.html")) if path.stem.isdigit()
        for block in [path.read_text(encoding="utf-8")]
    )
    apart = next(a + b for a in "两个确立习近平" for b in "十五新征程" if a + b not in text)
    page.goto(f"{base_url}index.html")
    field = open_search(page)
    field.press_sequentially(apart)
    page.wait_for_function(
        "() => /没有|沒有/.test(document.querySelector('.md-search-result__meta').textContent)"
    )

    page.goto(f"{base_url}index.html")
    type_query(page, "两个确立 十五五")
    both = readable_pages_containing(built_site, "", "两个确立") & readable_pages_containing(built_site, "", "十五五")
    assert both and result_count(page) == len(both)  # two words name no entry: no card


def test_excerpts_read_as_the_text_with_the_words_highlighted(page: Any, base_url: str) -> None:
    """The index's word breaks between characters never reach the reader."""
    page.goto(f"{base_url}index.html")
    type_query(page, "两个确立")
    excerpts = page.locator(".md-search-result__article p").all_inner_texts()
    assert excerpts and any("两个确立" in e for e in excerpts), excerpts
    assert not any(re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", e) for e in excerpts), excerpts
    marked = page.locator(".md-search-result__article mark").all_inner_texts()
    assert "两个确立" in marked, marked


@pytest.mark.parametrize("query", ["两个确立", "十五五"])
def test_section_results_carry_the_heading_as_written(page: Any, base_url: str, built_site: Path, query: str) -> None:
    """A section result (an article's heading) is titled exactly as its heading, spaces included, and leads
    to it."""
    page.goto(f"{base_url}index.html")
    type_query(page, query)
    sections = page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__link')]
            .filter(a => new URL(a.href).hash)
            .map(a => ({href: new URL(a.href).pathname, id: decodeURIComponent(new URL(a.href).hash.slice(1)),
                        title: a.querySelector('h1, h2').textContent}))"""
    )
    assert sections, "no section results"
    for section in sections:
        soup = BeautifulSoup((built_site / section["href"].lstrip("/")).read_text(encoding="utf-8"), "html.parser")
        heading = soup.find(id=section["id"])
        assert heading is not None, section
        assert section["title"] == heading.get_text().removesuffix("¶"), section

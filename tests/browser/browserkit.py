"""Helpers of the browser suite (imported by the test modules; fixtures live in conftest.py)."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from sitebuild import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
OUTPUT = ROOT / "test-output"
SCREENSHOTS = OUTPUT / "screenshots"
EDITIONS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}  # edition → URL prefix
MOBILE = {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True,
          "device_scale_factor": 2}
SEARCH_INPUT = "input[data-md-component=search-query]"
# Schemes a page may load from besides the test server's origin: nothing that leaves the machine.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 from a daemon thread, like a reader's web server; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def record(name: str, data: Any) -> Path:
    """Write figures measured by the suite (axe counts, requests, page weight) to test-output/."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path




def article_pages(site: Path, prefix: str = "") -> list[Path]:
    """Article pages of an edition: ``<bulletin>/<NN>.html``."""
    return sorted(p for p in (site / prefix).glob("*/*.html") if p.stem.isdigit())


def xref_article(site: Path) -> str:
    """The first article page with a cross-reference marker (``2026-03/02.html``); fails if none."""
    for path in article_pages(site):
        if "annotate-xref-link" in path.read_text(encoding="utf-8"):
            return path.relative_to(site).as_posix()
    raise AssertionError("no cross-reference marker (a.annotate-xref-link) in the built site")


def readable_pages_containing(site: Path, prefix: str, word: str) -> set[str]:
    """What the search must find: article pages whose text contains ``word``, read from the pages
    themselves (the glossary is not a result: a query naming an entry gets its card, see term_card)."""
    pages = set()
    for path in article_pages(site, prefix):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if any(word in block.get_text() for block in soup.select("article .annotate-block")):
            pages.add(path.relative_to(site / prefix).as_posix())
    return pages


def term_card(query: str) -> int:
    """1 when the query names a glossary entry (its card comes first in the results), else 0."""
    import opencc

    from annotate.glossary import load_glossary

    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    form = query.replace(" ", "")
    return int(form in glossary or opencc.OpenCC("t2s").convert(form) in glossary)


def open_search(page: Any) -> Any:
    """Focus the search field the way a reader does: the header button on phones, the field otherwise."""
    field = page.locator(SEARCH_INPUT)
    button = page.locator("label.md-header__button[for=__search]")
    if button.is_visible():  # narrow screens: the field is off-screen until the button opens it
        button.click()
        page.wait_for_function("() => document.querySelector('[data-md-toggle=search]').checked")
        field.focus()
    else:
        field.click()
    return field


def wait_for_query_results(page: Any, converted: str | None = None) -> None:
    """Wait for the results of the query now in the field.

    Results are rendered once per keystroke; they belong to the final query when one of the result
    links carries the query, or a word of it, as Material's highlight parameter ``h``: the query in the
    edition's script (``converted``, when the reader typed the other script; the field keeps what was typed).
    """
    page.wait_for_function(
        """([selector, converted]) => {
            const value = document.querySelector(selector).value;
            const searched = converted || value;
            return value && [...document.querySelectorAll('.md-search-result__link')]
                .some(a => { const h = new URL(a.href).searchParams.get('h'); return h && searched.includes(h); });
        }""",
        arg=[SEARCH_INPUT, converted],
    )


def type_query(page: Any, query: str, converted: str | None = None) -> Any:
    """Type ``query`` character by character and wait for the results of the whole query."""
    field = open_search(page)
    field.press_sequentially(query)
    wait_for_query_results(page, converted)
    return field


def search_results(page: Any) -> list[dict[str, str]]:
    """Page-level results in the order shown: page path (relative to the edition) and title."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item')].map(item => {
            const link = item.querySelector('a');
            const url = new URL(link.href);
            const title = link.querySelector('h1, h2');
            return {href: url.pathname + url.hash,
                    title: (title ? title.textContent : '').replace(/\\u200b/g, '')};
        })"""
    )


def result_count(page: Any) -> int:
    """The total Material announces (“10 个符合条件的结果”); only the first results are rendered."""
    meta = page.locator(".md-search-result__meta").inner_text()
    match = re.search(r"\d+", meta)
    assert match, meta
    return int(match.group())


def edition_path(href: str, prefix: str) -> str:
    """``/zh-Hant/2026-03/04.html`` → ``2026-03/04.html`` (paths relative to the edition's root)."""
    path = urlsplit(href).path
    marker = "/annotate/" if "/annotate/" in path else "/"
    path = path.split(marker, 1)[1] if marker == "/annotate/" else path.lstrip("/")
    return path[len(prefix):] if prefix and path.startswith(prefix) else path


def highlight_of(href: str) -> str:
    return parse_qs(urlsplit(href).query).get("h", [""])[0]


VISIBLE_TOOLTIPS_JS = """() => [...document.querySelectorAll('.md-tooltip2.md-tooltip2--active')]
    .filter(t => getComputedStyle(t).visibility !== 'hidden').map(t => t.textContent.trim())"""


def active_tooltips(page: Any) -> list[str]:
    """Texts of the tooltips Material currently shows (and that annotate.js has not dismissed)."""
    return page.evaluate(VISIBLE_TOOLTIPS_JS)


def wait_for_tooltip(page: Any, text: str) -> None:
    page.wait_for_function(f"(text) => ({VISIBLE_TOOLTIPS_JS})().includes(text)", arg=text)


def wait_for_no_tooltip(page: Any, text: str | None = None) -> None:
    """Wait until no tooltip (or none showing ``text``) is visible; Material hides them after 250 ms."""
    if text is None:
        page.wait_for_function(f"() => ({VISIBLE_TOOLTIPS_JS})().length === 0")
    else:
        page.wait_for_function(f"(text) => !({VISIBLE_TOOLTIPS_JS})().includes(text)", arg=text)


def in_viewport(page: Any, selector: str) -> bool:
    return page.evaluate(
        """(selector) => {
            const el = document.querySelector(selector);
            if (!el) return false;
            const r = el.getBoundingClientRect();
            return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
        }""",
        selector,
    )


def page_width(page: Any) -> int:
    """The page's width, checked against the viewport the context was created with — not against
    ``innerWidth``, which a phone widens when it zooms out to fit an overflowing page."""
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return max(width, inner)

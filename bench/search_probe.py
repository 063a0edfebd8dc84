"""What a reader downloads before the first search result, measured in Chromium on a built site.

Used by ``bench_archive.py``; runnable alone on any built site::

    .venv/bin/python bench/search_probe.py site/ [两个确立 习近平 …]

The site is served from 127.0.0.1 (no compression, as a plain static server); every response whose URL
belongs to the search (Material's index, the search worker, Pagefind's files) from page load until the
results are shown is counted, raw and as gzip would send it (Pagefind's chunks are already compressed).
"""

from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browserkit import CHROMIUM, serve_directory

QUERIES = ("两个确立", "习近平", "十五五")
SEARCH_PARTS = ("search", "pagefind")


def _gzip_size(data: bytes, url: str) -> int:
    if url.split("?")[0].endswith((".pf_index", ".pf_fragment", ".pf_meta")):
        return len(data)  # Pagefind writes these gzip-compressed already
    return len(gzip.compress(data, 6))


def probe(site: Path, queries: tuple[str, ...] = QUERIES, prefix: str = "") -> list[dict[str, float]]:
    """One fresh browser context per query (an empty cache, as a first visit)."""
    from playwright.sync_api import sync_playwright

    rows = []
    with serve_directory(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            seen: list[Any] = []

            def keep(response: Any, store: list[Any] = seen) -> None:
                if any(part in response.url for part in SEARCH_PARTS) and response.status == 200:
                    store.append(response)

            page.on("response", keep)
            page.goto(f"{base}{prefix}index.html")
            start = time.perf_counter()
            page.fill("input[data-md-component=search-query]", query)
            page.wait_for_selector(".md-search-result__item", timeout=60_000)
            elapsed = time.perf_counter() - start
            page.remove_listener("response", keep)
            # Only what had arrived when the first results were shown (the next excerpts load later).
            fetched = [(response.url, response.body()) for response in list(seen)]
            rows.append({
                "query": query,
                "requests": len(fetched),
                "raw_bytes": sum(len(body) for _, body in fetched),
                "gzip_bytes": sum(_gzip_size(body, url) for url, body in fetched),
                "seconds": elapsed,
                "results": page.locator(".md-search-result__meta").inner_text(),
            })
            context.close()
        browser.close()
    return rows


def main() -> None:
    site = Path(sys.argv[1])
    queries = tuple(sys.argv[2:]) or QUERIES
    for row in probe(site, queries):
        print(f"{row['query']:<10} {row['requests']:>3} requests  {row['raw_bytes'] / 1e3:>9.1f} KB raw  "
              f"{row['gzip_bytes'] / 1e3:>9.1f} KB gzip  {row['seconds']:.2f}s  {row['results']}")


if __name__ == "__main__":
    main()

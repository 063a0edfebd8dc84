"""The request log: no page may fetch anything from another host or scheme (readers in mainland China,
meeting rooms without network), served on 127.0.0.1 or opened from the unzipped offline copy.

Also measures what a reader downloads for an article (HTML + CSS + JS, gzipped) and writes the figures
to test-output/requests.json and test-output/page-weight.json.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from browserkit import EDITIONS, LOCAL_SCHEMES, record, type_query

pytestmark = pytest.mark.browser

VIEWS = {"landing": "index.html", "article": "2026-03/04.html", "glossary": "glossary.html"}
SEARCH = {"zh-Hans": "两个确立", "zh-Hant": "兩個確立"}
# Budget for an article served over HTTP, HTML + CSS + JS gzipped. Material's bundle, stylesheet and
# search worker are ~80 KB of it; the budget catches a web font, a framework or an inlined index.
ARTICLE_BUDGET_GZ = 200_000


def allowed(url: str, origin: str | None) -> bool:
    if url.startswith(LOCAL_SCHEMES):
        return True
    return origin is not None and (url == origin or url.startswith(origin + "/"))


def visit(context: Any, url: str, search: str | None = None) -> list[Any]:
    """Open one page (and optionally type a search) in a fresh tab; every request it made, workers
    and the offline search iframe included."""
    requests: list[Any] = []

    def on_request(request: Any) -> None:
        requests.append(request)

    context.on("request", on_request)
    page = context.new_page()
    page.goto(url, wait_until="load")
    if search:
        type_query(page, search)
    page.wait_for_load_state("networkidle")
    page.close()
    context.remove_listener("request", on_request)
    return requests


def log_for(context: Any, root: str, origin: str | None) -> dict[str, dict[str, list[str]]]:
    """Per edition and view, the URLs requested; fails on any request leaving the allowed origin."""
    log: dict[str, dict[str, list[str]]] = {}
    for edition, prefix in EDITIONS.items():
        views = {name: visit(context, f"{root}{prefix}{path}") for name, path in VIEWS.items()}
        views["search"] = visit(context, f"{root}{prefix}index.html", SEARCH[edition])
        log[edition] = {name: [r.url for r in requests] for name, requests in views.items()}
    foreign = sorted({url for views in log.values() for urls in views.values() for url in urls
                      if not allowed(url, origin)})
    assert foreign == [], f"requests to another host or scheme: {foreign}"
    return log


def counts(log: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, int]]:
    return {edition: {view: len(urls) for view, urls in views.items()} for edition, views in log.items()}


def test_served_pages_request_nothing_but_the_server(context: Any, base_url: str) -> None:
    log = log_for(context, base_url, base_url.rstrip("/"))
    assert all(n > 0 for views in counts(log).values() for n in views.values())
    record("requests-served", {"counts": counts(log), "urls": log})


def test_offline_pages_request_nothing_but_local_files(context: Any, offline_url: str) -> None:
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else route.abort())
    log = log_for(context, offline_url, None)
    record("requests-offline", {"counts": counts(log), "urls": log})


def local_file(root: Path, base: str, url: str) -> Path:
    path = unquote(urlsplit(url).path)
    return root / path[len(urlsplit(base).path):]


def weigh(context: Any, base: str, root: Path, page_path: str) -> dict[str, Any]:
    """Bytes and gzipped bytes (level 6, a web server's default) per resource type for one page view."""
    requests = visit(context, f"{base}{page_path}")
    by_type: dict[str, dict[str, int]] = {}
    for request in requests:
        if request.url.startswith("data:"):
            continue
        data = local_file(root, base, request.url.split("?")[0]).read_bytes()
        entry = by_type.setdefault(request.resource_type, {"files": 0, "bytes": 0, "gzip": 0})
        entry["files"] += 1
        entry["bytes"] += len(data)
        entry["gzip"] += len(gzip.compress(data, compresslevel=6, mtime=0))
    core = [by_type.get(kind, {"gzip": 0})["gzip"] for kind in ("document", "stylesheet", "script")]
    return {"by_type": by_type, "html_css_js_gzip": sum(core)}


def test_article_page_weight(context: Any, base_url: str, built_site: Path, offline_url: str,
                             offline_root: Path) -> None:
    served = weigh(context, base_url, built_site, VIEWS["article"])
    offline = weigh(context, offline_url, offline_root, VIEWS["article"])
    record("page-weight", {"article": VIEWS["article"], "served": served, "offline": offline})
    assert 0 < served["html_css_js_gzip"] < ARTICLE_BUDGET_GZ, served

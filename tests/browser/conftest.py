"""Shared fixtures of the browser suite: one site build, one HTTP server, one unzipped offline copy and
one Chromium per session — the whole suite has to stay within a few minutes on a 2-core machine.

Debian's chromium is used (a Playwright browser download does not work on these machines). Without it the
suite is skipped, unless ANNOTATE_REQUIRE_BROWSER=1 (set in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import CHROMIUM, CHROMIUM_ARGS, MOBILE, SCREENSHOTS, serve_directory

TIMEOUT_MS = 10_000  # a local page that takes longer than this is a failure, not something to wait for


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (make browser) to run the browser tests"
        if os.environ.get("ANNOTATE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (ANNOTATE_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="session")
def built_site(march_site: Path, chromium_path: Path) -> Path:
    """The real docs built once per session (``tests/conftest.py``), the same site the other tests read."""
    return march_site


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1, like a reader's web server."""
    with serve_directory(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def offline_root(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline download unzipped, as a reader would: its top folder ``annotate/``."""
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(built_site / "downloads" / "annotate-offline.zip") as archive:
        archive.extractall(target)
    root = target / "annotate"
    assert (root / "index.html").is_file() and (root / "zh-Hant" / "index.html").is_file()
    return root


@pytest.fixture(scope="session")
def offline_url(offline_root: Path) -> str:
    return offline_root.as_uri() + "/"


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh desktop context per test: no state (focus, storage, hover) leaks between tests."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture
def mobile_context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(locale="zh-CN", **MOBILE)
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def mobile_page(mobile_context: Any) -> Any:
    return mobile_context.new_page()


@pytest.fixture(scope="session")
def screenshot() -> Callable[[Any, str], Path]:
    """Save a screenshot for reviewers under test-output/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page: Any, name: str, full_page: bool = False) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save

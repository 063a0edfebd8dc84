"""Text is text, in Chromium: markup written into any field (tests/injection_site.py) opens no dialog, runs
no script, loads nothing and shows as written.

Pages: an article (its title in the navigation, the header and the window title), an article linking to it
in 《…》, the bulletin's index, the glossary and the landing page, in both editions, served and unzipped
from the offline download; and the search results of both search engines. Every tooltip on a page (the
glossary terms, the 《》 links, the related-passage links, the header logo) is hovered: Material builds
each one from a ``title=`` attribute with ``innerHTML``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browserkit import EDITIONS, LOCAL_SCHEMES, search_results, serve_directory, type_query
from injection_site import BULLETIN, FIELDS, build_injection_site, kept_directive_argument

from annotate.glossary import make_anchor

pytestmark = pytest.mark.browser

ARTICLE = f"{BULLETIN}/01.html"
MENTIONS = f"{BULLETIN}/02.html"  # 《article 01's title》 and 《its headings》
NOTED_PAGE = f"terms/{make_anchor('新质生产力')}.html"  # the entry with the injected definition and note
TERM_PAGE = f"terms/{make_anchor(FIELDS['glossary-term'].text)}.html"  # the injected term's own page
# Page → fields a reader must see on it as written (in the text, the window title or a tooltip).
PAGES = {
    ARTICLE: ["title", "kicker", "subtitle", "heading", "directive-argument", "sidecar-title",
              "glossary-definition", "site-name"],
    MENTIONS: ["title", "heading", "directive-argument", "conversion-override", "glossary-term"],
    f"{BULLETIN}/index.html": ["title", "kicker", "sidecar-title", "sidecar-note"],
    "glossary.html": ["glossary-term", "glossary-definition"],  # the index: term and one-line definition
    NOTED_PAGE: ["glossary-definition", "glossary-note"],  # the whole description is on the term's page
    TERM_PAGE: ["glossary-term"],
    "index.html": ["title", "sidecar-title", "site-name"],
}

# Before any page script: remember every alert() (the payloads call it), then let the dialog open.
RECORD_ALERTS = """(() => {
  window.__annotateAlerts = [];
  const original = window.alert;
  window.alert = function (message) {
    window.__annotateAlerts.push(String(message));
    return original.apply(window, arguments);
  };
})();"""
# Elements no page has of its own: what a payload would have become.
MARKUP_JS = """() => [...document.querySelectorAll('*')].filter(el =>
    [...el.attributes].some(a => a.name.toLowerCase().startsWith('on'))
    || (el.tagName === 'IMG' && el.getAttribute('src') === 'x')
    || (el.tagName === 'SCRIPT' && el.textContent.includes('alert('))
    || (el.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript:')
  ).map(el => el.outerHTML.slice(0, 160))"""
# What Material turns into tooltips: [title] in the content (content.tooltips) and in the header (the
# search form's buttons are under the closed search field).
HOSTS = "[data-md-component=content] [title], [data-md-component=header] [title]:not(.md-search *)"
# Whether the pointer over the centre of the host's first box (a link may wrap over two lines) reaches the
# host, not a layer painted over it.
HIT_JS = """(host) => {
    const box = host.getClientRects()[0];
    if (!box) return false;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === host || host.contains(hit));
}"""
TOOLTIP_JS = """(host) => {
    const id = host.getAttribute('aria-describedby');
    const tooltip = id && document.getElementById(id);
    return tooltip ? tooltip.innerText : null;
  }"""


@dataclass
class Visit:
    """What one page did: dialogs, alert() calls, elements made of markup, requests, and its text (the
    window title, the rendered text of the page and of every tooltip while it was shown)."""

    dialogs: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    markup: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    tooltips: list[str] = field(default_factory=list)
    text: str = ""

    def shows(self, text: str) -> bool:
        return text in self.text or any(text in tip for tip in self.tooltips)


@pytest.fixture(scope="module")
def injection_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Path:
    return build_injection_site(tmp_path_factory.mktemp("injection-browser"))


@pytest.fixture(scope="module")
def served(injection_site: Path) -> Iterator[str]:
    with serve_directory(injection_site) as url:
        yield url


@pytest.fixture(scope="module")
def unzipped(injection_site: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("injection-offline")
    with zipfile.ZipFile(injection_site / "downloads" / "annotate-offline.zip") as archive:
        archive.extractall(target)
    return (target / "annotate").as_uri() + "/"


def hover_tooltips(page: Any, visit: Visit) -> None:
    """Hover every visible tooltip host; read the tooltip and look for markup while it is shown. (Handles,
    not locators: Material takes the title attribute off the host while its tooltip is shown.)"""
    for host in page.query_selector_all(HOSTS):
        if not host.is_visible():
            continue
        # Centred first: scrolled just into view, a host near the top sits under Material's sticky header.
        host.evaluate("(e) => e.scrollIntoView({block: 'center'})")
        if not page.evaluate(HIT_JS, host):
            # The header's page-title topic is shown only once the page title has scrolled out of view
            # (Material fades the site name out and the title in): in a short window, scrolled to the end,
            # as a reader would see it, even on a page too short to scroll in a tall one.
            size = page.viewport_size
            page.set_viewport_size({"width": size["width"], "height": 240})
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_function(HIT_JS, arg=host)
            host.hover()
            page.wait_for_function(f"(host) => ({TOOLTIP_JS})(host) !== null", arg=host)
            visit.tooltips.append(page.evaluate(TOOLTIP_JS, host))
            visit.markup += page.evaluate(MARKUP_JS)
            page.set_viewport_size(size)
            continue
        host.hover()
        page.wait_for_function(f"(host) => ({TOOLTIP_JS})(host) !== null", arg=host)
        visit.tooltips.append(page.evaluate(TOOLTIP_JS, host))
        visit.markup += page.evaluate(MARKUP_JS)
    page.mouse.move(1, 1)


def open_page(context: Any, url: str, query: str | None = None) -> Visit:
    """Open ``url`` in a fresh tab, hover its tooltips (or type ``query`` into the search), and record."""
    visit = Visit()

    def on_request(request: Any) -> None:
        visit.requests.append(request.url)

    def on_dialog(dialog: Any) -> None:
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    context.add_init_script(RECORD_ALERTS)
    context.on("request", on_request)
    page = context.new_page()
    page.on("dialog", on_dialog)
    try:
        page.goto(url, wait_until="load")
        visit.markup += page.evaluate(MARKUP_JS)
        if query is None:
            hover_tooltips(page, visit)
        else:
            type_query(page, query)
            visit.tooltips += [result["title"] for result in search_results(page)]
            visit.markup += page.evaluate(MARKUP_JS)
        page.wait_for_load_state("networkidle")
        visit.alerts = page.evaluate("() => window.__annotateAlerts")
        visit.text = page.evaluate("() => document.title + '\\n' + document.body.innerText")
    finally:
        page.close()
        context.remove_listener("request", on_request)
    return visit


def assert_inert(visit: Visit, origin: str | None) -> None:
    """No dialog, no alert() call, no element made of markup, no request but the site's own files
    (and none for the payload's image ``x``)."""
    assert visit.dialogs == [], "a dialog opened"
    assert visit.alerts == [], "a payload ran"
    assert visit.markup == [], "markup became elements"
    foreign = [u for u in visit.requests if not (u.startswith(LOCAL_SCHEMES) or (origin and u.startswith(origin)))]
    assert foreign == [], "requests left the site"
    assert [u for u in visit.requests if urlsplit(u).path.endswith("/x")] == [], "the payload's image was loaded"


def expected(page_path: str, site: Path) -> list[str]:
    names = PAGES[page_path]
    return [n for n in names if n != "directive-argument" or kept_directive_argument(site)]


@pytest.mark.parametrize("page_path", PAGES)
@pytest.mark.parametrize("edition", EDITIONS)
def test_served_pages_show_markup_as_text(
    context: Any, served: str, injection_site: Path, edition: str, page_path: str
) -> None:
    visit = open_page(context, f"{served}{EDITIONS[edition]}{page_path}")
    assert_inert(visit, served.rstrip("/"))
    if page_path in (ARTICLE, MENTIONS):
        assert visit.tooltips, "no tooltip was hovered"
    missing = [n for n in expected(page_path, injection_site) if not visit.shows(FIELDS[n].shown(edition))]
    assert missing == [], f"not shown as written: {[FIELDS[n].shown(edition) for n in missing]}"


@pytest.mark.parametrize("page_path", [ARTICLE, MENTIONS])
@pytest.mark.parametrize("edition", EDITIONS)
def test_offline_pages_show_markup_as_text(
    context: Any, unzipped: str, injection_site: Path, edition: str, page_path: str
) -> None:
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else route.abort())
    visit = open_page(context, f"{unzipped}{EDITIONS[edition]}{page_path}")
    assert_inert(visit, None)
    missing = [n for n in expected(page_path, injection_site) if not visit.shows(FIELDS[n].shown(edition))]
    assert missing == [], f"not shown as written: {[FIELDS[n].shown(edition) for n in missing]}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_article_title_in_navigation_header_and_window_title(context: Any, served: str, edition: str) -> None:
    """Where the title went in raw: the navigation and the header show the title exactly as the ``h1``
    (which was always escaped) does, and so does the browser's window title."""
    context.add_init_script(RECORD_ALERTS)
    page = context.new_page()
    page.goto(f"{served}{EDITIONS[edition]}{ARTICLE}")
    shown = page.evaluate("""() => ({
        h1: document.querySelector('article h1').innerText.replace('¶', '').trim(),
        nav: document.querySelector('nav.md-nav--primary .md-nav__link--active').innerText.trim(),
        header: document.querySelector('[data-md-component=header-topic]').textContent.trim(),
        window: document.title,
        navLinks: [...document.querySelectorAll('nav.md-nav--primary a')].map(a => a.getAttribute('href')),
    })""")
    assert FIELDS["title"].shown(edition) in shown["h1"]
    assert shown["nav"] == shown["h1"] and shown["header"] == shown["h1"]
    assert shown["window"].startswith(shown["h1"] + " - ")
    assert FIELDS["site-name"].shown(edition) in shown["window"]
    assert not [href for href in shown["navLinks"] if href and href.lower().startswith("javascript:")]
    assert page.evaluate("() => window.__annotateAlerts") == []


@pytest.mark.parametrize("where", ["served", "offline"])
def test_search_results_show_the_title_as_written(
    context: Any, served: str, unzipped: str, where: str
) -> None:
    """Online Pagefind's results, offline Material's: both put result titles into the page as HTML."""
    root = served if where == "served" else unzipped
    if where == "offline":
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
    visit = open_page(context, f"{root}index.html", query=FIELDS["title"].label)
    assert_inert(visit, served.rstrip("/") if where == "served" else None)
    assert any(FIELDS["title"].text in title for title in visit.tooltips), visit.tooltips

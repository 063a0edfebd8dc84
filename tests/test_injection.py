"""Text is text: markup written into any field (bulletin kicker, title, subtitle, heading and directive
argument, sidecar title and note, glossary term, definition and note, conversion override, site name)
shows as written — in the content, the navigation, the header, the ``<title>`` and the tooltips Material
builds from ``title=`` attributes — in both editions and the offline zip, and never becomes an element.

The rule itself (:mod:`annotate.htmltext`) is tested first; then one build of tests/injection_site.py is
read as a browser would parse it. tests/browser/test_injection_in_browser.py opens the same site in Chromium.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import jinja2
import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from injection_site import FIELDS, IMG, LINK, SCRIPT, build_injection_site, kept_directive_argument

from annotate import render
from annotate.glossary import make_anchor
from annotate.htmltext import Html, as_html, tooltip_html
from annotate.segment import segment_text

MARKUP = IMG + SCRIPT + LINK + "&amp; ' \""
EDITIONS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
TAG = re.compile(r"F\d\d")
# Elements Material turns into tooltips (content.tooltips): content and header ``[title]``.
TOOLTIP_HOSTS = "[data-md-component=content] [title], [data-md-component=header] [title]"


# ---------------------------------------------------------------------------------------------- the rule


def fragment_text(value: str) -> tuple[str, list[str]]:
    """What a browser shows for an HTML fragment: its text, and the names of the elements it made."""
    soup = BeautifulSoup(value, "html.parser")
    return soup.get_text(), [tag.name for tag in soup.find_all(True)]


def test_as_html_shows_the_text_and_makes_no_element() -> None:
    assert fragment_text(as_html(MARKUP)) == (MARKUP, [])
    assert fragment_text(f'<a title="{as_html(MARKUP)}">x</a>')[1] == ["a"]  # the attribute stays closed
    assert as_html("新质生产力") == "新质生产力"


def test_html_is_not_escaped_twice_by_the_rule_or_by_jinja() -> None:
    once = as_html(MARKUP)
    assert isinstance(once, Html) and as_html(once) == once
    template = jinja2.Environment().from_string('<a title="{{ t | e }}">{{ t }}</a>')
    rendered = BeautifulSoup(template.render(t=once), "html.parser").a
    assert rendered.get_text() == MARKUP and rendered["title"] == MARKUP


def test_tooltip_html_is_text_after_the_attribute_and_innerhtml() -> None:
    """Material reads the attribute (one decoding) and sets it as innerHTML (a second one)."""
    attribute = BeautifulSoup(f'<a title="{tooltip_html(MARKUP)}">x</a>', "html.parser").a["title"]
    assert attribute == as_html(MARKUP)
    assert fragment_text(attribute) == (MARKUP, [])
    assert tooltip_html(as_html(MARKUP)) == tooltip_html(MARKUP)


def test_markdown_link_title_is_a_tooltip_of_the_text() -> None:
    """A glossary definition or a 《》 target title, as the link's ``title=`` after Python-Markdown."""
    text = MARKUP + " \\ 反斜杠"
    source = f'[词](a.md "{render.escape_title(text)}")'
    link = BeautifulSoup(markdown.markdown(source, extensions=["attr_list"]), "html.parser").a
    assert link is not None and link.get_text() == "词"
    assert fragment_text(link["title"]) == (text, [])


def test_navigation_titles_are_html_of_the_text() -> None:
    bulletin = segment_text(f"%% title\n标题{SCRIPT}\n正文。\n", "2026-05.txt")
    bulletin.title = "期名" + IMG
    nav = render.navigation([bulletin])
    (year,) = nav[1].values()
    ((section, items),) = year[0].items()
    titles = [section, *(next(iter(item)) for item in items)]
    assert all(isinstance(t, Html) for t in titles)
    assert [fragment_text(t) for t in titles] == [("期名" + IMG, []), ("期名" + IMG, []), ("标题" + SCRIPT, []),
                                                  ("打印版", [])]

# ---------------------------------------------------------------------------------------------- the site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_injection_site(tmp_path_factory.mktemp("injection"))


def pages(site: Path, edition: str) -> Iterator[tuple[str, BeautifulSoup]]:
    root = site / EDITIONS[edition]
    for path in sorted(root.rglob("*.html")):
        relative = path.relative_to(root).as_posix()
        if edition == "zh-Hans" and relative.startswith("zh-Hant/"):
            continue
        yield relative, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tooltips(soup: BeautifulSoup) -> list[str]:
    """The ``title=`` values Material inserts into its tooltips as HTML."""
    return [str(host["title"]) for host in soup.select(TOOLTIP_HOSTS)]


def surfaces(soup: BeautifulSoup) -> dict[str, list[str]]:
    """What a reader sees of a page, by place: the window title, header, navigation, table of contents,
    content, and the tooltips (each ``title=`` read as HTML, as Material does)."""

    def texts(selector: str) -> list[str]:
        return [element.get_text() for element in soup.select(selector)]

    return {
        "title": texts("head > title"),
        "header": texts("header.md-header"),
        "nav": texts("nav.md-nav--primary"),
        "toc": texts("nav.md-nav--secondary"),
        "content": texts("article.md-content__inner"),
        "tooltip": [fragment_text(value)[0] for value in tooltips(soup)],
    }


def is_markup(element: Tag) -> bool:
    """An element or attribute no page has of its own: what one of the payloads would become."""
    return (
        any(name.lower().startswith("on") for name in element.attrs)
        or (element.name == "img" and element.get("src") == "x")
        or (element.name == "script" and "alert(" in element.get_text())
        or str(element.get("href", "")).strip().lower().startswith("javascript:")
    )


def made_by(field: str, soup: BeautifulSoup) -> list[str]:
    """Elements made of ``field``'s markup, in the page and inside its tooltips: found by the field's tag,
    the last one written before the element."""
    tag = FIELDS[field].tag
    found = []
    for element in soup.find_all(is_markup):
        before = element.find_all_previous(string=TAG, limit=1)
        if before and TAG.findall(before[0])[-1] == tag:
            found.append(str(element)[:120])
    for value in tooltips(soup):
        _, elements = fragment_text(value)
        if elements and TAG.findall(value) and TAG.findall(value)[0] == tag:
            found.append(f"tooltip {value[:120]}")
    return found


TERM_PAGE = f"terms/{make_anchor(FIELDS['glossary-term'].text)}.html"
NOTED_PAGE = f"terms/{make_anchor('新质生产力')}.html"  # the entry with the definition and note fields

# Where each field must show, per page and place (both editions).
WHERE: dict[str, list[tuple[str, str]]] = {
    "title": [("2026-05/01.html", "title"), ("2026-05/01.html", "header"), ("2026-05/01.html", "nav"),
              ("2026-05/01.html", "content"), ("2026-05/02.html", "tooltip"), ("2026-05/index.html", "content"),
              ("index.html", "content")],
    "kicker": [("2026-05/01.html", "content"), ("2026-05/index.html", "content")],
    "subtitle": [("2026-05/01.html", "content")],
    "heading": [("2026-05/01.html", "content"), ("2026-05/01.html", "toc"), ("2026-05/02.html", "tooltip")],
    "directive-argument": [("2026-05/01.html", "content"), ("2026-05/01.html", "toc"),
                           ("2026-05/02.html", "tooltip")],
    "sidecar-title": [("2026-05/01.html", "nav"), ("2026-05/01.html", "content"), ("2026-05/01.html", "tooltip"),
                      ("2026-05/index.html", "title"), ("2026-05/index.html", "header"),
                      ("2026-05/index.html", "content"), ("index.html", "content")],
    "sidecar-note": [("2026-05/index.html", "content")],
    # The glossary page is the index; each entry's own page (terms/<anchor>.html) holds its description.
    "glossary-term": [("glossary.html", "content"), (TERM_PAGE, "title"), (TERM_PAGE, "content"),
                      ("2026-05/02.html", "content")],
    "glossary-definition": [("glossary.html", "content"), (NOTED_PAGE, "content"), ("2026-05/01.html", "tooltip")],
    "glossary-note": [(NOTED_PAGE, "content")],
    "conversion-override": [("2026-05/02.html", "title"), ("2026-05/02.html", "header"), ("2026-05/02.html", "nav"),
                            ("2026-05/02.html", "content")],
    "site-name": [("index.html", "title"), ("index.html", "header"), ("index.html", "content"),
                  ("2026-05/01.html", "title"), ("2026-05/01.html", "header"), ("2026-05/01.html", "tooltip")],
}


def test_every_field_has_its_places() -> None:
    assert set(WHERE) == set(FIELDS)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("field", FIELDS)
def test_field_shows_as_written_and_makes_no_element(site: Path, field: str, edition: str) -> None:
    shown = FIELDS[field].shown(edition)
    by_path = dict(pages(site, edition))
    made = {path: found for path, soup in by_path.items() if (found := made_by(field, soup))}
    assert made == {}, f"{field}: markup became elements"
    if field == "directive-argument" and not kept_directive_argument(site):
        return  # dropped by the segmenter: nothing of it reaches any page (checked above)
    missing = [(path, place) for path, place in WHERE[field]
               if not any(shown in text for text in surfaces(by_path[path])[place])]
    assert missing == [], f"{field}: {shown!r} is not shown as written in {missing}"


def test_no_page_has_an_element_made_of_markup(site: Path) -> None:
    """Whatever the field: no page of either edition has a payload element, and no tooltip holds HTML."""
    found = []
    for edition in EDITIONS:
        for path, soup in pages(site, edition):
            found += [f"{edition} {path}: {str(e)[:100]}" for e in soup.find_all(is_markup)]
            found += [f"{edition} {path}: tooltip {v[:100]}" for v in tooltips(soup) if fragment_text(v)[1]]
    assert found == []


def test_window_title_is_not_cut_short(site: Path) -> None:
    """Material's ``<title>`` runs the title through striptags, which decodes it: a title holding
    ``</title>`` would end the element. The whole title shows, once."""
    soup = dict(pages(site, "zh-Hans"))["2026-05/01.html"]
    assert soup.title is not None
    assert soup.title.get_text() == f"{FIELDS['title'].text} - {FIELDS['site-name'].text}"


def test_offline_zip_holds_the_same_pages(site: Path) -> None:
    """The checks above hold for the offline copy: its pages are the site's, byte for byte."""
    with zipfile.ZipFile(site / "downloads" / "annotate-offline.zip") as archive:
        zipped = {name.removeprefix("annotate/"): archive.read(name) for name in archive.namelist()
                  if name.endswith(".html")}
    # All but the 404 pages, which only a web server shows (annotate.project.Project.offline_exclusions).
    served = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html") if p.name != "404.html"}
    assert zipped.keys() == served.keys()
    assert [name for name in zipped if zipped[name] != served[name]] == []


def test_search_inputs_hold_the_text(site: Path) -> None:
    """The offline index holds titles and text as text (the worker escapes them for the result list)."""
    script = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    pages = json.loads(script.removeprefix("var __index = "))["config"]["annotate"]["pages"]
    titles = [p["title"] for p in pages if p["url"] == "2026-05/01.html"]
    assert titles == [FIELDS["title"].text]

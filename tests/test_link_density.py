"""No generated block of text holds more links when the archive grows.

Python-Markdown parses each paragraph's (or list item's) inline content as one string, and since
Markdown 3.11 the time for a paragraph of n links grows with n² (1,000 links: 4 s; 4,000: 2 min). So
every page the project generates — articles, bulletin indexes, the landing page, print pages, the
glossary — must keep the links of any one paragraph, list item, heading or table cell bounded by one
article, never by the archive: pages whose links grow with the archive list them, one item each.

The check renders every page of one edition with the site's Markdown extensions and counts the links
in each innermost block, for an archive of one bulletin and the same bulletin four times over.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT

from annotate.settings import Settings
from annotate.site import build_site

MARCH = ROOT / "docs" / "bulletins" / "2026-03.txt"
BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd")


def docs_with(tmp: Path, copies: int) -> Path:
    docs = tmp / f"docs-{copies}"
    (docs / "bulletins").mkdir(parents=True)
    for name in ("glossary.yml", "xref-ignore.yml", "conversion.yml"):
        shutil.copy2(ROOT / "docs" / name, docs / name)
    for month in range(1, copies + 1):
        shutil.copy2(MARCH, docs / "bulletins" / f"2025-{month:02d}.txt")
    return docs


def links_per_block(page: str) -> int:
    """Most links in one innermost block of the rendered page (a list item's nested list not counted)."""
    html = markdown.markdown(page, extensions=["attr_list", "toc"])
    soup = BeautifulSoup(html, "html.parser")
    most = 0
    for block in soup.find_all(BLOCKS):
        own = [a for a in block.find_all("a") if a.find_parent(BLOCKS) is block]
        most = max(most, len(own))
    return most


def page_kind(src_uri: str) -> str:
    if "/" not in src_uri:
        return src_uri  # index.md, glossary.md
    name = src_uri.rsplit("/", 1)[1]
    return name if name in ("index.md", "print.md") else "article"


def densest(docs: Path) -> dict[str, int]:
    content = build_site(docs, Settings(), "测试站")
    result: dict[str, int] = {}
    for src_uri, page in content.pages.items():
        kind = page_kind(src_uri)
        result[kind] = max(result.get(kind, 0), links_per_block(page))
    return result


@pytest.fixture(scope="module")
def densities(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], dict[str, int]]:
    tmp = tmp_path_factory.mktemp("density")
    return densest(docs_with(tmp, 1)), densest(docs_with(tmp, 4))


def test_every_kind_of_page_is_generated(densities: tuple[dict[str, int], dict[str, int]]) -> None:
    one, four = densities
    assert set(one) == set(four) == {"index.md", "glossary.md", "article", "print.md"}
    assert one["glossary.md"] > 0 and one["article"] > 0  # the check sees links at all


@pytest.mark.parametrize("kind", ["index.md", "glossary.md", "article", "print.md"])
def test_no_block_gains_links_when_the_archive_grows(
    densities: tuple[dict[str, int], dict[str, int]], kind: str
) -> None:
    one, four = densities
    assert four[kind] <= one[kind], f"{kind}: {one[kind]} links in one block with 1 bulletin, {four[kind]} with 4"


def test_term_page_sentences_are_html_lists_per_bulletin() -> None:
    """The shape that keeps term pages linear: per bulletin a heading, then one HTML list of sentences,
    escaped; a term with more than PER_PAGE sentences continues on further pages."""
    from annotate.glossary import load_glossary
    from annotate.segment import segment_text
    from annotate.termlinks import index_terms
    from annotate.termpages import PER_PAGE, term_pages

    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    text = "标题<b>一</b> & [二](x)\n\n坚持两个确立。\n\n再说两个确立，两个确立。\n"
    bulletins = [segment_text(text, f"2025-{m:02d}.txt") for m in range(1, 4)]
    anchor = glossary["两个确立"].anchor
    pages = term_pages(glossary, index_terms(bulletins, glossary), bulletins)
    soup = BeautifulSoup(markdown.markdown(pages[f"terms/{anchor}.md"], extensions=["attr_list", "toc", "meta"]),
                         "html.parser")
    lists = soup.select("ol.annotate-term-sentences")
    assert len(lists) == 3 and [h.get("id") for h in soup.find_all("h3")] == ["b-2025-03", "b-2025-02", "b-2025-01"]
    items = lists[0].select("li")
    assert [len(item.select("mark")) for item in items] == [1, 2]  # one sentence, its occurrences marked
    assert items[0].a.get_text() == "标题<b>一</b> & [二](x)" and items[0].find("b") is None
    assert items[0].a["href"].startswith("../2025-03/01.html#p-")
    many = [segment_text("标题\n\n" + "两个确立。" * (PER_PAGE + 1) + "\n", "2025-04.txt")]
    paged = term_pages(glossary, index_terms(many, glossary), many)
    assert f"terms/{anchor}-2.md" in paged and f"terms/{anchor}-3.md" not in paged


@functools.cache
def page_ids(page: Path) -> frozenset[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return frozenset(tag["id"] for tag in soup.select("[id]"))


def test_every_link_reaches_its_target(march_site: Path) -> None:
    """Term pages' sentence links, the glossary index, glossary tooltips and ¶ permalinks are HTML, so
    ``mkdocs build --strict`` does not check them: this does, for every link on the article, term and
    glossary pages of both editions."""
    for prefix in ("", "zh-Hant/"):
        root = march_site / prefix
        pages = [root / "glossary.html", *sorted((root / "terms").glob("*.html")),
                 *sorted((root / "2026-03").glob("[0-9]*.html"))]
        kinds = {"ol.annotate-term-sentences a": 0, "ul.annotate-glossary-index a": 0, "a.annotate-term": 0,
                 "a.headerlink": 0}
        for page in pages:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for selector in kinds:
                kinds[selector] += len(soup.select(f"article {selector}"))
            for link in soup.select("article a[href]"):
                href = link["href"]
                if href.startswith(("http:", "https:", "mailto:")):
                    continue
                path, _, anchor = href.partition("#")
                target = (page.parent / path).resolve() if path else page
                assert target.is_file(), f"{page.name}: {href}"
                assert not anchor or anchor in page_ids(target), f"{page.name}: {href}"
        assert all(count > 20 for count in kinds.values()), kinds

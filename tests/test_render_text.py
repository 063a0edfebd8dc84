"""Bulletin text stays text in MkDocs' hands: the syntax MkDocs reads beyond Python-Markdown's own
(page meta-data, fenced code) found by the fuzz test (tests/test_fuzz.py)."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from annotate import render
from annotate.model import Article, Block, BlockKind, Bulletin


def page_html(page: str) -> tuple[str, dict[str, object]]:
    """As MkDocs renders a page: meta-data taken off first, then its built-in extensions and ours."""
    body, meta = get_data(page)
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list"])
    return md.convert(body), meta


def make_bulletin(header: list[tuple[BlockKind, str]], body: list[str]) -> Bulletin:
    blocks = [Block(kind=kind, lines=(n,), text=text, anchor=f"p-{n}") for n, (kind, text) in enumerate(header, 1)]
    paragraphs = [
        Block(kind=BlockKind.PARAGRAPH, lines=(n,), text=text, anchor=f"p-{n}")
        for n, text in enumerate(body, len(header) + 1)
    ]
    article = Article(index=1, slug="01", header=blocks, blocks=paragraphs)
    return Bulletin(source="2026-04.txt", slug="2026-04", title="2026年第4期", date=None, note=None,
                    articles=[article])


def test_first_line_of_a_page_is_never_meta_data() -> None:
    """A kicker shaped like ``key: value`` would become MkDocs meta-data: the page's title or template,
    and lost from the page."""
    for kicker in ("Title: 假标题", "template: x.html", "http://example.com 指出："):
        bulletin = make_bulletin([(BlockKind.KICKER, kicker), (BlockKind.TITLE, "标题")], ["正文。"])
        output, meta = page_html(render.article_markdown(bulletin, bulletin.articles[0]))
        assert meta == {}
        element = BeautifulSoup(output, "html.parser").find(id="p-1")
        assert element is not None and element.get_text() == kicker


def test_tildes_never_fence_code() -> None:
    """``~~~`` lines (a kicker, a subtitle, paragraphs on the print page) would open and close a code
    block that swallows the blocks between them, attribute lists and all."""
    bulletin = make_bulletin(
        [(BlockKind.KICKER, "~~~"), (BlockKind.TITLE, "标题"), (BlockKind.SUBTITLE, "~~~")],
        ["~~~", "正文<b>x</b>。", "~~~~ {.x}", "~~~"],
    )
    for page in (render.article_markdown(bulletin, bulletin.articles[0]), render.print_markdown(bulletin)):
        output, _ = page_html(page)
        soup = BeautifulSoup(output, "html.parser")
        assert soup.find(["pre", "code"]) is None, output
        assert "{:" not in soup.get_text()
        texts = [p.get_text() for p in soup.find_all("p") if "annotate-paragraph" in p.get("class", [])]
        assert [t.removesuffix("¶") for t in texts] == ["~~~", "正文<b>x</b>。", "~~~~ {.x}", "~~~"]


def test_escape_text_writes_colon_and_tilde_as_references() -> None:
    assert render.escape_text("a: ~b") == "a&#58; &#126;b"


def test_print_page_keeps_each_articles_source_line() -> None:
    bulletin = make_bulletin([(BlockKind.TITLE, "标题")], ["正文。"])
    bulletin.articles[0].source = "人民日报 <b>"
    html, _ = page_html(render.print_markdown(bulletin))
    source = BeautifulSoup(html, "html.parser").select_one("p.annotate-meta")
    assert source is not None and source.get_text() == "来源：人民日报 <b>"


def test_print_pages_are_recognised_for_the_reading_sequence() -> None:
    bulletin = make_bulletin([(BlockKind.TITLE, "标题")], ["正文。"])
    assert render.is_print_page(render.print_path(bulletin))
    assert not render.is_print_page(render.article_path(bulletin, bulletin.articles[0]))
    assert not render.is_print_page("glossary.md") and not render.is_print_page("terms/print.md/x")


def test_cross_reference_marker_groups_targets_by_article_with_excerpts() -> None:
    from annotate.xref import build_xref
    from annotate.xreflinks import XrefDecorations, bulletin_titles

    shared = "把敢不敢扛事、愿不愿做事、能不能干事作为识别干部、评判优劣、奖惩升降的重要标准"
    other = "坚持把新时代好干部标准落到实处，让愿担当敢担当善担当的干部有为有位有盼头"
    one = make_bulletin([(BlockKind.TITLE, "甲文")], [shared + other])
    two = Article(index=2, slug="02", header=[Block(BlockKind.TITLE, (20,), "乙文", anchor="title")],
                  blocks=[Block(BlockKind.PARAGRAPH, (21,), "前言。" + shared, anchor="p-21"),
                          Block(BlockKind.PARAGRAPH, (22,), other + "。后记", anchor="p-22")])
    one.articles.append(two)
    index = build_xref([one])
    links = XrefDecorations(index, bulletin_titles([one]), bulletins=[one])
    block = one.articles[0].blocks[0]
    [marker] = links.after_block(one, one.articles[0], block)
    soup = BeautifulSoup(marker, "html.parser")
    assert soup.select_one("button.annotate-xref-toggle").get_text() == "↔ 2"
    assert [t.get_text() for t in soup.select(".annotate-xref-title")] == ["乙文"]  # the title once
    hrefs = [a["href"] for a in soup.select("a.annotate-xref-link")]
    assert hrefs == ["02.html#p-21", "02.html#p-22"]
    excerpts = [a.get_text() for a in soup.select("a.annotate-xref-link")]
    assert all(len(e) <= 32 for e in excerpts) and excerpts[0].startswith("把敢不敢扛事")
    assert "¶" not in marker and "21" not in "".join(excerpts)  # no source line numbers

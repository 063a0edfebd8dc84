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

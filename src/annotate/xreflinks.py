"""Cross-references on the page: highlighted shared runs, the “相关段落” marker after a paragraph,
links on title mentions, and the “相关文章” list at the end of each article.

Reads the :class:`~annotate.xref.XrefIndex` computed once for the whole archive; emits Markdown links
(relative ``.md`` paths) so that ``mkdocs build --strict`` validates every target anchor.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from .model import Article, Block, Bulletin
from .render import PLAIN, EditionText, InlineSpan, article_path, escape_text, escape_title
from .xref import Mark, XrefIndex, XrefTarget

SHARED_CLASS = "annotate-shared"
REFERENCE_CLASS = "annotate-xref-ref"


def target_href(page_src: str, target: XrefTarget) -> str:
    path = f"{target.bulletin}/{target.article}.md"
    relative = posixpath.relpath(path, posixpath.dirname(page_src) or ".")
    return f"{relative}#{target.anchor}" if target.anchor else relative


class XrefDecorations:
    """Renderer callbacks (see :class:`annotate.render.Decorations`) backed by one ``XrefIndex``."""

    def __init__(
        self, index: XrefIndex, titles: dict[tuple[str, str], str], edition: EditionText = PLAIN
    ) -> None:
        self.index = index
        self.titles = titles  # (bulletin slug, article slug) → bulletin title, for marker labels
        self.edition = edition  # how the pages of this edition show text

    def marks(self, bulletin: Bulletin, article: Article, block: Block) -> list[Mark]:
        return self.index.for_block(bulletin.slug, article.slug, block.anchor)

    def link_spans(self, bulletin: Bulletin, article: Article, block: Block) -> list[tuple[int, int]]:
        """Where title mentions become links: glossary terms are not matched inside them."""
        return [(m.start, m.end) for m in self.marks(bulletin, article, block) if m.kind == "reference"]

    def spans(self, bulletin: Bulletin, article: Article, block: Block) -> Sequence[InlineSpan]:
        page = article_path(bulletin, article)
        spans = []
        for mark in self.marks(bulletin, article, block):
            if mark.kind == "passage":
                spans.append(InlineSpan(mark.start, mark.end, classes=(SHARED_CLASS,)))
            else:
                target = mark.targets[0]
                label = target.heading or target.title
                spans.append(
                    InlineSpan(mark.start, mark.end, href=target_href(page, target), title=label,
                               classes=(REFERENCE_CLASS,))
                )
        return spans

    def after_block(self, bulletin: Bulletin, article: Article, block: Block) -> Sequence[str]:
        """The “相关段落” marker: one link per other passage sharing text with this paragraph."""
        page = article_path(bulletin, article)
        seen: set[tuple[str, str, str]] = set()
        links = []
        for mark in self.marks(bulletin, article, block):
            if mark.kind != "passage":
                continue
            target = mark.targets[0]
            key = (target.bulletin, target.article, target.anchor)
            if key in seen:
                continue
            seen.add(key)
            where = target.title if target.bulletin == bulletin.slug else (
                f"{self.titles.get((target.bulletin, target.article), target.bulletin)} · {target.title}")
            bulletin_title = self.titles.get((target.bulletin, target.article), target.bulletin)
            number = int(target.article) if target.article.isdigit() else target.article
            place = f"{bulletin_title} 第{number}篇 ¶{target.line}"  # printed after the link on paper
            links.append(
                f"[{escape_text(where, self.edition)} ¶{target.line}]({target_href(page, target)}"
                f' "{escape_title(place, self.edition)}"){{: .annotate-xref-link }}'
            )
        if not links:
            return []
        label = escape_text("相关段落：", self.edition)
        return [f"{label}{escape_text('；', self.edition).join(links)}\n{{: .annotate-xref role=\"note\" }}"]

    def page_end(self, bulletin: Bulletin, article: Article) -> Sequence[str]:
        related = self.index.related_for(bulletin.slug, article.slug)
        if not related:
            return []
        page = article_path(bulletin, article)
        items = []
        for rel in related:
            slug_b, _, slug_a = rel.b.partition("/")
            href = posixpath.relpath(f"{slug_b}/{slug_a}.md", posixpath.dirname(page))
            items.append(f"- [{escape_text(rel.title, self.edition)}]({href}) "
                         + escape_text(f"——{rel.reason}", self.edition) + "\n{: .annotate-related-item }")
        heading = f"## {escape_text('相关文章', self.edition)} {{: #related .annotate-related }}"
        return [heading, "\n".join(items)]


def bulletin_titles(bulletins: Sequence[Bulletin], edition: EditionText = PLAIN) -> dict[tuple[str, str], str]:
    return {(b.slug, a.slug): edition.visible(b.title) for b in bulletins for a in b.articles}

"""Cross-references on the page: highlighted shared runs, the “相关段落” marker after a paragraph,
links on title mentions, and the “相关文章” list at the end of each article.

Reads the :class:`~annotate.xref.XrefIndex` computed once for the whole archive; emits Markdown links
(relative ``.md`` paths) so that ``mkdocs build --strict`` validates every target anchor.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from .htmltext import as_html
from .model import Article, Block, BlockKind, Bulletin
from .pageurls import page_output
from .render import PLAIN, EditionText, InlineSpan, article_path, escape_text, escape_title
from .xref import Mark, XrefIndex, XrefTarget

SHARED_CLASS = "annotate-shared"
REFERENCE_CLASS = "annotate-xref-ref"
EXCERPT = 32  # characters of a target paragraph's shared text shown in the list


def target_href(page_src: str, target: XrefTarget) -> str:
    path = f"{target.bulletin}/{target.article}.md"
    relative = posixpath.relpath(path, posixpath.dirname(page_src) or ".")
    return f"{relative}#{target.anchor}" if target.anchor else relative


def output_href(page_src: str, target: XrefTarget) -> str:
    """The written URL of a target (``use_directory_urls: false``: ``NN.md`` becomes ``NN.html``)."""
    path, _, anchor = target_href(page_src, target).partition("#")
    path = page_output(path)
    return f"{path}#{anchor}" if anchor else path


class XrefDecorations:
    """Renderer callbacks (see :class:`annotate.render.Decorations`) backed by one ``XrefIndex``."""

    def __init__(
        self,
        index: XrefIndex,
        titles: dict[tuple[str, str], str],
        edition: EditionText = PLAIN,
        bulletins: Sequence[Bulletin] = (),
    ) -> None:
        self.index = index
        self.titles = titles  # (bulletin slug, article slug) → bulletin title, for marker labels
        self.edition = edition  # how the pages of this edition show text
        # Text of every block (the markers quote the shared text of their targets) and archive order.
        self.texts = {(b.slug, a.slug, blk.anchor): blk.text for b in bulletins for a in b.articles
                      for blk in a.all_blocks}
        self.order = {(b.slug, a.slug): n for n, (b, a) in enumerate((b, a) for b in bulletins for a in b.articles)}

    def marks(self, bulletin: Bulletin, article: Article, block: Block) -> list[Mark]:
        return self.index.for_block(bulletin.slug, article.slug, block.anchor)

    def link_spans(self, bulletin: Bulletin, article: Article, block: Block) -> list[tuple[int, int]]:
        """Where glossary terms are not matched: title mentions (they become links) and the whole page
        title (a title full of links reads like a list; the first occurrence in the body carries the
        tooltip instead)."""
        if block.kind is BlockKind.TITLE:
            return [(0, len(block.text))]
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
        """The “相关段落” marker after a paragraph: one compact button (``↔ 3``) opening the list of every
        other paragraph sharing text with this one, grouped by article — the article's title once, then
        each paragraph as a short excerpt of the shared text, linked. Raw HTML (a Markdown link list would
        make Python-Markdown scan the paragraph again); the links are output URLs, checked by the tests.
        Without JavaScript (and on paper) the list stands open under the paragraph."""
        best: dict[tuple[str, str, str], XrefTarget] = {}  # per target paragraph: its longest shared run
        for mark in self.marks(bulletin, article, block):
            if mark.kind != "passage":
                continue
            target = mark.targets[0]
            key = (target.bulletin, target.article, target.anchor)
            if key not in best or _length(target) > _length(best[key]):
                best[key] = target
        if not best:
            return []
        groups: dict[tuple[str, str], list[XrefTarget]] = {}
        for target in best.values():
            groups.setdefault((target.bulletin, target.article), []).append(target)
        seen = best
        show = self.edition.visible
        page = article_path(bulletin, article)
        count = len(seen)
        list_id = f"x-{block.anchor}"
        sections = []
        for (slug_b, slug_a), targets in sorted(groups.items(), key=lambda g: self._order(g[0])):
            # self.titles are the edition's text already: not converted twice.
            issue = show("（") + self.titles.get((slug_b, slug_a), slug_b) + show("）")
            where = show(targets[0].title) + (issue if slug_b != bulletin.slug else "")
            # The link's title names article and issue: printed after the link on paper, a tooltip on screen
            # (Material reads it as HTML: escape_title).
            label = escape_title(show(targets[0].title) + issue)
            items = []
            for target in sorted(targets, key=lambda t: t.line):
                href = as_html(output_href(page, target))
                items.append(f'<li><a class="annotate-xref-link" href="{href}" title="{label}">'
                             f"{as_html(show(self.excerpt(target)))}</a></li>")
            sections.append(f'<p class="annotate-xref-title">{as_html(where)}</p><ul>{"".join(items)}</ul>')
        name = as_html(show(f"相关段落 {count} 处"))
        head = as_html(show("相关段落：与本段共有文字的段落"))
        return [
            f'<div class="annotate-xref" role="note">'
            f'<button type="button" class="annotate-xref-toggle" aria-expanded="true" aria-controls="{list_id}"'
            f' aria-label="{name}"><span aria-hidden="true">↔</span> {count}</button>'
            f'<div class="annotate-xref-list" id="{list_id}"><p class="annotate-xref-head">{head}</p>'
            f'{"".join(sections)}</div></div>'
        ]

    def excerpt(self, target: XrefTarget) -> str:
        """The shared text as the target paragraph has it, cut to :data:`EXCERPT` characters."""
        text = self.texts.get((target.bulletin, target.article, target.anchor), "")
        shared = text[target.start : target.end] if target.start is not None and text else text
        shared = shared.strip("，。、；：,. ") or target.title
        return shared if len(shared) <= EXCERPT else shared[: EXCERPT - 1] + "…"

    def _order(self, key: tuple[str, str]) -> tuple[int, str, str]:
        return (self.order.get(key, 0), *key)

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


def _length(target: XrefTarget) -> int:
    return (target.end or 0) - (target.start or 0)


def bulletin_titles(bulletins: Sequence[Bulletin], edition: EditionText = PLAIN) -> dict[tuple[str, str], str]:
    return {(b.slug, a.slug): edition.visible(b.title) for b in bulletins for a in b.articles}

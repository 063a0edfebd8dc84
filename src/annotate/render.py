"""Structured bulletins → Markdown pages for MkDocs.

Bulletin text is always literal: every character that Markdown, HTML, attr_list or a template engine could
read as syntax is escaped here, in one place (:func:`escape_text`; its HTML part, like every escape of text
into HTML, is :func:`annotate.htmltext.as_html`), and annotations (glossary terms,
cross-references) are added only as :class:`InlineSpan` objects over the plain text, never by editing the
text. Links are Markdown links so that ``mkdocs build --strict`` validates their targets, except the links
that stand in every paragraph (glossary tooltips, ¶ permalinks: HTML links, see :attr:`InlineSpan.html`),
which tests/test_link_density.py checks on a built site.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import anchors
from .htmltext import as_html, tooltip_html
from .model import Article, Block, BlockKind, Bulletin

# Python-Markdown's backslash-escapable characters (markdown.Markdown.ESCAPED_CHARS, plus those
# attr_list/md_in_html add). Escaping them makes the parser emit them as plain text.
MARKDOWN_ESCAPED = set("\\`*_{}[]()>#+-.!")
# Characters that start syntax MkDocs always reads but that have no backslash escape, written as character
# references: ``:`` after a word on a page's first line makes it MultiMarkdown meta-data (``title: …`` or
# ``template: …`` would configure the page and vanish from it), ``~~~`` opens a code block (fenced_code).
REFERENCE_ESCAPED = {":": "&#58;", "~": "&#126;"}

@dataclass(frozen=True, slots=True)
class EditionText:
    """How an edition shows text: every string a reader sees passes through :attr:`visible` (via
    :func:`escape_text`, :func:`escape_title` or :func:`nav_text`). The Traditional edition's is the OpenCC
    converter; ids, URLs and Markdown syntax never pass through it, so they are identical in both editions.
    Handed explicitly to every function that writes visible text."""

    visible: Callable[[str], str] = str


PLAIN = EditionText()  # the Simplified edition: text as written


def visible(text: str, edition: EditionText = PLAIN) -> str:
    return edition.visible(text)


def nav_text(text: str, edition: EditionText = PLAIN) -> str:
    """A navigation title, page title or site name: MkDocs and Material print these as HTML, unescaped,
    so the text is escaped here (as :class:`~annotate.htmltext.Html`, which the templates' ``|e`` leaves
    alone)."""
    return as_html(edition.visible(text))


def escape_text(text: str, edition: EditionText = PLAIN) -> str:
    """Plain text → Markdown source that renders exactly ``text``.

    ``<`` and ``&`` become entities (no raw HTML, no entity reinterpretation), Markdown punctuation is
    backslash-escaped (``:`` and ``~``, which have no backslash escape, become character references), and
    runs of whitespace stay as they are (they cannot start a block because every block is emitted on one
    line, after its own prefix).
    """
    out: list[str] = []
    for char in edition.visible(text):
        if char in "&<>":
            out.append(as_html(char))
        elif char in MARKDOWN_ESCAPED:
            out.append("\\" + char)
        elif char in REFERENCE_ESCAPED:
            out.append(REFERENCE_ESCAPED[char])
        elif char in "\t\r\n":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def escape_title(text: str, edition: EditionText = PLAIN) -> str:
    """Text for a Markdown link title (``"…"``), which Material shows as a tooltip, reading the attribute
    as HTML: :func:`~annotate.htmltext.tooltip_html`. Python-Markdown copies the title's character
    references into the attribute as they are; a backslash would escape the closing quote."""
    return tooltip_html(edition.visible(text).replace("\n", " ")).replace("\\", "&#92;")


@dataclass(frozen=True, slots=True)
class InlineSpan:
    """An annotation over ``block.text[start:end]``: a link (``href``) or a highlight (``href`` None)."""

    start: int
    end: int
    href: str | None = None
    title: str | None = None
    classes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()
    # An HTML ``<a>`` rather than a Markdown link; ``href`` is then the output URL (``.html``), which MkDocs
    # neither rewrites nor validates (tests do). For links in every paragraph (glossary terms): Python-Markdown
    # 3.11 scans the whole paragraph again for each Markdown link in it, which doubled the time of a page.
    html: bool = False


def _attr_list(classes: Sequence[str], attrs: Sequence[tuple[str, str]] = (), anchor: str | None = None) -> str:
    parts = []
    if anchor:
        parts.append(f"#{anchor}")
    parts.extend(f".{c}" for c in classes)
    parts.extend(f'{k}="{as_html(v)}"' for k, v in attrs)
    return "{: " + " ".join(parts) + " }" if parts else ""


def render_inline(text: str, spans: Sequence[InlineSpan] = (), edition: EditionText = PLAIN) -> str:
    """Escaped text with spans rendered as Markdown links or ``<mark>`` highlights.

    Spans must not cross each other; a span may contain others (a highlighted passage containing a
    glossary term), except that a link never contains a link.
    """
    return _render_range(text, 0, len(text), _ordered(spans), inside_link=False, edition=edition)


def visible_inline(text: str, spans: Sequence[InlineSpan] = (), edition: EditionText = PLAIN) -> str:
    """The text :func:`render_inline` shows, without markup: converted piece by piece between the same
    spans, so it is the page's text exactly (the search index is built from it)."""
    return _render_range(text, 0, len(text), _ordered(spans), inside_link=False, plain=True, edition=edition)


def _ordered(spans: Sequence[InlineSpan]) -> list[InlineSpan]:
    return sorted(_split_highlights(spans), key=lambda s: (s.start, -s.end, s.href is None))


def _split_highlights(spans: Sequence[InlineSpan]) -> list[InlineSpan]:
    """Cut highlights at the edges of links they cross, so both survive (a link stays whole)."""
    links = [s for s in spans if s.href is not None]
    result = list(links)
    for span in spans:
        if span.href is not None:
            continue
        cuts = sorted({p for link in links for p in (link.start, link.end) if span.start < p < span.end})
        edges = [span.start, *cuts, span.end]
        result.extend(
            InlineSpan(a, b, None, span.title, span.classes, span.attrs) for a, b in itertools.pairwise(edges)
        )
    return result


def _render_range(
    text: str,
    start: int,
    end: int,
    spans: list[InlineSpan],
    inside_link: bool,
    plain: bool = False,
    edition: EditionText = PLAIN,
) -> str:
    def piece(part: str) -> str:
        return edition.visible(part) if plain else escape_text(part, edition)

    out: list[str] = []
    cursor = start
    i = 0
    while i < len(spans):
        span = spans[i]
        if span.start < cursor or span.end > end:  # crossing or overlapping: keep text literal
            i += 1
            continue
        inner = [s for s in spans[i + 1 :] if s.start >= span.start and s.end <= span.end]
        out.append(piece(text[cursor : span.start]))
        is_link = span.href is not None and not inside_link
        body = _render_range(text, span.start, span.end, inner, inside_link or is_link, plain, edition)
        if plain:
            out.append(body)
        elif is_link and span.html:
            out.append(f"<a{_html_attributes(span, edition)}>{body}</a>")
        elif is_link:
            title = f' "{escape_title(span.title, edition)}"' if span.title else ""
            out.append(f"[{body}]({span.href}{title}){_attr_list(span.classes, span.attrs)}")
        else:
            cls = as_html(" ".join(span.classes) or "annotate-mark")
            out.append(f'<mark class="{cls}">{body}</mark>')
        cursor = span.end
        i += 1 + len(inner)
    out.append(piece(text[cursor:end]))
    return "".join(out)


def _html_attributes(span: InlineSpan, edition: EditionText) -> str:
    """The attributes of an HTML link, as the Markdown link and its attribute list would have them."""
    parts = [f' href="{as_html(span.href or "")}"']
    if span.title:
        parts.append(f' title="{escape_title(span.title, edition)}"')
    if span.classes:
        parts.append(f' class="{as_html(" ".join(span.classes))}"')
    parts.extend(f' {name}="{as_html(value)}"' for name, value in span.attrs)
    return "".join(parts)


SpanSource = Callable[[Bulletin, Article, Block], Sequence[InlineSpan]]
AfterBlock = Callable[[Bulletin, Article, Block], Sequence[str]]


@dataclass(slots=True)
class Decorations:
    """What later stages add to a page: inline spans per block, Markdown after a block, page endings."""

    spans: list[SpanSource] = field(default_factory=list)
    after_block: list[AfterBlock] = field(default_factory=list)
    page_end: list[Callable[[Bulletin, Article], Sequence[str]]] = field(default_factory=list)
    edition: EditionText = PLAIN  # how the pages of this edition show text
    _resolved: dict[tuple[str, str, str], list[InlineSpan]] = field(default_factory=dict, repr=False)

    def spans_for(self, bulletin: Bulletin, article: Article, block: Block) -> list[InlineSpan]:
        """Every source's spans for a block, gathered once: the page and its search record read the same."""
        key = (bulletin.slug, article.slug, block.anchor)
        if key not in self._resolved:
            self._resolved[key] = [s for source in self.spans for s in source(bulletin, article, block)]
        return self._resolved[key]


BLOCK_CLASS = {kind: f"annotate-{kind.value}" for kind in BlockKind}


def article_path(bulletin: Bulletin, article: Article) -> str:
    return f"{bulletin.slug}/{article.slug}.md"


def bulletin_path(bulletin: Bulletin) -> str:
    return f"{bulletin.slug}/index.md"


def _old_id(block: Block) -> str:
    """TRANSITIONAL (one release, see :mod:`annotate.anchors`): an empty element carrying the block's old
    line-number id, so that a reader's saved ``page.html#p-43`` still lands on the block."""
    old = anchors.legacy_anchor(block) if anchors.LEGACY_ALIASES else None
    return f'<span class="annotate-old-id" id="{old}"></span>' if old else ""


def _paragraph(block: Block, body: str, permalink: bool = True, edition: EditionText = PLAIN) -> str:
    label = as_html(edition.visible("本段链接"))
    # HTML, not a Markdown link: one in every paragraph would make Markdown scan every paragraph once more.
    link = f'<a href="#{as_html(block.anchor)}" class="headerlink" aria-label="{label}">¶</a>' if permalink else ""
    attrs = _attr_list(
        [BLOCK_CLASS[block.kind], "annotate-block"], [("data-line", str(block.line))], anchor=block.anchor
    )
    return f"{_old_id(block)}{body}{link}\n{attrs}"


def render_block(bulletin: Bulletin, article: Article, block: Block, decorations: Decorations) -> str:
    body = render_inline(block.text, decorations.spans_for(bulletin, article, block), decorations.edition)
    if block.kind is BlockKind.HEADING:
        level = min(max(block.level, 2), 6)
        classes = [BLOCK_CLASS[block.kind], "annotate-block"]
        return f"{'#' * level} {_old_id(block)}{body} {_attr_list(classes, anchor=block.anchor)}"
    return _paragraph(block, body, edition=decorations.edition)


def article_markdown(bulletin: Bulletin, article: Article, decorations: Decorations | None = None) -> str:
    """The Markdown source of one article page."""
    decorations = decorations or Decorations()
    edition = decorations.edition
    parts: list[str] = []
    for block in article.header:
        body = render_inline(block.text, decorations.spans_for(bulletin, article, block), edition)
        if block.kind is BlockKind.TITLE:
            parts.append(f"# {_old_id(block)}{body} "
                         f"{_attr_list(['annotate-title', 'annotate-block'], anchor=block.anchor)}")
        else:
            parts.append(_paragraph(block, body, permalink=False, edition=edition))
    meta = [f"[{escape_text(bulletin.title, edition)}](index.md)"]
    if article.source:
        meta.append(escape_text(f"来源：{article.source}", edition))
    parts.append(" · ".join(meta) + "\n" + _attr_list(["annotate-meta"]))
    for block in article.blocks:
        parts.append(render_block(bulletin, article, block, decorations))
        parts.extend(extra for hook in decorations.after_block for extra in hook(bulletin, article, block))
    parts.extend(extra for hook in decorations.page_end for extra in hook(bulletin, article))
    return "\n\n".join(parts) + "\n"


def print_path(bulletin: Bulletin) -> str:
    return f"{bulletin.slug}/print.md"


def is_print_page(src_uri: str) -> bool:
    """A bulletin's print page (:func:`print_path`): in the navigation, out of the prev/next sequence."""
    return src_uri.count("/") == 1 and src_uri.endswith("/print.md")


def print_markdown(bulletin: Bulletin, edition: EditionText = PLAIN) -> str:
    """One printable page with every article of a bulletin in order (ids prefixed per article)."""
    # The same text is on the article pages: indexing it twice would double the search index.
    front_matter = "---\nsearch:\n  exclude: true\n---"
    parts = [front_matter, f"# {escape_text(bulletin.title, edition)} {{: #title .annotate-print-title }}"]
    for article in bulletin.articles:
        prefix = f"a{article.slug}-"
        for block in article.header:
            if block.kind is BlockKind.TITLE:
                parts.append(f"## {escape_text(block.text, edition)} "
                             f"{_attr_list(['annotate-title', 'annotate-print-article'], anchor=prefix + 'title')}")
            else:
                parts.append(escape_text(block.text, edition) + "\n" + _attr_list([BLOCK_CLASS[block.kind]]))
        if article.source:  # the article page's 来源 line: paper keeps it too
            parts.append(escape_text(f"来源：{article.source}", edition) + "\n" + _attr_list(["annotate-meta"]))
        for block in article.blocks:
            if block.kind is BlockKind.HEADING:
                level = min(max(block.level, 2) + 1, 6)
                parts.append(f"{'#' * level} {escape_text(block.text, edition)} "
                             f"{_attr_list([BLOCK_CLASS[block.kind]], anchor=prefix + block.anchor)}")
            else:
                parts.append(escape_text(block.text, edition) + "\n" + _attr_list([BLOCK_CLASS[block.kind]]))
    return "\n\n".join(parts) + "\n"


def _article_line(article: Article, href: str, edition: EditionText) -> str:
    kicker = f"{escape_text(article.kicker, edition)}：" if article.kicker else ""
    return f"- {kicker}[{escape_text(article.title, edition)}]({href})"


def bulletin_markdown(bulletin: Bulletin, edition: EditionText = PLAIN) -> str:
    """The index page of one bulletin: its articles in order, grouped by source line."""
    parts = [f"# {escape_text(bulletin.title, edition)} {{: #title }}"]
    if bulletin.note:
        parts.append(escape_text(bulletin.note, edition) + "\n{: .annotate-note }")
    printable = f"[{escape_text('打印本期全部文章', edition)}](print.md)"
    parts.append(escape_text(f"共 {len(bulletin.articles)} 篇文章。", edition) + printable)
    group: list[str] = []
    for article in bulletin.articles:  # a compilation's sections head their groups of articles
        if article.section:
            if group:
                parts.append("\n".join(group))
                group = []
            parts.append(f"## {escape_text(article.section, edition)} {{: .annotate-section-heading }}")
        group.append(_article_line(article, f"{article.slug}.md", edition))
    if group:
        parts.append("\n".join(group))
    if bulletin.front_matter:  # the compilation's own masthead and contents, as printed, after ours
        parts.append(f"## {escape_text('原刊刊头和目录', edition)} {{: #front }}")
        parts.extend(
            f"{escape_text(b.text, edition)}\n{{: .annotate-front #{b.anchor} }}" for b in bulletin.front_matter
        )
    return "\n\n".join(parts) + "\n"


def landing_markdown(
    bulletins: Sequence[Bulletin], site_name: str, extra_links: Sequence[str] = (), edition: EditionText = PLAIN
) -> str:
    """The landing page: every bulletin, newest first, with its articles."""
    parts = [f"# {escape_text(site_name, edition)} {{: #title }}"]
    count = sum(len(b.articles) for b in bulletins)
    parts.append(escape_text(f"共 {len(bulletins)} 期，{count} 篇文章。", edition))
    parts.extend(extra_links)
    for bulletin in bulletins:
        parts.append(f"## [{escape_text(bulletin.title, edition)}]({bulletin_path(bulletin)}) {{: #{bulletin.slug} }}")
        parts.append("\n".join(_article_line(a, article_path(bulletin, a), edition) for a in bulletin.articles))
    return "\n\n".join(parts) + "\n"


def sort_newest_first(bulletins: Sequence[Bulletin]) -> list[Bulletin]:
    """Newest first by date (from metadata or file name), then by file name, both descending."""
    return sorted(bulletins, key=lambda b: (b.date or "", b.source), reverse=True)


def navigation(
    bulletins: Sequence[Bulletin], extra: Sequence[dict[str, str]] = (), edition: EditionText = PLAIN
) -> list[object]:
    """MkDocs ``nav``: landing page, years (newest first) → bulletins → articles, then extra pages.

    With Material's ``navigation.prune`` a page carries only the open branch, so grouping by year keeps
    every page's size independent of how many bulletins the archive holds.
    """
    nav: list[object] = [{nav_text("首页", edition): "index.md"}]
    years: dict[str, list[object]] = {}
    for bulletin in bulletins:
        items: list[object] = [{nav_text(bulletin.title, edition): bulletin_path(bulletin)}]
        items.extend({nav_text(a.title, edition): article_path(bulletin, a)} for a in bulletin.articles)
        items.append({nav_text("打印版", edition): print_path(bulletin)})
        year = (bulletin.date or "")[:4]
        label = nav_text(f"{year}年", edition) if year.isdigit() else nav_text("其他", edition)
        years.setdefault(label, []).append({nav_text(bulletin.title, edition): items})
    nav.extend({label: entries} for label, entries in years.items())
    nav.extend({nav_text(title, edition): path for title, path in item.items()} for item in extra)
    return nav

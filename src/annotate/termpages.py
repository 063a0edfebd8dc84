"""A page per glossary entry: what it means, and its life in the archive.

Each page (``terms/<anchor>.html``, ASCII, the same in both editions) shows the entry as
:meth:`~annotate.glossary.Entry.shown` describes it (the one description of an entry: the search card is
made from the same parts), a bar chart of its occurrences per bulletin in date order with a caption and a
table as its text equivalent, its first and latest appearance, the terms it most often shares an article
with, and every occurrence as the sentence it stands in, with a link to the paragraph.

Only an entry that occurs in the archive has a page (an entry no bulletin uses yet is described in full on
the glossary page, :mod:`annotate.glossary_page`): a page of a definition and an empty chart tells a reader
nothing the index does not, and the glossary holds far more entries than one archive uses (887 for the
March bulletin's 291), each a page to render in both editions.

Everything comes from the build's one term scan (:class:`~annotate.termlinks.TermIndex`): no term is
matched again here. Occurrence lists are HTML blocks, grouped per bulletin and split over continuation
pages of at most :data:`PER_PAGE` sentences: Python-Markdown parses the links of one block in time
proportional to their number times its length, and a term such as 习近平 occurs thousands of times in a
large archive. The pages are left out of the search index: their sentences are the articles' own text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from .glossary import Entry, Glossary
from .htmltext import as_html
from .model import Article, Block, BlockKind, Bulletin
from .pageurls import page_output
from .render import PLAIN, EditionText, article_path, escape_text
from .svgchart import bar_chart
from .termlinks import GLOSSARY_PAGE, TERMS_FOLDER, Occurrence, TermIndex, term_page

# The CSS class of each part of an entry's description (:meth:`Entry.shown`), on its page and on the index.
PART_CLASSES: Mapping[str, str] = MappingProxyType(
    {"definition": "annotate-definition", "note": "annotate-entry-note", "aliases": "annotate-aliases"}
)
PER_PAGE = 200  # quoted sentences per page (the first page and each continuation page)
RELATED = 8  # terms listed as most often appearing with this one
SENTENCE_END = "。！？；!?;"
QUOTE_WIDTH = 80  # characters either side of the term kept of a very long sentence
NO_SEARCH = "---\nsearch:\n  exclude: true\n---"  # Material's index; the Pagefind records leave them out too
# Term pages are not in the navigation: without the sidebar Material renders each page faster (about a
# tenth of the page time on the March site: 23 s to 20 s per edition), and the page's own links lead on.
TERM_PAGE_META = "---\nsearch:\n  exclude: true\nhide:\n  - navigation\n---"


def one_line(entry: Entry) -> str:
    """The entry's definition to its first full stop: the search card's line and the index's gloss."""
    definition = entry.definition.strip()
    cut = definition.find("。")
    return definition[: cut + 1] if 0 <= cut < len(definition) - 1 else definition


@dataclass(frozen=True, slots=True)
class Quote:
    """One sentence of a block with the term's occurrences in it (offsets into ``text``, which starts at
    ``start`` in the block)."""

    occurrence: Occurrence
    text: str
    marks: tuple[tuple[int, int], ...]
    start: int = 0
    cut_before: bool = False  # a long sentence shortened around the term: shown with “…”
    cut_after: bool = False


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((text.rfind(c, 0, start) for c in SENTENCE_END), default=-1) + 1
    rights = [i for i in (text.find(c, end) for c in SENTENCE_END) if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return max(left, start - QUOTE_WIDTH), min(right, end + QUOTE_WIDTH)


def quotes(occurrence: Occurrence) -> list[Quote]:
    """The sentences of the block that hold the term, each once, with its occurrences marked."""
    text = occurrence.block.text
    found: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for start, end in occurrence.spans:
        found.setdefault(_sentence_bounds(text, start, end), []).append((start, end))
    return [
        Quote(occurrence, text[a:b], tuple((s - a, e - a) for s, e in marks), a,
              a > 0 and text[a - 1] not in SENTENCE_END, b < len(text) and text[b - 1] not in SENTENCE_END)
        for (a, b), marks in sorted(found.items())
    ]


def _href(page_src: str, target_src: str, fragment: str = "") -> str:
    """Relative URL between two generated pages (both at most one folder deep)."""
    back = "../" * page_src.count("/")
    return as_html(back + page_output(target_src) + (f"#{fragment}" if fragment else ""))


def _html(text: str, edition: EditionText) -> str:
    return as_html(edition.visible(text))


ShownText = Callable[[Bulletin, Article, Block], str]


def _quote_html(quote: Quote, edition: EditionText, shown: ShownText | None = None) -> str:
    """The sentence as the article page shows it, escaped, with the term marked.

    ``shown`` gives a block's text as its page shows it (converted between the page's own spans): when the
    conversion kept every character in place, the sentence is cut from it, so the Traditional edition
    quotes exactly the page's words. Otherwise the pieces around the marks are converted one by one.
    """
    place = quote.occurrence
    page = shown(place.bulletin, place.article, place.block) if shown is not None else None
    if page is not None and len(page) == len(place.block.text):
        text = page[quote.start : quote.start + len(quote.text)]
        piece: Callable[[str], str] = as_html
    else:
        text = quote.text

        def piece(part: str) -> str:
            return _html(part, edition)

    parts, cursor = ["…" if quote.cut_before else ""], 0
    for start, end in quote.marks:
        parts.append(piece(text[cursor:start]))
        parts.append(f"<mark>{piece(text[start:end])}</mark>")
        cursor = end
    parts.append(piece(text[cursor:]))
    parts.append("…" if quote.cut_after else "")
    return "".join(parts)


def _by_bulletin(places: Sequence[Occurrence]) -> dict[str, list[Occurrence]]:
    groups: dict[str, list[Occurrence]] = {}
    for place in places:
        groups.setdefault(place.bulletin.slug, []).append(place)
    return groups


def co_occurring(index: TermIndex) -> dict[str, Counter[str]]:
    """For each entry (anchor), how many articles it shares with each other entry."""
    by_article: dict[tuple[str, str], set[str]] = {}
    for anchor, places in index.occurrences.items():
        for place in places:
            by_article.setdefault((place.bulletin.slug, place.article.slug), set()).add(anchor)
    together: dict[str, Counter[str]] = {}
    for anchors in by_article.values():
        for anchor in anchors:
            counter = together.setdefault(anchor, Counter())
            counter.update(a for a in anchors if a != anchor)
    return together


class _Writer:
    def __init__(self, glossary: Glossary, index: TermIndex, bulletins: Sequence[Bulletin], edition: EditionText,
                 shown: ShownText | None) -> None:
        self._page_text = shown
        self._shown: dict[tuple[str, str, str], str] = {}  # block → its page text, for the writer's run
        self.glossary = glossary
        self.index = index
        self.oldest_first = sorted(bulletins, key=lambda b: (b.date or "", b.source))
        self.edition = edition
        self.together = co_occurring(index)

    def text(self, text: str) -> str:
        return escape_text(text, self.edition)

    def shown(self, bulletin: Bulletin, article: Article, block: Block) -> str:
        """A block's text as its page shows it, worked out once per block: a paragraph is quoted on the page
        of every term it holds."""
        assert self._page_text is not None
        key = (bulletin.slug, article.slug, block.anchor)
        text = self._shown.get(key)
        if text is None:
            text = self._shown[key] = self._page_text(bulletin, article, block)
        return text

    def quote_html(self, quote: Quote) -> str:
        return _quote_html(quote, self.edition, self.shown if self._page_text is not None else None)

    def entry_pages(self, entry: Entry) -> dict[str, str]:
        src = term_page(entry)
        places = self.index.places(entry)
        head = self._description(entry, src) + "\n\n" + self._history(entry, src, places)
        groups = _by_bulletin(places)
        order = [b for b in reversed(self.oldest_first) if b.slug in groups]  # newest first, as the site lists
        chunks: list[list[tuple[Bulletin, list[Quote]]]] = [[]]
        size = 0
        for bulletin in order:
            found = [q for place in groups[bulletin.slug] for q in quotes(place)]
            while found:
                room = PER_PAGE - size
                if room <= 0:
                    chunks.append([])
                    size, room = 0, PER_PAGE
                chunks[-1].append((bulletin, found[:room]))
                size += len(found[:room])
                found = found[room:]
        sources = [src] + [f"{TERMS_FOLDER}/{entry.anchor}-{n}.md" for n in range(2, len(chunks) + 1)]
        pages = {}
        for number, (page_src, chunk) in enumerate(zip(sources, chunks, strict=True), start=1):
            parts = [head] if number == 1 else [
                f"# {self.text(entry.term)} {{: #{entry.anchor} }}",
                self.text(f"出现的句子，第 {number} 页，共 {len(chunks)} 页。")
                + f" [{self.text('返回词条')}]({entry.anchor}.md)",
            ]
            if places:
                parts.append(self._quotes(page_src, chunk))
            if len(chunks) > 1:
                parts.append(self._pager(sources, number))
            pages[page_src] = TERM_PAGE_META + "\n\n" + "\n\n".join(parts) + "\n"
        return pages

    def _description(self, entry: Entry, src: str) -> str:
        """The entry as :meth:`Entry.shown` gives it (the term is the page title)."""
        parts = []
        for part, text in entry.shown():
            if part == "term":
                parts.append(f"# {self.text(text)} {{: #{entry.anchor} .annotate-entry }}")
                category = f"[{self.text(entry.category_label)}](../{GLOSSARY_PAGE}#cat-{entry.category})"
                parts.append(self.text("类别：") + category + "\n{: .annotate-term-category }")
            else:
                parts.append(f"{self.text(text)}\n{{: .{PART_CLASSES[part]} }}")
        return "\n\n".join(parts)

    def _history(self, entry: Entry, src: str, places: Sequence[Occurrence]) -> str:
        if not places:
            return f"## {self.text('在本站的出现')} {{: #history }}\n\n" + self.text("本站文章中尚未出现。")
        counts = Counter[str]()
        for place in places:
            counts[place.bulletin.slug] += place.count
        articles = len({(p.bulletin.slug, p.article.slug) for p in places})
        present = [b for b in self.oldest_first if counts[b.slug]]
        first, latest = present[0], present[-1]
        caption = self.edition.visible(
            f"共出现 {sum(counts.values())} 次，见于 {len(present)} 期的 {articles} 篇文章；"
            f"首次出现于{first.title}，最近出现于{latest.title}。"
        )
        labels = [self.edition.visible(f"{b.title}：{counts[b.slug]} 次") for b in self.oldest_first]
        chart = bar_chart([counts[b.slug] for b in self.oldest_first], labels, "chart-caption")
        rows = "".join(
            f'<tr><th scope="row"><a href="{_href(src, _bulletin_index(b))}">{_html(b.title, self.edition)}</a></th>'
            f"<td>{counts[b.slug]}</td></tr>"
            for b in present
        )
        table = (
            f"<details class=\"annotate-term-counts\"><summary>{_html('每期出现次数', self.edition)}</summary>"
            f"<table><thead><tr><th scope=\"col\">{_html('期', self.edition)}</th>"
            f"<th scope=\"col\">{_html('次数', self.edition)}</th></tr></thead><tbody>{rows}</tbody></table></details>"
        )
        figure = (f'<figure class="annotate-term-history">{chart}'
                  f'<figcaption id="chart-caption">{as_html(caption)}</figcaption></figure>')
        parts = [f"## {self.text('在本站的出现')} {{: #history }}", figure, table]
        related = self.together.get(entry.anchor)
        if related:
            best = sorted(related.items(), key=lambda item: (-item[1], item[0]))[:RELATED]
            items = []
            for anchor, shared in best:
                other = self.glossary.by_anchor(anchor)
                if other is None:
                    continue
                items.append(f'<li><a href="{_href(src, term_page(other))}">{_html(other.term, self.edition)}</a>'
                             f"{_html(f'（{shared} 篇）', self.edition)}</li>")
            parts.append(f"## {self.text('常一同出现的术语')} {{: #related-terms }}")
            parts.append('<ul class="annotate-term-related">' + "".join(items) + "</ul>")
        parts.append(f"## {self.text('出现的句子')} {{: #sentences }}")
        return "\n\n".join(parts)

    def _quotes(self, src: str, chunk: Iterable[tuple[Bulletin, list[Quote]]]) -> str:
        """Per bulletin, an HTML list of the sentences, each linking to its paragraph."""
        parts = []
        for bulletin, found in chunk:
            parts.append(f"### {self.text(bulletin.title)} {{: #b-{bulletin.slug} }}")
            items = []
            for quote in found:
                place = quote.occurrence
                target = _href(src, article_path(place.bulletin, place.article), place.block.anchor)
                if place.block.kind is BlockKind.TITLE:  # the title itself: the link is the quote
                    items.append(f'<li><a href="{target}">{self.quote_html(quote)}</a>'
                                 f"{_html('（标题）', self.edition)}</li>")
                else:
                    items.append(f'<li><a href="{target}">{_html(place.article.title, self.edition)}</a>'
                                 f"{_html('：', self.edition)}{self.quote_html(quote)}</li>")
            parts.append('<ol class="annotate-term-sentences">' + "".join(items) + "</ol>")
        return "\n\n".join(parts)

    def _pager(self, sources: Sequence[str], number: int) -> str:
        links = []
        for n, page_src in enumerate(sources, start=1):
            label = self.text(str(n))
            links.append(f"**{label}**" if n == number else f"[{label}]({page_src.rsplit('/', 1)[1]})")
        return self.text("分页：") + " ".join(links) + "\n{: .annotate-term-pager }"


def _bulletin_index(bulletin: Bulletin) -> str:
    return f"{bulletin.slug}/index.md"


def term_pages(
    glossary: Glossary,
    index: TermIndex,
    bulletins: Sequence[Bulletin],
    edition: EditionText = PLAIN,
    shown: ShownText | None = None,
) -> dict[str, str]:
    """The page(s) of every entry that occurs, src_uri → Markdown; ``shown`` gives a block's text as its page
    shows it."""
    writer = _Writer(glossary, index, bulletins, edition, shown)
    pages: dict[str, str] = {}
    for entry in glossary:
        if index.places(entry):
            pages.update(writer.entry_pages(entry))
    return pages


__all__ = ["PER_PAGE", "Quote", "co_occurring", "one_line", "quotes", "term_pages"]

"""Glossary annotations: which term occurrences get a tooltip link on each page, and where every term occurs.

Runs once over the structured bulletins, before rendering: the renderer only looks spans up, and the
glossary page reads the same occurrence index for its “出现于” backlinks, so both always agree.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .glossary import Entry, Glossary
from .model import Article, Block, Bulletin
from .pageurls import page_output
from .render import InlineSpan, article_path
from .terms import Match, Policy, TermMatcher, select

GLOSSARY_PAGE = "glossary.md"
GLOSSARY_OUTPUT = page_output(GLOSSARY_PAGE)  # where MkDocs writes it (use_directory_urls: false)
TERMS_FOLDER = "terms"  # one page per entry (annotate.termpages)
TERM_CLASS = "annotate-term"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a term occurs: one block of one article, with how many times and where in the block (the
    term page quotes the sentence around each)."""

    bulletin: Bulletin
    article: Article
    block: Block
    count: int
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class TermIndex:
    """Tooltip spans per block and every occurrence per entry."""

    spans: dict[tuple[str, str, str], list[InlineSpan]] = field(default_factory=dict)
    occurrences: dict[str, list[Occurrence]] = field(default_factory=dict)  # entry anchor → places
    matched: int = 0

    def spans_for(self, bulletin: Bulletin, article: Article, block: Block) -> list[InlineSpan]:
        return self.spans.get((bulletin.slug, article.slug, block.anchor), [])

    def places(self, entry: Entry) -> list[Occurrence]:
        return self.occurrences.get(entry.anchor, [])


def term_page(entry: Entry) -> str:
    """Source path of the entry's own page (ASCII: the entry's stable anchor), see :mod:`annotate.termpages`."""
    return f"{TERMS_FOLDER}/{entry.anchor}.md"


def entry_url(entry: Entry, index: TermIndex) -> str:
    """Where a reader reads an entry, from the site's root: its own page when it occurs in the archive, else
    its item on the glossary page (which then carries its whole description; see :mod:`annotate.termpages`)."""
    if index.places(entry):
        return page_output(term_page(entry))
    return f"{GLOSSARY_OUTPUT}#{entry.anchor}"


def glossary_href(page_src: str, entry: Entry) -> str:
    """Relative URL from a page to the entry's own page, as written to the site (``../terms/t-….html``:
    tooltips are HTML links, see :attr:`annotate.render.InlineSpan.html`)."""
    return posixpath.relpath(page_output(term_page(entry)), posixpath.dirname(page_src) or ".")


def tooltip_span(match: Match, page_src: str) -> InlineSpan:
    entry = match.entry
    return InlineSpan(
        start=match.start,
        end=match.end,
        href=glossary_href(page_src, entry),
        title=entry.definition,
        classes=(TERM_CLASS,),
        attrs=(("data-term", entry.anchor),),
        html=True,
    )


Excluded = Callable[[Bulletin, Article, Block], list[tuple[int, int]]]


def allowed_spans(text: str, excluded: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """The parts of ``text`` outside ``excluded`` (links drawn by other stages), or None for all of it."""
    if not excluded:
        return None
    spans, cursor = [], 0
    for start, end in sorted(excluded):
        if start > cursor:
            spans.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < len(text):
        spans.append((cursor, len(text)))
    return spans


BlockKey = tuple[str, str, str]  # bulletin slug, article slug, block anchor


@dataclass(slots=True)
class TermScan:
    """Every occurrence of every glossary form in every block, found once per build.

    Both uses resolve the same occurrences: the related articles take each article's terms from the
    whole text, and the page's tooltips from the text outside links (:func:`index_terms`).
    """

    matcher: TermMatcher
    occurrences: dict[BlockKey, list[Match]] = field(default_factory=dict)

    def matches(self, key: BlockKey, block: Block, spans: list[tuple[int, int]] | None = None) -> list[Match]:
        return self.matcher.resolve(len(block.text), self.occurrences.get(key, []), spans)

    def article_terms(self, bulletins: Iterable[Bulletin]) -> dict[tuple[str, str], set[str]]:
        """Glossary terms per article, for the “shared terms” reason of related articles."""
        return {
            (b.slug, a.slug): {m.entry.term for block in a.all_blocks
                               for m in self.matches((b.slug, a.slug, block.anchor), block)}
            for b in bulletins
            for a in b.articles
        }


def scan_terms(bulletins: Iterable[Bulletin], glossary: Glossary) -> TermScan:
    """Run the glossary's automaton over every block once."""
    scan = TermScan(TermMatcher(glossary))
    for bulletin in bulletins:
        for article in bulletin.articles:
            for block in article.all_blocks:
                found = list(scan.matcher.occurrences(block.text))
                if found:
                    scan.occurrences[(bulletin.slug, article.slug, block.anchor)] = found
    return scan


def index_terms(
    bulletins: Iterable[Bulletin],
    terms: TermScan | Glossary,
    policy: Policy = "first",
    excluded: Excluded | None = None,
) -> TermIndex:
    """Resolve every block's scanned occurrences (a glossary is scanned first); keep the spans the policy
    selects for display.

    ``excluded`` gives, per block, spans that other annotations turn into links (title mentions):
    terms are never matched inside a link, so the first occurrence outside one gets the tooltip.
    """
    bulletins = list(bulletins)
    scan = terms if isinstance(terms, TermScan) else scan_terms(bulletins, terms)
    index = TermIndex()
    for bulletin in bulletins:
        for article in bulletin.articles:
            page = article_path(bulletin, article)
            seen: set[str] = set()
            for block in article.all_blocks:
                skip = excluded(bulletin, article, block) if excluded else []
                key = (bulletin.slug, article.slug, block.anchor)
                matches = scan.matches(key, block, allowed_spans(block.text, skip))
                index.matched += len(matches)
                # An occurrence inside a link (a title mention) gets no tooltip but is still an occurrence:
                # the term's page lists it and counts it.
                found = scan.matches(key, block, allowed_spans(block.text, [])) if skip else matches
                record_occurrences(index, bulletin, article, block, found)
                chosen = select(matches, policy, seen)
                if chosen:
                    index.spans[key] = [tooltip_span(m, page) for m in chosen]
    return index


def record_occurrences(
    index: TermIndex, bulletin: Bulletin, article: Article, block: Block, matches: Sequence[Match]
) -> None:
    spans: dict[str, list[tuple[int, int]]] = {}
    for match in matches:
        spans.setdefault(match.entry.anchor, []).append((match.start, match.end))
    for anchor, found in spans.items():
        index.occurrences.setdefault(anchor, []).append(Occurrence(bulletin, article, block, len(found), tuple(found)))

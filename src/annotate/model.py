"""The structured bulletin: the one shape every later stage (glossary, cross-references,
conversion, rendering, report) reads. Nothing downstream re-parses text files or HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """What a line of a bulletin is. Header kinds live in ``Article.header``; the rest in ``blocks``."""

    KICKER = "kicker"  # 引题, above the title
    TITLE = "title"
    SUBTITLE = "subtitle"  # 副题, often "——…"
    BYLINE = "byline"  # author or affiliation under a title
    DATELINE = "dateline"  # "（2026年3月16日）"
    HEADING = "heading"  # section heading or the title of an embedded document
    PARAGRAPH = "paragraph"
    ITEM = "item"  # "（一）…；" list item
    CLAUSE = "clause"  # "第六条 …" article of a regulation
    SALUTATION = "salutation"  # "各位会员、同志们："
    SIGNATURE = "signature"  # issuing body or signer at the end of a document
    DATE = "date"  # a date standing alone (signature date)
    NOTE = "note"  # noise lines kept as text: "来源：新华社", "（责编：…）", publication notes
    SOURCE = "source"  # the group source line "（以上均来源于…）", kept once on the last article
    FOOTER = "footer"  # a page number of a printed source (“— 3 —”): shown as a note, not the article's text
    FRONT = "front"  # the compilation's masthead and contents list, before the first article (no article's)
    SECTION = "section"  # a compilation's section label (一、重要文章) over the articles it groups; on the first


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text with its source position.

    ``text`` is what the reader sees (surrounding whitespace stripped; a title printed on two lines is
    joined without a separator); ``lines`` lists every source line it was made of.
    """

    kind: BlockKind
    lines: tuple[int, ...]
    text: str
    level: int = 0  # heading depth, 2 = top section (the page title is level 1)
    anchor: str = ""

    @property
    def line(self) -> int:
        return self.lines[0]

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": str(self.kind), "line": self.line, "text": self.text}
        if len(self.lines) > 1:
            data["lines"] = list(self.lines)
        if self.kind is BlockKind.HEADING:
            data["level"] = self.level
        data["anchor"] = self.anchor
        return data


@dataclass(slots=True)
class Article:
    """One article (one page): header lines, then body blocks in source order."""

    index: int  # 1-based position in the bulletin
    slug: str  # ASCII, stable: "01", "02", …
    header: list[Block]
    blocks: list[Block]
    source: str | None = None  # outlet named by the group source line, shown as 来源
    source_line: str | None = None  # the group source line itself, on the last article of its group
    confidence: float = 1.0  # how sure the segmenter is of this article's start and title (0.5–1)

    def _header_text(self, kind: BlockKind) -> str | None:
        parts = [b.text for b in self.header if b.kind is kind]
        return " ".join(parts) if parts else None

    @property
    def title(self) -> str:
        return self._header_text(BlockKind.TITLE) or ""

    @property
    def kicker(self) -> str | None:
        return self._header_text(BlockKind.KICKER)

    @property
    def subtitle(self) -> str | None:
        return self._header_text(BlockKind.SUBTITLE)

    @property
    def all_blocks(self) -> list[Block]:
        return [*self.header, *self.blocks]

    @property
    def section(self) -> str | None:
        """The compilation's section this article opens (一、重要文章), printed above its header."""
        return self._header_text(BlockKind.SECTION)

    @property
    def first_line(self) -> int:
        """First line of the article itself (a section label above it groups several articles)."""
        return next(b.line for b in self.all_blocks if b.kind is not BlockKind.SECTION)

    @property
    def last_line(self) -> int:
        """Last non-blank line of the article itself (a group source line is not part of it)."""
        own = [b for b in self.all_blocks if b.kind not in (BlockKind.SOURCE, BlockKind.FOOTER)]
        return own[-1].lines[-1]

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.HEADING]

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "title": self.title,
            "kicker": self.kicker,
            "subtitle": self.subtitle,
            "section": self.section,
            "first_line": self.first_line,
            "last_line": self.last_line,
            "source": self.source,
            "source_line": self.source_line,
            "confidence": self.confidence,
            "header": [b.to_json() for b in self.header],
            "blocks": [b.to_json() for b in self.blocks if b.kind is not BlockKind.SOURCE],
        }


@dataclass(slots=True)
class Directive:
    """An editor's correction written into the bulletin (``%% article`` …); never shown on the site."""

    line: int
    name: str
    argument: str = ""


@dataclass(frozen=True, slots=True)
class SegmentationWarning:
    """A segmentation decision worth a human look, with the directive line that would reverse it."""

    line: int
    message: str
    directive: str  # the exact line to write above ``line`` (e.g. “%% heading”), or "" when none applies

    def to_json(self) -> dict[str, object]:
        return {"line": self.line, "message": self.message, "directive": self.directive}


@dataclass(slots=True)
class Bulletin:
    """One bulletin (期): a source file cut into articles."""

    source: str  # file name, e.g. "2026-03.txt"
    slug: str  # ASCII URL segment, e.g. "2026-03"
    title: str  # display title, e.g. "2026年第3期"
    date: str | None
    note: str | None
    articles: list[Article]
    directives: list[Directive] = field(default_factory=list)
    encoding: str = "utf-8"
    warnings: list[SegmentationWarning] = field(default_factory=list)
    layout: dict[str, object] = field(default_factory=dict)  # the layout profile it was read with
    # Masthead and contents list printed before the first article (see annotate.contents); in no article.
    front_matter: list[Block] = field(default_factory=list)

    @property
    def all_blocks(self) -> list[Block]:
        """Every block of the bulletin in source order: front matter, then each article's."""
        return [*self.front_matter, *(b for a in self.articles for b in a.all_blocks)]

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "slug": self.slug,
            "title": self.title,
            "date": self.date,
            "encoding": self.encoding,
            "directives": [{"line": d.line, "name": d.name, "argument": d.argument} for d in self.directives],
            "layout": self.layout,
            "warnings": [w.to_json() for w in self.warnings],
            "front_matter": [b.to_json() for b in self.front_matter],
            "articles": [a.to_json() for a in self.articles],
        }

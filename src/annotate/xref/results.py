"""What a cross-reference computation returns: places, passage links, references, related articles, and
the per-block lookups the renderer reads (:class:`XrefIndex`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

__all__ = [
    "BASIS_LABELS",
    "Mark",
    "PassageBasis",
    "PassageLink",
    "Place",
    "Reference",
    "Related",
    "XrefIndex",
    "XrefTarget",
]


@dataclass(frozen=True, slots=True)
class Place:
    """One paragraph of the archive, as results name it."""

    bulletin: str  # bulletin slug
    source: str  # bulletin file name
    article: str  # article slug
    title: str  # article title
    anchor: str
    line: int

    @property
    def article_key(self) -> str:
        return f"{self.bulletin}/{self.article}"

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "line": self.line,
            "bulletin": self.bulletin,
            "article": self.article,
            "anchor": self.anchor,
        }


# Why two paragraphs link (see :func:`annotate.xref.passages.find_passages`): ``distinctive`` — they share
# ``min_run`` rare characters; ``versions`` — their articles are versions of one text and they share a
# shorter rare run; ``quoted`` — versions of one text, and one side quotes the other (…强调，<run>).
PassageBasis = Literal["distinctive", "versions", "quoted"]
# The same in words an editor reads in the report and ``annotate xref``.
BASIS_LABELS: Mapping[PassageBasis, str] = MappingProxyType(
    {"distinctive": "相同的独特文字", "versions": "两文同源", "quoted": "报道引述原话"}
)


@dataclass(frozen=True, slots=True)
class PassageLink:
    """Two paragraphs in different articles sharing a distinctive run of text.

    ``a`` comes first in archive order. ``spans_a``/``spans_b`` are character spans in each block's
    ``text`` — every qualifying shared run, the longest first in ``shared``.
    """

    a: Place
    b: Place
    shared: str
    score: float
    length: int  # normalised characters of the longest run
    distinctive: int  # of which not covered by boilerplate shingles
    spans_a: tuple[tuple[int, int], ...]
    spans_b: tuple[tuple[int, int], ...]
    basis: PassageBasis = "distinctive"

    def to_json(self) -> dict[str, object]:
        a = {**self.a.to_json(), "spans": [list(s) for s in self.spans_a]}
        b = {**self.b.to_json(), "spans": [list(s) for s in self.spans_b]}
        return {
            "a": a,
            "b": b,
            "shared": self.shared,
            "score": self.score,
            "length": self.length,
            "distinctive": self.distinctive,
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class XrefTarget:
    """Where a mark points: an article (``anchor`` empty = top of the page) or one of its blocks."""

    bulletin: str
    article: str
    anchor: str
    title: str  # the target article's title
    source: str = ""
    line: int = 0
    heading: str | None = None  # text of the embedded document heading a reference points to
    start: int | None = None  # for passages: the matching span in the target block
    end: int | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "bulletin": self.bulletin,
            "article": self.article,
            "anchor": self.anchor,
            "title": self.title,
            "source": self.source,
            "line": self.line,
        }
        if self.heading is not None:
            data["heading"] = self.heading
        if self.start is not None:
            data["start"], data["end"] = self.start, self.end
        return data


@dataclass(frozen=True, slots=True)
class Reference:
    """A mention in a paragraph of another article's title (or of an embedded document's title)."""

    place: Place
    start: int
    end: int
    mention: str  # block.text[start:end]
    target: XrefTarget
    exact: bool  # the mention matches the title exactly after normalisation
    bracketed: bool  # written as 《…》

    def to_json(self) -> dict[str, object]:
        return {
            "from": {**self.place.to_json(), "start": self.start, "end": self.end},
            "mention": self.mention,
            "to": self.target.to_json(),
            "exact": self.exact,
            "bracketed": self.bracketed,
        }


@dataclass(frozen=True, slots=True)
class Related:
    """Article ``b`` is related to article ``a`` (slugs ``"<bulletin>/<article>"``)."""

    a: str
    b: str
    score: float
    reason: str
    title: str  # title of ``b``
    passages: int = 0
    references: int = 0
    terms: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "score": self.score,
            "reason": self.reason,
            "title": self.title,
            "passages": self.passages,
            "references": self.references,
            "terms": list(self.terms),
        }


@dataclass(frozen=True, slots=True)
class Mark:
    """What the renderer draws on one block: highlight ``text[start:end]`` and link to ``targets``.

    ``kind`` is ``"passage"`` (a 相关段落 marker; the target is the other paragraph and its span) or
    ``"reference"`` (the mention of a title; the target is the article or embedded heading).
    """

    start: int
    end: int
    kind: str
    targets: tuple[XrefTarget, ...]
    score: float = 1.0


@dataclass(slots=True)
class XrefIndex:
    """All cross-references of an archive, with per-block and per-article lookups for the renderer."""

    links: list[PassageLink]
    references: list[Reference]
    related: list[Related]
    warnings: list[str] = field(default_factory=list)
    _marks: dict[tuple[str, str, str], list[Mark]] = field(default_factory=dict, repr=False)
    _related: dict[str, list[Related]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        marks: dict[tuple[str, str, str], list[Mark]] = defaultdict(list)
        for link in self.links:
            for here, there, here_spans, there_spans in (
                (link.a, link.b, link.spans_a, link.spans_b),
                (link.b, link.a, link.spans_b, link.spans_a),
            ):
                for (start, end), (t_start, t_end) in zip(here_spans, there_spans, strict=True):
                    target = _target_of(there, start=t_start, end=t_end)
                    marks[(here.bulletin, here.article, here.anchor)].append(
                        Mark(start, end, "passage", (target,), link.score)
                    )
        for ref in self.references:
            marks[(ref.place.bulletin, ref.place.article, ref.place.anchor)].append(
                Mark(ref.start, ref.end, "reference", (ref.target,))
            )
        self._marks = {k: sorted(v, key=lambda m: (m.start, m.end, m.kind, -m.score)) for k, v in marks.items()}
        related: dict[str, list[Related]] = defaultdict(list)
        for rel in self.related:
            related[rel.a].append(rel)
        self._related = dict(related)

    def for_block(self, bulletin_slug: str, article_slug: str, anchor: str) -> list[Mark]:
        """Outgoing marks of one block, by start offset (empty if it has none)."""
        return list(self._marks.get((bulletin_slug, article_slug, anchor), ()))

    def related_for(self, bulletin_slug: str, article_slug: str) -> list[Related]:
        """Related articles of one article, best first."""
        return list(self._related.get(f"{bulletin_slug}/{article_slug}", ()))

    def to_json(self) -> dict[str, object]:
        """The ``annotate xref --json`` document."""
        return {
            "links": [link.to_json() for link in self.links],
            "references": [ref.to_json() for ref in self.references],
            "related": [rel.to_json() for rel in self.related],
            "warnings": list(self.warnings),
        }


def _target_of(place: Place, *, start: int | None = None, end: int | None = None) -> XrefTarget:
    return XrefTarget(
        place.bulletin, place.article, place.anchor, place.title, place.source, place.line, None, start, end
    )

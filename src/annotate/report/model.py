"""The report's data: the ``annotate report --format json`` document, typed.

TypedDicts rather than dataclasses because the document *is* JSON: :func:`~annotate.report.gather.build_report`
makes it, ``json.dumps`` writes it, and :func:`~annotate.report.markdown.render_markdown` renders it — also
when it comes back from a saved ``--format json`` file. The key names and their order are the JSON format.

The cross-references, glossary entries, candidate terms and conversion review items are other modules' JSON
(``to_json`` of :mod:`annotate.xref`, :mod:`annotate.glossary`, :mod:`annotate.terms`, :mod:`annotate.convert`)
passed on unchanged; their TypedDicts here name the fields the report reads.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

from ..glossary.model import EntryJson as EntryJson
from ..terms.candidates import CandidateJson

# How a bulletin relates to the base: "current" when there is no base (every bulletin is reported).
Status = Literal["added", "modified", "deleted", "unchanged", "current"]
ChangeKind = Literal["added", "removed", "recut", "retitled", "moved"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("added", "removed", "recut", "retitled", "moved")
WarningKind = Literal["short", "long", "long-title", "doubt", "directive", "uncovered"]


class BaseInfo(TypedDict):
    ref: str  # as given to --base
    tip: str  # the commit the ref names now
    commit: str  # the merge base the report compares with


class ScopeInfo(TypedDict):
    all: bool  # every bulletin is reported (no base, or the glossary or conversion table changed)
    reasons: list[str]
    config_changed: list[str]  # git paths of the glossary or conversion table, when changed
    bulletins: int  # bulletins in the report
    archive: int  # bulletins in the archive


# ----------------------------------------------------------------------------------------------- build


class EditionFigures(TypedDict):
    edition: str  # "zh-Hans" or "zh-Hant"
    pages: int
    search_index: int | None  # bytes of Material's whole index (the offline copy's search)
    pagefind: int | None  # bytes of the Pagefind bundle


class BuildSection(TypedDict):
    site: str
    editions: list[EditionFigures]
    offline_zip: int | None
    build_info: dict[str, object] | None  # what the build recorded (timings), as JSON


# ------------------------------------------------------------------------------------------- bulletins


class HeadingRow(TypedDict):
    line: int
    level: int
    text: str


class OutlineRow(TypedDict):
    """One article: where the segmenter cut, and its headers."""

    slug: str
    title: str
    kicker: str | None
    subtitle: str | None
    first_line: int
    last_line: int
    paragraphs: int
    blocks: int
    chars: int
    source: str | None
    source_line: str | None
    headings: list[HeadingRow]
    confidence: float  # the segmenter's confidence in the article's start and title (0.5–1)


class SourceGroup(TypedDict):
    """Consecutive articles credited to the same outlet."""

    source: str | None
    articles: list[str]  # article slugs


class ReportWarning(TypedDict):
    kind: WarningKind
    line: int
    article: str | None  # article slug
    message: str
    # The line to write above ``line`` to reverse the decision, or "" when none applies; for kind
    # "directive", the directive line itself (deleting it undoes what it did).
    directive: str


class Span(TypedDict):
    first_line: int
    last_line: int
    lines: int
    blocks: int


class ArticleSpan(TypedDict):
    """An article added or removed: its slug, title and :class:`Span`."""

    slug: str
    title: str
    first_line: int
    last_line: int
    lines: int
    blocks: int


class PairedArticle(TypedDict):
    """An article found in both versions."""

    slug: str
    old_slug: str
    title: str


class Recut(PairedArticle):
    old: Span
    new: Span


class HeaderChange(TypedDict):
    old: str | None
    new: str | None


class Retitled(PairedArticle):
    changes: dict[str, HeaderChange]  # "title", "kicker" or "subtitle"


class Moved(PairedArticle):
    old_position: int  # 1-based
    new_position: int


class Changes(TypedDict):
    added: list[ArticleSpan]
    removed: list[ArticleSpan]
    recut: list[Recut]
    retitled: list[Retitled]
    moved: list[Moved]


class BulletinSection(TypedDict):
    path: str  # git path of the .txt
    status: Status
    source: str
    slug: str
    title: str
    articles: list[OutlineRow]
    groups: list[SourceGroup]
    warnings: list[ReportWarning]
    changes: Changes | None  # None without a base, or for a bulletin in scope only because settings changed
    base_error: NotRequired[str]  # the base version does not segment


# -------------------------------------------------------------------------------------------- glossary


# The glossary's and the candidate finder's own JSON shapes, not copies of them.
Candidate = CandidateJson


class TermCount(TypedDict):
    term: str
    anchor: str
    count: int


class NewlyMatched(TypedDict):
    source: str  # bulletin file name
    terms: list[TermCount]


class GlossarySection(TypedDict):
    path: str
    entries: int
    forms: int
    candidates: list[Candidate]  # in the bulletins under review
    unused: list[EntryJson]  # over the whole archive
    shadowed: list[EntryJson]  # found only inside longer terms
    newly_matched: list[NewlyMatched] | None  # None without a base


# ------------------------------------------------------------------------------------------------ xref


class PlaceJson(TypedDict):
    """:meth:`annotate.xref.Place.to_json`."""

    source: str
    line: int
    bulletin: str
    article: str
    anchor: str


class LinkEnd(PlaceJson):
    spans: list[list[int]]


class PassageJson(TypedDict):
    """:meth:`annotate.xref.PassageLink.to_json`."""

    a: LinkEnd
    b: LinkEnd
    shared: str
    score: float
    length: int
    distinctive: int
    basis: NotRequired[str]  # absent in reports of revisions before it existed


class MentionPlace(PlaceJson):
    start: int
    end: int


class TargetJson(TypedDict):
    """:meth:`annotate.xref.XrefTarget.to_json`."""

    bulletin: str
    article: str
    anchor: str
    title: str
    source: str
    line: int
    heading: NotRequired[str]
    start: NotRequired[int]
    end: NotRequired[int | None]


# "from" is a keyword: the functional form.
ReferenceJson = TypedDict(
    "ReferenceJson", {"from": MentionPlace, "mention": str, "to": TargetJson, "exact": bool, "bracketed": bool}
)
ReferenceJson.__doc__ = ":meth:`annotate.xref.Reference.to_json`."


class RelatedJson(TypedDict):
    """:meth:`annotate.xref.Related.to_json`."""

    a: str  # "<bulletin>/<article>"
    b: str
    score: float
    reason: str
    title: str
    passages: int
    references: int
    terms: list[str]


class XrefSection(TypedDict):
    """New links between the change and the archive: one end on a new line of a bulletin under review, the
    other in another bulletin. ``left_out`` counts the links that touch the change otherwise (inside the
    changed bulletins, or from lines that did not change)."""

    links: list[PassageJson]
    references: list[ReferenceJson]
    related: list[RelatedJson]
    left_out: int
    warnings: list[str]


# ------------------------------------------------------------------------------------------ conversion


class ConversionItem(TypedDict):
    """:meth:`annotate.convert.ReviewItem.to_json`, with the bulletin's git path first."""

    source: str
    line: int
    column: int
    char: str
    chosen: str
    word: str
    word_converted: str
    context: str
    context_converted: str


class CharCount(TypedDict):
    char: str
    chosen: str
    count: int


class RiskPlace(TypedDict):
    """One occurrence of a conversion risk: where, and its context before and after conversion."""

    source: str  # git path of the bulletin
    line: int
    column: int
    context: str
    context_converted: str


class ConversionRisk(TypedDict):
    """One word whose character was converted one way (:class:`~annotate.report.conversion_risk.RiskGroup`)."""

    word: str
    char: str
    chosen: str
    word_converted: str
    count: int
    score: float
    reasons: list[str]  # keys of conversion_risk.REASON_LABELS
    alternatives: list[str]
    fix: str  # the docs/conversion.yml line that writes the first alternative, or ""
    first: RiskPlace


class ConversionSection(TypedDict):
    profile: str
    overrides: str | None  # git path of the override table, if there is one
    lines: int  # lines reviewed
    items: list[ConversionItem]
    by_char: list[CharCount]  # most frequent first
    risks: list[ConversionRisk]  # the items grouped by word, riskiest first


# ---------------------------------------------------------------------------------------------- report


class Report(TypedDict):
    """The whole report, in the order of the JSON document."""

    base: BaseInfo | None
    scope: ScopeInfo
    build: BuildSection | None
    bulletins: list[BulletinSection]
    glossary: GlossarySection | None
    xref: XrefSection
    conversion: ConversionSection | None

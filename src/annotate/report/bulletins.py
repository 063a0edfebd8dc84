"""The bulletins of the report: each one segmented as the site build does, its outline and its oddities."""

from __future__ import annotations

from dataclasses import dataclass

from ..cli import OUTLINE_KINDS
from ..metadata import load_meta
from ..model import Article, BlockKind, Bulletin
from ..reader import InputError, SourceText, read_path, read_text
from ..segment import DIRECTIVE_PREFIX, segment_source
from ..signals import DOUBT_BELOW
from .compare import compare
from .model import BulletinSection, OutlineRow, ReportWarning, SourceGroup, Status, WarningKind
from .scope import Base, Layout, Scope

SHORT_PARAGRAPHS = 2  # fewer body paragraphs than this: probably a header run cut off its article
SHORT_CHARS = 80  # fewer body characters than this: the same, or a notice glued to the wrong article
LONG_CHARS = 30_000  # more than this: probably two articles the segmenter did not separate
LONG_TITLE = 60  # more than this: probably a first paragraph taken for a title


@dataclass(slots=True)
class Loaded:
    """One bulletin of the report, current and base versions (either may be missing)."""

    path: str
    status: Status
    current: Bulletin | None
    source: SourceText | None
    base: Bulletin | None = None
    base_source: SourceText | None = None
    base_error: str | None = None


def load_scope(layout: Layout, scope: Scope, base: Base | None) -> list[Loaded]:
    """Segment each bulletin in scope; the current version must be valid (the build would fail on it),
    a base version that no longer segments is only noted."""
    loaded = []
    for path, status in scope.files:
        current: Bulletin | None = None
        source: SourceText | None = None
        if status != "deleted":
            file = layout.root / path
            source = read_path(file)
            current = segment_source(source, load_meta(file))
        item = Loaded(path, status, current, source)
        if base is not None and status in ("modified", "deleted"):
            data = base.show(path)
            if data is not None:
                try:
                    item.base_source = read_text(data, f"{base.ref}:{path}")
                    item.base = segment_source(item.base_source)
                except InputError as err:
                    item.base_error = str(err)
        loaded.append(item)
    return loaded


def paragraphs(article: Article) -> int:
    """Body blocks that are text, counted as ``annotate segment`` counts them."""
    return sum(1 for b in article.blocks if b.kind not in OUTLINE_KINDS)


def body_chars(article: Article) -> int:
    return sum(len(b.text) for b in article.blocks if b.kind is not BlockKind.SOURCE)


def outline(bulletin: Bulletin) -> list[OutlineRow]:
    """One row per article: what a reviewer checks first — where the segmenter cut, and the headers."""
    rows: list[OutlineRow] = []
    for article in bulletin.articles:
        rows.append(
            {
                "slug": article.slug,
                "title": article.title,
                "kicker": article.kicker,
                "subtitle": article.subtitle,
                "first_line": article.first_line,
                "last_line": article.last_line,
                "paragraphs": paragraphs(article),
                "blocks": len(article.blocks),
                "chars": body_chars(article),
                "source": article.source,
                "source_line": article.source_line,
                "headings": [{"line": b.line, "level": b.level, "text": b.text} for b in article.headings],
                "confidence": round(article.confidence, 2),
            }
        )
    return rows


def source_groups(bulletin: Bulletin) -> list[SourceGroup]:
    """Consecutive articles credited to the same outlet (one “以上均来源于…” line closes each group)."""
    groups: list[SourceGroup] = []
    for article in bulletin.articles:
        if groups and groups[-1]["source"] == article.source:
            groups[-1]["articles"].append(article.slug)
        else:
            groups.append({"source": article.source, "articles": [article.slug]})
    return groups


def content_lines(source: SourceText) -> list[tuple[int, str]]:
    """Non-blank, non-directive source lines: every one of them must end up in some block."""
    out = []
    for number, raw in enumerate(source.lines, start=1):
        text = raw.strip()
        if text and not text.startswith(DIRECTIVE_PREFIX):
            out.append((number, raw))
    return out


def segmentation_warnings(bulletin: Bulletin, source: SourceText) -> list[ReportWarning]:
    """Oddities worth a human look; each names the article and line so the editor can jump there.

    "doubt" warnings are the segmenter's own (low confidence, implausible titles), each with the directive
    that reverses the decision; an article the segmenter is unsure of without one gets one here. The
    size checks ("short", "long", "long-title") are the report's rougher hints."""
    found: list[ReportWarning] = []

    def warn(kind: WarningKind, line: int, message: str, article: str | None = None, directive: str = "") -> None:
        found.append({"kind": kind, "line": line, "article": article, "message": message, "directive": directive})

    def article_at(line: int) -> str | None:
        return next((a.slug for a in bulletin.articles if a.first_line <= line <= a.last_line), None)

    for a in bulletin.articles:
        count, chars = paragraphs(a), body_chars(a)
        if count < SHORT_PARAGRAPHS or chars < SHORT_CHARS:
            warn("short", a.first_line, f"文章很短：{count} 段，{chars} 字 (very short article)", a.slug)
        if chars > LONG_CHARS:
            warn("long", a.first_line, f"文章很长：{chars} 字，可能未分开 (very long article)", a.slug)
        if len(a.title) > LONG_TITLE:
            warn("long-title", a.first_line, f"标题很长：{len(a.title)} 字 (very long title)", a.slug)
    for doubt in bulletin.warnings:
        warn("doubt", doubt.line, doubt.message, article_at(doubt.line), doubt.directive)
    doubted = {w.line for w in bulletin.warnings}
    for a in bulletin.articles:
        title_line = next((b.line for b in a.header if b.kind is BlockKind.TITLE), a.first_line)
        if a.confidence < DOUBT_BELOW and not doubted & set(range(a.first_line, title_line + 1)):
            warn("doubt", title_line, f"此处分为新文章，把握不大（{a.confidence:.2f}）；如果这是文中的小标题，"
                 "在这一行上面加指令 (doubtful article start)", a.slug, "%% heading")
    for d in bulletin.directives:
        line = f"%% {d.name}{' ' + d.argument if d.argument else ''}"
        warn("directive", d.line, f"使用了指令 {line} (directive used)", directive=line)
    covered = {n for b in bulletin.all_blocks for n in b.lines}
    for number, raw in content_lines(source):
        if number not in covered:
            warn("uncovered", number, f"此行不属于任何文章 (line in no article): {raw.strip()[:40]}")
    return sorted(found, key=lambda w: (w["line"], w["kind"]))


def bulletin_section(item: Loaded, with_base: bool) -> BulletinSection:
    shown = item.current or item.base
    assert shown is not None
    data: BulletinSection = {
        "path": item.path,
        "status": item.status,
        "source": shown.source,
        "slug": shown.slug,
        "title": shown.title,
        "articles": outline(item.current) if item.current else [],
        "groups": source_groups(item.current) if item.current else [],
        "warnings": segmentation_warnings(item.current, item.source) if item.current and item.source else [],
        "changes": None,
    }
    if with_base and item.status != "unchanged":
        data["changes"] = compare(item.base, item.current)
        if item.base_error:
            data["base_error"] = item.base_error
    return data

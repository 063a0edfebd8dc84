"""Cutting a bulletin into articles, header lines and body blocks.

A bulletin is many articles pasted one after another with no markup, and every editor lays them out
differently (blank lines or none, indentation, kickers, two-line titles, embedded documents). So the
segmenter never relies on one layout: it finds *header runs* (consecutive lines that could be kickers,
titles or subtitles — short, not prose, not numbered), then decides from context whether each run opens a
new article, titles a document embedded in the current one (announced by “全文如下” or quoted just
before), is an in-article heading, or is a signature. Editors override any decision with ``%%``
directives (see ``DIRECTIVES``).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import patterns as pat
from .metadata import BulletinMeta, load_meta
from .model import Article, Block, BlockKind, Bulletin, Directive
from .reader import InputError, SourceText, read_path

DIRECTIVE_PREFIX = "%%"
# Each directive applies to the next non-blank line.
DIRECTIVES: dict[str, str] = {
    "article": "the next line starts a new article (its header is read as usual)",
    "kicker": "the next line is the kicker (引题) of a new article",
    "title": "the next line is the title of a new article (or continues the title after %% kicker)",
    "subtitle": "the next line is a subtitle (副题) of the current header",
    "heading": "the next line is a heading inside the current article",
    "body": "the next line is an ordinary paragraph, never a title or heading",
    "signature": "the next line is a signature line",
}
SPLITTING = {"article", "kicker", "title"}


@dataclass(slots=True)
class Line:
    """A non-blank, non-directive source line with the context the decisions need."""

    number: int
    shape: pat.LineShape
    gap: int  # blank lines between this line and the previous content line (None-like large at start)
    forced: str | None = None

    @property
    def text(self) -> str:
        return self.shape.text


@dataclass(slots=True)
class Run:
    """Consecutive header-like lines (blank lines may separate them)."""

    lines: list[Line]

    @property
    def gap(self) -> int:
        return self.lines[0].gap


@dataclass(slots=True)
class Draft:
    """An article being assembled."""

    header: list[Block] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    start_gap: int | None = None  # None for the first article of a file or of a source group
    body_gaps: list[int] = field(default_factory=list)
    depth: int = 0  # heading depth offset inside an embedded document
    group: int = 0  # index of the source group (articles credited by the same “以上均来源于” line)

    def typical_gap(self) -> int | None:
        return int(statistics.median(self.body_gaps)) if len(self.body_gaps) >= 2 else None


def read_lines(source: SourceText) -> tuple[list[Line], list[Directive]]:
    """Split into content lines, attaching each directive to the line that follows it."""
    lines: list[Line] = []
    directives: list[Directive] = []
    gap = 10**6
    pending: Directive | None = None
    for number, raw in enumerate(source.lines, start=1):
        text = pat.strip_line(raw)
        if not text:
            gap += 1
            continue
        if text.startswith(DIRECTIVE_PREFIX):
            words = text[len(DIRECTIVE_PREFIX) :].split(maxsplit=1)
            name = words[0].lower() if words else ""
            if name not in DIRECTIVES:
                known = "、".join(f"%% {d}" for d in DIRECTIVES)
                raise InputError(source.name, f"未知的指令 “{text}” (unknown directive; known: {known})", number)
            if pending is not None:
                raise InputError(source.name, "两条指令之间没有正文行 (directive without a line)", number)
            pending = Directive(line=number, name=name, argument=words[1] if len(words) > 1 else "")
            directives.append(pending)
            continue
        lines.append(Line(number, pat.LineShape(text, pat.indent_width(raw)), gap, pending and pending.name))
        pending = None
        gap = 0
    if pending is not None:
        raise InputError(source.name, "文件末尾的指令后面没有正文行 (directive at end of file)", pending.line)
    return lines, directives


def headerish(line: Line) -> bool:
    if line.forced in SPLITTING or line.forced == "subtitle":
        return True
    if line.forced in {"body", "heading", "signature"}:
        return False
    return line.shape.is_headerish


def header_tail(line: Line) -> bool:
    """Lines that may close a header: bylines in parentheses, datelines, publication notes."""
    return line.forced is None and (line.shape.is_parenthesised or line.shape.is_dateline)


def collect_runs(lines: list[Line]) -> dict[int, Run]:
    """Map index of a run's first line → run. A run is header-like lines plus their tail lines."""
    runs: dict[int, Run] = {}
    i = 0
    while i < len(lines):
        if not headerish(lines[i]):
            i += 1
            continue
        start = i
        while i < len(lines) and (headerish(lines[i]) or (i > start and header_tail(lines[i]))):
            if i > start and lines[i].forced in SPLITTING and lines[i - 1].forced != "kicker":
                break
            i += 1
        runs[start] = Run(lines[start:i])
    return runs


def announces_document(previous: list[Line], title: str) -> bool:
    """An embedded document is announced (“…全文如下。”) or named just before (《title》)."""
    if not previous:
        return False
    last = previous[-1].text.rstrip(pat.CLOSERS + "。：:—-")
    if last.endswith("如下") or "全文如下" in previous[-1].text:
        return True
    wanted = pat.compact(title)
    return len(wanted) >= 6 and any(wanted in pat.compact(line.text) for line in previous[-2:])


def is_signature_run(run: Run, following: list[Line]) -> bool:
    """A header-like run followed only by dates, right-aligned lines or nothing closes a document."""
    for line in following:
        if line.shape.is_date_only or line.shape.is_right_aligned or line.shape.is_noise:
            continue
        return False
    return True


class Segmenter:
    """Turns content lines into articles. One instance per bulletin."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.lines, self.directives = read_lines(source)
        self.runs = collect_runs(self.lines)
        self.articles: list[Draft] = []
        self.group = 0
        self.group_names: dict[int, str] = {}  # group → outlet named by its source line

    # -- decisions -------------------------------------------------------------------------------

    def next_run_index(self, index: int) -> int:
        for j in range(index, len(self.lines)):
            if j in self.runs or self.lines[j].shape.is_group_source:
                return j
        return len(self.lines)

    def classify_run(self, index: int, run: Run) -> str:
        """“article”, “embedded”, “heading” or “signature” for the run starting at ``index``."""
        first = run.lines[0]
        if first.forced in SPLITTING:
            return "article"
        if first.forced == "heading":
            return "heading"
        current = self.articles[-1] if self.articles else None
        if current is None or self.lines[index - 1].shape.is_group_source:
            return "article"
        end = index + len(run.lines)
        following = self.lines[end : self.next_run_index(end)]
        if is_signature_run(run, following):
            return "signature"
        title_lines = [ln for ln in run.lines if not ln.shape.is_dash and not header_tail(ln)]
        titles = [ln.text for ln in title_lines[:1]] + ["".join(ln.text for ln in title_lines[:2])]
        if any(announces_document(self.lines[max(0, index - 2) : index], t) for t in titles):
            return "embedded"
        if len(run.lines) == 1 and first.shape.is_label:
            return "heading"
        typical = current.typical_gap()
        if current.start_gap is not None and typical is not None and current.start_gap > typical >= run.gap:
            # This article's own spacing separates articles more widely than paragraphs.
            return "heading"
        return "article"

    # -- assembly --------------------------------------------------------------------------------

    def start_article(self, run: Run, start_gap: int | None) -> Draft:
        draft = Draft(start_gap=start_gap, group=self.group)
        header, rest = parse_header(run.lines)
        draft.header = header
        self.articles.append(draft)
        for line in rest:
            self.add_body_line(draft, line, in_run=True)
        return draft

    def add_block(self, draft: Draft, kind: BlockKind, lines: Iterable[Line], text: str, level: int = 0) -> None:
        numbers = tuple(ln.number for ln in lines)
        draft.blocks.append(Block(kind=kind, lines=numbers, text=text, level=level))

    def add_body_line(self, draft: Draft, line: Line, in_run: bool = False) -> None:
        kind, level = body_kind(line, draft, in_run)
        if kind in (BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.CLAUSE) and draft.blocks:
            draft.body_gaps.append(line.gap)
        self.add_block(draft, kind, [line], line.text, level)

    def add_embedded(self, draft: Draft, run: Run) -> None:
        """An embedded document's title block: heading, then its subtitle, byline and dateline."""
        header, rest = parse_header(run.lines)
        for block in header:
            kind = {
                BlockKind.KICKER: BlockKind.HEADING,
                BlockKind.TITLE: BlockKind.HEADING,
            }.get(block.kind, block.kind)
            draft.blocks.append(Block(kind=kind, lines=block.lines, text=block.text, level=2))
        draft.depth = 1
        for line in rest:
            self.add_body_line(draft, line, in_run=True)

    def run(self) -> list[Draft]:
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            if line.shape.is_group_source and line.forced is None:
                self.close_group(line)
                index += 1
                continue
            run = self.runs.get(index)
            if run is None:
                if not self.articles:
                    raise InputError(
                        self.source.name,
                        "找不到文章标题：正文之前没有标题行 (no title before this line; "
                        "mark the title with “%% title”)",
                        line.number,
                    )
                else:
                    self.add_body_line(self.articles[-1], line)
                    index += 1
                    continue
            decision = self.classify_run(index, run) if self.articles else "article"
            if decision == "article":
                after_source = bool(self.articles) and self.lines[index - 1].shape.is_group_source
                start_gap = None if not self.articles or after_source else run.gap
                self.start_article(run, start_gap)
            elif decision == "embedded":
                self.add_embedded(self.articles[-1], run)
            else:
                kind = BlockKind.SIGNATURE if decision == "signature" else BlockKind.HEADING
                for member in run.lines:
                    if kind is BlockKind.HEADING and (member.shape.is_dash or header_tail(member)):
                        self.add_body_line(self.articles[-1], member, in_run=True)
                    else:
                        level = 2 + self.articles[-1].depth if kind is BlockKind.HEADING else 0
                        self.add_block(self.articles[-1], kind, [member], member.text, level)
            index += len(run.lines)
        return self.articles

    def close_group(self, line: Line) -> None:
        """A group source line credits every article since the previous one; kept once, on the last."""
        if not self.articles:
            raise InputError(self.source.name, "来源行前面没有文章 (source line before any article)", line.number)
        self.articles[-1].blocks.append(Block(kind=BlockKind.SOURCE, lines=(line.number,), text=line.text))
        self.group_names[self.group] = pat.group_source_name(line.text)
        self.group += 1


def body_kind(line: Line, draft: Draft, in_run: bool) -> tuple[BlockKind, int]:
    """What a line inside an article is, from its own shape (numbering, punctuation, alignment)."""
    forced = line.forced
    if forced == "heading":
        return BlockKind.HEADING, 2 + draft.depth
    if forced == "signature":
        return BlockKind.SIGNATURE, 0
    if forced == "subtitle":
        return BlockKind.SUBTITLE, 0
    shape = line.shape
    text = shape.text
    if forced == "body":
        return BlockKind.PARAGRAPH, 0
    if shape.is_group_source:
        return BlockKind.SOURCE, 0
    if shape.is_noise:
        return BlockKind.NOTE, 0
    if pat.CLAUSE.match(text):
        return BlockKind.CLAUSE, 0
    titleish = not pat.ends_sentence(text) and "。" not in text and len(text) <= 60
    base = 2 + draft.depth
    if pat.CHAPTER.match(text):
        return BlockKind.HEADING, base
    if pat.SECTION_OF_CHAPTER.match(text):
        return BlockKind.HEADING, base + 1
    if pat.SECTION.match(text):
        return (BlockKind.HEADING, base) if titleish else (BlockKind.PARAGRAPH, 0)
    if pat.SUBSECTION.match(text):
        return (BlockKind.HEADING, base + 1) if titleish and not text.startswith("(") else (BlockKind.ITEM, 0)
    if pat.ARABIC_SECTION.match(text):
        return (BlockKind.HEADING, base + 2) if titleish else (BlockKind.ITEM, 0)
    if pat.PAREN_ARABIC.match(text):
        return BlockKind.ITEM, 0
    if shape.is_dateline:
        return BlockKind.DATELINE, 0
    if shape.is_date_only:
        return BlockKind.DATE, 0
    if shape.is_salutation:
        return BlockKind.SALUTATION, 0
    if shape.is_right_aligned:
        return BlockKind.SIGNATURE, 0
    if shape.is_dash and in_run:
        return BlockKind.SUBTITLE, 0
    if in_run and shape.is_label:
        return BlockKind.HEADING, 2 + draft.depth
    if in_run and (shape.is_parenthesised or shape.is_date_led or shape.is_name_like):
        return BlockKind.BYLINE if shape.is_name_like or shape.is_parenthesised else BlockKind.NOTE, 0
    return BlockKind.PARAGRAPH, 0


def parse_header(lines: list[Line]) -> tuple[list[Block], list[Line]]:
    """Split a header run into header blocks (kicker/title/subtitle/byline/dateline) and leftover lines.

    Leftovers (a letter-spaced label, publication notes after the byline) are body lines.
    """
    pre: list[Line] = []
    subtitles: list[Line] = []
    tail: list[Block] = []
    rest: list[Line] = []
    for position, line in enumerate(lines):
        shape = line.shape
        if rest:
            rest.append(line)
        elif line.forced == "subtitle" or (shape.is_dash and pre and line.forced is None):
            if tail:
                rest.append(line)
            else:
                subtitles.append(line)
        elif (line.forced in SPLITTING and position == 0) or (line.forced == "title" and not tail):
            pre.append(line)
        elif shape.is_dateline:
            tail.append(Block(BlockKind.DATELINE, (line.number,), line.text))
        elif shape.is_parenthesised:
            kind = BlockKind.NOTE if pat.DATE_ANYWHERE.search(line.text) else BlockKind.BYLINE
            tail.append(Block(kind, (line.number,), line.text))
        elif pre and line.gap == 0 and shape.is_name_like and not shape.is_label:
            tail.append(Block(BlockKind.BYLINE, (line.number,), line.text))
        elif pre and (shape.is_label or shape.is_date_led or tail):
            rest.append(line)
        elif subtitles:
            subtitles.append(line)
        else:
            pre.append(line)
    header = resolve_titles(pre, subtitles)
    return header + tail, rest


def resolve_titles(pre: list[Line], subtitles: list[Line]) -> list[Block]:
    """Kicker(s), the title (joined when printed on two lines) and subtitle(s) from the header lines."""
    blocks: list[Block] = []
    index = 0
    forced_title = any(line.forced == "title" for line in pre)
    while index < len(pre) - 1 and (
        pre[index].forced == "kicker"
        or (not forced_title and pre[index].forced is None and pat.looks_like_kicker(pre[index].text)
            and not pat.continues(pre[index].text, pre[index + 1].text))
    ):
        blocks.append(Block(BlockKind.KICKER, (pre[index].number,), pre[index].text))
        index += 1
    rest = pre[index:]
    title = rest[:1]
    extra = rest[1:]
    if extra and (subtitles or pat.continues(rest[0].text, extra[0].text)):
        # With a dashed subtitle present, two undashed lines are one title broken in two.
        title, extra = rest[:2], rest[2:]
    if title:
        blocks.append(
            Block(BlockKind.TITLE, tuple(ln.number for ln in title), "".join(ln.text for ln in title))
        )
    for line in [*extra, *subtitles]:
        blocks.append(Block(BlockKind.SUBTITLE, (line.number,), line.text))
    return blocks


def first_paragraph(draft: Draft) -> str | None:
    return next((b.text for b in draft.blocks if b.kind is BlockKind.PARAGRAPH), None)


def story_lead(text: str | None) -> str | None:
    """The opening credit of a wire story (“央视网消息（新闻联播）：”), if the paragraph has one."""
    if not text:
        return None
    match = pat.STORY_LEAD.match(text)
    return match.group(0) if match else None


def merge_unled_stories(drafts: list[Draft]) -> list[Draft]:
    """Fold a one-line “title” back into the story before it when its group's stories share a lead.

    News compilations (新闻联播, wire copy) open every story with the same credit. When three or more
    stories of a group do, a title-like line whose text does not open with that credit — while the story
    before it does — is a subheading inside that story, not a new article.
    """
    by_group: dict[int, list[str | None]] = {}
    for draft in drafts:
        by_group.setdefault(draft.group, []).append(story_lead(first_paragraph(draft)))
    shared: dict[int, str] = {}
    for group, leads in by_group.items():
        counts: dict[str, int] = {}
        for lead in leads:
            if lead:
                counts[lead] = counts.get(lead, 0) + 1
        best = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=None)
        if best and best[1] >= 3 and best[1] * 2 >= len(leads):
            shared[group] = best[0]
    merged: list[Draft] = []
    for draft in drafts:
        lead = shared.get(draft.group)
        previous = merged[-1] if merged else None
        if (
            lead is not None
            and previous is not None
            and previous.group == draft.group
            and story_lead(first_paragraph(previous)) == lead
            and story_lead(first_paragraph(draft)) != lead
            and [b.kind for b in draft.header] == [BlockKind.TITLE]
            and len(draft.header[0].lines) == 1
            and not any(b.kind is BlockKind.SOURCE for b in previous.blocks)
        ):
            title = draft.header[0]
            previous.blocks.append(Block(BlockKind.HEADING, title.lines, title.text, 2 + previous.depth))
            previous.blocks.extend(draft.blocks)
            continue
        merged.append(draft)
    return merged


def assign_anchors(blocks: list[Block]) -> list[Block]:
    """Stable ASCII ids: ``art-6`` for 第六条, ``h-67`` for headings, ``p-68`` otherwise (source line)."""
    used: dict[str, int] = {}
    result = []
    for block in blocks:
        if block.kind is BlockKind.CLAUSE:
            numeral = pat.clause_number(block.text) or str(block.line)
            anchor = f"art-{pat.number_value(numeral)}"
        elif block.kind is BlockKind.HEADING:
            anchor = f"h-{block.line}"
        else:
            anchor = f"p-{block.line}"
        count = used.get(anchor, 0) + 1
        used[anchor] = count
        if count > 1:
            anchor = f"{anchor}-{count}"
        result.append(Block(block.kind, block.lines, block.text, block.level, anchor))
    return result


def segment_source(source: SourceText, meta: BulletinMeta | None = None) -> Bulletin:
    """Segment decoded text. Raises :class:`InputError` when no article can be found."""
    segmenter = Segmenter(source)
    drafts = segmenter.run()
    if not drafts or not any(b.kind is BlockKind.TITLE for d in drafts for b in d.header):
        raise InputError(source.name, "找不到任何文章 (no article found)")
    drafts = merge_unled_stories(drafts)
    articles = []
    for i, draft in enumerate(drafts):
        if not any(b.kind is BlockKind.TITLE for b in draft.header):
            raise InputError(source.name, "文章没有标题 (article without a title)", draft.header[0].line)
        name = segmenter.group_names.get(draft.group)
        line_text = next((b.text for b in draft.blocks if b.kind is BlockKind.SOURCE), None)
        articles.append(
            Article(
                index=i + 1,
                slug=f"{i + 1:02d}",
                header=assign_anchors(draft.header),
                blocks=assign_anchors(draft.blocks),
                source=name,
                source_line=line_text,
            )
        )
    meta = meta or BulletinMeta.from_name(Path(source.name).name)
    return Bulletin(
        source=Path(source.name).name,
        slug=meta.slug,
        title=meta.title,
        date=meta.date,
        note=meta.note,
        articles=articles,
        directives=segmenter.directives,
        encoding=source.encoding,
    )


def segment_text(text: str, source: str = "bulletin.txt") -> Bulletin:
    """Convenience for tests and tools: segment an already-decoded string."""
    from .reader import normalise

    return segment_source(SourceText(name=source, text=normalise(text, source), encoding="utf-8"))


def segment_path(path: Path) -> Bulletin:
    """Read, decode and segment a bulletin file, with its optional sidecar metadata."""
    return segment_source(read_path(path), load_meta(path))

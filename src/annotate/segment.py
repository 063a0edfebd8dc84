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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import patterns as pat
from .anchors import assign_anchors
from .layout import DIRECTIVE_PREFIX, DIRECTIVES, Line, read_lines
from .metadata import BulletinMeta, load_meta
from .model import Article, Block, BlockKind, Bulletin, SegmentationWarning
from .plausibility import check_articles
from .reader import InputError, SourceText, read_path
from .signals import StartContext, Verdict, weigh

__all__ = ["DIRECTIVES", "DIRECTIVE_PREFIX", "segment_path", "segment_source", "segment_text"]
SPLITTING = {"article", "kicker", "title"}
IMPLAUSIBLE_CONFIDENCE = 0.6  # an article the plausibility checks question


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
    header_gap: int | None = None  # blank lines between the header and the first paragraph
    depth: int = 0  # heading depth offset inside an embedded document
    group: int = 0  # index of the source group (articles credited by the same “以上均来源于” line)

    def typical_gap(self) -> int | None:
        return int(statistics.median(self.body_gaps)) if len(self.body_gaps) >= 2 else None


def headerish(line: Line, after: list[Line] | None = None, before: Line | None = None) -> bool:
    """Could ``line`` be a header line? ``after``: the lines that follow it, to tell a centred header from a
    right-aligned signature (both stand far from the margin; a header is followed by text)."""
    if line.footer:
        return False
    if line.forced in SPLITTING or line.forced == "subtitle":
        return True
    if line.forced in {"body", "heading", "signature"}:
        return False
    if line.shape.is_right_aligned and line.shape.is_title_shaped:
        opens = before is None or before.shape.is_group_source  # nothing before it for a signature to close
        return opens or is_centred_header(after or [])
    return line.shape.is_headerish


def is_centred_header(after: list[Line]) -> bool:
    """The lines after a far-indented line: a centred header leads to running text (through at most two
    more header lines); a signature is followed by a date, a note, or nothing."""
    for line in after:
        if line.footer:
            continue
        shape = line.shape
        if shape.is_title_shaped and not shape.is_date_only:
            continue  # more header lines: kicker, title, subtitle, byline
        closing = shape.is_date_only or shape.is_noise or shape.is_trailing_note or shape.is_parenthesised
        return not (closing or shape.is_group_source or shape.is_dateline)
    return bool(after)  # header lines all the way: a centred header block


def header_tail(line: Line) -> bool:
    """Lines that may close a header: bylines in parentheses, datelines, publication notes."""
    return line.forced is None and not line.footer and (line.shape.is_parenthesised or line.shape.is_dateline)


def indents_into_body(first: Line, line: Line, body_indents: frozenset[int]) -> bool:
    """A header standing out from the margin is never continued by a line indented like the body's text."""
    if first.shape.is_right_aligned:
        return False  # a centred header block: a long line of it may land on the body's indent
    return first.shape.indent not in body_indents and line.shape.indent in body_indents and line.forced is None


def collect_runs(lines: list[Line], body_indents: frozenset[int] = frozenset()) -> dict[int, Run]:
    """Map index of a run's first line → run. A run is header-like lines plus their tail lines.

    ``body_indents``: the first-line indents of running text in this bulletin (none when it is flush left).
    """
    runs: dict[int, Run] = {}
    i = 0
    while i < len(lines):
        if not headerish(lines[i], lines[i + 1 : i + 5], lines[i - 1] if i else None) or (
            lines[i].shape.is_dash and lines[i].forced is None and i > 0
        ):
            i += 1  # a dashed line opens nothing: it is a subtitle under a title, or text
            continue
        start = i
        while i < len(lines) and (headerish(lines[i], lines[i + 1 : i + 5]) or (i > start and header_tail(lines[i]))):
            if i > start and lines[i].forced in SPLITTING and lines[i - 1].forced != "kicker":
                break
            if i > start and indents_into_body(lines[start], lines[i], body_indents):
                break
            i += 1
        runs[start] = Run(lines[start:i])
    return runs


def announces_document(previous: list[Line], title: str, own_title: str) -> bool:
    """An embedded document is announced (“…全文如下。”), or named both just before and in the title of the
    article that prints it. A document named only in the story before it stands as an article of its own."""
    if not previous:
        return False
    last = previous[-1].text.rstrip(pat.CLOSERS + "。：:—-")
    if last.endswith("如下") or "全文如下" in previous[-1].text:
        return True
    wanted = pat.compact(title)
    if len(wanted) < 6 or not any(wanted in pat.compact(line.text) for line in previous[-2:]):
        return False
    return previous[-1].text.rstrip(pat.CLOSERS)[-1:] in "：:" or wanted in pat.compact(own_title)


def is_signature_run(run: Run, following: list[Line]) -> bool:
    """A header-like run that closes a document: followed only by dates, right-aligned lines and closing
    notes, or a short name over a date line (“习近平” / “2026年1月1日”)."""
    following = [line for line in following if not line.footer]
    if not following:
        return False
    first = following[0]
    if first.shape.is_date_only and len(run.lines) == 1 and len(run.lines[0].text) <= 20:
        return True
    for line in following:
        shape = line.shape
        if shape.is_date_only or shape.is_right_aligned or shape.is_noise or shape.is_trailing_note:
            continue
        if shape.is_parenthesised and not pat.ends_sentence(shape.text):
            continue
        return False
    return True


class Segmenter:
    """Turns content lines into articles. One instance per bulletin."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.lines, self.directives, self.profile = read_lines(source)
        self.runs = collect_runs(self.lines, self.profile.body_indents)
        self.articles: list[Draft] = []
        self.group = 0
        self.group_names: dict[int, str] = {}  # group → outlet named by its source line
        self.common_leads = self.find_common_leads()
        self.doubts: list[SegmentationWarning] = []
        self.verdicts: dict[int, Verdict] = {}  # first line number of a run → its verdict

    # -- decisions -------------------------------------------------------------------------------

    def find_common_leads(self) -> frozenset[str]:
        """Story leads (“央视网消息（新闻联播）：”) that open the first paragraph after three or more runs."""
        counts: Counter[str] = Counter()
        for start, run in self.runs.items():
            after = start + len(run.lines)
            if after < len(self.lines):
                lead = story_lead(self.lines[after].text)
                if lead:
                    counts[lead] += 1
        return frozenset(lead for lead, n in counts.items() if n >= 3)

    def next_run_index(self, index: int) -> int:
        for j in range(index, len(self.lines)):
            if j in self.runs or self.lines[j].shape.is_group_source:
                return j
        return len(self.lines)

    def context(self, index: int, run: Run, current: Draft) -> StartContext:
        end = index + len(run.lines)
        after = self.next_run_index(end)
        return StartContext(
            run=run.lines,
            previous=next((ln for ln in reversed(self.lines[:index]) if not ln.footer), None),
            following=self.lines[end:after],
            next_header=self.lines[after] if after < len(self.lines) else None,
            current_blocks=[b.kind for b in current.blocks],
            current_start_gap=current.start_gap,
            current_gaps=current.body_gaps or ([current.header_gap] if current.header_gap is not None else []),
            ahead=self.lines[end : end + 8],
            current_lead=story_lead(first_paragraph(current)),
            common_leads=self.common_leads,
            profile=self.profile,
        )

    def classify_run(self, index: int, run: Run) -> str:
        """“article”, “embedded”, “heading”, “signature”, “header-extra” or “body” for the run at ``index``."""
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
        if not title_lines or (len(title_lines) == 1 and pat.ends_like_clause(title_lines[-1].text)):
            return "body"  # “同志们：”, “各位同事，”: a line ending in ，or ： is never a title
        titles = [ln.text for ln in title_lines[:1]] + ["".join(ln.text for ln in title_lines[:2])]
        own_title = "".join(b.text for b in current.header if b.kind is BlockKind.TITLE)
        if any(announces_document(self.lines[max(0, index - 2) : index], t, own_title) for t in titles):
            return "embedded"
        if len(run.lines) == 1 and first.shape.is_label:
            return "heading"
        verdict = weigh(self.context(index, run, current))
        self.verdicts[first.number] = verdict
        if verdict.doubtful:
            self.doubts.append(doubt(first, verdict))
        if verdict.article:
            return "article"
        if "no_body_yet" in verdict.fired:
            return "header-extra"  # lines printed under the header (presided, attended, 提要): body lines
        if len(run.lines) == 1 and pat.exclaims_or_asks(first.text):
            return "body"  # a short exclamation or question between paragraphs is a paragraph
        return "heading"

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
        numbers = tuple(n for ln in lines for n in ln.numbers)
        draft.blocks.append(Block(kind=kind, lines=numbers, text=text, level=level))

    def add_body_line(self, draft: Draft, line: Line, in_run: bool = False) -> None:
        kind, level = body_kind(line, draft, in_run)
        if kind in (BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.CLAUSE):
            if draft.blocks:
                draft.body_gaps.append(line.gap)
            elif draft.header_gap is None:
                draft.header_gap = line.gap
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

    def add_heading_run(self, draft: Draft, run: Run, kind: BlockKind) -> None:
        """A run that stays inside the article: headings (or a signature), dashes and tails as body."""
        for member in run.lines:
            if kind is BlockKind.HEADING and (member.shape.is_dash or header_tail(member)):
                self.add_body_line(draft, member, in_run=True)
            else:
                level = 2 + draft.depth if kind is BlockKind.HEADING else 0
                self.add_block(draft, kind, [member], member.text, level)
        if kind is BlockKind.HEADING:
            pair_question_heading(draft)

    def run(self) -> list[Draft]:
        index = 0
        waiting_footers: list[Line] = []  # page footers before the first article
        while index < len(self.lines):
            line = self.lines[index]
            if line.footer:
                if self.articles:
                    self.add_block(self.articles[-1], BlockKind.FOOTER, [line], line.text)
                else:
                    waiting_footers.append(line)
                index += 1
                continue
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
                self.add_body_line(self.articles[-1], line)
                index += 1
                continue
            decision = self.classify_run(index, run) if self.articles else "article"
            if decision == "article":
                after_source = bool(self.articles) and self.lines[index - 1].shape.is_group_source
                start_gap = None if not self.articles or after_source else run.gap
                draft = self.start_article(run, start_gap)
                for footer in waiting_footers:
                    self.add_block(draft, BlockKind.FOOTER, [footer], footer.text)
                waiting_footers.clear()
            elif decision == "embedded":
                self.add_embedded(self.articles[-1], run)
            elif decision in ("body", "header-extra"):
                for member in run.lines:
                    self.add_body_line(self.articles[-1], member, in_run=decision == "header-extra")
            else:
                kind = BlockKind.SIGNATURE if decision == "signature" else BlockKind.HEADING
                self.add_heading_run(self.articles[-1], run, kind)
            index += len(run.lines)
        return self.articles

    def close_group(self, line: Line) -> None:
        """A group source line credits every article since the previous one; kept once, on the last."""
        if not self.articles:
            raise InputError(self.source.name, "来源行前面没有文章 (source line before any article)", line.number)
        self.articles[-1].blocks.append(Block(kind=BlockKind.SOURCE, lines=line.numbers, text=line.text))
        self.group_names[self.group] = pat.group_source_name(line.text)
        self.group += 1


def doubt(line: Line, verdict: Verdict) -> SegmentationWarning:
    """A close call, worded for the editor, with the directive that reverses it."""
    if verdict.article:
        return SegmentationWarning(
            line.number,
            f"此处分为新文章，把握不大（{verdict.confidence:.2f}：{verdict.reasons()}）；"
            "如果这是文中的小标题，在这一行上面加指令 (doubtful article start)",
            "%% heading",
        )
    return SegmentationWarning(
        line.number,
        f"此行当作文中小标题，把握不大（{verdict.confidence:.2f}：{verdict.reasons()}）；"
        "如果这里是一篇新文章，在这一行上面加指令 (doubtful heading)",
        "%% article",
    )


def pair_question_heading(draft: Draft) -> None:
    """A bold question printed over its one-line answer (“如何…？” + summary) is one two-line heading."""
    if len(draft.blocks) < 2:
        return
    before, heading = draft.blocks[-2], draft.blocks[-1]
    if (
        before.kind is BlockKind.PARAGRAPH
        and pat.exclaims_or_asks(before.text)
        and len(before.text) <= 32
        and not pat.STORY_LEAD.match(before.text)
        and "。" not in before.text
    ):
        draft.blocks[-2] = Block(BlockKind.HEADING, before.lines, before.text, heading.level)
        if draft.body_gaps:
            draft.body_gaps.pop()


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
            tail.append(Block(BlockKind.DATELINE, line.numbers, line.text))
        elif shape.is_parenthesised:
            kind = BlockKind.NOTE if pat.DATE_ANYWHERE.search(line.text) else BlockKind.BYLINE
            tail.append(Block(kind, line.numbers, line.text))
        elif pre and line.gap == 0 and shape.is_name_like and not shape.is_label:
            tail.append(Block(BlockKind.BYLINE, line.numbers, line.text))
        elif pre and (shape.is_label or shape.is_date_led or tail):
            rest.append(line)
        elif subtitles and pat.ATTENDANCE.search(line.text) and not shape.is_dash:
            rest.append(line)  # who presided and attended, printed under the subtitle: the article's text
        elif subtitles:
            subtitles.append(line)
        else:
            pre.append(line)
    header = resolve_titles(pre, subtitles)
    return header + tail, rest


def opens_as_kicker(line: Line, following: Line, forced_title: bool) -> bool:
    """Is ``line`` a kicker (引题) over the headline ``following``?

    Kickers end with a speech verb or a dash (…时强调, 江西宁都——), are column or campaign names (short,
    or “A——B” labels), or slogans in quotes; and a headline that carries the column tag (…（政策解读）)
    is the title, so the line above it is its kicker. A line that plainly continues is half of the title.
    """
    if line.forced == "kicker":
        return True
    if forced_title or line.forced is not None or pat.continues(line.text, following.text):
        return False
    text = pat.compact(line.text)
    if pat.looks_like_kicker(line.text) or pat.QUOTED.match(text):
        return True
    if "——" in text[1:] and not following.shape.is_dash:
        return True
    return bool(pat.COLUMN_TAG.search(following.text)) and not pat.COLUMN_TAG.search(line.text)


def resolve_titles(pre: list[Line], subtitles: list[Line]) -> list[Block]:
    """Kicker(s), the title (joined when printed on two lines) and subtitle(s) from the header lines."""
    blocks: list[Block] = []
    index = 0
    forced_title = any(line.forced == "title" for line in pre)
    while index < len(pre) - 1 and opens_as_kicker(pre[index], pre[index + 1], forced_title):
        blocks.append(Block(BlockKind.KICKER, pre[index].numbers, pre[index].text))
        index += 1
    rest = pre[index:]
    title = rest[:1]
    extra = rest[1:]
    if extra and (subtitles or pat.continues(rest[0].text, extra[0].text)):
        # With a dashed subtitle present, two undashed lines are one title broken in two.
        title, extra = rest[:2], rest[2:]
    if title:
        blocks.append(
            Block(BlockKind.TITLE, tuple(n for ln in title for n in ln.numbers), "".join(ln.text for ln in title))
        )
    for line in [*extra, *subtitles]:
        blocks.append(Block(BlockKind.SUBTITLE, line.numbers, line.text))
    return blocks


def first_paragraph(draft: Draft) -> str | None:
    """The article's first line of text (a story lead standing alone reads as a salutation)."""
    text = (BlockKind.PARAGRAPH, BlockKind.SALUTATION)
    return next((b.text for b in draft.blocks if b.kind in text), None)


def story_lead(text: str | None) -> str | None:
    """The opening credit of a wire story (“央视网消息（新闻联播）：”), if the paragraph has one."""
    if not text:
        return None
    match = pat.STORY_LEAD.match(text)
    return match.group(0) if match else None


def start_confidence(segmenter: Segmenter, draft: Draft) -> float:
    """How sure the cut that opened this article is (1.0 for a file or group start and for directives)."""
    verdict = segmenter.verdicts.get(draft.header[0].line) if draft.header else None
    return verdict.confidence if verdict is not None else 1.0


def segment_source(source: SourceText, meta: BulletinMeta | None = None) -> Bulletin:
    """Segment decoded text. Raises :class:`InputError` when no article can be found."""
    segmenter = Segmenter(source)
    drafts = segmenter.run()
    if not drafts or not any(b.kind is BlockKind.TITLE for d in drafts for b in d.header):
        first = segmenter.lines[0].number if segmenter.lines else None
        message = "找不到任何文章：没有一行能当标题；在标题上面加一行 “%% title” (no article found)"
        raise InputError(source.name, message, first)
    articles = []
    for i, draft in enumerate(drafts):
        if not any(b.kind is BlockKind.TITLE for b in draft.header):
            raise InputError(
                source.name,
                "文章没有标题：这一行开始的文章只有引题或副题；在标题上面加一行 “%% title” (article without a title)",
                draft.header[0].line,
            )
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
                confidence=start_confidence(segmenter, draft),
            )
        )
    implausible = check_articles(articles)
    flagged = {w.line for w in implausible}
    for article in articles:  # an article whose cut does not make sense is not a sure one
        if flagged.intersection(n for b in article.header for n in b.lines):
            article.confidence = min(article.confidence, IMPLAUSIBLE_CONFIDENCE)
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
        warnings=sorted([*segmenter.doubts, *implausible], key=lambda w: w.line),
        layout=segmenter.profile.to_json(),
    )


def segment_text(text: str, source: str = "bulletin.txt") -> Bulletin:
    """Convenience for tests and tools: segment an already-decoded string."""
    from .reader import normalise

    return segment_source(SourceText(name=source, text=normalise(text, source), encoding="utf-8"))


def segment_path(path: Path) -> Bulletin:
    """Read, decode and segment a bulletin file, with its optional sidecar metadata."""
    return segment_source(read_path(path), load_meta(path))

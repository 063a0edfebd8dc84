"""Cutting a bulletin into articles, header lines and body blocks.

A bulletin is many articles pasted one after another with no markup, and every editor lays them out
differently (blank lines or none, indentation, kickers, two-line titles, embedded documents). So the
segmenter never relies on one layout: :mod:`.layout` reads the bulletin's own habits and its content lines,
:mod:`.contents` sets a compilation's masthead and table of contents apart (the list says where articles
start), :mod:`.runs` finds *header runs* (consecutive lines that could be kickers, titles or subtitles —
short, not prose, not numbered), and this module decides from context whether each run opens a new article
(weighed by :mod:`.signals`), titles a document embedded in the current one, is an in-article heading, or
is a signature; :mod:`.header` and :mod:`.body` say what each line of the article is, and
:mod:`.plausibility` checks the result. Editors override any decision with ``%%`` directives
(see ``DIRECTIVES``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from . import patterns as pat
from .anchors import assign_anchors
from .body import Draft, body_kind, demote_heading_lists, pair_question_heading
from .contents import Contents, find_contents
from .header import parse_header
from .layout import DIRECTIVE_PREFIX, DIRECTIVES, Line, read_lines
from .metadata import BulletinMeta, load_meta
from .model import Article, Block, BlockKind, Bulletin, SegmentationWarning
from .plausibility import check_articles
from .reader import InputError, SourceText, read_path
from .runs import (
    SPLITTING,
    Run,
    announces_document,
    collect_runs,
    forwards_document,
    header_tail,
    is_signature_run,
)
from .signals import StartContext, Verdict, weigh

__all__ = ["DIRECTIVES", "DIRECTIVE_PREFIX", "segment_path", "segment_source", "segment_text"]
IMPLAUSIBLE_CONFIDENCE = 0.6  # an article the plausibility checks question
BODY_TEXT = frozenset({BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.CLAUSE})
MAX_HEADING_RUN = 3  # header-like lines in a row inside an article: more is a list, not headings


class Segmenter:
    """Turns content lines into articles. One instance per bulletin."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.lines, self.directives, self.profile = read_lines(source)
        self.contents = find_contents(self.lines)
        if self.contents is not None:
            self.follow_contents(self.contents)
        self.runs = collect_runs(self.lines, self.profile.body_indents)
        self.front: list[Block] = []
        self.led_in = False  # text before the first title was found (and reported once)
        self.articles: list[Draft] = []
        self.group = 0
        self.group_names: dict[int, str] = {}  # group → outlet named by its source line
        self.closing_lines: set[int] = set()  # indexes of the source lines that closed a group
        self.common_leads = self.find_common_leads()
        self.doubts: list[SegmentationWarning] = []
        self.verdicts: dict[int, Verdict] = {}  # first line number of a run → its verdict

    # -- decisions -------------------------------------------------------------------------------

    def follow_contents(self, contents: Contents) -> None:
        """Each line the contents list names is an article's title, as if the editor had written
        ``%% title`` above it; a header-like line right above it, set apart from the text before, is its
        kicker (“习近平在…时强调” over “一、经济大省要挑大梁…”)."""
        for target in contents.targets:
            line = self.lines[target]
            if line.forced is not None or pat.is_section_label(line.text):
                continue  # a section label groups the titles after it (see take_section_label)
            line.forced = "title"
            above = self.lines[target - 1] if target - 1 >= contents.end else None
            if (
                above is not None and above.forced is None and line.gap == 0 and above.shape.is_headerish
                and (above.gap > 0 or pat.looks_like_kicker(above.text))
            ):
                above.forced = "kicker"

    def find_common_leads(self) -> frozenset[str]:
        """Story leads (“某某网消息（某栏目）：”) that open the first paragraph after three or more runs."""
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
            separated=self.separated_before(index),
        )

    def separated_before(self, index: int) -> bool:
        """Is there a separator line among the layout lines right above ``index``?"""
        for line in reversed(self.lines[:index]):
            if not line.footer:
                return False
            if line.shape.is_separator:
                return True
        return False

    def classify_run(self, index: int, run: Run) -> str:
        """“article”, “embedded”, “heading”, “signature”, “header-extra” or “body” for the run at ``index``."""
        first = run.lines[0]
        if first.forced in SPLITTING:
            return "article"
        if first.forced == "heading":
            return "heading"
        current = self.articles[-1] if self.articles else None
        if current is None or index - 1 in self.closing_lines:
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
            # “名单通知如下：” over lines of names: announced, but a list, not a document's header
            return "body" if len(title_lines) > MAX_HEADING_RUN else "embedded"
        if pat.FORWARDING.search(pat.compact(own_title)):  # only then the article's text is needed
            own_text = "".join(b.text for b in current.blocks)
            if any(forwards_document(own_title, own_text, t) for t in titles):
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
        if len(run.lines) > MAX_HEADING_RUN:
            return "body"  # a list of names or items: headings head text, they do not come in dozens
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
        if self.contents is not None:  # the masthead and the contents list: the bulletin's, no article's
            for line in self.lines[: self.contents.end]:
                self.front.append(Block(kind=BlockKind.FRONT, lines=line.numbers, text=line.text))
            index = self.contents.end
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
            if line.shape.is_group_source and line.forced is None and self.closes_article(line):
                self.close_group(line)
                self.closing_lines.add(index)
                index += 1
                continue
            run = self.runs.get(index)
            if run is None:
                if not self.articles:  # a greeting or a note before the first title: kept as front matter
                    self.lead_in(line)
                    index += 1
                    continue
                self.add_body_line(self.articles[-1], line)
                index += 1
                continue
            decision = self.classify_run(index, run) if self.articles else "article"
            if decision == "article":
                after_source = bool(self.articles) and index - 1 in self.closing_lines
                start_gap = None if not self.articles or after_source else run.gap
                section = self.take_section_label()
                draft = self.start_article(run, start_gap)
                if section is not None:
                    draft.header.insert(0, section)
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

    def closes_article(self, line: Line) -> bool:
        """A group source always closes; one article's own source line only once the article has text."""
        if not line.shape.is_article_source:
            return True
        current = self.articles[-1] if self.articles else None
        return current is not None and any(b.kind in BODY_TEXT for b in current.blocks)

    def take_section_label(self) -> Block | None:
        """The section label a new article stands under (“二、时政要闻” between two groups of articles), taken
        from where it was read: the last block of the article before, or the last line before the first
        title. A heading with no text under it, right before an article's title, heads no text of its own."""
        if self.articles:
            blocks = self.articles[-1].blocks
            last = blocks[-1] if blocks else None
            if (last is None or last.kind not in (BlockKind.HEADING, BlockKind.PARAGRAPH)
                    or not pat.is_section_label(last.text) or not any(b.kind in BODY_TEXT for b in blocks[:-1])):
                return None
            blocks.pop()
            return Block(kind=BlockKind.SECTION, lines=last.lines, text=last.text)
        contents_end = self.lines[self.contents.end - 1].numbers[-1] if self.contents else 0
        if not self.front or not pat.is_section_label(self.front[-1].text) or self.front[-1].line <= contents_end:
            return None  # no label, or the last line of the contents list itself
        last = self.front.pop()
        if not self.front:
            self.doubts = [d for d in self.doubts if d.line != last.line]  # no lead-in left to report
        return Block(kind=BlockKind.SECTION, lines=last.lines, text=last.text)

    def lead_in(self, line: Line) -> None:
        """Text before the first title (“各位同事：…请查收。”) is the bulletin's, shown with its front matter;
        the editor is told once, with the directive for the case where a title hides among those lines."""
        if not self.led_in:
            self.led_in = True
            self.doubts.append(SegmentationWarning(
                line.number,
                "第一篇文章的标题之前有不像标题的文字，作为刊头保留在本期目录页；如果其中有文章的标题，"
                "在那一行上面加指令 (text before the first title, kept as front matter)",
                "%% title"))
        self.front.append(Block(kind=BlockKind.FRONT, lines=line.numbers, text=line.text))

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


def first_paragraph(draft: Draft) -> str | None:
    """The article's first line of text (a story lead standing alone reads as a salutation)."""
    text = (BlockKind.PARAGRAPH, BlockKind.SALUTATION)
    return next((b.text for b in draft.blocks if b.kind in text), None)


def story_lead(text: str | None) -> str | None:
    """The opening credit of a wire story (“某某网消息（某栏目）：”), if the paragraph has one."""
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
                blocks=assign_anchors(demote_heading_lists(draft.blocks)),
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
        front_matter=assign_anchors(segmenter.front),
    )


def segment_text(text: str, source: str = "bulletin.txt") -> Bulletin:
    """Convenience for tests and tools: segment an already-decoded string."""
    from .reader import normalise

    return segment_source(SourceText(name=source, text=normalise(text, source), encoding="utf-8"))


def segment_path(path: Path) -> Bulletin:
    """Read, decode and segment a bulletin file, with its optional sidecar metadata."""
    return segment_source(read_path(path), load_meta(path))

"""Header-like runs: consecutive lines that could be kickers, titles or subtitles, and what they are.

A bulletin has no markup, so every article start, embedded document, in-article heading and signature
begins as a *run* of header-like lines (short, not prose, not numbered). This module finds the runs and
answers the questions about a run that need no weighing: is it a signature, is it a document the text
just announced. Whether a run opens an article is weighed in :mod:`annotate.signals`.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import patterns as pat
from .layout import Line

SPLITTING = {"article", "kicker", "title"}  # directives that open an article


@dataclass(slots=True)
class Run:
    """Consecutive header-like lines (blank lines may separate them)."""

    lines: list[Line]

    @property
    def gap(self) -> int:
        return self.lines[0].gap


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


def forwards_document(own_title: str, own_text: str, title: str) -> bool:
    """A 公文 that forwards or issues a document (“…关于印发《X》的通知”, “…转发…意见的通知”) prints it after its
    own text, signature and date: a header run titled as the document it names in 《》 is that document."""
    wanted = pat.compact(title)
    if len(wanted) < 6 or not pat.FORWARDING.search(pat.compact(own_title)):
        return False
    return f"《{wanted}》" in pat.compact(own_title + own_text)


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

"""Scoring a segmentation against a gold file (the format of ``tests/data/*.gold.json``).

Used by the tests, the segmentation benchmark and by editors checking a new layout. Articles are matched by
their line span (first and last line); kicker, title, subtitle, headings and source lines are compared field
by field on matched articles. On top of that:

* article starts: a gold start is a gold ``first_line``, a found start is ``Article.first_line``; precision,
  recall and F1 of the found starts (an article with the right start but the wrong end still counts here);
* exact title / kicker / subtitle rates over *all gold articles*: an article whose span was not found counts
  as wrong (``fields`` holds the same counts over matched spans only);
* headings: gold headings of every gold article, found headings of every found article, correct ones
  counted in matched articles (a text found as often as the gold has it);
* Pk and WindowDiff (Beeferman et al. 1999; Pevzner & Hearst 2002) over the sequence of non-blank lines,
  each line belonging to the last article that starts at or before it (so a group source line or a page
  footer goes with the article before it), with k = half the mean gold article length in lines. 0 is
  perfect; both are error rates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

from .model import Bulletin


class GoldArticle(TypedDict):
    """One article of a gold file (the fields scoring reads; ``origin`` and the like are left alone)."""

    first_line: int
    last_line: int
    title: str
    kicker: NotRequired[str | None]
    subtitle: NotRequired[str | None]
    headings: NotRequired[list[str]]
    source_line: NotRequired[str | None]


class Gold(TypedDict):
    """A gold file (``tests/data/*.gold.json``): the articles of one bulletin as a person cut them."""

    articles: list[GoldArticle]


def _f1(correct: int, found: int, gold: int) -> float:
    if not gold and not found:
        return 1.0
    precision = correct / found if found else 0.0
    recall = correct / gold if gold else 0.0
    return 0.0 if not precision + recall else 2 * precision * recall / (precision + recall)


@dataclass(slots=True)
class Score:
    gold_articles: int = 0
    found_articles: int = 0
    matched_spans: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)  # field → [correct, total] over matched spans
    gold_headings: int = 0
    found_headings: int = 0
    correct_headings: int = 0
    gold_starts: int = 0
    found_starts: int = 0
    correct_starts: int = 0
    pk: float = 0.0
    windowdiff: float = 0.0
    k: int = 0  # the window of Pk and WindowDiff, in lines
    mismatches: list[str] = field(default_factory=list)  # in line order

    def count(self, name: str, ok: bool) -> None:
        correct, total = self.fields.setdefault(name, [0, 0])
        self.fields[name] = [correct + ok, total + 1]

    @property
    def span_f1(self) -> float:
        if not self.gold_articles or not self.found_articles:
            return 0.0
        return _f1(self.matched_spans, self.found_articles, self.gold_articles)

    @property
    def heading_f1(self) -> float:
        return _f1(self.correct_headings, self.found_headings, self.gold_headings)

    @property
    def start_precision(self) -> float:
        return self.correct_starts / self.found_starts if self.found_starts else 0.0

    @property
    def start_recall(self) -> float:
        return self.correct_starts / self.gold_starts if self.gold_starts else 0.0

    @property
    def start_f1(self) -> float:
        return _f1(self.correct_starts, self.found_starts, self.gold_starts)

    def rate(self, name: str) -> float:
        """Share of gold articles whose span was found and whose ``name`` field is right."""
        return self.fields.get(name, [0, 0])[0] / self.gold_articles if self.gold_articles else 1.0

    @property
    def title_exact(self) -> float:
        return self.rate("title")

    @property
    def kicker_accuracy(self) -> float:
        return self.rate("kicker")

    @property
    def subtitle_accuracy(self) -> float:
        return self.rate("subtitle")

    def summary(self) -> str:
        parts = [f"articles {self.matched_spans}/{self.gold_articles} spans (found {self.found_articles}, "
                 f"F1 {self.span_f1:.3f})",
                 f"starts P {self.start_precision:.3f} R {self.start_recall:.3f} F1 {self.start_f1:.3f}"]
        parts += [f"{name} {c}/{t}" for name, (c, t) in sorted(self.fields.items())]
        parts.append(f"headings {self.correct_headings}/{self.gold_headings} (found {self.found_headings}, "
                     f"F1 {self.heading_f1:.3f})")
        parts.append(f"Pk {self.pk:.3f} WindowDiff {self.windowdiff:.3f} (k={self.k})")
        return "; ".join(parts)


def segment_ids(lines: list[int], starts: Iterable[int]) -> list[int]:
    """For each line (ascending), how many segment starts are at or before it."""
    ordered = sorted(set(starts))
    ids, j = [], 0
    for number in lines:
        while j < len(ordered) and ordered[j] <= number:
            j += 1
        ids.append(j)
    return ids


def pk(reference: list[int], hypothesis: list[int], k: int) -> float:
    """Share of windows of width ``k`` whose two ends are in the same segment in one segmentation and in
    different segments in the other. ``reference``/``hypothesis``: segment id per position."""
    windows = len(reference) - k
    if windows <= 0:
        return 0.0
    wrong = sum((reference[i] == reference[i + k]) != (hypothesis[i] == hypothesis[i + k]) for i in range(windows))
    return wrong / windows


def windowdiff(reference: list[int], hypothesis: list[int], k: int) -> float:
    """Share of windows of width ``k`` with a different number of boundaries in the two segmentations
    (segment ids must count boundaries, as :func:`segment_ids` does)."""
    windows = len(reference) - k
    if windows <= 0:
        return 0.0
    wrong = sum(
        (reference[i + k] - reference[i]) != (hypothesis[i + k] - hypothesis[i]) for i in range(windows)
    )
    return wrong / windows


def window_size(reference: list[int]) -> int:
    """Half the mean reference segment length (positions before the first segment are left out)."""
    sizes: dict[int, int] = {}
    for segment in reference:
        if segment:
            sizes[segment] = sizes.get(segment, 0) + 1
    if not sizes:
        return 1
    return max(1, round(sum(sizes.values()) / len(sizes) / 2))


def score(bulletin: Bulletin, gold: Gold, lines: Iterable[int] | None = None) -> Score:
    """Compare ``bulletin`` with ``gold``. ``lines``: the numbers of the non-blank lines (directives left
    out) for Pk/WindowDiff; by default every line of every block plus the gold's first and last lines."""
    result = Score(gold_articles=len(gold["articles"]), found_articles=len(bulletin.articles))
    notes: list[tuple[int, str]] = []
    found = {(a.first_line, a.last_line): a for a in bulletin.articles}
    gold_spans = {(a["first_line"], a["last_line"]) for a in gold["articles"]}
    gold_starts = {a["first_line"] for a in gold["articles"]}
    found_starts = {a.first_line for a in bulletin.articles}
    result.gold_starts, result.found_starts = len(gold_starts), len(found_starts)
    result.correct_starts = len(gold_starts & found_starts)
    result.found_headings = sum(len(a.headings) for a in bulletin.articles)
    for expected in gold["articles"]:
        span = (expected["first_line"], expected["last_line"])
        result.gold_headings += len(expected.get("headings", []))
        article = found.get(span)
        if article is None:
            cut = [a for a in bulletin.articles if a.first_line <= span[1] and a.last_line >= span[0]]
            where = ", ".join(f"{a.first_line}-{a.last_line}" for a in cut) or "nothing"
            notes.append((span[0], f"span {span} {expected['title'][:20]} not found (cut as {where})"))
            continue
        result.matched_spans += 1
        for name in ("kicker", "title", "subtitle", "source_line"):
            got = getattr(article, name)
            ok = got == expected.get(name)
            result.count(name, ok)
            if not ok:
                notes.append((span[0], f"{span} {name}: {got!r} != {expected.get(name)!r}"))
        got_headings = [h.text.strip() for h in article.headings]
        want = list(expected.get("headings", []))
        remaining = list(want)
        for heading in got_headings:
            if heading in remaining:
                remaining.remove(heading)
                result.correct_headings += 1
        if got_headings != want:
            notes.append((span[0], f"{span} headings differ: extra {sorted(set(got_headings) - set(want))} "
                                   f"missing {sorted(set(want) - set(got_headings))}"))
    for article in bulletin.articles:
        span = (article.first_line, article.last_line)
        if span not in gold_spans:
            notes.append((span[0], f"extra article {span} titled {article.title[:20]!r}"))
    notes.sort(key=lambda note: note[0])
    result.mismatches = [message for _, message in notes]

    if lines is None:
        numbers = {n for a in bulletin.articles for b in a.all_blocks for n in b.lines}  # the articles' own
        numbers |= {n for a in gold["articles"] for n in (a["first_line"], a["last_line"])}
    else:
        numbers = set(lines)
    sequence = sorted(numbers)
    reference = segment_ids(sequence, gold_starts)
    hypothesis = segment_ids(sequence, found_starts)
    result.k = window_size(reference)
    result.pk = pk(reference, hypothesis, result.k)
    result.windowdiff = windowdiff(reference, hypothesis, result.k)
    return result

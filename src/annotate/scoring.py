"""Scoring a segmentation against a gold file (the format of ``tests/data/*.gold.json``).

Used by the tests and by editors checking a new layout: articles are matched by their line span, then
kicker, title, subtitle, headings and source lines are compared field by field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Bulletin


@dataclass(slots=True)
class Score:
    gold_articles: int = 0
    found_articles: int = 0
    matched_spans: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)  # field → [correct, total]
    gold_headings: int = 0
    found_headings: int = 0
    correct_headings: int = 0
    mismatches: list[str] = field(default_factory=list)

    def count(self, name: str, ok: bool) -> None:
        correct, total = self.fields.setdefault(name, [0, 0])
        self.fields[name] = [correct + ok, total + 1]

    @property
    def span_f1(self) -> float:
        if not self.gold_articles or not self.found_articles:
            return 0.0
        precision = self.matched_spans / self.found_articles
        recall = self.matched_spans / self.gold_articles
        return 0.0 if not precision + recall else 2 * precision * recall / (precision + recall)

    @property
    def heading_f1(self) -> float:
        if not self.gold_headings and not self.found_headings:
            return 1.0
        precision = self.correct_headings / self.found_headings if self.found_headings else 0.0
        recall = self.correct_headings / self.gold_headings if self.gold_headings else 0.0
        return 0.0 if not precision + recall else 2 * precision * recall / (precision + recall)

    def summary(self) -> str:
        parts = [f"articles {self.matched_spans}/{self.gold_articles} spans (found {self.found_articles}, "
                 f"F1 {self.span_f1:.3f})"]
        parts += [f"{name} {c}/{t}" for name, (c, t) in sorted(self.fields.items())]
        parts.append(f"headings {self.correct_headings}/{self.gold_headings} (found {self.found_headings}, "
                     f"F1 {self.heading_f1:.3f})")
        return "; ".join(parts)


def score(bulletin: Bulletin, gold: dict) -> Score:
    result = Score(gold_articles=len(gold["articles"]), found_articles=len(bulletin.articles))
    found = {(a.first_line, a.last_line): a for a in bulletin.articles}
    for expected in gold["articles"]:
        span = (expected["first_line"], expected["last_line"])
        result.gold_headings += len(expected.get("headings", []))
        article = found.get(span)
        if article is None:
            result.mismatches.append(f"span {span} {expected['title'][:20]} not found")
            continue
        result.matched_spans += 1
        for name in ("kicker", "title", "subtitle", "source_line"):
            got = getattr(article, name)
            ok = got == expected.get(name)
            result.count(name, ok)
            if not ok:
                result.mismatches.append(f"{span} {name}: {got!r} != {expected.get(name)!r}")
        got_headings = [h.text.strip() for h in article.headings]
        want = list(expected.get("headings", []))
        result.found_headings += len(got_headings)
        remaining = list(want)
        for heading in got_headings:
            if heading in remaining:
                remaining.remove(heading)
                result.correct_headings += 1
        if got_headings != want:
            result.mismatches.append(f"{span} headings differ: extra {sorted(set(got_headings) - set(want))} "
                                     f"missing {sorted(set(want) - set(got_headings))}")
    return result

"""What changed between a bulletin's base version and now, article by article."""

from __future__ import annotations

from bisect import bisect_left
from difflib import SequenceMatcher

from ..model import Article, BlockKind, Bulletin
from .model import ArticleSpan, Changes, HeaderChange, Span

SIMILAR_BODY = 0.5  # share of identical body blocks for an article with a new title to count as retitled
HEADER_KEYS = ("title", "kicker", "subtitle")


def _span(article: Article) -> Span:
    return {
        "first_line": article.first_line,
        "last_line": article.last_line,
        "lines": article.last_line - article.first_line + 1,
        "blocks": len(article.blocks),
    }


def _article_span(article: Article) -> ArticleSpan:
    span = _span(article)
    return {
        "slug": article.slug,
        "title": article.title,
        "first_line": span["first_line"],
        "last_line": span["last_line"],
        "lines": span["lines"],
        "blocks": span["blocks"],
    }


def _body(article: Article) -> list[str]:
    return [b.text for b in article.blocks if b.kind is not BlockKind.SOURCE]


def _similarity(old: Article, new: Article) -> float:
    before, after = _body(old), _body(new)
    if not before or not after:  # two empty bodies are "identical" to difflib, yet say nothing
        return 0.0
    return SequenceMatcher(None, before, after, autojunk=False).ratio()


def _pair_articles(old: list[Article], new: list[Article]) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """Old ↔ new article pairs: same titles in order first, then same titles out of order (moved), then
    articles whose body mostly survived under a new title (retitled). The rest were added or removed."""
    matcher = SequenceMatcher(None, [a.title for a in old], [a.title for a in new], autojunk=False)
    pairs = [(i, j) for block in matcher.get_matching_blocks() for i, j in zip(
        range(block.a, block.a + block.size), range(block.b, block.b + block.size), strict=True)]
    left_old = set(range(len(old))) - {i for i, _ in pairs}
    left_new = set(range(len(new))) - {j for _, j in pairs}
    for i in sorted(left_old):
        j = next((j for j in sorted(left_new) if new[j].title == old[i].title), None)
        if j is not None:
            pairs.append((i, j))
            left_old.discard(i)
            left_new.discard(j)
    scored = sorted(
        ((_similarity(old[i], new[j]), i, j) for i in left_old for j in left_new), key=lambda t: (-t[0], t[1], t[2])
    )
    for score, i, j in scored:
        if score >= SIMILAR_BODY and i in left_old and j in left_new:
            pairs.append((i, j))
            left_old.discard(i)
            left_new.discard(j)
    return sorted(pairs, key=lambda p: p[1]), left_old, left_new


def longest_increasing(values: list[int]) -> set[int]:
    """The values of one longest increasing subsequence: the articles that kept their relative order, so
    that one article moved is reported as one move, not as every article it jumped over."""
    tails: list[int] = []  # position in ``values`` of the smallest tail of an increasing run of each length
    previous = [-1] * len(values)
    for k, value in enumerate(values):
        length = bisect_left([values[t] for t in tails], value)
        if length:
            previous[k] = tails[length - 1]
        if length == len(tails):
            tails.append(k)
        else:
            tails[length] = k
    kept: set[int] = set()
    k = tails[-1] if tails else -1
    while k >= 0:
        kept.add(values[k])
        k = previous[k]
    return kept


def _header(article: Article, key: str) -> str | None:
    return article.title if key == "title" else article.kicker if key == "kicker" else article.subtitle


def compare(old: Bulletin | None, new: Bulletin | None) -> Changes:
    """What changed between the base version and now, article by article.

    Re-cut means the same article now spans a different number of lines or blocks: a boundary moved, or
    text was added or removed inside it. An article merely shifted down by an insertion above it keeps
    its span length, so it is not reported (otherwise one new article would flag every later one).
    """
    old_articles = old.articles if old else []
    new_articles = new.articles if new else []
    pairs, removed, added = _pair_articles(old_articles, new_articles)
    changes: Changes = {"added": [], "removed": [], "recut": [], "retitled": [], "moved": []}
    for j in sorted(added):
        changes["added"].append(_article_span(new_articles[j]))
    for i in sorted(removed):
        changes["removed"].append(_article_span(old_articles[i]))
    in_order = longest_increasing([i for i, _ in pairs])
    for i, j in pairs:
        before, after = old_articles[i], new_articles[j]
        span_old, span_new = _span(before), _span(after)
        if (span_old["lines"], span_old["blocks"]) != (span_new["lines"], span_new["blocks"]):
            changes["recut"].append(
                {"slug": after.slug, "old_slug": before.slug, "title": after.title, "old": span_old, "new": span_new}
            )
        headers: dict[str, HeaderChange] = {
            key: {"old": _header(before, key), "new": _header(after, key)}
            for key in HEADER_KEYS
            if _header(before, key) != _header(after, key)
        }
        if headers:
            changes["retitled"].append(
                {"slug": after.slug, "old_slug": before.slug, "title": after.title, "changes": headers}
            )
        if i not in in_order:
            changes["moved"].append(
                {"slug": after.slug, "old_slug": before.slug, "title": after.title,
                 "old_position": i + 1, "new_position": j + 1}
            )
    return changes

"""Related articles on distinctive evidence only — shared passages, title mentions, glossary terms rare in
the archive, weighted by their rarity — each with the Chinese reason a reader sees."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from .corpus import Corpus
from .results import Related

__all__ = ["find_related"]

# A glossary term relates articles only when it is in at most this share of the archive's articles (at
# least 2): a name that every other article mentions says nothing about two of them.
RARE_TERM_SHARE = 0.05
# Rare terms two articles must share to be related on terms alone: one shared term is a coincidence.
MIN_RARE_TERMS = 2


def find_related(
    corpus: Corpus,
    *,
    overlap: Mapping[tuple[int, int], float],
    distinct: Mapping[int, int],
    passage_pairs: Sequence[tuple[int, int]],
    reference_pairs: Sequence[tuple[int, int]],
    terms_by_article: Mapping[tuple[str, str], set[str]] | None,
) -> list[Related]:
    """At most ``related_max`` related articles per article, best first, grouped by article.

    Only distinctive evidence relates two articles: shared passages, a mention of the other's title, or
    at least :data:`MIN_RARE_TERMS` glossary terms that are rare in the archive (in at most
    :data:`RARE_TERM_SHARE` of its articles), weighted by how rare they are. One name or institution
    that half the archive mentions (习近平, 国务院) relates nothing: with such evidence every article
    would be related to every other, and the list would say nothing. An empty list is better.
    ``overlap`` and ``distinct`` (rare shingles shared below a passage's length) are not evidence a
    reader could check on the page, so they do not count.
    """
    del overlap, distinct
    settings = corpus.settings
    passages: dict[tuple[int, int], int] = defaultdict(int)
    for x, y in passage_pairs:
        passages[(min(x, y), max(x, y))] += 1
    refs: dict[tuple[int, int], int] = defaultdict(int)
    for x, y in reference_pairs:
        refs[(min(x, y), max(x, y))] += 1
    n = corpus.n_articles
    terms, term_df = _terms(corpus, terms_by_article)
    rare_cut = rare_term_cutoff(n)
    rare = {art: {t for t in found if term_df[t] <= rare_cut} for art, found in terms.items()}
    pairs = set(passages) | set(refs) | _term_pairs(rare)
    by_article: dict[int, list[Related]] = defaultdict(list)
    for x, y in sorted(pairs):
        if corpus.pair_rules and corpus.ignored_pair(x, None, y, None):
            continue
        shared_terms = sorted(rare.get(x, set()) & rare.get(y, set()), key=lambda t: (term_df[t], t))
        p, r = passages.get((x, y), 0), refs.get((x, y), 0)
        if not p and not r and len(shared_terms) < MIN_RARE_TERMS:
            continue
        weight = sum(math.log(max(2.0, n / term_df[t])) / math.log(max(2, n)) for t in shared_terms)
        score = 1 - (1 - min(1.0, 0.3 + 0.15 * p) if p else 1.0) * (0.6 if r else 1.0) * (1 - min(0.6, 0.15 * weight))
        score = round(score, 3)
        if score < settings.related_min_score:
            continue
        reason = _reason(p, r, shared_terms)
        for a, b in ((x, y), (y, x)):
            by_article[a].append(
                Related(
                    corpus.arts[a].key,
                    corpus.arts[b].key,
                    score,
                    reason,
                    corpus.arts[b].article.title,
                    p,
                    r,
                    tuple(shared_terms[:8]),
                )
            )
    out: list[Related] = []
    for a in sorted(by_article):
        ranked = sorted(by_article[a], key=lambda r: (-r.score, corpus.art_by_key[r.b]))
        out.extend(ranked[: settings.related_max])
    return out


def rare_term_cutoff(articles: int) -> int:
    """Largest number of articles a glossary term may occur in and still relate two of them."""
    return max(2, math.floor(RARE_TERM_SHARE * articles))


def _terms(
    corpus: Corpus, terms_by_article: Mapping[tuple[str, str], set[str]] | None
) -> tuple[dict[int, set[str]], dict[str, int]]:
    """Glossary terms per article number, and the number of articles each term occurs in."""
    if not terms_by_article:
        return {}, {}
    terms: dict[int, set[str]] = {}
    df: dict[str, int] = defaultdict(int)
    for art in corpus.arts:
        found = terms_by_article.get((art.bulletin.slug, art.article.slug))
        if found:
            terms[art.gid] = set(found)
            for term in found:
                df[term] += 1
    return terms, dict(df)


def _term_pairs(rare: dict[int, set[str]]) -> set[tuple[int, int]]:
    """Article pairs sharing at least :data:`MIN_RARE_TERMS` rare terms (each term is in few articles,
    so listing its holders' pairs stays small)."""
    holders: dict[str, list[int]] = defaultdict(list)
    for art in sorted(rare):
        for term in rare[art]:
            holders[term].append(art)
    count: dict[tuple[int, int], int] = defaultdict(int)
    for arts in holders.values():
        for i, x in enumerate(arts):
            for y in arts[i + 1 :]:
                count[(x, y)] += 1
    return {pair for pair, shared in count.items() if shared >= MIN_RARE_TERMS}


def _reason(passages: int, refs: int, terms: list[str]) -> str:
    """The Chinese line a reader sees beside a related article."""
    parts = []
    if passages:
        parts.append(f"有{passages}段文字相同")
    if refs:
        parts.append(f"提到标题{refs}处")
    if terms:
        parts.append("都谈到" + "、".join(terms[:3]))
    return "；".join(parts)

"""Related articles: a rarity-weighted containment score over shared rare shingles, combined with passage
links, references and (optionally) shared glossary terms, each with the Chinese reason a reader sees."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from .corpus import Corpus
from .results import Related

__all__ = ["find_related"]

# A glossary term in more articles than this only adds to pairs found otherwise: listing every pair of
# a ubiquitous term would be quadratic.
_TERM_PAIR_MAX_DF = 50


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

    ``overlap`` and ``distinct`` come from the shingle scan (summed weight of the rare shingles an
    article pair shares; distinct shingles per article), ``passage_pairs`` and ``reference_pairs`` name
    the two articles of every passage link and reference.
    """
    settings = corpus.settings
    passages: dict[tuple[int, int], int] = defaultdict(int)
    for x, y in passage_pairs:
        passages[(min(x, y), max(x, y))] += 1
    refs: dict[tuple[int, int], int] = defaultdict(int)
    for x, y in reference_pairs:
        refs[(min(x, y), max(x, y))] += 1
    terms, term_df = _terms(corpus, terms_by_article)
    pairs = set(overlap) | set(passages) | set(refs) | _term_pairs(terms, term_df)
    n = corpus.n_articles
    by_article: dict[int, list[Related]] = defaultdict(list)
    for x, y in sorted(pairs):
        if corpus.pair_rules and corpus.ignored_pair(x, None, y, None):
            continue
        shared = overlap.get((x, y), 0.0)
        containment = min(1.0, 3 * shared / max(1, min(distinct.get(x, 0), distinct.get(y, 0))))
        shared_terms = sorted(terms.get(x, set()) & terms.get(y, set()), key=lambda t: (term_df[t], t))
        term_sim = 0.0
        if shared_terms:
            w = sum(math.log(1 + n / term_df[t]) / math.log(1 + n) for t in shared_terms)
            term_sim = min(1.0, w / max(1, min(len(terms[x]), len(terms[y]))))
        score = 1 - (1 - containment) * (1 - 0.5 * term_sim) * (1 - (0.3 if refs.get((x, y)) else 0.0))
        score = round(score, 3)
        if score < settings.related_min_score:
            continue
        reason = _reason(passages.get((x, y), 0), refs.get((x, y), 0), shared_terms)
        for a, b in ((x, y), (y, x)):
            by_article[a].append(
                Related(
                    corpus.arts[a].key,
                    corpus.arts[b].key,
                    score,
                    reason,
                    corpus.arts[b].article.title,
                    passages.get((x, y), 0),
                    refs.get((x, y), 0),
                    tuple(shared_terms[:8]),
                )
            )
    out: list[Related] = []
    for a in sorted(by_article):
        ranked = sorted(by_article[a], key=lambda r: (-r.score, corpus.art_by_key[r.b]))
        out.extend(ranked[: settings.related_max])
    return out


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


def _term_pairs(terms: dict[int, set[str]], df: dict[str, int]) -> set[tuple[int, int]]:
    """Article pairs sharing a glossary term found in at most ``_TERM_PAIR_MAX_DF`` articles (commoner
    terms only add to pairs found otherwise)."""
    holders: dict[str, list[int]] = defaultdict(list)
    for art in sorted(terms):
        for term in terms[art]:
            if df[term] <= _TERM_PAIR_MAX_DF:
                holders[term].append(art)
    pairs: set[tuple[int, int]] = set()
    for arts in holders.values():
        for i, x in enumerate(arts):
            for y in arts[i + 1 :]:
                pairs.add((x, y))
    return pairs


def _reason(passages: int, refs: int, terms: list[str]) -> str:
    """The Chinese line a reader sees under a related article."""
    parts = []
    if passages:
        parts.append(f"共有段落{passages}处")
    if refs:
        parts.append(f"引用{refs}处")
    if terms:
        parts.append("共同术语：" + "、".join(terms[:3]))
    if not parts:
        parts.append("用语相近")
    return "；".join(parts)

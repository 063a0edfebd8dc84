"""The cross-reference computation, pass by pass: corpus → titles → shingle scan → passages →
references → related articles. Each pass is a function (or a small class) of what it reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Bulletin
from .corpus import Corpus
from .passages import find_passages
from .references import TitleIndex, find_references
from .related import find_related
from .results import XrefIndex
from .settings import XrefSettings
from .shingles import scan

__all__ = ["build_xref"]


def build_xref(
    bulletins: Sequence[Bulletin],
    settings: XrefSettings | None = None,
    terms_by_article: Mapping[tuple[str, str], set[str]] | None = None,
) -> XrefIndex:
    """Cross-reference every bulletin of the archive.

    ``terms_by_article`` maps ``(bulletin slug, article slug)`` to the glossary terms found in that
    article (e.g. the ``entry`` names of ``TermMatcher.find`` matches); shared terms then count towards
    related articles and appear in their reasons.
    """
    corpus = Corpus(bulletins, settings or XrefSettings())
    titles = TitleIndex(corpus)  # before the scan, which notes where the titles' shingles occur
    stats, seeds = scan(corpus, titles.keys)
    passages = find_passages(corpus, seeds, stats.rare)
    del seeds  # the largest structure: freed before the later passes
    references = find_references(corpus, titles, stats.title_hits)
    related = find_related(
        corpus,
        overlap=stats.overlap,
        distinct=stats.distinct,
        passage_pairs=passages.article_pairs,
        reference_pairs=references.article_pairs,
        terms_by_article=terms_by_article,
    )
    return XrefIndex(passages.links, references.references, related, corpus.warnings)

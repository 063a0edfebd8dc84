"""The archive as the cross-reference passes see it: articles and linkable paragraphs, numbered in
archive order, each paragraph in its comparison form with its shingle hashes, plus what the settings
derive from the archive's size (rarity cut-off, shingle weights) and the editors' rules compiled against it.

Built once by :func:`~annotate.xref.build_xref` and read, never changed, by every later pass (only the
memo of :meth:`Corpus.place` fills up as results name paragraphs).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Article, Block, BlockKind, Bulletin
from .ignore import PairRules
from .results import Place
from .settings import XrefSettings
from .text import normalize, shingle_keys

__all__ = ["LINKABLE", "Art", "Corpus", "Para"]

# Blocks that can carry a parallel passage or a reference. Header lines, notes, signatures and source
# lines are metadata, not prose.
LINKABLE = frozenset({BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.CLAUSE, BlockKind.HEADING})


@dataclass(slots=True)
class Para:
    """A linkable paragraph: ``gid`` is its number in the archive, ``art`` its article's number."""

    gid: int
    art: int
    block: Block
    norm: str
    keys: array[int]  # shingle hashes of ``norm``, one per start offset


@dataclass(slots=True)
class Art:
    """An article of the archive; ``gid`` is its number in archive order."""

    gid: int
    bulletin: Bulletin
    article: Article

    @property
    def key(self) -> str:
        return f"{self.bulletin.slug}/{self.article.slug}"


def ignored_shingles(phrases: Iterable[str], k: int) -> tuple[frozenset[int], list[str]]:
    """Shingle hashes of the editors' ignore phrases (they count as boilerplate), and a warning for each
    phrase too short to hold a single shingle."""
    keys: set[int] = set()
    warnings: list[str] = []
    for phrase in phrases:
        norm = normalize(phrase)
        if len(norm) < k:
            warnings.append(f"ignore phrase {phrase!r} is shorter than {k} characters: it cannot suppress passages")
        keys.update(shingle_keys(norm, k))
    return frozenset(keys), warnings


class Corpus:
    """Every article and linkable paragraph of an archive, with the settings that apply to it."""

    def __init__(self, bulletins: Sequence[Bulletin], settings: XrefSettings) -> None:
        self.settings = settings
        self.k = settings.shingle
        self.arts: list[Art] = []
        self.paras: list[Para] = []
        for bulletin in bulletins:
            for article in bulletin.articles:
                art = Art(len(self.arts), bulletin, article)
                self.arts.append(art)
                for block in article.blocks:
                    if block.kind in LINKABLE and block.text:
                        norm = normalize(block.text)
                        self.paras.append(Para(len(self.paras), art.gid, block, norm, shingle_keys(norm, self.k)))
        self.n_articles = max(1, len({p.art for p in self.paras}))  # articles with prose to compare
        self.cutoff = settings.df_cutoff(self.n_articles)
        # A "rare" shingle repeated in more paragraphs than this (within few articles) is a refrain.
        self.posting_cap = 8 * self.cutoff
        self.ignored_keys, warnings = ignored_shingles(settings.ignore_phrases, self.k)
        self.pair_rules = PairRules(settings.ignore_pairs, {a.key: a.article for a in self.arts})
        self.warnings: list[str] = [*warnings, *self.pair_rules.warnings]
        self.art_by_key = {a.key: a.gid for a in self.arts}
        self._places: dict[int, Place] = {}

    def ignored_pair(self, art_a: int, anchor_a: str | None, art_b: int, anchor_b: str | None) -> bool:
        """Does an editor rule forbid linking these places? ``None`` anchors mean whole articles.

        Callers test ``corpus.pair_rules`` first: most archives have no rules, and the test is in hot loops.
        """
        return self.pair_rules.forbids(self.arts[art_a].key, anchor_a, self.arts[art_b].key, anchor_b)

    def place(self, para: Para) -> Place:
        """How results name a paragraph (one shared object per paragraph)."""
        cached = self._places.get(para.gid)
        if cached is None:
            art = self.arts[para.art]
            cached = Place(
                art.bulletin.slug,
                art.bulletin.source,
                art.article.slug,
                art.article.title,
                para.block.anchor,
                para.block.line,
            )
            self._places[para.gid] = cached
        return cached

    def weight(self, df: int) -> float:
        """Smoothed IDF over articles, scaled to 0..1: rarer shingles weigh more."""
        return math.log(1 + self.n_articles / df) / math.log(1 + self.n_articles)

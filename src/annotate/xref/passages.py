"""Parallel passages: align the seeds of every candidate paragraph pair and keep the strongest links.

Shared rare shingles are seeds on a diagonal of the two normalised strings; each seed is extended to the
maximal exact common run (seed-and-extend, linear in the run length). This finds the longest
*distinctive* shared run, where ``SequenceMatcher.find_longest_match`` would return the longest run of
any kind, boilerplate included.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from .corpus import Corpus, Para
from .results import PassageBasis, PassageLink
from .shingles import POS_BITS, POS_MASK, Seeds
from .text import normalize_with_map, span

__all__ = ["REPORTING_VERBS", "Passages", "find_passages"]

# Verbs with which a news report introduces a speaker's own words (某某强调，…; 某某指出，…). A shared run
# right after one of them, between two versions of one text, is the report quoting the speech.
REPORTING_VERBS: tuple[str, ...] = ("强调", "指出", "表示")


@dataclass(frozen=True, slots=True)
class Passages:
    """The kept passage links, in archive order, and the article pair of each (for related articles)."""

    links: list[PassageLink]
    article_pairs: list[tuple[int, int]]


@dataclass(slots=True)
class _Run:
    start_a: int
    start_b: int
    length: int
    distinctive: int
    rarity: float


def find_passages(corpus: Corpus, seeds: Seeds, rare: dict[int, int]) -> Passages:
    """Links between paragraphs of different articles sharing a run of at least ``min_run`` distinctive
    characters, and echoes between articles that such a link has shown to be versions of each other.

    Two passes. A pair whose best run has ``min_run`` distinctive characters links on its own: that much
    rare text is not shared by chance. Such a link also *anchors* its two articles: one is a version of
    the other (the report of a speech, a signed article condensing a speech). Between anchored articles a
    pair links on weaker evidence, because a condensed sentence keeps its own words but loses some of its
    rare ones to set phrases around it:

    * a shared run of ``min_run`` characters of which at least half the minimum are distinctive;
    * a shared run of ``min_run`` characters that one side introduces as quoted speech (``某某强调，`` +
      the speech's sentence, see :data:`REPORTING_VERBS`), however much of it is made of set phrases:
      the report says in so many words that it repeats the other text.

    Elsewhere such a run is a formula with a little context, and stays unlinked. With
    ``max_links_per_paragraph`` (0: no limit) only the strongest links of a paragraph stay.
    """
    settings, k = corpus.settings, corpus.k
    min_seeds = math.ceil(settings.min_run / k)
    secondary = max(k, settings.min_run // 2)
    min_secondary_seeds = math.ceil(secondary / k)
    rules = corpus.pair_rules
    strong: list[tuple[float, int, int, PassageLink]] = []
    weak: list[tuple[int, int, list[_Run]]] = []
    for pair, pair_seeds in seeds.items():
        if len(pair_seeds) < min_secondary_seeds:
            continue
        ga, gb = pair >> 32, pair & 0xFFFFFFFF
        pa, pb = corpus.paras[ga], corpus.paras[gb]
        if rules and corpus.ignored_pair(pa.art, pa.block.anchor, pb.art, pb.block.anchor):
            continue
        # The pair links on its best run; further shared runs of at least half the minimum are
        # highlighted too, so a reworded sentence shows all its shared pieces.
        runs = [
            r
            for r in _runs(corpus, pa, pb, pair_seeds, rare)
            if r.distinctive >= secondary or (r.length >= settings.min_run and _quoted(pa, pb, r))
        ]
        if not runs:
            continue
        if len(pair_seeds) >= min_seeds and any(r.distinctive >= settings.min_run for r in runs):
            link = _link(corpus, pa, pb, runs, "distinctive")
            strong.append((link.score, ga, gb, link))
        elif any(r.length >= settings.min_run for r in runs):
            weak.append((ga, gb, runs))
    anchored = _anchored(corpus, strong, weak)
    candidates = strong + [
        (link.score, ga, gb, link)
        for ga, gb, runs in weak
        if _article_pair(corpus, ga, gb) in anchored
        for link in (_link(corpus, corpus.paras[ga], corpus.paras[gb], runs, _weak_basis(corpus, ga, gb, runs)),)
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used: dict[int, int] = defaultdict(int)
    kept: list[tuple[int, int, PassageLink]] = []
    cap = settings.max_links_per_paragraph
    for _, ga, gb, link in candidates:
        if cap and (used[ga] >= cap or used[gb] >= cap):
            continue
        used[ga] += 1
        used[gb] += 1
        kept.append((ga, gb, link))
    kept.sort(key=lambda c: (c[0], c[1]))
    article_pairs = [(corpus.paras[ga].art, corpus.paras[gb].art) for ga, gb, _ in kept]
    return Passages([link for _, _, link in kept], article_pairs)


def _anchored(
    corpus: Corpus, strong: list[tuple[float, int, int, PassageLink]], weak: list[tuple[int, int, list[_Run]]]
) -> set[tuple[int, int]]:
    """Article pairs that are versions of each other: a link of their own, and shared text whose distinct
    runs hold at least twice ``min_run`` distinctive characters. Distinct: a sentence repeated within one
    article (a summary line above the paragraph it sums up) counts once."""
    runs: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for _, ga, gb, link in strong:
        runs[_article_pair(corpus, ga, gb)][normalize_with_map(link.shared)[0]] = link.distinctive
    for ga, gb, found in weak:
        pa = corpus.paras[ga]
        for run in found:
            runs[_article_pair(corpus, ga, gb)][pa.norm[run.start_a : run.start_a + run.length]] = run.distinctive
    need = 2 * corpus.settings.min_run
    linked = {_article_pair(corpus, ga, gb) for _, ga, gb, _ in strong}
    return {pair for pair in linked if sum(runs[pair].values()) >= need}


def _article_pair(corpus: Corpus, ga: int, gb: int) -> tuple[int, int]:
    a, b = corpus.paras[ga].art, corpus.paras[gb].art
    return (a, b) if a < b else (b, a)


def _runs(corpus: Corpus, pa: Para, pb: Para, seeds: list[int], rare: dict[int, int]) -> list[_Run]:
    """Maximal exact runs through the seeds, with their distinctive length and rarity."""
    sa, sb, k = pa.norm, pb.norm, corpus.k
    by_diag: dict[int, list[int]] = defaultdict(list)
    for seed in seeds:
        a, b = seed >> POS_BITS, seed & POS_MASK
        by_diag[a - b].append(a)
    found: list[_Run] = []
    for diag in sorted(by_diag):
        end = -1
        for a in sorted(by_diag[diag]):
            if a < end:
                continue  # inside the run already extended on this diagonal
            i, j = a, a - diag
            while i > 0 and j > 0 and sa[i - 1] == sb[j - 1]:
                i -= 1
                j -= 1
            e = a + k
            while e < len(sa) and e - diag < len(sb) and sa[e] == sb[e - diag]:
                e += 1
            end = e
            found.append(_measure(corpus, pa, i, j, e - i, rare))
    return found


def _measure(corpus: Corpus, pa: Para, start_a: int, start_b: int, length: int, rare: dict[int, int]) -> _Run:
    """Distinctive characters (not inside any boilerplate shingle) and mean rarity of a run."""
    k = corpus.k
    boiler_until = start_a
    boiler_chars = 0
    total_weight = 0.0
    count = max(1, length - k + 1)
    for pos in range(start_a, start_a + length - k + 1):
        df = rare.get(pa.keys[pos])
        if df is None:
            lo = max(pos, boiler_until)
            hi = pos + k
            if hi > lo:
                boiler_chars += hi - lo
                boiler_until = hi
        else:
            total_weight += corpus.weight(df)
    return _Run(start_a, start_b, length, length - boiler_chars, total_weight / count)


def _quoted(pa: Para, pb: Para, run: _Run) -> bool:
    """Does either side introduce the run with a reporting verb (punctuation is already normalised away)?"""
    for norm, start in ((pa.norm, run.start_a), (pb.norm, run.start_b)):
        for verb in REPORTING_VERBS:
            if start >= len(verb) and norm.startswith(verb, start - len(verb)):
                return True
    return False


def _score(run: _Run, min_run: int) -> float:
    """0..1: grows with the distinctive length (saturating) and with the rarity of the run."""
    length_factor = 1 - math.exp(-run.distinctive / (1.5 * min_run))
    return round(length_factor * (0.5 + 0.5 * run.rarity), 3)


def _weak_basis(corpus: Corpus, ga: int, gb: int, runs: list[_Run]) -> PassageBasis:
    """Why a pair between two versions of one text links: its rare text, or a quotation of set phrases."""
    secondary = max(corpus.k, corpus.settings.min_run // 2)
    if any(r.distinctive >= secondary and r.length >= corpus.settings.min_run for r in runs):
        return "versions"
    return "quoted" if any(_quoted(corpus.paras[ga], corpus.paras[gb], r) for r in runs) else "versions"


def _link(corpus: Corpus, pa: Para, pb: Para, runs: list[_Run], basis: PassageBasis) -> PassageLink:
    ranked = sorted(runs, key=lambda r: (-r.distinctive, -r.length, r.start_a, r.start_b))
    runs = []  # best first; a weaker run overlapping a kept one (repeated text) is dropped
    for run in ranked:
        if all(_disjoint(run.start_a, r.start_a, run.length, r.length) for r in runs) and all(
            _disjoint(run.start_b, r.start_b, run.length, r.length) for r in runs
        ):
            runs.append(run)
    _, index_a = normalize_with_map(pa.block.text)
    _, index_b = normalize_with_map(pb.block.text)
    best = runs[0]
    spans_a = tuple(span(index_a, r.start_a, r.start_a + r.length) for r in runs)
    spans_b = tuple(span(index_b, r.start_b, r.start_b + r.length) for r in runs)
    start, end = spans_a[0]
    return PassageLink(
        corpus.place(pa),
        corpus.place(pb),
        pa.block.text[start:end],
        _score(best, corpus.settings.min_run),
        best.length,
        best.distinctive,
        spans_a,
        spans_b,
        basis,
    )


def _disjoint(start: int, other: int, length: int, other_length: int) -> bool:
    return start >= other + other_length or other >= start + length

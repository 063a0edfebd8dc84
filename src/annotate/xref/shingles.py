"""Candidate generation: which shingles are rare, which paragraph pairs share them, where titles appear.

Two passes over the corpus's shingle hashes:

1. A Bloom filter finds the shingles seen in more than one article, so the exact counting dictionary
   only ever holds shared shingles (memory stays proportional to repeated text, not to the archive).
2. Postings (paragraph, offset) of the shared shingles under the rarity cut-off; boilerplate is dropped.
   The same pass notes where a shingle of a reference target's title occurs (title hits).

Then, per rare shingle, its exact article frequency, the rarity-weighted overlap of every article pair
that shares it, and the seeds (offset pairs) of every paragraph pair in different articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .corpus import Corpus, Para

__all__ = ["POS_BITS", "POS_MASK", "Seeds", "ShingleStats", "TitleKeys", "scan"]

POS_BITS = 24  # postings pack (paragraph id, offset) into one int; paragraphs are far below 16M chars
POS_MASK = (1 << POS_BITS) - 1

# Shingle hash → (title target id, offset of the shingle in the title).
TitleKeys = Mapping[int, list[tuple[int, int]]]
# (gid a << 32 | gid b), gid a < gid b → packed (offset in a << POS_BITS | offset in b) of shared rare shingles.
Seeds = dict[int, list[int]]


@dataclass(frozen=True, slots=True)
class ShingleStats:
    """What the scan learnt about the archive, for the passes after it."""

    rare: dict[int, int]  # rare shingle → number of articles it occurs in
    overlap: dict[tuple[int, int], float]  # (article x, article y), x < y → summed weight of shared rare shingles
    distinct: dict[int, int]  # article → distinct shingles in its paragraphs
    title_hits: dict[tuple[int, int], list[int]]  # (paragraph, title target) → implied start of the title


class _Bloom:
    """Two-hash Bloom filter over shingle keys: "seen in an earlier article?" without a set of millions.

    Blocked: both bits of a key lie in the same 64-byte cache line, so a lookup costs one memory access
    even when the table is far larger than the CPU caches (16 bits per item: ~1.5% false positives).
    """

    def __init__(self, items: int) -> None:
        bits = 1 << 16
        while bits < 16 * items and bits < (1 << 30):
            bits <<= 1
        self.mask = bits - 1
        self.bits = bytearray(bits >> 3)

    def seen_before(self, keys: Iterable[int]) -> list[int]:
        """Add ``keys``; return those (probably) added before. One call per article keeps the loop tight."""
        bits, mask = self.bits, self.mask
        out: list[int] = []
        for key in keys:
            i = key & mask
            j = (i & -512) | ((key >> 30) & 511)
            byte_i, bit_i = i >> 3, 1 << (i & 7)
            byte_j, bit_j = j >> 3, 1 << (j & 7)
            if bits[byte_i] & bit_i and bits[byte_j] & bit_j:
                out.append(key)
            else:
                bits[byte_i] |= bit_i
                bits[byte_j] |= bit_j
        return out


def scan(corpus: Corpus, title_keys: TitleKeys) -> tuple[ShingleStats, Seeds]:
    """Both passes and the rare-shingle index. The seeds are returned apart from the statistics so that
    the caller can drop them as soon as the passages are aligned (they are the largest structure)."""
    distinct, shared = _count_shared(corpus)
    postings, title_hits = _collect(corpus, shared, title_keys)
    del shared
    rare, seeds, overlap = _rare_index(corpus, postings)
    del postings
    return ShingleStats(rare, overlap, distinct, title_hits), seeds


def _count_shared(corpus: Corpus) -> tuple[dict[int, int], dict[int, int]]:
    """Distinct shingles per article, and an upper bound (exact or +1) of the article frequency of every
    shingle seen in ≥ 2 articles.

    A Bloom filter remembers shingles already seen; a shingle seen again (or a false positive) enters
    the dictionary. Overcounting by one only widens what pass 2 collects; pass 2 counts exactly.
    """
    by_art: dict[int, list[Para]] = defaultdict(list)
    for para in corpus.paras:
        by_art[para.art].append(para)
    bloom = _Bloom(sum(len(p.keys) for p in corpus.paras))
    distinct: dict[int, int] = {}
    shared: dict[int, int] = {}
    for art, paras in by_art.items():
        keys: set[int] = set()
        for para in paras:
            keys.update(para.keys)
        distinct[art] = len(keys)
        for key in bloom.seen_before(keys):
            shared[key] = shared.get(key, 1) + 1
    return distinct, shared


def _collect(
    corpus: Corpus, shared: dict[int, int], title_keys: TitleKeys
) -> tuple[dict[int, list[int]], dict[tuple[int, int], list[int]]]:
    """Postings of rare shared shingles, and title hits (of any shingle not ignored)."""
    limit = corpus.cutoff + 1
    ignored = corpus.ignored_keys
    postings: dict[int, list[int]] = {}
    title_hits: dict[tuple[int, int], list[int]] = defaultdict(list)
    shared_get, title_get, postings_get = shared.get, title_keys.get, postings.get
    for para in corpus.paras:
        base = para.gid << POS_BITS
        for pos, key in enumerate(para.keys):
            count = shared_get(key)
            if count is None:  # in one article only: can still be part of a title mention
                hits = title_get(key)
                if hits is not None and key not in ignored:
                    for tid, offset in hits:
                        title_hits[(para.gid, tid)].append(pos - offset)
                continue
            if count > limit or key in ignored:
                continue  # boilerplate
            hits = title_get(key)
            if hits is not None:
                for tid, offset in hits:
                    title_hits[(para.gid, tid)].append(pos - offset)
            bucket = postings_get(key)
            if bucket is None:
                postings[key] = [base | pos]
            else:
                bucket.append(base | pos)
    return postings, title_hits


def _rare_index(
    corpus: Corpus, postings: dict[int, list[int]]
) -> tuple[dict[int, int], Seeds, dict[tuple[int, int], float]]:
    """Exact article frequency of each rare shingle, the seeds of every candidate paragraph pair, and
    the rarity-weighted overlap of every article pair."""
    rare: dict[int, int] = {}
    seeds: Seeds = defaultdict(list)
    overlap: dict[tuple[int, int], float] = defaultdict(float)
    paras = corpus.paras
    cap, cutoff = corpus.posting_cap, corpus.cutoff
    for key, bucket in postings.items():
        if len(bucket) > cap:
            continue
        arts = sorted({paras[e >> POS_BITS].art for e in bucket})
        if not 2 <= len(arts) <= cutoff:
            continue
        rare[key] = len(arts)
        w = corpus.weight(len(arts))
        for i, x in enumerate(arts):
            for y in arts[i + 1 :]:
                overlap[(x, y)] += w
        for i, ea in enumerate(bucket):
            pa = paras[ea >> POS_BITS]
            for eb in bucket[i + 1 :]:
                pb = paras[eb >> POS_BITS]
                if pa.art == pb.art:
                    continue
                if pa.gid < pb.gid:
                    seeds[pa.gid << 32 | pb.gid].append(((ea & POS_MASK) << POS_BITS) | (eb & POS_MASK))
                else:
                    seeds[pb.gid << 32 | pa.gid].append(((eb & POS_MASK) << POS_BITS) | (ea & POS_MASK))
    return rare, seeds, overlap

"""Cross-references across the whole archive: parallel passages, document references, related articles.

Bulletins quote themselves: a signed newspaper article and the speech it condenses, a Qiushi excerpt and a
study article built on the same sentences, a meeting report and the notice it adopted. This module finds
those connections on the data model (``Bulletin`` → ``Article`` → ``Block``) and hands the renderer exact
character spans in ``Block.text`` plus the anchors to link to. It never reads files or imports MkDocs
(except :func:`xref_main`, which lazily uses the segmenter).

Method, and why:

* **Normalisation.** Paragraph text is compared with whitespace, punctuation (Unicode categories P*),
  separators and control characters removed, full-width Latin letters and digits folded to ASCII and
  lower-cased. Reprints of the same sentence routinely differ in punctuation (“、” vs “，”, quote styles,
  full vs half width) and punctuation carries nothing distinctive, so keeping it would only break runs and
  create non-distinctive shingles. Symbols (％, ～, ℃) are kept. Every offset reported is mapped back to
  ``Block.text``, so highlights cover the original characters, punctuation inside a run included.
* **Shingles.** Character n-grams (``XrefSettings.shingle`` characters) — no word segmentation needed.
  Each shingle gets a deterministic 61-bit polynomial hash (Python's ``hash(str)`` is salted per
  process and would make results depend on the run).
* **Rarity.** Document frequency is counted over *articles* (a bulletin of fifteen articles already shows
  which formulas are set phrases). Shingles in more than the cut-off number of articles are boilerplate:
  they never seed a candidate and contribute nothing to a run's distinctive length. Formulas such as
  以习近平新时代中国特色社会主义思想为指导 therefore never link, however long they are.
* **Candidates.** An inverted index from rare shingles to (paragraph, offset) postings. Only paragraphs
  that share rare shingles become candidate pairs; all pairs of paragraphs are never compared. A Bloom
  filter finds the shingles seen in more than one article first, so the exact counting dictionary only
  ever holds shared shingles: memory stays proportional to repeated text, not to the archive.
* **Alignment.** Shared rare shingles are seeds on a diagonal of the two normalised strings; each seed is
  extended to the maximal exact common run (seed-and-extend, linear in the run length). This finds the
  longest *distinctive* shared run, where ``SequenceMatcher.find_longest_match`` would return the longest
  run of any kind, boilerplate included.
* **References.** 《…》 titles and unbracketed mentions of another article's title (or of the title of a
  document embedded in an article as a heading) become links to that article or heading.
* **Related articles.** A rarity-weighted containment score over shared rare shingles, combined with
  passage links, references and (optionally) shared glossary terms, each with a Chinese reason.

Cost: every pass is linear in the text, candidate generation is bounded by the document-frequency cut-off
and alignment by the length of the shared runs, so the whole computation grows close to linearly with the
archive (see ``bench/bench_xref.py``).
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from ..model import Article, Block, BlockKind, Bulletin
from .ignore import (
    _SLUG_REF,
    IgnorePair,
    XrefIgnore,
    XrefIgnoreError,
    check_ignore_pairs,
    load_ignore_file,
    parse_ignore,
)
from .results import Mark, PassageLink, Place, Reference, Related, XrefIndex, XrefTarget
from .settings import XrefSettings
from .text import normalize, normalize_with_map, shingle_keys
from .text import span as _span

__all__ = [
    "IgnorePair",
    "Mark",
    "PassageLink",
    "Place",
    "Reference",
    "Related",
    "XrefIgnore",
    "XrefIgnoreError",
    "XrefIndex",
    "XrefSettings",
    "XrefTarget",
    "build_xref",
    "check_ignore_pairs",
    "load_ignore_file",
    "normalize",
    "normalize_with_map",
    "parse_ignore",
    "xref_main",
]

# Blocks that can carry a parallel passage or a reference. Header lines, notes, signatures and source
# lines are metadata, not prose.
LINKABLE = frozenset({BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.CLAUSE, BlockKind.HEADING})

_POS_BITS = 24  # postings pack (paragraph id, offset) into one int; paragraphs are far below 16M chars
_POS_MASK = (1 << _POS_BITS) - 1
_ELLIPSIS = re.compile(r"[…⋯]+|\.{3,}|。{3,}")
_BRACKETED = re.compile(r"《([^《》\n]{1,200})》")


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


# ------------------------------------------------------------------------------------- the computation


@dataclass(slots=True)
class _Para:
    gid: int
    art: int
    block: Block
    norm: str
    keys: array


@dataclass(slots=True)
class _Art:
    gid: int
    bulletin: Bulletin
    article: Article

    @property
    def key(self) -> str:
        return f"{self.bulletin.slug}/{self.article.slug}"


@dataclass(slots=True)
class _TitleTarget:
    tid: int
    art: int
    anchor: str
    norm: str
    heading: str | None
    priority: int  # 0 embedded document heading, 1 article title, 2 document named in an article title
    line: int


@dataclass(slots=True)
class _Run:
    start_a: int
    start_b: int
    length: int
    distinctive: int
    rarity: float


class _Builder:
    """One computation over an archive; see :func:`build_xref`."""

    def __init__(
        self,
        bulletins: Sequence[Bulletin],
        settings: XrefSettings,
        terms_by_article: Mapping[tuple[str, str], set[str]] | None,
    ) -> None:
        self.s = settings
        self.k = settings.shingle
        self.terms = terms_by_article
        self.warnings: list[str] = []
        self.arts: list[_Art] = []
        self.paras: list[_Para] = []
        for bulletin in bulletins:
            for article in bulletin.articles:
                art = _Art(len(self.arts), bulletin, article)
                self.arts.append(art)
                for block in article.blocks:
                    if block.kind in LINKABLE and block.text:
                        norm = normalize(block.text)
                        self.paras.append(_Para(len(self.paras), art.gid, block, norm, shingle_keys(norm, self.k)))
        self.n_articles = max(1, len({p.art for p in self.paras}))  # articles with prose to compare
        self.cutoff = settings.df_cutoff(self.n_articles)
        # A "rare" shingle repeated in more paragraphs than this (within few articles) is a refrain.
        self.posting_cap = 8 * self.cutoff
        self.ignored = self._ignored_keys()
        self.pair_rules = self._pair_rules()
        self.places: dict[int, Place] = {}
        self._art_by_key = {a.key: a.gid for a in self.arts}
        # Filled by the passes, in order (see run()).
        self.distinct: dict[int, int] = {}  # article → distinct shingles in its paragraphs
        self.targets: list[_TitleTarget] = []
        self.title_hits: dict[tuple[int, int], list[int]] = {}
        self.art_overlap: dict[tuple[int, int], float] = defaultdict(float)
        self.link_pairs: list[tuple[int, int]] = []
        self.ref_pairs: list[tuple[int, int]] = []

    # -- setup --------------------------------------------------------------------------------------

    def _ignored_keys(self) -> set[int]:
        keys: set[int] = set()
        for phrase in self.s.ignore_phrases:
            norm = normalize(phrase)
            if len(norm) < self.k:
                self.warnings.append(
                    f"ignore phrase {phrase!r} is shorter than {self.k} characters: it cannot suppress passages"
                )
            keys.update(shingle_keys(norm, self.k))
        return keys

    def _pair_rules(self) -> dict[str, list[tuple[str | None, str, str | None, IgnorePair]]]:
        """Ignore pairs indexed by the article key of their first side (both orientations)."""
        articles = {a.key: a for a in self.arts}
        rules: dict[str, list[tuple[str | None, str, str | None, IgnorePair]]] = defaultdict(list)
        for pair in self.s.ignore_pairs:
            sides = []
            for side in (pair.a, pair.b):
                match = _SLUG_REF.match(side)
                if not match:
                    self.warnings.append(f"{pair.where or 'ignore_pairs'}: {side!r} is not a place")
                    break
                art_key = f"{match.group(1)}/{match.group(2)}"
                anchor = match.group(3)
                art = articles.get(art_key)
                if art is None:
                    self.warnings.append(f"{pair.where or 'ignore_pairs'}: no article {art_key} in the archive")
                elif anchor and not any(b.anchor == anchor for b in art.article.all_blocks):
                    self.warnings.append(f"{pair.where or 'ignore_pairs'}: no anchor #{anchor} in {art_key}")
                sides.append((art_key, anchor))
            if len(sides) != 2:
                continue
            (ka, aa), (kb, ab) = sides
            rules[ka].append((aa, kb, ab, pair))
            rules[kb].append((ab, ka, aa, pair))
        return rules

    def ignored_pair(self, art_a: int, anchor_a: str | None, art_b: int, anchor_b: str | None) -> bool:
        """Does an editor rule forbid linking these places? ``None`` anchors mean whole articles."""
        key_b = self.arts[art_b].key
        for rule_anchor_a, rule_key_b, rule_anchor_b, _ in self.pair_rules.get(self.arts[art_a].key, ()):
            if rule_key_b != key_b:
                continue
            if rule_anchor_a is not None and rule_anchor_a != anchor_a:
                continue
            if rule_anchor_b is not None and rule_anchor_b != anchor_b:
                continue
            return True
        return False

    def place(self, para: _Para) -> Place:
        cached = self.places.get(para.gid)
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
            self.places[para.gid] = cached
        return cached

    def weight(self, df: int) -> float:
        """Smoothed IDF over articles, scaled to 0..1: rarer shingles weigh more."""
        return math.log(1 + self.n_articles / df) / math.log(1 + self.n_articles)

    # -- pass 1: which shingles occur in more than one article -----------------------------------------

    def count_shared(self) -> dict[int, int]:
        """Upper bound (exact or +1) of the article frequency of every shingle seen in ≥ 2 articles.

        A Bloom filter remembers shingles already seen; a shingle seen again (or a false positive) enters
        the dictionary. Overcounting by one only widens what pass 2 collects; pass 2 counts exactly.
        """
        by_art: dict[int, list[_Para]] = defaultdict(list)
        for para in self.paras:
            by_art[para.art].append(para)
        bloom = _Bloom(sum(len(p.keys) for p in self.paras))
        shared: dict[int, int] = {}
        for art, paras in by_art.items():
            keys: set[int] = set()
            for para in paras:
                keys.update(para.keys)
            self.distinct[art] = len(keys)
            for key in bloom.seen_before(keys):
                shared[key] = shared.get(key, 1) + 1
        return shared

    # -- pass 2: postings of rare shared shingles, title hits ------------------------------------------

    def collect(self, shared: dict[int, int], title_keys: dict[int, list[tuple[int, int]]]) -> dict[int, list[int]]:
        limit = self.cutoff + 1
        ignored = self.ignored
        postings: dict[int, list[int]] = {}
        title_hits: dict[tuple[int, int], list[int]] = defaultdict(list)
        shared_get, title_get, postings_get = shared.get, title_keys.get, postings.get
        for para in self.paras:
            base = para.gid << _POS_BITS
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
        self.title_hits = title_hits
        return postings

    def rare_index(self, postings: dict[int, list[int]]) -> tuple[dict[int, int], dict[int, list[int]]]:
        """Exact article frequency of each rare shingle and the seeds of every candidate paragraph pair."""
        rare: dict[int, int] = {}
        seeds: dict[int, list[int]] = defaultdict(list)  # (gid a << 32 | gid b) → packed offsets
        paras = self.paras
        for key, bucket in postings.items():
            if len(bucket) > self.posting_cap:
                continue
            arts = sorted({paras[e >> _POS_BITS].art for e in bucket})
            if not 2 <= len(arts) <= self.cutoff:
                continue
            rare[key] = len(arts)
            w = self.weight(len(arts))
            for i, x in enumerate(arts):
                for y in arts[i + 1 :]:
                    self.art_overlap[(x, y)] += w
            for i, ea in enumerate(bucket):
                pa = paras[ea >> _POS_BITS]
                for eb in bucket[i + 1 :]:
                    pb = paras[eb >> _POS_BITS]
                    if pa.art == pb.art:
                        continue
                    if pa.gid < pb.gid:
                        seeds[pa.gid << 32 | pb.gid].append(((ea & _POS_MASK) << _POS_BITS) | (eb & _POS_MASK))
                    else:
                        seeds[pb.gid << 32 | pa.gid].append(((eb & _POS_MASK) << _POS_BITS) | (ea & _POS_MASK))
        return rare, seeds

    # -- pass 3: alignment ----------------------------------------------------------------------------

    def runs(self, pa: _Para, pb: _Para, seeds: list[int], rare: dict[int, int]) -> list[_Run]:
        """Maximal exact runs through the seeds, with their distinctive length and rarity."""
        sa, sb, k = pa.norm, pb.norm, self.k
        by_diag: dict[int, list[int]] = defaultdict(list)
        for seed in seeds:
            a, b = seed >> _POS_BITS, seed & _POS_MASK
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
                found.append(self._measure(pa, i, j, e - i, rare))
        return found

    def _measure(self, pa: _Para, start_a: int, start_b: int, length: int, rare: dict[int, int]) -> _Run:
        """Distinctive characters (not inside any boilerplate shingle) and mean rarity of a run."""
        k = self.k
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
                total_weight += self.weight(df)
        return _Run(start_a, start_b, length, length - boiler_chars, total_weight / count)

    def score(self, run: _Run) -> float:
        """0..1: grows with the distinctive length (saturating) and with the rarity of the run."""
        length_factor = 1 - math.exp(-run.distinctive / (1.5 * self.s.min_run))
        return round(length_factor * (0.5 + 0.5 * run.rarity), 3)

    def passages(self, seeds: dict[int, list[int]], rare: dict[int, int]) -> list[PassageLink]:
        min_seeds = math.ceil(self.s.min_run / self.k)
        secondary = max(self.k, self.s.min_run // 2)
        candidates: list[tuple[float, int, int, PassageLink]] = []
        for pair, pair_seeds in seeds.items():
            if len(pair_seeds) < min_seeds:
                continue
            ga, gb = pair >> 32, pair & 0xFFFFFFFF
            pa, pb = self.paras[ga], self.paras[gb]
            if self.pair_rules and self.ignored_pair(pa.art, pa.block.anchor, pb.art, pb.block.anchor):
                continue
            # The pair links on its best run; further shared runs of at least half the minimum are
            # highlighted too, so a reworded sentence shows all its shared pieces.
            runs = [r for r in self.runs(pa, pb, pair_seeds, rare) if r.distinctive >= secondary]
            if not any(r.distinctive >= self.s.min_run for r in runs):
                continue
            link = self._link(pa, pb, runs)
            candidates.append((link.score, ga, gb, link))
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        used: dict[int, int] = defaultdict(int)
        kept: list[tuple[int, int, PassageLink]] = []
        cap = self.s.max_links_per_paragraph
        for _, ga, gb, link in candidates:
            if used[ga] >= cap or used[gb] >= cap:
                continue
            used[ga] += 1
            used[gb] += 1
            kept.append((ga, gb, link))
        kept.sort(key=lambda c: (c[0], c[1]))
        self.link_pairs = [(self.paras[ga].art, self.paras[gb].art) for ga, gb, _ in kept]
        return [link for _, _, link in kept]

    def _link(self, pa: _Para, pb: _Para, runs: list[_Run]) -> PassageLink:
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
        spans_a = tuple(_span(index_a, r.start_a, r.start_a + r.length) for r in runs)
        spans_b = tuple(_span(index_b, r.start_b, r.start_b + r.length) for r in runs)
        start, end = spans_a[0]
        return PassageLink(
            self.place(pa),
            self.place(pb),
            pa.block.text[start:end],
            self.score(best),
            best.length,
            best.distinctive,
            spans_a,
            spans_b,
        )

    # -- references ---------------------------------------------------------------------------------

    def title_targets(self) -> None:
        """Every title a paragraph can point to: article titles, embedded document headings, and
        documents named in 《…》 inside an article title (中办印发《关于…的意见》 → that article)."""
        targets: list[_TitleTarget] = []
        ignored = {normalize(p) for p in self.s.ignore_phrases}

        def add(art: _Art, anchor: str, text: str, heading: str | None, priority: int, line: int) -> None:
            norm = normalize(text)
            if len(norm) >= self.s.title_min_chars and norm not in ignored:
                targets.append(_TitleTarget(len(targets), art.gid, anchor, norm, heading, priority, line))

        for art in self.arts:
            article = art.article
            first = article.header[0].line if article.header else (article.blocks[0].line if article.blocks else 0)
            if article.title:
                add(art, "", article.title, None, 1, first)
                for inner in _BRACKETED.findall(article.title):
                    add(art, "", inner, None, 2, first)
            for block in article.headings:
                add(art, block.anchor, block.text, block.text, 0, block.line)
        self.targets = targets
        by_norm: dict[str, list[int]] = defaultdict(list)
        for t in targets:
            by_norm[t.norm].append(t.tid)
        self.by_norm = dict(by_norm)
        self.sorted_norms = sorted(by_norm)
        title_keys: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for t in targets:
            seen: set[int] = set()
            for offset, key in enumerate(shingle_keys(t.norm, self.k)):
                if key not in seen:
                    seen.add(key)
                    title_keys[key].append((t.tid, offset))
        self.title_keys = dict(title_keys)

    def references(self) -> list[Reference]:
        found: dict[tuple[int, int], Reference] = {}  # (paragraph, target article) → best reference
        order: dict[tuple[int, int], tuple[int, int]] = {}
        for para in self.paras:
            if "《" in para.block.text:
                for ref, priority in self._bracketed(para):
                    self._keep(found, order, para, ref, priority)
        for (gid, tid), starts in sorted(self.title_hits.items()):
            para, target = self.paras[gid], self.targets[tid]
            if target.art == para.art:
                continue
            ref = self._unbracketed(para, target, starts)
            if ref is not None:
                self._keep(found, order, para, ref, target.priority + 3)
        slots = sorted(found, key=lambda slot: (slot[0], found[slot].start, slot[1]))
        self.ref_pairs = [(self.paras[gid].art, art) for gid, art in slots]
        return [found[slot] for slot in slots]

    def _art_of(self, target: XrefTarget) -> int:
        return self._art_by_key[f"{target.bulletin}/{target.article}"]

    def _keep(
        self,
        found: dict[tuple[int, int], Reference],
        order: dict[tuple[int, int], tuple[int, int]],
        para: _Para,
        ref: Reference,
        priority: int,
    ) -> None:
        art = self._art_of(ref.target)
        if self.pair_rules and self.ignored_pair(para.art, para.block.anchor, art, ref.target.anchor or None):
            return
        slot = (para.gid, art)
        rank = (priority, ref.start)
        if slot not in order or rank < order[slot]:
            found[slot] = ref
            order[slot] = rank

    def _target(self, t: _TitleTarget) -> XrefTarget:
        art = self.arts[t.art]
        return XrefTarget(
            art.bulletin.slug,
            art.article.slug,
            t.anchor,
            art.article.title,
            art.bulletin.source,
            t.line,
            t.heading,
        )

    def _bracketed(self, para: _Para) -> Iterable[tuple[Reference, int]]:
        text = para.block.text
        for match in _BRACKETED.finditer(text):
            inner = match.group(1)
            norm = normalize(inner)
            exact = True
            tids = self.by_norm.get(norm, [])
            if not tids and _ELLIPSIS.search(inner):
                exact = False
                tids = self._by_ellipsis(inner)
            candidates = sorted(
                (self.targets[t] for t in tids if self.targets[t].art != para.art),
                key=lambda t: (t.priority, t.art, t.line),
            )
            for t in candidates:
                ref = Reference(
                    self.place(para), match.start(), match.end(), match.group(0), self._target(t), exact, True
                )
                yield ref, t.priority if exact else t.priority + 3

    def _by_ellipsis(self, inner: str) -> list[int]:
        """《民进中央关于学习宣传贯彻……的通知》: titles starting and ending with the visible parts."""
        parts = [normalize(p) for p in _ELLIPSIS.split(inner)]
        prefix, suffix = parts[0], parts[-1]
        if len(prefix) + len(suffix) < self.s.title_min_chars // 2 or len(prefix) < 2:
            return []
        out: list[int] = []
        i = bisect.bisect_left(self.sorted_norms, prefix)
        while i < len(self.sorted_norms) and self.sorted_norms[i].startswith(prefix):
            norm = self.sorted_norms[i]
            if norm.endswith(suffix) and len(norm) >= len(prefix) + len(suffix):
                out.extend(self.by_norm[norm])
            i += 1
        return out

    def _unbracketed(self, para: _Para, target: _TitleTarget, starts: list[int]) -> Reference | None:
        """Verify a title seen through its shingles: exact, or (long titles) nearly all of it in order."""
        title = target.norm
        size = len(title)
        needed = max(1, math.ceil(0.3 * (size - self.k + 1)))
        if len(starts) < needed:
            return None
        starts = sorted(starts)
        centre = starts[len(starts) // 2]
        norm = para.norm
        if centre >= 0 and norm[centre : centre + size] == title:
            lo, hi, exact = centre, centre + size, True
        else:
            if size < 2 * self.s.title_min_chars:
                return None
            pad = size // 3 + 1
            w_lo = max(0, centre - pad)
            window = norm[w_lo : centre + size + pad]
            blocks = [
                b for b in SequenceMatcher(None, title, window, autojunk=False).get_matching_blocks() if b.size >= 3
            ]
            if not blocks:
                return None
            matched = sum(b.size for b in blocks)
            lo, hi = w_lo + blocks[0].b, w_lo + blocks[-1].b + blocks[-1].size
            fuzzy = self.s.title_fuzzy
            if matched < fuzzy * size or not fuzzy * size <= hi - lo <= size / fuzzy:
                return None
            exact = False
        _, index = normalize_with_map(para.block.text)
        start, end = _span(index, lo, hi)
        return Reference(self.place(para), start, end, para.block.text[start:end], self._target(target), exact, False)

    # -- related articles ---------------------------------------------------------------------------

    def related(self) -> list[Related]:
        passages: dict[tuple[int, int], int] = defaultdict(int)
        for x, y in self.link_pairs:
            passages[(min(x, y), max(x, y))] += 1
        refs: dict[tuple[int, int], int] = defaultdict(int)
        for x, y in self.ref_pairs:
            refs[(min(x, y), max(x, y))] += 1
        terms, term_df = self._terms()
        pairs = set(self.art_overlap) | set(passages) | set(refs) | self._term_pairs(terms, term_df)
        n = self.n_articles
        by_article: dict[int, list[Related]] = defaultdict(list)
        for x, y in sorted(pairs):
            if self.pair_rules and self.ignored_pair(x, None, y, None):
                continue
            overlap = self.art_overlap.get((x, y), 0.0)
            containment = min(1.0, 3 * overlap / max(1, min(self.distinct.get(x, 0), self.distinct.get(y, 0))))
            shared_terms = sorted(terms.get(x, set()) & terms.get(y, set()), key=lambda t: (term_df[t], t))
            term_sim = 0.0
            if shared_terms:
                w = sum(math.log(1 + n / term_df[t]) / math.log(1 + n) for t in shared_terms)
                term_sim = min(1.0, w / max(1, min(len(terms[x]), len(terms[y]))))
            score = 1 - (1 - containment) * (1 - 0.5 * term_sim) * (1 - (0.3 if refs.get((x, y)) else 0.0))
            score = round(score, 3)
            if score < self.s.related_min_score:
                continue
            reason = _reason(passages.get((x, y), 0), refs.get((x, y), 0), shared_terms)
            for a, b in ((x, y), (y, x)):
                by_article[a].append(
                    Related(
                        self.arts[a].key,
                        self.arts[b].key,
                        score,
                        reason,
                        self.arts[b].article.title,
                        passages.get((x, y), 0),
                        refs.get((x, y), 0),
                        tuple(shared_terms[:8]),
                    )
                )
        out: list[Related] = []
        for a in sorted(by_article):
            ranked = sorted(by_article[a], key=lambda r: (-r.score, self._art_by_key[r.b]))
            out.extend(ranked[: self.s.related_max])
        return out

    def _terms(self) -> tuple[dict[int, set[str]], dict[str, int]]:
        if not self.terms:
            return {}, {}
        terms: dict[int, set[str]] = {}
        df: dict[str, int] = defaultdict(int)
        for art in self.arts:
            found = self.terms.get((art.bulletin.slug, art.article.slug))
            if found:
                terms[art.gid] = set(found)
                for term in found:
                    df[term] += 1
        return terms, dict(df)

    def _term_pairs(self, terms: dict[int, set[str]], df: dict[str, int]) -> set[tuple[int, int]]:
        """Article pairs sharing a glossary term found in at most 50 articles (commoner terms only add
        to pairs found otherwise: listing every pair of a ubiquitous term would be quadratic)."""
        holders: dict[str, list[int]] = defaultdict(list)
        for art in sorted(terms):
            for term in terms[art]:
                if df[term] <= 50:
                    holders[term].append(art)
        pairs: set[tuple[int, int]] = set()
        for arts in holders.values():
            for i, x in enumerate(arts):
                for y in arts[i + 1 :]:
                    pairs.add((x, y))
        return pairs

    # -- driver -------------------------------------------------------------------------------------

    def run(self) -> XrefIndex:
        shared = self.count_shared()
        self.title_targets()
        postings = self.collect(shared, self.title_keys)
        del shared
        rare, seeds = self.rare_index(postings)
        del postings
        links = self.passages(seeds, rare)
        del seeds
        refs = self.references()
        related = self.related()
        return XrefIndex(links, refs, related, self.warnings)


def _disjoint(start: int, other: int, length: int, other_length: int) -> bool:
    return start >= other + other_length or other >= start + length


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
    return _Builder(bulletins, settings or XrefSettings(), terms_by_article).run()


# ------------------------------------------------------------------------------------------------- CLI


def _max_df(value: str) -> float | int:
    number = float(value)
    return int(number) if number >= 1 and number.is_integer() and "." not in value else number


def _format_text(index: XrefIndex) -> str:
    out = [f"{len(index.links)} 处相关段落，{len(index.references)} 处引用，{len(index.related)} 条相关文章"]
    for link in index.links:
        shared = link.shared if len(link.shared) <= 40 else link.shared[:40] + "……"
        out.append(f"段落 {link.a.source}:{link.a.line} ↔ {link.b.source}:{link.b.line}  {link.score:.2f}  {shared}")
    for ref in index.references:
        where = ref.target.heading or ref.target.title
        anchor = f"#{ref.target.anchor}" if ref.target.anchor else ""
        out.append(
            f"引用 {ref.place.source}:{ref.place.line} “{ref.mention}” → "
            f"{ref.target.bulletin}/{ref.target.article}{anchor}  {where}"
        )
    for rel in index.related:
        out.append(f"相关 {rel.a} → {rel.b}  {rel.score:.2f}  {rel.reason}")
    out.extend(f"warning: {w}" for w in index.warnings)
    return "\n".join(out)


def xref_main(argv: Sequence[str] | None = None) -> int:
    """``annotate xref FILE… [--json]``: cross-reference the given bulletins."""
    from ..reader import InputError  # lazy: the segmenter is not needed to use this library
    from ..segment import segment_path

    defaults = XrefSettings()
    parser = argparse.ArgumentParser(
        prog="annotate xref", description="parallel passages, references, related articles"
    )
    parser.add_argument("files", nargs="+", type=Path, help="bulletin text files (the whole archive)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--ignore", type=Path, help="editor ignore list (YAML), e.g. docs/xref-ignore.yml")
    parser.add_argument("--min-run", type=int, default=defaults.min_run)
    parser.add_argument("--shingle", type=int, default=defaults.shingle)
    parser.add_argument("--max-df", type=_max_df, default=defaults.max_df, help="articles (int) or fraction")
    parser.add_argument("--max-links", type=int, default=defaults.max_links_per_paragraph)
    args = parser.parse_args(argv)
    try:
        settings = XrefSettings(
            min_run=args.min_run,
            shingle=args.shingle,
            max_df=args.max_df,
            max_links_per_paragraph=args.max_links,
        )
        if args.ignore:
            if not args.ignore.exists():
                raise FileNotFoundError(f"{args.ignore}: no such file")
            settings = settings.with_ignore(load_ignore_file(args.ignore))
        bulletins = [segment_path(path) for path in args.files]
    except (OSError, ValueError, InputError) as exc:
        print(f"annotate xref: {exc}", file=sys.stderr)
        return 1
    index = build_xref(bulletins, settings)
    if args.json:
        print(json.dumps(index.to_json(), ensure_ascii=False, indent=2))
    else:
        print(_format_text(index))
    return 0

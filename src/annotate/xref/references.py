"""Document references: 《…》 titles and unbracketed mentions of another article's title (or of the title
of a document embedded in an article as a heading) become links to that article or heading.

:class:`TitleIndex` lists every title a paragraph can point to; it is built before the shingle scan,
which notes where the titles' shingles occur (``ShingleStats.title_hits``). :func:`find_references` then
reads 《…》 in every paragraph and verifies each title hit against the paragraph's text.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from .corpus import Art, Corpus, Para
from .results import Reference, XrefTarget
from .text import normalize, normalize_with_map, shingle_keys, span

__all__ = ["References", "TitleIndex", "TitleTarget", "find_references"]

_ELLIPSIS = re.compile(r"[…⋯]+|\.{3,}|。{3,}")
_BRACKETED = re.compile(r"《([^《》\n]{1,200})》")


@dataclass(slots=True)
class TitleTarget:
    tid: int
    art: int
    anchor: str
    norm: str
    heading: str | None
    priority: int  # 0 embedded document heading, 1 article title, 2 document named in an article title
    line: int


@dataclass(frozen=True, slots=True)
class References:
    """The references, by paragraph and offset, and the article pair of each (for related articles)."""

    references: list[Reference]
    article_pairs: list[tuple[int, int]]


class TitleIndex:
    """Every title a paragraph can point to: article titles, embedded document headings, and
    documents named in 《…》 inside an article title (中办印发《关于…的意见》 → that article)."""

    def __init__(self, corpus: Corpus) -> None:
        settings = corpus.settings
        targets: list[TitleTarget] = []
        ignored = {normalize(p) for p in settings.ignore_phrases}

        def add(art: Art, anchor: str, text: str, heading: str | None, priority: int, line: int) -> None:
            norm = normalize(text)
            if len(norm) >= settings.title_min_chars and norm not in ignored:
                targets.append(TitleTarget(len(targets), art.gid, anchor, norm, heading, priority, line))

        for art in corpus.arts:
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
        self.by_norm: dict[str, list[int]] = dict(by_norm)
        self.sorted_norms = sorted(by_norm)
        keys: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for t in targets:
            seen: set[int] = set()
            for offset, key in enumerate(shingle_keys(t.norm, corpus.k)):
                if key not in seen:
                    seen.add(key)
                    keys[key].append((t.tid, offset))
        # Shingle hash → (title id, offset in the title), for the scan to note title hits.
        self.keys: dict[int, list[tuple[int, int]]] = dict(keys)

    def by_ellipsis(self, inner: str, min_chars: int) -> list[int]:
        """《某某委员会关于学习宣传贯彻……的通知》: titles starting and ending with the visible parts."""
        parts = [normalize(p) for p in _ELLIPSIS.split(inner)]
        prefix, suffix = parts[0], parts[-1]
        if len(prefix) + len(suffix) < min_chars // 2 or len(prefix) < 2:
            return []
        out: list[int] = []
        i = bisect.bisect_left(self.sorted_norms, prefix)
        while i < len(self.sorted_norms) and self.sorted_norms[i].startswith(prefix):
            norm = self.sorted_norms[i]
            if norm.endswith(suffix) and len(norm) >= len(prefix) + len(suffix):
                out.extend(self.by_norm[norm])
            i += 1
        return out


def find_references(corpus: Corpus, titles: TitleIndex, title_hits: Mapping[tuple[int, int], list[int]]) -> References:
    """At most one reference per paragraph and target article: the best by priority, then position."""
    found: dict[tuple[int, int], Reference] = {}  # (paragraph, target article) → best reference
    order: dict[tuple[int, int], tuple[int, int]] = {}
    for para in corpus.paras:
        if "《" in para.block.text:
            for ref, priority in _bracketed(corpus, titles, para):
                _keep(corpus, found, order, para, ref, priority)
    for (gid, tid), starts in sorted(title_hits.items()):
        para, target = corpus.paras[gid], titles.targets[tid]
        if target.art == para.art:
            continue
        mention = _unbracketed(corpus, para, target, starts)
        if mention is not None:
            _keep(corpus, found, order, para, mention, target.priority + 3)
    slots = sorted(found, key=lambda slot: (slot[0], found[slot].start, slot[1]))
    article_pairs = [(corpus.paras[gid].art, art) for gid, art in slots]
    return References([found[slot] for slot in slots], article_pairs)


def _keep(
    corpus: Corpus,
    found: dict[tuple[int, int], Reference],
    order: dict[tuple[int, int], tuple[int, int]],
    para: Para,
    ref: Reference,
    priority: int,
) -> None:
    art = corpus.art_by_key[f"{ref.target.bulletin}/{ref.target.article}"]
    if corpus.pair_rules and corpus.ignored_pair(para.art, para.block.anchor, art, ref.target.anchor or None):
        return
    slot = (para.gid, art)
    rank = (priority, ref.start)
    if slot not in order or rank < order[slot]:
        found[slot] = ref
        order[slot] = rank


def _target(corpus: Corpus, t: TitleTarget) -> XrefTarget:
    art = corpus.arts[t.art]
    return XrefTarget(
        art.bulletin.slug,
        art.article.slug,
        t.anchor,
        art.article.title,
        art.bulletin.source,
        t.line,
        t.heading,
    )


def _bracketed(corpus: Corpus, titles: TitleIndex, para: Para) -> Iterable[tuple[Reference, int]]:
    text = para.block.text
    for match in _BRACKETED.finditer(text):
        inner = match.group(1)
        norm = normalize(inner)
        exact = True
        tids = titles.by_norm.get(norm, [])
        if not tids and _ELLIPSIS.search(inner):
            exact = False
            tids = titles.by_ellipsis(inner, corpus.settings.title_min_chars)
        candidates = sorted(
            (titles.targets[t] for t in tids if titles.targets[t].art != para.art),
            key=lambda t: (t.priority, t.art, t.line),
        )
        for t in candidates:
            ref = Reference(
                corpus.place(para), match.start(), match.end(), match.group(0), _target(corpus, t), exact, True
            )
            yield ref, t.priority if exact else t.priority + 3


def _unbracketed(corpus: Corpus, para: Para, target: TitleTarget, starts: list[int]) -> Reference | None:
    """Verify a title seen through its shingles: exact, or (long titles) nearly all of it in order."""
    settings, k = corpus.settings, corpus.k
    title = target.norm
    size = len(title)
    needed = max(1, math.ceil(0.3 * (size - k + 1)))
    if len(starts) < needed:
        return None
    starts = sorted(starts)
    centre = starts[len(starts) // 2]
    norm = para.norm
    if centre >= 0 and norm[centre : centre + size] == title:
        lo, hi, exact = centre, centre + size, True
    else:
        if size < 2 * settings.title_min_chars:
            return None
        pad = size // 3 + 1
        w_lo = max(0, centre - pad)
        window = norm[w_lo : centre + size + pad]
        blocks = [b for b in SequenceMatcher(None, title, window, autojunk=False).get_matching_blocks() if b.size >= 3]
        if not blocks:
            return None
        matched = sum(b.size for b in blocks)
        lo, hi = w_lo + blocks[0].b, w_lo + blocks[-1].b + blocks[-1].size
        fuzzy = settings.title_fuzzy
        if matched < fuzzy * size or not fuzzy * size <= hi - lo <= size / fuzzy:
            return None
        exact = False
    _, index = normalize_with_map(para.block.text)
    start, end = span(index, lo, hi)
    return Reference(corpus.place(para), start, end, para.block.text[start:end], _target(corpus, target), exact, False)

"""Candidate pairs for the hand-made cross-reference gold (tests/data/xref_gold/*.json).

Usage: ``.venv/bin/python tests/data/xref_gold/candidates.py docs/bulletins/2026-03.txt``

Lists every pair of linkable paragraphs in different articles of one bulletin whose comparison forms
(annotate.xref.normalize: punctuation and spaces removed) share a run of at least 20 characters, with the
longest such run and how many articles of the bulletin contain it. It only proposes: an editor reads each
pair and records in the gold whether it must link (a distinctive repeat) or must not (a formula).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "src"))

from annotate.segment import segment_path  # noqa: E402
from annotate.xref import normalize  # noqa: E402
from annotate.xref.corpus import LINKABLE  # noqa: E402

RUN = 20


def longest_common(a: str, b: str) -> str:
    """Longest common substring (dynamic programming over one row; paragraphs are short)."""
    best, best_end = 0, 0
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            if ai == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, best_end = cur[j], i
        prev = cur
    return a[best_end - best : best_end]


def candidates(path: Path) -> list[dict[str, object]]:
    bulletin = segment_path(path)
    paras = [
        (article, block, normalize(block.text))
        for article in bulletin.articles
        for block in article.blocks
        if block.kind in LINKABLE
    ]
    grams: dict[str, set[int]] = {}
    for i, (_, _, norm) in enumerate(paras):
        for s in range(len(norm) - RUN + 1):
            grams.setdefault(norm[s : s + RUN], set()).add(i)
    pairs: set[tuple[int, int]] = set()
    for holders in grams.values():
        ordered = sorted(holders)
        for x in ordered:
            for y in ordered:
                if x < y and paras[x][0].slug != paras[y][0].slug:
                    pairs.add((x, y))
    arts_norm = {a.slug: normalize("".join(b.text for b in a.blocks)) for a in bulletin.articles}
    out = []
    for x, y in sorted(pairs):
        (art_a, block_a, norm_a), (art_b, block_b, norm_b) = paras[x], paras[y]
        run = longest_common(norm_a, norm_b)
        articles = sum(run in text for text in arts_norm.values())
        out.append({
            "a": {"article": art_a.slug, "anchor": block_a.anchor, "line": block_a.line},
            "b": {"article": art_b.slug, "anchor": block_b.anchor, "line": block_b.line},
            "run": run, "length": len(run), "articles_with_run": articles,
        })
    return out


if __name__ == "__main__":
    for item in candidates(Path(sys.argv[1])):
        print(json.dumps(item, ensure_ascii=False))

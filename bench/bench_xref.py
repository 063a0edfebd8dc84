"""Cross-references: recall and precision on the hand-made gold, then speed on 1, 10 and 100 synthetic bulletins.

Usage: ``.venv/bin/python bench/bench_xref.py [--sizes 1 10 100] [--gold-only]``

Gold (``tests/data/xref_gold/*.json``): every pair of paragraphs in different articles of a real bulletin
sharing a run of at least 20 characters, judged by hand as ``link`` (a distinctive repeat), ``no-link``
(a formula) or ``either`` (not counted). Each bulletin is cross-referenced on its own with the default
settings; recall = gold links found / gold links, precision = gold links found / (gold links found +
formula pairs linked); links between pairs the gold does not list are counted apart.

Each synthetic bulletin is built from the March bulletin's paragraphs (one per non-blank line):
paragraphs are recombined from random sentences and about a third of their characters are replaced by
characters drawn from the March text, so every bulletin is distinct text with March's character
statistics. On top of that, each bulletin receives realistic repeats:

* set formulas (以习近平新时代中国特色社会主义思想为指导 …) inserted unchanged into many paragraphs —
  boilerplate that must not link;
* planted shared passages (40–120 characters) copied into two articles, in the same bulletin or in an
  earlier one — parallel passages that must link.

Everything is seeded, so a run is reproducible. Each size runs in its own subprocess so that the peak
RSS printed is that size's own. Generation is not timed; only :func:`annotate.xref.build_xref` is.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from annotate.model import Article, Block, BlockKind, Bulletin  # noqa: E402
from annotate.segment import segment_path  # noqa: E402
from annotate.xref import XrefSettings, build_xref  # noqa: E402

MARCH = ROOT / "docs" / "bulletins" / "2026-03.txt"
GOLD = ROOT / "tests" / "data" / "xref_gold"
FORMULAS = [
    "以习近平新时代中国特色社会主义思想为指导",
    "深入贯彻党的二十大和二十届历次全会精神",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
    "深刻领悟“两个确立”的决定性意义",
    "更加紧密地团结在以习近平同志为核心的党中央周围",
    "是当前和今后一个时期的重大政治任务",
    "履行国有资产出资人职责的部门、机构和其他有关主管部门",
    "全面贯彻习近平总书记关于党的建设的重要思想",
]
ARTICLES_PER_BULLETIN = 15
MUTATION = 0.33  # share of characters replaced: makes each bulletin distinct text
PLANTED_PER_BULLETIN = 6
PUNCTUATION = set("，。、；：？！“”‘’《》（）——…")


def march_material() -> tuple[list[str], list[str]]:
    """Sentences of the March bulletin and its character pool (with frequencies, for mutations)."""
    lines = [line.strip() for line in MARCH.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = [s for line in lines for s in re.findall(r"[^。；！？]+[。；！？]?", line) if len(s) >= 6]
    pool = [ch for line in lines for ch in line if "\u4e00" <= ch <= "\u9fff"]
    return sentences, pool


def mutate(text: str, rng: random.Random, pool: list[str], rate: float) -> str:
    return "".join(rng.choice(pool) if ch not in PUNCTUATION and rng.random() < rate else ch for ch in text)


def paragraph(rng: random.Random, sentences: list[str], pool: list[str]) -> str:
    """A new paragraph: 2–8 random March sentences, mutated, sometimes carrying a formula."""
    parts = [mutate(rng.choice(sentences), rng, pool, MUTATION) for _ in range(rng.randint(2, 8))]
    if rng.random() < 0.25:
        parts.insert(rng.randrange(len(parts) + 1), "要" + rng.choice(FORMULAS) + "，")
    return "".join(parts)


def make_bulletins(count: int) -> tuple[list[Bulletin], int]:
    """``count`` distinct bulletins (seeded) and the number of planted shared passages."""
    sentences, pool = march_material()
    drafts: list[list[list[str]]] = []  # bulletin → article → paragraphs
    for number in range(count):
        rng = random.Random(1000 + number)
        articles = []
        for _ in range(ARTICLES_PER_BULLETIN):
            articles.append([paragraph(rng, sentences, pool) for _ in range(rng.randint(6, 45))])
        drafts.append(articles)
    planted = 0
    for number in range(count):
        rng = random.Random(5000 + number)
        for _ in range(PLANTED_PER_BULLETIN):
            source = rng.choice(sentences) + rng.choice(sentences) + rng.choice(sentences)
            start = rng.randrange(max(1, len(source) - 40))
            passage = mutate(source[start : start + rng.randint(40, 120)], rng, pool, MUTATION)
            other = rng.randrange(number + 1)  # same bulletin or an earlier one
            art_a = rng.randrange(ARTICLES_PER_BULLETIN)
            art_b = rng.randrange(ARTICLES_PER_BULLETIN)
            if other == number and art_a == art_b:
                art_b = (art_b + 1) % ARTICLES_PER_BULLETIN
            for b, a in ((number, art_a), (other, art_b)):
                paras = drafts[b][a]
                i = rng.randrange(len(paras))
                cut = rng.randrange(len(paras[i]) + 1)
                paras[i] = paras[i][:cut] + "。" + passage + "。" + paras[i][cut:]
            planted += 1
    return [to_model(number, articles) for number, articles in enumerate(drafts)], planted


def to_model(number: int, articles: list[list[str]]) -> Bulletin:
    slug = f"synth-{number:03d}"
    line = 1
    out = []
    for index, paras in enumerate(articles, start=1):
        header = [Block(BlockKind.TITLE, (line,), f"第{number}期第{index}篇", anchor=f"p-{line}")]
        blocks = []
        for text in paras:
            line += 2
            blocks.append(Block(BlockKind.PARAGRAPH, (line,), text, anchor=f"p-{line}"))
        line += 2
        out.append(Article(index, f"{index:02d}", header, blocks))
    return Bulletin(f"{slug}.txt", slug, slug, None, None, out)


def rss_mb() -> float:
    """Current resident set size (MB)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def run_one(count: int, max_df: float | int | None = None) -> dict[str, float]:
    bulletins, planted = make_bulletins(count)
    paragraphs = sum(len(a.blocks) for b in bulletins for a in b.articles)
    chars = sum(len(blk.text) for b in bulletins for a in b.articles for blk in a.blocks)
    before = rss_mb()
    start = time.perf_counter()
    index = build_xref(bulletins, XrefSettings() if max_df is None else XrefSettings(max_df=max_df))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "bulletins": count,
        "paragraphs": paragraphs,
        "chars": chars,
        "seconds": seconds,
        "links": len(index.links),
        "planted": planted,
        "references": len(index.references),
        "related": len(index.related),
        "rss_before": before,
        "peak_rss": peak,
    }


Pair = frozenset[tuple[str, int]]  # {(article slug, first line of the paragraph)} × 2


def gold_pairs(path: Path) -> dict[Pair, str]:
    """The gold's pairs with their verdicts (``link``, ``no-link``, ``either``)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {
        frozenset({(p["a"]["article"], p["a"]["line"]), (p["b"]["article"], p["b"]["line"])}): p["verdict"]
        for p in doc["pairs"]
    }


def gold_score(path: Path, settings: XrefSettings | None = None) -> dict[str, object]:
    """Link counts of one gold bulletin: found, missed and wrong links (see the module docstring)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    gold = gold_pairs(path)
    bulletin = segment_path(ROOT / doc["source"])
    index = build_xref([bulletin], settings or XrefSettings())
    made = {frozenset({(link.a.article, link.a.line), (link.b.article, link.b.line)}) for link in index.links}
    wanted = {pair for pair, verdict in gold.items() if verdict == "link"}
    formulas = {pair for pair, verdict in gold.items() if verdict == "no-link"}
    found = made & wanted
    return {
        "gold": path.stem,
        "must_link": len(wanted),
        "found": len(found),
        "formula_links": len(made & formulas),
        "either_links": sum(gold.get(pair) == "either" for pair in made),
        "unlisted_links": len(made - set(gold)),
        "missed": sorted(sorted(pair) for pair in wanted - found),
    }


def print_gold(rows: list[dict[str, object]]) -> None:
    print(f"{'gold':<12} {'must-link':>9} {'found':>6} {'recall':>7} {'formula links':>13} {'precision':>9} "
          f"{'either':>6} {'unlisted':>8}")
    totals = {"must_link": 0, "found": 0, "formula_links": 0}
    for r in rows:
        for key in totals:
            totals[key] += int(str(r[key]))
        print(_gold_line(str(r["gold"]), int(str(r["must_link"])), int(str(r["found"])),
                         int(str(r["formula_links"]))) + f" {r['either_links']:>6} {r['unlisted_links']:>8}")
    print(_gold_line("all", totals["must_link"], totals["found"], totals["formula_links"]))


def _gold_line(name: str, wanted: int, found: int, formulas: int) -> str:
    recall = f"{found / wanted:.2f}" if wanted else "–"
    precision = f"{found / (found + formulas):.2f}" if found + formulas else "–"
    return f"{name:<12} {wanted:>9} {found:>6} {recall:>7} {formulas:>13} {precision:>9}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--max-df", help="rarity threshold: int = articles, float = fraction (default: settings)")
    parser.add_argument("--gold-only", action="store_true", help="print the gold table only")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size, JSON out
    args = parser.parse_args()
    max_df = None if args.max_df is None else (float(args.max_df) if "." in args.max_df else int(args.max_df))
    if args.one is not None:
        print(json.dumps(run_one(args.one, max_df)))
        return 0
    print_gold([gold_score(path) for path in sorted(GOLD.glob("*.json"))])
    if args.gold_only:
        return 0
    print(f"max_df = {XrefSettings().max_df if max_df is None else max_df}")
    rows = []
    for size in args.sizes:
        extra = [] if args.max_df is None else ["--max-df", args.max_df]
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(size), *extra], check=True, capture_output=True, text=True
        )
        rows.append(json.loads(child.stdout))
    header = f"{'bulletins':>9} {'paragraphs':>10} {'characters':>11} {'seconds':>8} {'µs/char':>8} "
    header += f"{'links':>6} {'planted':>7} {'RSS in (MB)':>11} {'peak RSS (MB)':>13}"
    print(header)
    for r in rows:
        print(
            f"{r['bulletins']:>9} {r['paragraphs']:>10} {r['chars']:>11} {r['seconds']:>8.2f} "
            f"{1e6 * r['seconds'] / r['chars']:>8.2f} {r['links']:>6} {r['planted']:>7} "
            f"{r['rss_before']:>11.0f} {r['peak_rss']:>13.0f}"
        )
    by_size = {r["bulletins"]: r for r in rows}
    if 10 in by_size and 100 in by_size:
        small, large = by_size[10], by_size[100]
        print(
            f"ratio 100/10: time ×{large['seconds'] / small['seconds']:.2f} "
            f"for ×{large['chars'] / small['chars']:.2f} characters "
            f"(per character ×{(large['seconds'] / large['chars']) / (small['seconds'] / small['chars']):.2f}; "
            "1.00 = linear)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Segmentation benchmark: every gold bulletin, as it is and re-laid-out in every layout family.

Prints one row per (bulletin, layout): articles gold → found, article-start precision / recall / F1, span F1,
exact-title, kicker and subtitle rates over the gold articles, heading F1, Pk and WindowDiff (0 is perfect),
and whether nothing was lost; then a mean row, and the time to segment 100 bulletins against the time of a
full build of a site made of those same 100 bulletins (the issue's budget: under 5 %). Not a test. Usage::

    .venv/bin/python bench/segmentation.py [--bulletin D] [--layout hardwrap] [--mismatches 5]
                                           [--build-seconds S | --no-build]

Gold bulletins: every ``tests/data/NAME.gold.json`` whose ``NAME.txt`` is in ``tests/data/`` or
``docs/bulletins/`` (the March bulletin). Variants come from ``tests/relayout.py``. The segmenter is imported
from the installed ``annotate`` package (run with the project's virtualenv), so this measures the current code.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import annotate
from annotate.reader import InputError
from annotate.scoring import Score, score
from annotate.segment import segment_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "tests"))  # relayout.py only; annotate itself comes from the installed package

import relayout  # noqa: E402

ALIASES = {"march": "2026-03"}


def gold_bulletins() -> list[tuple[str, Path, Path]]:
    found = []
    for gold in sorted(DATA.glob("*.gold.json")):
        name = gold.name.removesuffix(".gold.json")
        for folder in (DATA, ROOT / "docs" / "bulletins"):
            if (folder / f"{name}.txt").exists():
                found.append((name, folder / f"{name}.txt", gold))
                break
    return found


def wanted(name: str, filters: list[str] | None) -> bool:
    if not filters:
        return True
    for item in filters:
        item = ALIASES.get(item.lower(), item)
        if name == item or name.lower().endswith(f"_{item.lower()}"):
            return True
    return False


def variants(text_path: Path, gold_path: Path, layouts: list[str]) -> list[relayout.Variant]:
    result = []
    if "original" in layouts:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        result.append(relayout.Variant(text_path.stem, "original", text_path.read_bytes().decode("utf-8"), gold))
    try:
        doc = relayout.load(text_path, gold_path)
    except relayout.GoldError as err:  # front matter (bulletin_K): relayout.py re-lays out articles only
        print(f"{text_path.stem}: as delivered only ({err})")
        return result
    result += [relayout.FAMILIES[name](doc) for name in layouts if name != "original"]
    return result


def content_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(relayout.source_lines(text), start=1)
            if line.strip() and not line.strip().startswith("%%")]


COLUMNS = [("bulletin", 11, "<"), ("layout", 15, "<"), ("articles", 9, ">"), ("start P", 8, ">"), ("R", 6, ">"),
           ("F1", 6, ">"), ("span F1", 8, ">"), ("title", 6, ">"), ("kicker", 7, ">"), ("subtitle", 8, ">"),
           ("head F1", 8, ">"), ("Pk", 6, ">"), ("WinDiff", 8, ">"), ("lossless", 9, ">")]
METRICS = ["start_precision", "start_recall", "start_f1", "span_f1", "title_exact", "kicker_accuracy",
           "subtitle_accuracy", "heading_f1", "pk", "windowdiff"]


def row(cells: list[str]) -> str:
    return " ".join(f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, COLUMNS, strict=True))


def build_seconds(args: argparse.Namespace, batch: list[tuple[str, str]]) -> tuple[float | None, str]:
    """A full build (both editions, search, offline zip) of a site whose bulletins are ``batch``: the same
    100 bulletins that were segmented, so the share is segmentation's part of building that archive."""
    if args.build_seconds is not None:
        return args.build_seconds, "given"
    if args.no_build:
        return None, "not measured (--no-build)"
    from sitebuild import make_project, run_build

    with tempfile.TemporaryDirectory() as tmp:
        files = {f"{i:03d}-{Path(source).stem}.txt": text.encode("utf-8") for i, (text, source) in enumerate(batch)}
        project = make_project(Path(tmp), files)
        start = time.perf_counter()
        done = run_build(project, Path(tmp) / "site")
        seconds = time.perf_counter() - start
    if done.returncode:
        return None, f"build failed: {(done.stderr.strip().splitlines() or ['?'])[-1][:100]}"
    return seconds, "mkdocs build of those 100 bulletins, measured now"


def main() -> None:
    parser = argparse.ArgumentParser(description="Segmentation scores of every gold bulletin in every layout.")
    parser.add_argument("--bulletin", action="append", help="only this bulletin (2026-03 or march, D, E, …)")
    parser.add_argument("--layout", action="append", choices=["original", *relayout.FAMILIES],
                        help="only this layout (repeatable)")
    parser.add_argument("--mismatches", type=int, default=0, metavar="N", help="print the first N mismatches per row")
    parser.add_argument("--build-seconds", type=float, help="full build time to compare with, instead of building")
    parser.add_argument("--no-build", action="store_true", help="skip the 100-bulletin build (several minutes)")
    args = parser.parse_args()
    layouts = args.layout or ["original", *relayout.FAMILIES]

    print(f"segmenter: {Path(annotate.__file__).parent}")
    print(row([name for name, _, _ in COLUMNS]))
    scores: list[Score] = []
    texts: list[tuple[str, str]] = []
    failures: dict[str, int] = {}
    for name, text_path, gold_path in gold_bulletins():
        if not wanted(name, args.bulletin):
            continue
        for layout in variants(text_path, gold_path, layouts):
            texts.append((layout.text, f"{layout.name}.txt"))
            try:
                bulletin = segment_text(layout.text, f"{layout.name}.txt")
            except InputError as err:
                print(row([name, layout.family, f"{len(layout.gold['articles'])}→err", *[""] * 11]))
                print(f"    {err}")
                continue
            result = score(bulletin, layout.gold, lines=content_lines(layout.text))
            lossless = relayout.lossless_problem(layout.text, bulletin)
            scores.append(result)
            values = [f"{getattr(result, metric):.3f}" for metric in METRICS]
            print(row([name, layout.family, f"{result.gold_articles}→{result.found_articles}", *values,
                       "ok" if lossless is None else "LOST"]))
            if result.mismatches or lossless:
                failures[layout.family] = failures.get(layout.family, 0) + 1
            for mismatch in result.mismatches[: args.mismatches]:
                print(f"    {mismatch}")
            if args.mismatches and lossless:
                print(f"    {lossless}")
    if not scores:
        print("no bulletin segmented")
        return
    means = [f"{statistics.mean(getattr(s, metric) for s in scores):.3f}" for metric in METRICS]
    gold_total = sum(s.gold_articles for s in scores)
    found_total = sum(s.found_articles for s in scores)
    print(row(["mean", f"{len(scores)} rows", f"{gold_total}→{found_total}", *means, ""]))
    perfect = sum(not s.mismatches for s in scores)
    print(f"rows with no mismatch: {perfect}/{len(scores)}"
          + (f"; failing rows per layout: {dict(sorted(failures.items()))}" if failures else ""))

    # Speed: 100 bulletins (the variants above, repeated), segmentation only, text already decoded.
    batch = [texts[i % len(texts)] for i in range(100)]
    start = time.perf_counter()
    for text, source in batch:
        with contextlib.suppress(InputError):
            segment_text(text, source)
    seconds = time.perf_counter() - start
    size = sum(len(text) for text, _ in batch) / 1e6
    print(f"segmenting 100 bulletins ({size:.1f} M characters): {seconds:.2f} s ({seconds * 10:.0f} ms each)")
    build, how = build_seconds(args, batch)
    if build:
        print(f"full build of a site of the same 100 bulletins: {build:.1f} s ({how}); segmentation = "
              f"{100 * seconds / build:.1f} % of it (budget 5 %)")
    else:
        print(f"full build of a site of the same 100 bulletins: unknown ({how})")


if __name__ == "__main__":
    main()

"""Benchmark of glossary matching: 1,000 terms over about 10 MB of bulletin text.

Not a test (timings belong in a script that prints figures). Everything is deterministic: the
terms and the text mutations come from fixed seeds, so two runs on one machine compare.

    .venv/bin/python bench/bench_terms.py [--megabytes 10] [--terms 1000]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from annotate.glossary import Entry, Glossary, GlossaryError, load_glossary  # noqa: E402
from annotate.terms import TermMatcher, find_candidates, select  # noqa: E402

BULLETIN = ROOT / "docs" / "bulletins" / "2026-03.txt"
GLOSSARY = ROOT / "docs" / "glossary.yml"
HAN = (0x4E00, 0x9FA5)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def real_entries() -> list[Entry]:
    """The real glossary when it exists and is valid, so its forms take part in the overlaps."""
    try:
        return list(load_glossary(GLOSSARY)) if GLOSSARY.exists() else []
    except GlossaryError as exc:
        print(f"(real glossary skipped: {exc})")
        return []


def synthetic_terms(paragraphs: list[str], count: int, taken: set[str], rng: random.Random) -> list[str]:
    """Half are phrases cut out of the bulletin (they occur naturally and overlap each other), half
    are random Han strings (they occur only where the mutation inserts them)."""
    terms: list[str] = []
    runs = [p for p in paragraphs if len(p) >= 8]
    while len(terms) < count // 2:
        paragraph = rng.choice(runs)
        length = rng.randint(2, 8)
        start = rng.randrange(len(paragraph) - length)
        phrase = paragraph[start : start + length]
        if all("\u4e00" <= ch <= "\u9fa5" for ch in phrase) and phrase not in taken:
            taken.add(phrase)
            terms.append(phrase)
    while len(terms) < count:
        phrase = "".join(chr(rng.randint(*HAN)) for _ in range(rng.randint(2, 8)))
        if phrase not in taken:
            taken.add(phrase)
            terms.append(phrase)
    return terms


def mutated_text(paragraphs: list[str], terms: list[str], megabytes: float, rng: random.Random) -> list[str]:
    """Bulletin paragraphs repeated until the size is reached, each copy with a few characters
    swapped and a few terms inserted, so no two copies are identical."""
    target = int(megabytes * 1024 * 1024)
    out: list[str] = []
    size = 0
    while size < target:
        for paragraph in paragraphs:
            chars = list(paragraph)
            for _ in range(len(chars) // 50):
                chars[rng.randrange(len(chars))] = chr(rng.randint(*HAN))
            for _ in range(rng.randint(0, 3)):
                chars.insert(rng.randint(0, len(chars)), rng.choice(terms))
            text = "".join(chars)
            out.append(text)
            size += len(text.encode("utf-8")) + 1
            if size >= target:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--terms", type=int, default=1000)
    args = parser.parse_args()

    rng = random.Random(20260323)
    paragraphs = [line.strip() for line in BULLETIN.read_text(encoding="utf-8").splitlines() if line.strip()]
    entries = real_entries()
    taken = {form for e in entries for form in e.forms}
    synthetic = synthetic_terms(paragraphs, args.terms, taken, rng)
    entries += [
        Entry(term, "formulation", "基准测试条目。", aliases=(f"{term}·简",) if i % 10 == 0 else ())
        for i, term in enumerate(synthetic)
    ]
    texts = mutated_text(
        paragraphs,
        synthetic + [e.term for e in entries[: len(entries) - len(synthetic)]],
        args.megabytes,
        rng,
    )
    total_chars = sum(len(t) for t in texts)
    total_mb = sum(len(t.encode("utf-8")) + 1 for t in texts) / 1024 / 1024
    print(f"text: {total_mb:.1f} MB UTF-8, {total_chars:,} characters, {len(texts):,} paragraphs")
    print(f"peak RSS before building: {peak_rss_mb():.0f} MB")

    start = time.perf_counter()
    glossary = Glossary(entries)
    matcher = TermMatcher(glossary)
    build = time.perf_counter() - start
    print(f"build: {len(glossary):,} entries, {len(glossary.forms):,} forms in {build * 1000:.1f} ms")

    start = time.perf_counter()
    seen: set[str] = set()
    matches = 0
    for text in texts:
        found = matcher.find(text)
        matches += len(found)
        select(found, "first", seen)
    per_paragraph = time.perf_counter() - start
    print(
        f"match per paragraph: {matches:,} matches in {per_paragraph:.2f} s — "
        f"{matches / per_paragraph:,.0f} matches/s, {total_mb / per_paragraph:.1f} MB/s"
    )

    whole = "\n".join(texts)
    start = time.perf_counter()
    one = matcher.find(whole)
    single = time.perf_counter() - start
    print(
        f"match as one string: {len(one):,} matches in {single:.2f} s — "
        f"{len(one) / single:,.0f} matches/s, {total_mb / single:.1f} MB/s"
    )

    bulletin = [(BULLETIN.name, i, t) for i, t in enumerate(BULLETIN.read_text("utf-8").splitlines(), 1)]
    start = time.perf_counter()
    candidates = find_candidates(bulletin, glossary, matcher)
    print(f"candidates in {BULLETIN.name}: {len(candidates)} in {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

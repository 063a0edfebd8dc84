"""Conversion errors of plain OpenCC vs word-by-word conversion, per bulletin, against reviewed references.

Run: .venv/bin/python bench/conversion_errors.py

The references (tests/data/*.s2tw.txt) are the Traditional texts as reviewed by hand: every occurrence of
a one-to-many character was checked in context. An error is one character that differs from the
reference. Where Taiwan accepts two forms (發布/發佈), either counts as right.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import jieba

from annotate.convert import Converter, OpenCCData, load_overrides

ROOT = Path(__file__).resolve().parent.parent
OPENCC = OpenCCData()  # this script's one copy of OpenCC's dictionaries
BULLETINS = {
    "2026-03": (ROOT / "docs/bulletins/2026-03.txt", ROOT / "tests/data/2026-03.s2tw.txt"),
    "bulletin_D": (ROOT / "tests/data/bulletin_D.txt", ROOT / "tests/data/bulletin_D.s2tw.txt"),
}
OVERRIDES = ROOT / "docs/conversion.yml"
# Simplified word → Traditional forms all accepted (Taiwan's MOE writes 發布, OpenCC 發佈).
ACCEPTED = {"发布": ("發布", "發佈"), "公布": ("公布", "公佈")}


def errors(source: str, output: str, reference: str) -> list[int]:
    """Offsets where ``output`` differs from ``reference``, accepted alternatives excepted."""
    if len(output) != len(source) or len(reference) != len(source):
        raise SystemExit("a conversion changed the text length; compare by hand")
    accepted: set[int] = set()
    for word, forms in ACCEPTED.items():
        start = source.find(word)
        while start >= 0:
            if output[start : start + len(word)] in forms and reference[start : start + len(word)] in forms:
                accepted.update(range(start, start + len(word)))
            start = source.find(word, start + 1)
    return [i for i, (a, b) in enumerate(zip(output, reference, strict=True)) if a != b and i not in accepted]


def show(source: str, output: str, offsets: list[int], limit: int = 12) -> str:
    rows = [f"      {source[max(0, i - 4) : i + 5]} → {output[max(0, i - 4) : i + 5]}" for i in offsets[:limit]]
    if len(offsets) > limit:
        rows.append(f"      … {len(offsets) - limit} more")
    return "\n".join(rows)


def lost_phrases(converter: Converter) -> tuple[int, int]:
    """OpenCC phrase entries (with a one-to-many character) that word-by-word conversion renders
    differently when the entry stands alone: the cost of never letting a phrase cross a jieba boundary."""
    ambiguous = OPENCC.one_to_many_chars()
    keys = [k for k in OPENCC.dictionary("STPhrases") if any(ch in ambiguous for ch in k)]
    plain = converter.convert_plain("\n".join(keys)).split("\n")
    split = converter.convert("\n".join(keys)).split("\n")
    return sum(p != w for p, w in zip(plain, split, strict=True)), len(keys)


def main() -> None:
    jieba.setLogLevel(logging.WARNING)
    table = load_overrides(OVERRIDES)
    variants = {
        "plain OpenCC s2tw": Converter(overrides={}, word_by_word=False),
        "word-by-word, jieba cut only": Converter(overrides={}, phrase_run=0),
        "word-by-word, HMM on": Converter(overrides={}, hmm=True),
        "word-by-word (default)": Converter(overrides={}),
        "plain OpenCC + overrides": Converter(overrides=table, word_by_word=False),
        "word-by-word + overrides (default)": Converter(overrides=table),
    }
    for converter in variants.values():
        converter.convert("预热")  # load jieba before timing
    print(f"override table: {len(table)} entries ({OVERRIDES.relative_to(ROOT)})")
    for name, (source_path, reference_path) in BULLETINS.items():
        source = source_path.read_text(encoding="utf-8-sig")
        reference = reference_path.read_text(encoding="utf-8")
        ambiguous = sum(ch in OPENCC.one_to_many_chars() for ch in source)
        print(f"\n{name}: {len(source)} characters, {ambiguous} one-to-many characters")
        for label, converter in variants.items():
            started = time.perf_counter()
            output = converter.convert_plain(source) if label == "plain OpenCC s2tw" else converter.convert(source)
            seconds = time.perf_counter() - started
            bad = errors(source, output, reference)
            print(f"  {label:36} {len(bad):3} errors   ({seconds * 1000:6.0f} ms)")
            if bad and label != "plain OpenCC s2tw":
                print(show(source, output, bad))
    print("\nOpenCC phrase entries rendered differently when split by jieba (entry standing alone):")
    for label in ("word-by-word, jieba cut only", "word-by-word, HMM on", "word-by-word (default)"):
        lost, total = lost_phrases(variants[label])
        print(f"  {label:36} {lost} of {total}")


if __name__ == "__main__":
    main()

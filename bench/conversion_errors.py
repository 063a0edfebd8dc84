"""Conversion errors per reviewed reference text: plain OpenCC, word by word, each class rule, the final method.

Run: .venv/bin/python bench/conversion_errors.py [--table FILE] [--show N]
     .venv/bin/python bench/conversion_errors.py --lexicon 岳 岳   (what a character reading changes in jieba's
                                                                 dictionary, weighted by frequency)

The references (tests/data/*.s2tw.txt, described in tests/data/s2tw_references.md) are Taiwan-standard
Traditional texts reviewed by hand, phrase by phrase. An error is one character that differs from the
reference; a phrase is a word of jieba's plain dictionary cut that holds a one-to-many character (or holds an
error). Forms Taiwan writes two ways (tests/data/s2tw_accepted.yml) count as right either way.

"Words two ways" runs every text of the table through one FormLedger, as one build of the archive would: the
words that got more than one Traditional form.

bulletin_F's reference was made before the class rules existed and is kept out of every lexicon: it is the
held-out text. March is the text docs/conversion.yml was once fitted to; bulletin_D is a development text.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jieba
import opencc

from annotate.convert import Converter, OpenCCData, glossary_words, jieba_dict_path, load_overrides, write_config
from annotate.convert.compare import Score, load_accepted, phrases, score
from annotate.convert.consistency import FormLedger
from annotate.glossary import load_glossary

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests/data"
# Every reviewed reference: name → (input, reference). Add a new one here and in the golden test's list.
REFERENCES = {
    "2026-03": (ROOT / "docs/bulletins/2026-03.txt", DATA / "2026-03.s2tw.txt"),
    "bulletin_D": (DATA / "bulletin_D.txt", DATA / "bulletin_D.s2tw.txt"),
    "bulletin_F": (DATA / "bulletin_F.txt", DATA / "bulletin_F.s2tw.txt"),
}
ACCEPTED = DATA / "s2tw_accepted.yml"
OVERRIDES = ROOT / "docs/conversion.yml"
GLOSSARY = ROOT / "docs/glossary.yml"


def read(path: Path) -> str:
    """Text as the converter sees a bulletin: BOM dropped, line ends as Python's universal newlines."""
    return path.read_text(encoding="utf-8-sig")


def variants(table: dict[str, str]) -> dict[str, tuple[Converter, bool]]:
    """label → (converter, plain?). Each class rule alone on top of word-by-word, then all together."""
    words = glossary_words(load_glossary(GLOSSARY)) if GLOSSARY.exists() else []
    bare: dict[str, object] = {"overrides": {}, "readings": {}, "pair_words": False}
    return {
        "plain OpenCC s2tw": (Converter(overrides={}, readings={}, pair_words=False), True),
        "word-by-word (no rules, no table)": (Converter(**bare), False),  # type: ignore[arg-type]
        "  + news readings": (Converter(overrides={}, pair_words=False), False),
        "  + dictionary pairs": (Converter(overrides={}, readings={}), False),
        "  + readings + pairs": (Converter(overrides={}), False),
        "final (+ table + glossary forms)": (Converter(overrides=table, words=words), False),
    }


def lexicon(char: str, form: str) -> None:
    """What a character reading ``char → form`` changes among jieba's dictionary words, by frequency."""
    config = write_config("s2tw", {char: form}, Path("/tmp/annotate-bench-lexicon"))
    before, after = opencc.OpenCC("s2tw.json"), opencc.OpenCC(str(config))
    rows = []
    with jieba_dict_path().open(encoding="utf-8") as handle:
        for row in handle:
            word, freq, pos = row.split()
            if char in word:
                rows.append((int(freq), word, pos))
    rows.sort(reverse=True)
    a = before.convert("\n".join(r[1] for r in rows)).split("\n")
    b = after.convert("\n".join(r[1] for r in rows)).split("\n")
    changed = [(f, w, p, x, y) for (f, w, p), x, y in zip(rows, a, b, strict=True) if x != y]
    total = sum(r[0] for r in rows)
    print(f"{char}→{form}: {len(changed)} of {len(rows)} dictionary words change, "
          f"frequency {sum(c[0] for c in changed)} of {total}")
    for f, w, p, x, y in changed:
        print(f"  {f:6} {w}/{p}: {x} → {y}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--table", type=Path, default=OVERRIDES, help="override table of the final method")
    parser.add_argument("--show", type=int, default=12, help="wrong phrases listed per text and method")
    parser.add_argument("--lexicon", nargs=2, metavar=("CHAR", "FORM"))
    args = parser.parse_args(argv)
    jieba.setLogLevel(logging.WARNING)
    if args.lexicon:
        lexicon(*args.lexicon)
        return 0
    table = load_overrides(args.table)
    accepted = load_accepted(ACCEPTED)
    opencc_data = OpenCCData()
    ambiguous = opencc_data.one_to_many_chars()
    cutter = jieba.Tokenizer()  # the fixed phrase cut: jieba's dictionary only, no user words, no HMM
    cut: Callable[[str], list[str]] = lambda line: cutter.lcut(line, HMM=False)  # noqa: E731
    found = variants(table)
    for converter, _plain in found.values():
        converter.convert("预热")  # load jieba before timing
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    print(f"commit {commit.stdout.strip()}; table {args.table} ({len(table)} entries); accepted forms {len(accepted)}")
    totals: dict[str, list[int]] = {label: [0, 0, 0, 0] for label in found}
    ledgers = {label: FormLedger(converter) for label, (converter, _) in found.items()}
    details: list[str] = []
    for name, (source_path, reference_path) in REFERENCES.items():
        source, reference = read(source_path), read(reference_path)
        words = phrases(source, cut)
        print(f"\n{name}: {len(source)} characters, {sum(c in ambiguous for c in source)} one-to-many")
        print(f"  {'method':36} {'errors':>6} {'/2000':>6} {'phrases wrong':>13} {'% right':>8} {'ms':>6}")
        for label, (converter, plain) in found.items():
            started = time.perf_counter()
            output = converter.convert_plain(source) if plain else converter.convert(source)
            ms = (time.perf_counter() - started) * 1000
            ledgers[label].record(source, output)
            result: Score = score(source, output, reference, words, ambiguous, accepted)
            t = totals[label]
            t[0] += len(result.errors)
            t[1] += result.characters
            t[2] += len(result.wrong_phrases)
            t[3] += result.checked_phrases
            print(f"  {label:36} {len(result.errors):6} {result.per_2000:6.2f} "
                  f"{len(result.wrong_phrases):6}/{result.checked_phrases:<6} {result.phrases_right:8.2f} {ms:6.0f}")
            if result.wrong_phrases and not plain:
                rows = [f"    {p.context}: {p.output} (reference {p.reference})" for p in result.wrong_phrases]
                more = len(rows) - args.show
                details.append(f"  {name}, {label.strip()}:\n" + "\n".join(rows[: args.show])
                               + (f"\n    … {more} more" if more > 0 else ""))
    print(f"\nall references: {'method':28} {'errors':>6} {'/2000':>6} {'phrases wrong':>13} {'% right':>8} "
          f"{'words two ways':>15}")
    for label, (errors, chars, wrong, checked) in totals.items():
        conflicts = ledgers[label].conflicts()
        print(f"  {label:42} {errors:6} {errors * 2000 / chars:6.2f} {wrong:6}/{checked:<6} "
              f"{100 * (checked - wrong) / checked:8.2f} {len(conflicts):15}")
    print("\nwrong phrases (word-by-word and after):")
    print("\n".join(details) if details else "  none")
    print("\nwords converted two ways in one run over all references:")
    for label in found:
        conflicts = ledgers[label].conflicts()
        if conflicts:
            listed = ", ".join(f"{w} {'/'.join(f)}" for w, f in list(conflicts.items())[:10])
            print(f"  {label.strip()}: {listed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How many of the converter's real errors the editorial report puts in front of the reviewer.

Run: .venv/bin/python bench/report_risk_recall.py

For every bulletin with a reviewed Traditional reference (tests/data/*.s2tw.txt, the March bulletin's
under its date), the report's converter (profile, docs/conversion.yml, glossary forms: exactly what the
Traditional edition uses) converts the bulletin; an error is a character that differs from the reference
(accepted alternatives of tests/data/s2tw_accepted.yml excepted). The report's conversion review is then
ranked by risk (annotate.report.conversion_risk) with the bulletin added to the archive, and an error counts
as shown when its position belongs to a group among the first 10 / 30 lines (the report's summary shows 30).

A second row per bulletin uses neither the override table nor the converter's packaged readings: the errors
an editor had to find before either existed, a harder and larger test of the ranking.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import jieba
import yaml

from annotate.convert import Converter, default_cache_dir, glossary_words
from annotate.edition import make_converter
from annotate.report.conversion_risk import RiskGroup, RiskRanker
from annotate.settings import ConfigFile
from annotate.site import bulletin_files, load_site_glossary

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests/data"
ACCEPTED = DATA / "s2tw_accepted.yml"  # words Taiwan writes two ways: either form counts as right
SUMMARY_LINES = 30
TOPS = (10, SUMMARY_LINES)


@dataclass(frozen=True, slots=True)
class Row:
    bulletin: str
    table: str
    characters: int
    queue: int
    groups: int
    errors: int
    in_queue: int
    shown: dict[int, int]  # top N -> errors shown


def accepted_forms() -> dict[str, tuple[str, ...]]:
    """``简体: [繁體, 繁體]`` from tests/data/s2tw_accepted.yml (none when the file is missing)."""
    if not ACCEPTED.is_file():
        return {}
    data = yaml.safe_load(ACCEPTED.read_text(encoding="utf-8")) or {}
    return {str(k): tuple(str(f) for f in v) for k, v in data.items()}


def errors(source: str, output: str, reference: str, accepted: dict[str, tuple[str, ...]]) -> list[int]:
    """Offsets where ``output`` differs from ``reference``, except inside an accepted word where both use
    one of its listed forms (bench/conversion_errors.py counts the same way)."""
    if not len(source) == len(output) == len(reference):
        raise SystemExit("a conversion changed the text length; compare by hand")
    excused: set[int] = set()
    for word, forms in accepted.items():
        start = source.find(word)
        while start >= 0:
            end = start + len(word)
            if output[start:end] in forms and reference[start:end] in forms:
                excused.update(range(start, end))
            start = source.find(word, start + 1)
    return [i for i, (a, b) in enumerate(zip(output, reference, strict=True)) if a != b and i not in excused]


def references() -> list[tuple[str, Path, Path]]:
    """(name, source, reference) for every reviewed reference that exists now."""
    found = []
    for reference in sorted(DATA.glob("*.s2tw.txt")):
        name = reference.name.removesuffix(".s2tw.txt")
        source = DATA / f"{name}.txt"
        if not source.is_file():
            source = ROOT / "docs/bulletins" / f"{name}.txt"
        if source.is_file():
            found.append((name, source, reference))
    return found


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")


def measure(name: str, source: Path, reference: Path, converter: Converter, table: str,
            archive: list[str]) -> Row:
    text_lines = lines_of(source)
    text = "\n".join(text_lines)
    wanted = reference.read_text(encoding="utf-8").replace("\r\n", "\n")
    output = converter.convert(text)
    wrong = errors(text, output, wanted, accepted_forms())
    starts, offset = [], 0
    for line in text_lines:
        starts.append(offset)
        offset += len(line) + 1
    ranker = RiskRanker(converter)
    seen = ranker.occurrences(name, [(n, line) for n, line in enumerate(text_lines, start=1) if line.strip()])
    groups: list[RiskGroup] = ranker.rank(seen, [*archive, *text_lines])
    position = {(p.line, p.column): rank for rank, g in enumerate(groups) for p in g.places}
    queued = [position.get(_line_column(starts, e)) for e in wrong]
    return Row(
        name, table, len(text), len(seen), len(groups), len(wrong), sum(q is not None for q in queued),
        {top: sum(q is not None and q < top for q in queued) for top in TOPS},
    )


def _line_column(starts: list[int], offset: int) -> tuple[int, int]:
    line = max(k for k, s in enumerate(starts) if s <= offset)
    return line + 1, offset - starts[line] + 1


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    —  "


def main() -> None:
    jieba.setLogLevel(logging.WARNING)
    found = ConfigFile.read(ROOT / "mkdocs.yml")
    docs, settings = ROOT / found.docs_dir, found.settings
    glossary = load_site_glossary(docs, settings)
    with_table = make_converter(docs, settings.conversion, glossary, default_cache_dir())
    words = glossary_words(glossary) if glossary is not None else []
    # Neither the editor's table nor the converter's packaged readings (convert/readings.yml): the errors a
    # reviewer had to find before either existed.
    without = Converter(settings.conversion.profile, {}, words, readings={})
    archive_files = bulletin_files(docs, settings)
    rows: list[Row] = []
    for name, source, reference in references():
        archive = [line for f in archive_files if f.resolve() != source.resolve() for line in lines_of(f)]
        rows.append(measure(name, source, reference, with_table, "conversion.yml", archive))
        rows.append(measure(name, source, reference, without, "none, no readings", archive))
    header = (f"{'bulletin':12} {'overrides':18} {'chars':>6} {'queue':>6} {'lines':>6} {'errors':>6} "
              f"{'queued':>6} {'top 10':>14} {'top 30':>14}")
    print(header)
    print("-" * len(header))
    for r in rows:
        tops = " ".join(f"{r.shown[t]:4} {percent(r.shown[t], r.errors)}" for t in TOPS)
        print(f"{r.bulletin:12} {r.table:18} {r.characters:6} {r.queue:6} {r.groups:6} {r.errors:6} "
              f"{r.in_queue:6} {tops}")
    for table in ("conversion.yml", "none, no readings"):
        chosen = [r for r in rows if r.table == table]
        total = sum(r.errors for r in chosen)
        shown = sum(r.shown[SUMMARY_LINES] for r in chosen)
        print(f"all, overrides {table}: {shown} of {total} errors in the top {SUMMARY_LINES} lines "
              f"({percent(shown, total).strip()}; target 80 %)")


if __name__ == "__main__":
    main()

"""OpenCC-style golden test: every reviewed reference ``tests/data/X.s2tw.txt`` against the conversion of its
input (``tests/data/X.txt``, or ``docs/bulletins/X.txt`` for the March bulletin) by the project's converter.

The converter must reproduce each reference except the differences listed, each with its reason, in
``tests/data/s2tw_known_differences.yml``; a new difference fails, and so does a listed one that is fixed.
Across all references together no word may be converted two ways (one build of the archive)."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest
import yaml

from annotate.convert import Converter, FormLedger, OpenCCData, glossary_words
from annotate.convert.compare import load_accepted, phrases, score
from annotate.glossary import load_glossary

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
KNOWN = DATA / "s2tw_known_differences.yml"
ACCEPTED = DATA / "s2tw_accepted.yml"


def references() -> dict[str, tuple[Path, Path]]:
    """name → (input, reference) for every ``*.s2tw.txt`` in tests/data."""
    found = {}
    for reference in sorted(DATA.glob("*.s2tw.txt")):
        name = reference.name.removesuffix(".s2tw.txt")
        source = DATA / f"{name}.txt"
        found[name] = (source if source.exists() else ROOT / "docs" / "bulletins" / f"{name}.txt", reference)
    return found


REFERENCES = references()
Difference = tuple[str, str, str, str]  # (text, context, output, reference)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


@pytest.fixture(scope="module")
def converter(tmp_path_factory: pytest.TempPathFactory) -> Converter:
    """The project's converter, as the build makes it: docs/conversion.yml and the glossary's forms."""
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    return Converter.from_files("s2tw", ROOT / "docs" / "conversion.yml", glossary_words(glossary),
                                cache_dir=tmp_path_factory.mktemp("golden"))


@pytest.fixture(scope="module")
def outputs(converter: Converter) -> dict[str, str]:
    return {name: converter.convert(read(source)) for name, (source, _) in REFERENCES.items()}


def known() -> dict[Difference, str]:
    rows = yaml.safe_load(KNOWN.read_text(encoding="utf-8")) or []
    listed = {}
    for row in rows:
        assert str(row.get("reason", "")).strip(), f"{row}: every known difference says why"
        listed[(row["text"], row["context"], row["output"], row["reference"])] = row["reason"]
    return listed


def test_every_reference_is_checked() -> None:
    assert {"2026-03", "bulletin_D", "bulletin_F"} <= set(REFERENCES)
    for source, reference in REFERENCES.values():
        assert source.exists(), source
        assert len(read(source)) == len(read(reference)), reference


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_conversion_matches_reviewed_reference(name: str, outputs: dict[str, str]) -> None:
    source_path, reference_path = REFERENCES[name]
    source, reference = read(source_path), read(reference_path)
    cutter = jieba.Tokenizer()
    words = phrases(source, lambda line: cutter.lcut(line, HMM=False))
    result = score(source, outputs[name], reference, words, OpenCCData().one_to_many_chars(), load_accepted(ACCEPTED))
    found = {(name, p.context, p.output, p.reference) for p in result.wrong_phrases}
    listed = {key for key in known() if key[0] == name}
    assert not found - listed, f"new differences from {reference_path.name}: {sorted(found - listed)}"
    assert not listed - found, f"fixed (remove from {KNOWN.name}): {sorted(listed - found)}"
    # Every character error lies in one of the listed phrases.
    assert len(result.errors) <= sum(len(key[2]) for key in listed)


def test_known_differences_name_real_references() -> None:
    for text, context, output, reference in known():
        assert text in REFERENCES
        source = read(REFERENCES[text][0]).replace("\r", "").replace("\n", "⏎")
        assert context in source and len(output) == len(reference) and output != reference


def test_no_word_converted_two_ways_across_the_references(converter: Converter, outputs: dict[str, str]) -> None:
    ledger = FormLedger(converter)
    for name, (source, _) in REFERENCES.items():
        ledger.record(read(source), outputs[name])
    assert ledger.conflicts() == {}

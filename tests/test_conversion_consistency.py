"""One word, one form: the ledger of the forms each word got in one build, and the build's count of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotate.convert import Converter, FormLedger


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ledger-cache")


def test_plain_opencc_converts_one_word_two_ways(cache_dir: Path) -> None:
    """Plain OpenCC (the converter without word-by-word cutting) writes 干部 as 幹部 alone and as 乾部 inside
    好干部 (its phrase 好干 straddles the word): the ledger reports the word with both forms."""
    plain = Converter(overrides={}, word_by_word=False, cache_dir=cache_dir)
    ledger = FormLedger(plain)
    for text in ("干部", "好干部", "干部"):
        ledger.record(text, plain.convert_plain(text))
    assert ledger.conflicts() == {"干部": ["乾部", "幹部"]}


def test_word_by_word_converts_it_one_way(cache_dir: Path) -> None:
    converter = Converter(cache_dir=cache_dir)
    ledger = FormLedger(converter)
    for text in ("干部", "好干部", "广播电视总台", "总台发布"):
        assert ledger.record(text, converter.convert(text)) == converter.convert(text)
    assert ledger.conflicts() == {}


def test_override_sites_are_the_editors_choice(cache_dir: Path) -> None:
    """A word inside an override key is not counted: there the editor chose the form."""
    converter = Converter(overrides={"好干部": "好乾部"}, cache_dir=cache_dir)
    ledger = FormLedger(converter)
    for text in ("干部", "好干部"):
        ledger.record(text, converter.convert(text))
    assert converter.convert("好干部") == "好乾部" and ledger.conflicts() == {}


def test_the_march_build_converts_no_word_two_ways(march_site: Path) -> None:
    """The build counts the words it converted two ways (and warns about each, which fails --strict)."""
    stats = march_site.parent / "project" / ".cache" / "annotate" / "build-stats.json"
    counters = json.loads(stats.read_text(encoding="utf-8"))["counters"]
    assert counters["words converted two ways"] == 0

"""The converter's class rules as data: the PRC-news readings (readings.yml) and the dictionary pairs
(dictionary_pairs.txt). Each is checked for form, for reasons, and against OpenCC's own phrase table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from annotate.convert import Converter, OpenCCData, load_pairs, load_readings
from annotate.convert.readings import READINGS_PATH

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("readings-cache")


def test_every_reading_says_why() -> None:
    entries = [ln for ln in READINGS_PATH.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    assert len(entries) == len(load_readings()) > 0
    for line in entries:
        key, _, rest = line.partition(":")
        _value, hash_, reason = rest.partition("#")
        assert hash_ and len(reason.strip()) > 10, f"{key}: say which sense the news has and why"


def test_every_reading_changes_what_opencc_writes(cache_dir: Path) -> None:
    # The word as OpenCC sees it inside a jieba word (干的 in 干的事), so without cutting.
    bare = Converter(overrides={}, readings={}, pair_words=False, word_by_word=False, cache_dir=cache_dir)
    ruled = Converter(overrides={}, pair_words=False, word_by_word=False, cache_dir=cache_dir)
    for key, value in load_readings().items():
        assert bare.convert(key) != value, f"{key}: OpenCC already writes {value}; the entry is dead weight"
        assert ruled.convert(key) == value


def test_readings_leave_the_longer_opencc_phrases_alone(cache_dir: Path) -> None:
    """A reading applies to its word; every longer OpenCC phrase that holds the word keeps OpenCC's form
    (不准确 stays 不準確, 五岳 stays 五嶽), unless it is itself a reading."""
    readings = load_readings()
    phrases = OpenCCData().dictionary("STPhrases")
    bare = Converter(overrides={}, readings={}, pair_words=False, word_by_word=False, cache_dir=cache_dir)
    ruled = Converter(overrides={}, pair_words=False, word_by_word=False, cache_dir=cache_dir)
    longer = sorted(p for p in phrases if p not in readings and any(k in p and k != p for k in readings))
    assert {"不准确", "五岳", "说不准"} <= set(longer)
    text = "\n".join(longer)
    assert ruled.convert(text) == bare.convert(text)


def test_news_readings_in_context(cache_dir: Path) -> None:
    conv = Converter(overrides={}, cache_dir=cache_dir)
    assert conv.convert("不准有下列行为，说不准，不准确") == "不准有下列行為，說不準，不準確"
    assert conv.convert("中央广播电视总台发布") == "中央廣播電視總臺發佈"
    assert conv.convert("河北省委书记倪岳峰，登五岳") == "河北省委書記倪岳峰，登五嶽"
    assert conv.convert("我们干的事，织密扎牢安全网") == "我們幹的事，織密紮牢安全網"


def test_dictionary_pairs_join_two_one_character_words(cache_dir: Path) -> None:
    pairs = Converter(overrides={}, readings={}, cache_dir=cache_dir)
    none = Converter(overrides={}, readings={}, pair_words=False, cache_dir=cache_dir)
    assert none.words("整治内卷式竞争")[1:3] == ["内", "卷"]  # jieba cuts the rare noun
    assert "内卷" in pairs.words("整治内卷式竞争")
    assert (pairs.convert("内卷式"), none.convert("内卷式")) == ("內捲式", "內卷式")
    # Not joined: pairs no dictionary noun covers, the traps of two-character phrase runs.
    kept_apart = {"干与不干": "幹與不幹", "不干比干": "不幹比幹", "对标对表": "對標對表", "能扎好针吗": "能扎好針嗎"}
    for text, right in kept_apart.items():
        assert pairs.convert(text) == right


def test_dictionary_pairs_file_is_what_the_generator_writes() -> None:
    """The committed data matches the installed jieba and OpenCC (regenerate: bench/make_dictionary_pairs.py)."""
    spec = importlib.util.spec_from_file_location("make_pairs", ROOT / "bench" / "make_dictionary_pairs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generated = set(module.pairs())
    assert generated == load_pairs()
    assert "内卷" in generated and not {"扎好", "比干", "对表", "干与"} & generated
